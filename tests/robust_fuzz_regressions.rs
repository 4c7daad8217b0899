//! Issue 3, fuzzing: the `parse_model` fuzz target's pipeline (parse as HCL and as JSON →
//! model → analyze → layout → render) run over the hand-written seeds in `fuzz/seeds/` and over
//! inputs of the kinds the fuzzer mutates towards (truncations, stray bytes, broken escapes).
//! Any input that ever crashes the fuzzer is added here by name, minimised.

use std::path::Path;
use zumen::catalog::Catalog;
use zumen::parse::{self, ParsedModule, ParsedTree};
use zumen::theme::Theme;
use zumen::{analyze, layout, model, render};

/// The body of `fuzz/fuzz_targets/parse_model.rs`, on a 2 MiB stack.
fn run_pipeline(data: Vec<u8>) {
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
            let model = model::build(&tree, None, "t");
            let analysis = analyze::analyze(&model, &Catalog::builtin());
            let Some(theme) = Theme::builtin("default") else { return };
            for diagram in &analysis.diagrams {
                if let Ok(scene) = layout::layout(diagram) {
                    let _ = render::svg(&scene, &theme, &diagram.title);
                }
            }
        })
        .expect("spawn");
    assert!(handle.join().is_ok(), "pipeline panicked");
}

#[test]
fn every_seed_and_every_prefix_of_it() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut count = 0;
    for entry in std::fs::read_dir(&seeds).expect("fuzz/seeds") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("seed");
        // Truncation at every char boundary: unterminated strings, heredocs, blocks, escapes.
        for cut in (0..=bytes.len()).step_by(7) {
            run_pipeline(bytes[..cut].to_vec());
        }
        run_pipeline(bytes);
        count += 1;
    }
    assert!(count >= 5, "expected the curated seeds, found {count}");
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
