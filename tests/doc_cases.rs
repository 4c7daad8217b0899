//! Doc stage on real parsed input: the shared cases in `../shared/cases/<id>/` whose CASE.md has
//! document expectations, run through parse → model → analyze → doc (no layout: these pin the
//! documents, the diagrams have their own tests).

mod common;
mod doc_support;

use zumen::analyze::analyze;
use zumen::catalog::Catalog;
use zumen::doc;
use zumen::theme::Theme;

struct Docs {
    md: String,
    html: String,
    json: String,
}

fn docs(case: &str) -> Docs {
    docs_of(common::case_model(case))
}

fn docs_of(model: zumen::model::Model) -> Docs {
    let analysis = analyze(&model, &Catalog::builtin());
    let text = |a: zumen::output::Artifact| String::from_utf8(a.bytes).expect("documents are UTF-8");
    Docs {
        md: text(doc::markdown(&model, &analysis, &[])),
        html: text(doc::html(&model, &analysis, &[], &Theme::default())),
        json: text(doc::json(&model, &analysis)),
    }
}

fn unescaped_pipes(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\')).count()
}

/// Every Markdown table row has as many unescaped `|` as its header row.
fn assert_tables_consistent(md: &str) {
    let mut header: Option<usize> = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let n = unescaped_pipes(line);
        match header {
            None => header = Some(n),
            Some(h) => assert_eq!(n, h, "column count differs from the header: {line}"),
        }
    }
}

fn row<'a>(md: &'a str, start: &str) -> &'a str {
    md.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no row starting {start} in:\n{md}"))
}

fn assert_no_cr(d: &Docs) {
    for text in [&d.md, &d.html, &d.json] {
        assert!(!text.contains('\r'), "carriage return in output");
    }
}

#[test]
fn case_001_pipes_escaped_in_tables_and_literal_in_html() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("001");
    assert_tables_consistent(&d.md);
    assert!(row(&d.md, "| `storage_replication`").contains("pick one of LRS \\| GRS \\| ZRS"));
    assert!(row(&d.md, "| `token_probe_command`").contains("`grep -c token app.log \\| head -n 1`"));
    assert!(row(&d.md, "| `probe_id`").contains("Identifier \\| used by the dashboard"));
    assert!(d.html.contains("How data is copied between zones; pick one of LRS | GRS | ZRS"));
    assert!(!d.html.contains("\\|"));
}

#[test]
fn case_004_crlf_heredoc_description_is_one_row() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("004");
    assert_no_cr(&d);
    assert_tables_consistent(&d.md);
    let greeting = row(&d.md, "| `greeting`");
    assert!(greeting.contains("First line of a multi-line description"), "{greeting}");
    assert!(greeting.contains("second line of the same description"), "{greeting}");
    assert!(d.md.contains("- **Defined in:** `main.tf:18`"));
}

#[test]
fn case_012_unicode_names_kept_verbatim() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("012");
    assert!(d.md.contains("`azuread_group.équipe_réseau`"));
    assert!(d.md.contains("Nom affiché du groupe « sécurité »"));
    assert!(d.html.contains("<meta charset=\"utf-8\">"));
    assert!(d.html.contains("azuread_group.équipe_réseau"));
    assert!(d.md.contains("- **Imported:** yes"));
    assert_eq!(d.md.matches("#### `azuread_group.équipe_réseau`").count(), 1);
}

#[test]
fn case_013_heredoc_paragraphs_without_code_block_indent() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("013");
    let motd = row(&d.md, "| `motd`");
    assert!(motd.contains("| First paragraph of the description.<br><br>Second paragraph"), "{motd}");
    assert!(d.md.lines().all(|l| !l.starts_with("    ")));
    assert_tables_consistent(&d.md);
}

#[test]
fn case_014_optional_type_text_and_default() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("014");
    let rule = row(&d.md, "| `network_rule`");
    assert!(rule.contains("optional(string, \"Deny\")") && rule.contains("optional(number, 7)"), "{rule}");
    assert!(rule.ends_with("| `{}` | no |"), "{rule}");
}

#[test]
fn case_017_requirements_listed() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("017");
    assert!(d.md.contains("- **Terraform:** `>= 1.8.0`"));
    assert!(d.md.contains("| `aws` | `hashicorp/aws` | `>= 5.40.0` |"), "{}", d.md);
}

#[test]
fn case_018_import_marker() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("018");
    let logs = d.md.split("#### `aws_s3_bucket.logs`").nth(1).expect("logs section");
    let logs = logs.split("#### ").next().unwrap_or_default();
    assert!(logs.contains("- **Imported:** yes"), "{logs}");
    assert!(!d.md.contains("aws_instance.old_web"));
    assert!(!d.md.contains("#### `aws_instance.legacy`"));
}

#[test]
fn case_023_multiplicity_shown() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("023");
    assert!(d.md.contains("- **Instances:** ×3 (`count = var.az_count`)"), "{}", d.md);
    assert!(d.md.contains("- **Instances:** ×2 (`count = 2`)"));
    assert!(d.md.contains("conditional: not created with default inputs"));
    assert!(d.md.contains("×2: docs, www") || d.md.contains("×2: www, docs"));
}

#[test]
fn case_024_module_table_lists_every_call() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("024");
    assert_tables_consistent(&d.md);
    assert!(row(&d.md, "| [`module.vpc`]").contains("| `terraform-aws-modules/vpc/aws` | `5.7.1` | remote |"));
    assert!(row(&d.md, "| [`module.missing`]").ends_with("| missing |"));
    for m in ["git_sqs", "dead_letter", "queues", "canary"] {
        row(&d.md, &format!("| [`module.{m}`]"));
    }
}

#[test]
fn case_027_header_and_descriptions() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("027");
    assert!(d.md.contains("# Payments service"));
    assert!(d.md.contains("Module header: this block describes the module as a whole."));
    assert!(d.md.contains("a pipe \\| and a &lt;tag&gt;"), "{}", d.md);
    assert!(d.html.contains("a pipe | and a &lt;tag&gt;"));
    doc_support::assert_markdown_html_is_ours(&d.md);
    doc_support::assert_well_formed(&d.html);
    assert!(!d.md.contains("Orphan note"));
    assert!(!d.md.contains("trailing comment on an attribute"));
    assert!(row(&d.md, "| `region`").starts_with("| `region` |  |"));
    assert!(row(&d.md, "| `environment`").contains("| Deployment stage name |"));
    assert!(row(&d.md, "| `listener_arn`").contains("| ARN of the HTTPS listener |"));
    assert!(!d.md.contains("Generated"));
}

#[test]
fn case_029_every_resource_documented_deterministically() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("029");
    assert_eq!(d.md.matches("\n#### `").count(), 422);
    let again = docs("029");
    assert_eq!(
        (d.md.as_str(), d.html.as_str(), d.json.as_str()),
        (again.md.as_str(), again.html.as_str(), again.json.as_str())
    );
    assert!(!d.html.contains("<script"));
    doc_support::assert_well_formed(&d.html);
    assert!(d.html.len() < 15 * 1024 * 1024);
}

#[test]
fn case_030_minimal_has_no_empty_tables() {
    if common::skip_without_shared() {
        return;
    }
    let d = docs("030");
    for text in [&d.md, &d.html] {
        for word in ["None", "null", "undefined"] {
            assert!(!text.contains(word), "{word}");
        }
    }
    assert!(d.md.contains("#### `random_pet.name`"));
    assert!(d.md.contains("No inputs.") && d.md.contains("No outputs.") && d.md.contains("No module calls."));
    assert!(!d.md.contains("| Name |"));
    assert!(d.md.contains("- `random`"));
    let v: serde_json::Value = serde_json::from_str(&d.json).expect("valid JSON");
    assert_eq!(v["schema"], "zumen.model/1");
    assert_eq!(v["nodes"][0]["address"], "random_pet.name");
    assert_eq!(v["edges"], serde_json::json!([]));
}

/// Case 027 point 10, in model.json: the raw references carry every edge of the case; the
/// interpreted `edges` may fold the listener into the load balancer → target group edge.
#[test]
fn case_027_references_in_json() {
    if common::skip_without_shared() {
        return;
    }
    let v: serde_json::Value = serde_json::from_str(&docs("027").json).expect("valid JSON");
    let refs = v["references"].as_array().expect("references");
    let has = |from: &str, to: &str| refs.iter().any(|r| r["from"] == from && r["to"] == to);
    assert!(has("aws_lb_listener.https", "aws_lb.public"), "{refs:?}");
    assert!(has("aws_lb_listener.https", "aws_lb_target_group.app"), "{refs:?}");
    assert!(has("output.listener_arn", "aws_lb_listener.https"), "{refs:?}");
    assert!(!v["edges"].as_array().expect("edges").is_empty());
}

/// Shared case 001 point 4: rendered by a GFM table parser (pulldown-cmark with tables), the cells
/// hold the original text with literal pipes, in code spans too.
#[test]
fn case_001_gfm_renders_cells_with_literal_pipes() {
    if common::skip_without_shared() {
        return;
    }
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let d = docs("001");
    let mut cells: Vec<String> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(&d.md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => current = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.extend(current.take()),
            Event::Text(t) => current.iter_mut().for_each(|c| c.push_str(&t)),
            Event::Code(t) => {
                codes.push(t.to_string());
                current.iter_mut().for_each(|c| c.push_str(&t));
            }
            _ => {}
        }
    }
    assert!(cells.iter().any(|c| c == "How data is copied between zones; pick one of LRS | GRS | ZRS"), "{cells:#?}");
    assert!(codes.iter().any(|c| c == "grep -c token app.log | head -n 1"), "{codes:#?}");
}

/// The hackathon example: every internal link resolves, tables keep their columns, HTML is
/// well-formed.
#[test]
fn example_hackathon_documents_hold_together() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hackathon-ecs");
    let d = docs_of(common::model_of(&dir));
    assert_tables_consistent(&d.md);
    doc_support::assert_well_formed(&d.html);
    doc_support::assert_links_resolve(&d.md, &d.html);
    doc_support::assert_markdown_html_is_ours(&d.md);
    assert_no_cr(&d);
    assert!(d.md.contains("#### `module.backend.aws_ecs_task_definition.db_migration`"));
}

#[test]
fn case_024_and_029_links_resolve() {
    if common::skip_without_shared() {
        return;
    }
    for case in ["024", "029"] {
        let d = docs(case);
        doc_support::assert_links_resolve(&d.md, &d.html);
    }
}
