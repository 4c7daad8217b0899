//! Issue 3, fuzzing: the `parse_model` fuzz target's pipeline (parse as HCL, as JSON and as a
//! `zumen.toml` sidecar → model → analyze → layout → render → documents) run over the
//! hand-written seeds in `fuzz/seeds/`, over the minimised corpus a fuzz run grew from them
//! (`fuzz/regressions/`), and over inputs of the kinds the fuzzer mutates towards (truncations,
//! stray bytes, broken escapes). Any input that ever crashes the fuzzer is added here, minimised.

use std::path::Path;
use zumen::catalog::Catalog;
use zumen::doc::{self, RenderedDiagram};
use zumen::model::sidecar::Sidecar;
use zumen::parse::{self, ParsedModule, ParsedTree};
use zumen::theme::Theme;
use zumen::{analyze, layout, model, render};

/// The body of `fuzz/fuzz_targets/parse_model.rs`, on a 2 MiB stack. Returns the number of
/// diagram nodes rendered, so callers can check that the inputs carry something to draw.
fn run_pipeline(data: Vec<u8>) -> usize {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let text = String::from_utf8_lossy(&data);
            let mut tree = ParsedTree::default();
            let mut files = Vec::new();
            for (display, json) in [("main.tf", false), ("main.tf.json", true)] {
                match parse::parse_text(display, &text, json) {
                    Ok(file) => files.push(file),
                    Err(diagnostic) => tree.diagnostics.push(diagnostic),
                }
            }
            tree.modules.push(ParsedModule { address: String::new(), dir: String::new(), files });
            let sidecar = Sidecar::parse("zumen.toml", &text).ok();
            let model = model::build(&tree, sidecar.as_ref(), "t");
            let analysis = analyze::analyze(&model, &Catalog::builtin());
            let theme = Theme::builtin("default").expect("default theme");
            let mut svgs = Vec::new();
            for diagram in &analysis.diagrams {
                if let Ok(scene) = layout::layout(diagram) {
                    svgs.push((diagram.id.clone(), diagram.title.clone(), render::svg(&scene, &theme, &diagram.title)));
                }
            }
            let rendered: Vec<RenderedDiagram<'_>> =
                svgs.iter().map(|(id, title, svg)| RenderedDiagram { id, title, svg }).collect();
            let documents = doc::documents(&model, &analysis, &rendered, &theme, true, true);
            assert!(documents.iter().any(|a| a.path.ends_with("DESIGN.md")), "DESIGN.md written");
            let _ = doc::json(&model, &analysis);
            rendered.iter().map(|d| d.svg.matches("<g class=\"node ").count()).sum()
        })
        .expect("spawn");
    handle.join().expect("pipeline panicked")
}

#[test]
fn every_seed_and_every_prefix_of_it() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut count = 0;
    let mut drawn = Vec::new();
    for entry in std::fs::read_dir(&seeds).expect("fuzz/seeds") {
        let path = entry.expect("entry").path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(&path).expect("seed");
        // Truncation at every char boundary: unterminated strings, heredocs, blocks, escapes.
        for cut in (0..=bytes.len()).step_by(7) {
            run_pipeline(bytes[..cut].to_vec());
        }
        if run_pipeline(bytes) > 0 {
            drawn.push(name);
        }
        count += 1;
    }
    assert!(count >= 7, "expected the curated seeds, found {count}");
    // The other seeds are about syntax (escapes, templates, repairs, block shapes) and hold no
    // resource; these three must come out the far end with something drawn.
    drawn.sort();
    assert_eq!(drawn, ["main.tf.json", "module.tf", "resources.tf"]);
}

#[test]
fn hostile_bytes() {
    let inputs: &[&[u8]] = &[
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe\x00",
        b"a = \"\\u{110000}\"\n",
        b"a = \"\\uD800\"\n",
        b"a = \"\\U0010FFFF\\U00110000\"\n",
        b"a = <<EOT\n",
        b"a = <<-\n",
        b"a = \"${\n",
        b"a = \"%{ for x in }\"\n",
        b"a = \"%{ if }%{ endfor }\"\n",
        b"resource \"a\" \"b\" \"c\" \"d\" {}\n",
        b"module \"m\" { source = \"./\\u0000\" }\n",
        b"module \"m\" { source = \"../../../../../../../../../../../../../../../../../..\" }\n",
        b"x = 1e999999\ny = -1e999999\nz = 0x10\n",
        b"x = 18446744073709551616\n",
        b"locals { a = local.a }\noutput \"o\" { value = local.a }\n",
        b"{\"resource\": {\"a\": {\"b\": [{\"c\": [[[[[[[]]]]]]]}]}}}",
        b"{\"resource\": [1, \"x\", null, {\"a\": 1}]}",
        b"{\"module\": {\"m\": {\"source\": \"${\"}}}",
        b"{\"locals\": {\"a\": \"${local.a}\"}, \"//\": {\"//\": 1}}",
        b"resource \"aws_instance\" \"x\" { count = -1 }\nresource \"aws_instance\" \"y\" { count = 1e300 }\n",
        b"resource \"aws_instance\" \"x\" { for_each = { for i in range(100000000) : i => i } }\n",
        b"\r\r\r\n\n\x0b\x0c\x1b[31m a = 1",
        "变量 = \"\u{202e}evil\u{202c}\"\n".as_bytes(),
    ];
    for input in inputs {
        run_pipeline(input.to_vec());
    }
}

/// The fuzzer's minimised corpus, grown from `fuzz/seeds/` only (see docs/robustness.md): every
/// input that reached new code in a run, kept so that a regression in any of those paths shows
/// up in `cargo test` without running the fuzzer.
#[test]
fn minimised_fuzz_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut count = 0;
    let mut rendered = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("corpus input");
        if run_pipeline(bytes) > 0 {
            rendered += 1;
        }
        count += 1;
    }
    // Most mutants are broken HCL that ends in diagnostics (and an empty diagram); 49 of the 881
    // kept today still draw resources, so render and the documents are exercised with content.
    assert!(count >= 800, "expected the minimised corpus, found {count} inputs");
    assert!(rendered >= 40, "corpus inputs drawing nodes: {rendered} of {count}");
}
