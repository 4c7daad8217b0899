#!/usr/bin/env node
// Conformance of zumen's HCL parser against HashiCorp's (through @cdktf/hcl2json, a WebAssembly
// build of the Go parser). Usage:
//
//   npm install --prefix /tmp/hcl2json @cdktf/hcl2json
//   cargo build --release --bin zumen-dump
//   node scripts/conformance.mjs FOLDER [--verbose] [--json REPORT.json]
//
// Environment: HCL2JSON (default /tmp/hcl2json/node_modules/@cdktf/hcl2json),
// ZUMEN_DUMP (default target/release/zumen-dump next to this script's repository).
//
// Every `.tf` file under FOLDER (hidden folders and .terraform/ skipped) lands in one class:
//   agree          both accept, identical JSON
//   agree-loose    both accept, differing only in how non-literal expressions are written
//                  (spacing, comments, redundant number spelling) with the same references
//   disagree       both accept, but structure, a literal value or the references differ
//   zumen-rejects  hcl2json accepts, zumen reports a syntax error       (target: 0)
//   zumen-panic    zumen crashed on the file                            (target: 0)
//   hcl2json-rejects / both-reject
// See docs/robustness.md for what is compared and why.

import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const hcl2json = require(process.env.HCL2JSON ?? "/tmp/hcl2json/node_modules/@cdktf/hcl2json");
const dumpBin = process.env.ZUMEN_DUMP ?? path.join(here, "..", "target", "release", "zumen-dump");

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith("--"));
const verbose = args.includes("--verbose");
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : null;
if (!folder) {
  console.error("usage: node scripts/conformance.mjs FOLDER [--verbose] [--json REPORT.json]");
  process.exit(2);
}

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith(".tf")) out.push(p);
  }
  return out;
}

// zumen over the whole folder in one process; if it crashes, file by file to find the culprit.
function zumenAll(files) {
  const run = (p) => JSON.parse(execFileSync(dumpBin, [p], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] }));
  try {
    return run(folder);
  } catch (e) {
    console.error(`zumen-dump failed on the folder (${String(e).split("\n")[0]}); retrying file by file`);
    const out = {};
    for (const f of files) {
      const key = path.relative(folder, f).split(path.sep).join("/");
      try {
        out[key] = run(f);
      } catch (err) {
        out[key] = { "!panic": String(err.stderr ?? err).slice(0, 500) };
      }
    }
    return out;
  }
}

// ---- loose comparison of expression text -------------------------------------------------

// Removes comments and whitespace outside string literals, and the `~` strip markers.
function squeeze(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === "\\" ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j;
    } else if (c === "#" || (c === "/" && s[i + 1] === "/")) {
      while (i < s.length && s[i] !== "\n") i++;
    } else if (c === "/" && s[i + 1] === "*") {
      const end = s.indexOf("*/", i + 2);
      i = end < 0 ? s.length : end + 1;
    } else if (!/\s/.test(c) && c !== "~") {
      out += c;
    }
  }
  return out;
}

// Splits a template string into literal text and `${…}` / `%{…}` sequences.
function templateParts(s) {
  const parts = [];
  let lit = "";
  for (let i = 0; i < s.length; i++) {
    if ((s[i] === "$" || s[i] === "%") && s[i + 1] === s[i] && s[i + 2] === "{") {
      lit += s.slice(i, i + 3);
      i += 2;
    } else if ((s[i] === "$" || s[i] === "%") && s[i + 1] === "{") {
      let depth = 0;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '"') {
          j++;
          while (j < s.length && s[j] !== '"') j += s[j] === "\\" ? 2 : 1;
        } else if (s[j] === "{") depth++;
        else if (s[j] === "}" && --depth === 0) break;
      }
      if (lit) parts.push({ lit });
      lit = "";
      parts.push({ kind: s[i], expr: squeeze(s.slice(i + 2, j)), raw: s.slice(i + 2, j) });
      i = j;
    } else lit += s[i];
  }
  if (lit) parts.push({ lit });
  return parts;
}

// Index of the closing quote of the string opening at `i`, stepping over `${ … }` and `%{ … }`
// sequences, which may hold strings of their own.
function stringEnd(s, i) {
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === "\\") j += 2;
    else if (s[j] === '"') return j;
    else if ((s[j] === "$" || s[j] === "%") && s[j + 1] === s[j] && s[j + 2] === "{") j += 3;
    else if ((s[j] === "$" || s[j] === "%") && s[j + 1] === "{") {
      let depth = 1;
      j += 2;
      while (j < s.length && depth > 0) {
        if (s[j] === '"') j = stringEnd(s, j);
        else if (s[j] === "{") depth++;
        else if (s[j] === "}") depth--;
        j++;
      }
    } else j++;
  }
  return j;
}

// The tokens that carry meaning in an expression's text: references (`a.b.c`, legacy `.0`
// indexes read as `[0]`), string literal contents (not object keys, which may be quoted on one
// side and bare on the other) and numbers (by value). Spacing, commas, comments, `=` vs `:`
// and line breaks are ignored.
function tokens(text) {
  let s = text.replace(/\.\*/g, "[*]");
  // Legacy index `a.0` → `a[0]`, but never inside a number such as `2.0`.
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/([A-Za-z_][\w-]*(?:\[\d+\])?)\.(\d+)\b/g, "$1[$2]");
  }
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      const start = i;
      const j = stringEnd(s, i);
      const content = s.slice(i + 1, j);
      i = j;
      const rest = s.slice(j + 1).trimStart();
      // `"k" = v` and `"k" : v` are object keys, but in `c ? "a" : "b"` the colon is the ternary's.
      const before = s.slice(0, start).trimEnd().slice(-1);
      const isKey = (rest[0] === "=" && rest[1] !== "=") || (rest[0] === ":" && before !== "?");
      if (!isKey) out.push("s:" + content.replace(/\s+/g, ""));
    } else if (c === "#" || (c === "/" && s[i + 1] === "/")) {
      while (i < s.length && s[i] !== "\n") i++;
    } else if (c === "/" && s[i + 1] === "*") {
      const end = s.indexOf("*/", i + 2);
      i = end < 0 ? s.length : end + 1;
    } else if (/[0-9]/.test(c) && !/[\w.]/.test(s[i - 1] ?? " ")) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(i));
      out.push("n:" + Number(m[0]));
      i += m[0].length - 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_*][\w-]*|\[[0-9]+\]|\[\*\])*/.exec(s.slice(i));
      if (m[0].includes(".")) out.push("r:" + m[0]);
      i += m[0].length - 1;
    }
  }
  return out.join(" ");
}

// Classifies two differing strings: "loose" when only the spelling of expressions differs.
function compareStrings(a, b) {
  const pa = templateParts(a);
  const pb = templateParts(b);
  const hasDirective = pa.some((p) => p.kind === "%") || pb.some((p) => p.kind === "%");
  const flat = (ps) => ps.map((p) => (p.lit !== undefined ? p.lit : `${p.kind}{${p.expr}}`)).join("");
  // Strip markers (`~`) trim literal whitespace in HashiCorp's tree but not in our source text.
  const norm = (s) => (hasDirective ? s.replace(/\s+/g, "") : s);
  if (norm(flat(pa)) === norm(flat(pb))) return "loose";
  const lits = (ps) => norm(ps.filter((p) => p.lit !== undefined).map((p) => p.lit).join(""));
  // A heredoc inside an expression is verbatim on HashiCorp's side, a quoted string on ours:
  // only references are compared then.
  const heredoc = /<<-?[A-Za-z]/.test(a);
  const allRefs = (raw) =>
    [...new Set(raw.replace(/\.\*/g, "[*]").match(/[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+/g) ?? [])].sort().join(" ");
  const toks = (ps) =>
    ps
      .filter((p) => p.raw !== undefined)
      .map((p) => (heredoc ? allRefs(p.raw) : tokens(p.raw)))
      .join(" | ");
  if (lits(pa) === lits(pb) && toks(pa) === toks(pb)) return "loose";
  return "differ";
}

// Walks both values; returns { strict, loose: [paths], differ: [paths with details] }.
function compare(a, b, at, diff) {
  if (typeof a === "string" && typeof b === "string") {
    if (a === b) return;
    if (compareStrings(a, b) === "loose") diff.loose.push(at);
    else diff.differ.push(`${at}: hcl2json ${JSON.stringify(a)} vs zumen ${JSON.stringify(b)}`);
    return;
  }
  if (typeof a === "number" && typeof b === "number") {
    if (a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b))) return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) diff.differ.push(`${at}: ${a.length} items vs ${b.length}`);
    else a.forEach((x, i) => compare(x, b[i], `${at}[${i}]`, diff));
    return;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      if (!(k in a)) diff.differ.push(`${at}.${k}: only in zumen`);
      else if (!(k in b)) diff.differ.push(`${at}.${k}: only in hcl2json`);
      else compare(a[k], b[k], `${at}.${k}`, diff);
    }
    return;
  }
  if (a !== b) diff.differ.push(`${at}: hcl2json ${JSON.stringify(a)} vs zumen ${JSON.stringify(b)}`);
}

// ---- main -------------------------------------------------------------------------------

const files = walk(folder, []).sort();
const zumen = zumenAll(files);
const totals = { files: 0, agree: 0, "agree-loose": 0, disagree: 0, "zumen-rejects": 0, "zumen-panic": 0, "hcl2json-rejects": 0, "both-reject": 0 };
const report = [];
for (const f of files) {
  const key = path.relative(folder, f).split(path.sep).join("/");
  let ref;
  let refError = null;
  try {
    ref = await hcl2json.parse(key, fs.readFileSync(f, "utf8"));
  } catch (e) {
    refError = String(e).split("\n")[0];
  }
  const z = zumen[key];
  let cls;
  const diff = { loose: [], differ: [] };
  if (z && "!panic" in z) cls = "zumen-panic";
  else if (z === undefined || "!error" in z) cls = refError ? "both-reject" : "zumen-rejects";
  else if (refError) cls = "hcl2json-rejects";
  else {
    compare(ref, z, "", diff);
    cls = diff.differ.length ? "disagree" : diff.loose.length ? "agree-loose" : "agree";
  }
  totals.files++;
  totals[cls]++;
  const entry = { file: key, class: cls };
  if (cls === "disagree") entry.differ = diff.differ.slice(0, 20);
  if (cls === "zumen-rejects" || cls === "zumen-panic") entry.zumen = (z?.["!error"] ?? z?.["!panic"] ?? "missing").split("\n")[0];
  if (cls === "hcl2json-rejects") entry.hcl2json = refError;
  if (verbose && cls === "agree-loose") entry.loose = diff.loose.slice(0, 5);
  report.push(entry);
  if (!["agree", "agree-loose", "both-reject"].includes(cls) || verbose) {
    console.log(`${cls.padEnd(17)} ${key}`);
    for (const d of entry.differ ?? []) console.log(`    ${d}`);
    if (entry.zumen) console.log(`    zumen: ${entry.zumen}`);
    if (entry.hcl2json) console.log(`    hcl2json: ${entry.hcl2json}`);
    for (const d of entry.loose ?? []) console.log(`    loose: ${d}`);
  }
}
const both = totals.agree + totals["agree-loose"] + totals.disagree;
console.log(
  `\nfiles ${totals.files}: both accept ${both} (agree ${totals.agree}, agree-loose ${totals["agree-loose"]}, ` +
    `disagree ${totals.disagree}); zumen rejects but hcl2json accepts ${totals["zumen-rejects"]}; ` +
    `zumen panics ${totals["zumen-panic"]}; hcl2json rejects but zumen accepts ${totals["hcl2json-rejects"]}; ` +
    `both reject ${totals["both-reject"]}`,
);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ folder, totals, report }, null, 1));
process.exit(totals.disagree + totals["zumen-rejects"] + totals["zumen-panic"] > 0 ? 1 : 0);
