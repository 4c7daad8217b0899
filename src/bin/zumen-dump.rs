//! `zumen-dump FILE|DIR`: prints zumen's parse of Terraform files in the JSON shape of
//! `@cdktf/hcl2json`, for `scripts/conformance.mjs` and `scripts/bench-peers.sh`.
//!
//! For a file: its JSON. For a folder: one object keyed by path (relative to the folder, forward
//! slashes) of every `.tf` file below it, each either the file's JSON or `{"!error": message}` (`!` cannot start an HCL name).
//! Hidden folders and `.terraform/` are skipped. Files are parsed in parallel.
//!
//! `zumen-dump --model DIR`: parse and model as `zumen build` does (the root, its local modules
//! followed, files parsed in parallel, references resolved), then print a one-line summary of the
//! model. `scripts/bench-peers.sh` times this as zumen's "parse + model" process.

use rayon::prelude::*;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zumen::parse::{dump::to_hcl2json, parse_text};

/// mimalloc instead of the system allocator: parsing and modelling allocate many small,
/// short-lived values (perf showed glibc malloc/free at ~30 % of a 1,200-file parse + model).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let Some(arg) = std::env::args_os().nth(1) else {
        eprintln!("usage: zumen-dump FILE|DIR | zumen-dump --model DIR");
        return ExitCode::from(2);
    };
    if arg == "--model" {
        let Some(dir) = std::env::args_os().nth(2) else {
            eprintln!("usage: zumen-dump --model DIR");
            return ExitCode::from(2);
        };
        return match zumen::build::model_only(Path::new(&dir), None) {
            Ok(model) => {
                println!(
                    "{{\"items\":{},\"references\":{},\"diagnostics\":{}}}",
                    model.items.len(),
                    model.references.len(),
                    model.diagnostics.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("zumen-dump: {e:#}");
                ExitCode::from(1)
            }
        };
    }
    let path = PathBuf::from(arg);
    let out = if path.is_dir() {
        let mut files = Vec::new();
        collect(&path, &mut files);
        files.sort();
        let results: Vec<(String, Value)> = files
            .par_iter()
            .map(|f| {
                let key = f.strip_prefix(&path).unwrap_or(f).to_string_lossy().replace('\\', "/");
                (key, dump(f))
            })
            .collect();
        Value::Object(results.into_iter().collect::<Map<_, _>>())
    } else {
        dump(&path)
    };
    // One buffered write: stdout is line-buffered and the JSON is one long line.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match serde_json::to_writer(&mut stdout, &out).map_err(std::io::Error::from).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zumen-dump: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

fn dump(path: &Path) -> Value {
    let display = path.to_string_lossy();
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => return error("file is not valid UTF-8"),
        },
        Err(e) => return error(&format!("cannot read: {e}")),
    };
    match parse_text(&display, &text, display.ends_with(".json")) {
        Ok(file) => to_hcl2json(&file.body),
        Err(d) => error(&d.render()),
    }
}

fn error(message: &str) -> Value {
    let mut map = Map::new();
    map.insert("!error".into(), Value::String(message.into()));
    Value::Object(map)
}

/// Every `.tf` file below `dir` (not `.tf.json`: hcl2json reads native syntax only).
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        // Symlinks are not followed: a link loop must not recurse forever.
        if kind.is_dir() {
            collect(&path, out);
        } else if kind.is_file() && name.ends_with(".tf") {
            out.push(path);
        }
    }
}
