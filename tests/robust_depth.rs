//! Issue 3, "never blow the stack": 10,000 levels of nesting of every recursive construct end
//! in a diagnostic or a graceful result, on the default 2 MiB thread stack.

use zumen::catalog::Catalog;
use zumen::diagnostic::Diagnostic;
use zumen::parse::{self, ParsedFile, ParsedModule, ParsedTree};
use zumen::{analyze, model};

const LEVELS: usize = 10_000;

/// Runs `f` on a thread with the default 2 MiB stack, so a stack overflow aborts the test
/// process instead of passing thanks to a big main-thread stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new().stack_size(2 << 20).spawn(f).expect("spawn test thread");
    handle.join().expect("test thread panicked")
}

/// Parses `text` and, when it parses, models and analyses it: every stage must survive.
fn survives(text: String) -> Result<(), Diagnostic> {
    on_small_stack(move || {
        let parsed: Result<ParsedFile, Diagnostic> = parse::parse_text("deep.tf", &text, false);
        let file = parsed?;
        let tree = ParsedTree {
            modules: vec![ParsedModule { address: String::new(), dir: String::new(), files: vec![file] }],
            diagnostics: Vec::new(),
        };
        let m = model::build(&tree, None, "deep");
        let _ = analyze::analyze(&m, &Catalog::builtin());
        Ok(())
    })
}

fn nested(open: &str, inner: &str, close: &str) -> String {
    format!("x = {}{inner}{}\n", open.repeat(LEVELS), close.repeat(LEVELS))
}

/// hcl-edit refuses nesting deeper than 64 levels with a syntax error of its own, which the
/// parse stage reports with file, line and column: no pre-check of ours is needed.
fn assert_depth_error(result: Result<(), Diagnostic>) {
    let Err(d) = result else { panic!("10,000 levels of nesting were accepted") };
    assert_eq!(d.code, "syntax", "{}", d.message);
    assert!(d.message.contains("nesting depth"), "{}", d.message);
    assert!(d.location.is_some(), "{}", d.message);
}

#[test]
fn parentheses() {
    assert_depth_error(survives(nested("(", "1", ")")));
}

#[test]
fn lists() {
    assert_depth_error(survives(nested("[", "1", "]")));
}

#[test]
fn objects() {
    assert_depth_error(survives(nested("{a=", "1", "}")));
}

#[test]
fn function_calls() {
    assert_depth_error(survives(nested("f(", "1", ")")));
}

#[test]
fn unary_operators() {
    assert_depth_error(survives(nested("!", "true", "")));
}

#[test]
fn binary_operators() {
    // hcl-edit caps a chain at 128 operators, also with a syntax error.
    let Err(d) = survives(format!("x = {}1\n", "1 + ".repeat(LEVELS))) else { panic!("accepted") };
    assert_eq!(d.code, "syntax");
    assert!(d.message.contains("chained binary operators"), "{}", d.message);
    // Up to the cap it parses, and the model's converter (capped at 128 levels) copes.
    assert!(survives(format!("x = {}1\n", "1 + ".repeat(120))).is_ok());
}

#[test]
fn conditionals() {
    assert_depth_error(survives(format!("x = {}1{}\n", "c ? 1 : ".repeat(LEVELS), "")));
}

#[test]
fn templates() {
    assert_depth_error(survives(nested("\"${", "1", "}\"")));
}

#[test]
fn index_traversals() {
    assert!(survives(format!("x = a{}\n", "[0]".repeat(LEVELS))).is_ok());
    assert!(survives(format!("x = a{}\n", ".b".repeat(10 * LEVELS))).is_ok());
}

#[test]
fn nested_blocks() {
    let text = format!("{}{}\n", "b {\n".repeat(LEVELS), "}\n".repeat(LEVELS));
    assert_depth_error(survives(text));
}
