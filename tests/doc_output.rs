//! Doc stage end to end on hand-built models: `DESIGN.md`, `index.html` and `model.json`.
//!
//! Shared cases named in a test come from `../shared/cases/<id>/CASE.md`; the model is built by
//! hand here (the parse stage has its own tests), so these pin the document's behaviour alone.

mod doc_support;

use std::collections::BTreeMap;
use zumen::analyze::{Analysis, Connection, Container, EdgeKind, Facts, RoleAssignment, RoleSource};
use zumen::diagnostic::{Level, Location};
use zumen::doc::{self, RenderedDiagram};
use zumen::model::{Annotation, AnnotationSource, Instances, Item, ItemKind, Model, ModuleCall, ModuleStatus, RoleDef};
use zumen::syntax::{Attribute, Body, Expr};
use zumen::theme::Theme;

/// A small builder for hand-made models.
struct Builder {
    model: Model,
}

impl Builder {
    fn new(title: &str) -> Self {
        // Model has crate-private caches, so fields are set after `default()`.
        let mut model = Model::default();
        model.title = title.into();
        model.files = vec!["main.tf".into()];
        Builder { model }
    }

    fn item(&mut self, kind: ItemKind, address: &str, ty: &str, line: usize) -> &mut Item {
        let name = address.rsplit('.').next().unwrap_or(address).to_string();
        self.model.items.push(Item {
            address: address.into(),
            kind,
            module: String::new(),
            resource_type: ty.into(),
            name,
            location: Location { file: "main.tf".into(), line, column: 1 },
            body: Body::default(),
            instances: Instances::Single,
            annotation: Annotation::default(),
            module_call: None,
            imported: false,
        });
        let last = self.model.items.len() - 1;
        &mut self.model.items[last]
    }

    fn resource(&mut self, address: &str, line: usize) -> &mut Item {
        let ty = address.split('.').rev().nth(1).unwrap_or_default().to_string();
        self.item(ItemKind::Resource, address, &ty, line)
    }

    fn variable(&mut self, name: &str, attrs: &[(&str, Expr)]) -> &mut Item {
        let item = self.item(ItemKind::Variable, &format!("var.{name}"), "", 1);
        for (k, v) in attrs {
            item.body.attributes.push(Attribute { key: (*k).into(), value: v.clone(), line: 1 });
        }
        item
    }

    fn output(&mut self, name: &str, description: &str) -> &mut Item {
        let item = self.item(ItemKind::Output, &format!("output.{name}"), "", 1);
        item.body.attributes.push(Attribute { key: "description".into(), value: s(description), line: 1 });
        item
    }
}

fn s(text: &str) -> Expr {
    Expr::String(text.into())
}

fn other(text: &str) -> Expr {
    Expr::Other { text: text.into(), refs: vec![] }
}

struct Out {
    md: String,
    html: String,
    json: String,
}

fn render(model: &Model, analysis: &Analysis, diagrams: &[RenderedDiagram<'_>]) -> Out {
    let text = |a: zumen::output::Artifact| String::from_utf8(a.bytes).expect("documents are UTF-8");
    Out {
        md: text(doc::markdown(model, analysis, diagrams)),
        html: text(doc::html(model, analysis, diagrams, &Theme::default())),
        json: text(doc::json(model, analysis)),
    }
}

/// `|` not preceded by `\`: GFM's cell separators.
fn unescaped_pipes(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\')).count()
}

/// Every Markdown table: each row has as many separators as its header (shared case 001 check 2).
fn assert_tables_consistent(md: &str) {
    let mut header: Option<usize> = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = unescaped_pipes(line);
            match header {
                None => header = Some(n),
                Some(h) => assert_eq!(n, h, "row has a different column count than its header: {line}"),
            }
        } else {
            header = None;
        }
    }
}

fn case_001() -> Model {
    let mut b = Builder::new("Pipes");
    b.variable(
        "storage_replication",
        &[
            ("type", other("string")),
            ("description", s("How data is copied between zones; pick one of LRS | GRS | ZRS")),
            ("default", s("LRS")),
        ],
    );
    b.variable(
        "token_probe_command",
        &[
            ("type", other("string")),
            ("description", s("Shell used by the probe: `grep -c token app.log | head -n 1` (must print a number)")),
            ("default", s("")),
        ],
    );
    b.variable("plain", &[("description", s("No special characters here"))]);
    b.resource("null_resource.probe", 21);
    b.output("probe_id", "Identifier | used by the dashboard");
    b.model
}

#[test]
fn case_001_pipes_in_descriptions_keep_table_columns() {
    let out = render(&case_001(), &Analysis::default(), &[]);
    assert_tables_consistent(&out.md);
    assert!(out.md.contains("pick one of LRS \\| GRS \\| ZRS"), "{}", out.md);
    assert!(out.md.contains("`grep -c token app.log \\| head -n 1`"), "{}", out.md);
    assert!(out.md.contains("Identifier \\| used by the dashboard"));
    // Required: `plain` has no default.
    let plain = out.md.lines().find(|l| l.starts_with("| `plain`")).expect("plain row");
    assert!(plain.ends_with("| yes |"), "{plain}");
    // HTML shows a literal pipe, never the Markdown escape.
    assert!(out.html.contains("pick one of LRS | GRS | ZRS"));
    assert!(!out.html.contains("\\|"));
}

#[test]
fn case_004_crlf_never_reaches_output() {
    let mut b = Builder::new("CRLF\r\n");
    b.variable(
        "greeting",
        &[("description", s("First line of a multi-line description\r\nsecond line of the same description\r\n"))],
    );
    b.resource("aws_instance.web", 18).annotation.intent = Some("Serves\r\nthe site.\r\n".into());
    let out = render(&b.model, &Analysis::default(), &[]);
    for text in [&out.md, &out.html, &out.json] {
        assert!(!text.contains('\r'));
    }
    let row = out.md.lines().find(|l| l.starts_with("| `greeting`")).expect("greeting row");
    assert!(row.contains("First line of a multi-line description<br>second line of the same description"), "{row}");
    assert_tables_consistent(&out.md);
}

#[test]
fn case_013_heredoc_description_keeps_paragraphs_without_indent() {
    let mut b = Builder::new("Heredocs");
    let motd = "First paragraph of the description.\n\nSecond paragraph, after a truly empty line.\n  - a nested bullet keeps two extra spaces\n";
    b.variable("motd", &[("description", s(motd))]);
    let out = render(&b.model, &Analysis::default(), &[]);
    let row = out.md.lines().find(|l| l.starts_with("| `motd`")).expect("motd row");
    assert!(row.contains("| First paragraph of the description.<br><br>Second paragraph"), "{row}");
    assert!(out.md.lines().all(|l| !l.starts_with("    ")));
}

#[test]
fn case_014_type_and_default_as_source_text() {
    let mut b = Builder::new("Types");
    let ty = "object({ default_action = optional(string, \"Deny\"), bypass = optional(number, 7) })";
    b.variable("network_rule", &[("type", other(ty)), ("default", Expr::Object(vec![]))]);
    let out = render(&b.model, &Analysis::default(), &[]);
    let row = out.md.lines().find(|l| l.starts_with("| `network_rule`")).expect("row");
    assert!(row.contains("optional(string, \"Deny\")") && row.contains("optional(number, 7)"), "{row}");
    assert!(row.contains("| `{}` | no |"), "{row}");
    assert!(
        out.html.contains("optional(string, &quot;Deny&quot;)")
            || out.html.contains("optional(string, &#34;Deny&#34;)")
    );
}

#[test]
fn hostile_strings_are_inert() {
    let mut b = Builder::new("<script>alert('title')</script>");
    b.model.summary = Some("Summary <script>alert(1)</script>".into());
    b.model.header = Some("# Payments\n\nA pipe | and a <tag>.".into());
    let web = b.resource("aws_instance.web", 3);
    web.annotation.intent = Some("Runs <script>alert(2)</script> and <img src=x onerror=alert(3)>.".into());
    web.annotation.owner = Some("\"><img onerror=alert(4)>".into());
    web.annotation.group = Some("evil\u{202E}txt.exe".into());
    web.annotation.links = vec!["javascript:alert(5)".into(), "https://example.com/runbook?a=1&b=2".into()];
    b.variable("x", &[("description", s("<script>alert(6)</script> & more"))]);
    b.model.diagnostics.push(
        zumen::diagnostic::Diagnostic::new(Level::Warning, "unknown-tag", "unknown tag `@intnet` <b>").at(Location {
            file: "main.tf".into(),
            line: 3,
            column: 1,
        }),
    );
    b.model.diagnostics.push(zumen::diagnostic::Diagnostic::new(Level::Note, "remote-module", "a note"));
    let out = render(&b.model, &Analysis::default(), &[]);
    assert!(out.md.contains("## Diagnostics\n\n1 warning(s) or error(s)"), "{}", out.md);
    assert!(out.md.contains("- ``main.tf:3:1: warning[unknown-tag]: unknown tag `@intnet` <b>``"), "{}", out.md);
    assert!(!out.md.contains("a note"));
    assert!(
        out.html.contains("<code>main.tf:3:1: warning[unknown-tag]: unknown tag `@intnet` &#60;b&#62;</code>"),
        "{}",
        out.html
    );
    let json: serde_json::Value = serde_json::from_str(&out.json).expect("json");
    assert_eq!(json["diagnostics"][0]["code"], "unknown-tag");
    assert_eq!(json["diagnostics"][0]["line"], 3);
    assert_eq!(json["diagnostics"][1]["file"], serde_json::Value::Null);
    for text in [&out.md, &out.html] {
        assert!(!text.to_lowercase().contains("<script"), "raw script tag in output:\n{text}");
        assert!(!text.contains("<img"), "raw img tag in output");
        assert!(!text.contains('\u{202E}'));
    }
    assert!(out.html.contains("&lt;script&gt;"));
    doc_support::assert_well_formed(&out.html);
    doc_support::assert_markdown_html_is_ours(&out.md);
    assert!(out.md.contains("&lt;script&gt;") || out.md.contains("&lt;script>"));
    assert!(!out.html.contains("href=\"javascript:"));
    assert!(out.html.contains("<a href=\"https://example.com/runbook?a=1&#38;b=2\" rel=\"noopener\">"), "{}", out.html);
    assert!(out.md.contains("[https://example.com/runbook?a=1&amp;b=2](https://example.com/runbook?a=1&b=2)"));
    assert!(out.md.contains("A pipe \\| and a &lt;tag&gt;."), "{}", out.md);
}

fn ecs_stack() -> (Model, Analysis) {
    let mut b = Builder::new("ECS");
    b.model.summary = Some("FastAPI on **Fargate**.".into());
    let svc = b.resource("module.app.aws_ecs_service.api", 10);
    svc.module = "module.app".into();
    svc.annotation.intent = Some("Runs the API all the time.".into());
    svc.instances = Instances::Count { expr: "var.n".into(), value: Some(2) };
    let td = b.resource("module.app.aws_ecs_task_definition.db_migration", 30);
    td.module = "module.app".into();
    b.resource("aws_eip.maybe", 40).instances = Instances::Count { expr: "var.on ? 1 : 0".into(), value: Some(0) };
    let rec = b.resource("aws_route53_record.alias", 50);
    rec.instances =
        Instances::ForEach { expr: "{ www = 1, docs = 2 }".into(), keys: Some(vec!["www".into(), "docs".into()]) };
    rec.imported = true;
    b.resource("aws_security_group_rule.https", 60);
    let m = b.item(ItemKind::Module, "module.vpc", "", 70);
    m.module_call = Some(ModuleCall {
        source: "terraform-aws-modules/vpc/aws".into(),
        version: Some("5.7.1".into()),
        status: ModuleStatus::Remote,
    });
    let role_defs = vec![
        RoleDef {
            id: "resident".into(),
            label: Some("Resident services".into()),
            description: Some("Run all the time | always.".into()),
            order: Some(1),
        },
        RoleDef { id: "one-off".into(), label: Some("One-off tasks".into()), description: None, order: Some(2) },
    ];
    let roles = BTreeMap::from([
        (0, RoleAssignment { role: "resident".into(), source: RoleSource::Annotation, reason: None }),
        (
            1,
            RoleAssignment {
                role: "one-off".into(),
                source: RoleSource::Usage,
                reason: Some("no aws_ecs_service runs this task definition".into()),
            },
        ),
    ]);
    let folded = BTreeMap::from([(4, Some(0))]);
    let connections = vec![Connection { from: 0, to: 1, kind: EdgeKind::Config, label: Some("runs | task".into()) }];
    let facts = BTreeMap::from([(
        1,
        Facts {
            rows: vec![("CPU".into(), "256".into()), ("Task role".into(), "aws_iam_role.task.arn".into())],
            containers: vec![Container {
                name: "migrate".into(),
                image: "123.dkr.ecr/app:latest".into(),
                ports: vec!["8000/tcp".into()],
                essential: Some(true),
                secrets: vec![("DB_PASSWORD".into(), "aws_secretsmanager_secret.db".into())],
                log_driver: Some("awslogs".into()),
                ..Container::default()
            }],
        },
    )]);
    let diagrams = vec![zumen::analyze::Diagram {
        id: "architecture".into(),
        title: "Architecture".into(),
        omitted: vec!["1 glue resource folded into its node".into(), "<b>odd</b> note".into()],
        ..Default::default()
    }];
    let analysis = Analysis { diagrams, roles, folded, connections, facts, role_defs };
    (b.model, analysis)
}

const SVG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"#module-app-aws_ecs_service-api\"><rect/></a></svg>";

#[test]
fn sections_roles_facts_and_anchors() {
    let (model, analysis) = ecs_stack();
    let diagrams = [RenderedDiagram { id: "architecture", title: "Architecture", svg: SVG }];
    let out = render(&model, &analysis, &diagrams);
    let md = &out.md;
    assert_tables_consistent(md);
    doc_support::assert_markdown_html_is_ours(md);
    assert!(md.contains("![Architecture](architecture.svg)\n\nNot shown:\n\n- 1 glue resource folded into its node\n- &lt;b&gt;odd&lt;/b&gt; note\n"), "{md}");
    assert!(
        md.contains("<a id=\"module-app-aws_ecs_service-api\"></a>\n\n#### `module.app.aws_ecs_service.api`"),
        "{md}"
    );
    assert!(md.contains("| [Resident services](#role-resident) | Run all the time \\| always. | [`module.app.aws_ecs_service.api`](#module-app-aws_ecs_service-api) | 1 |"), "{md}");
    assert!(
        md.contains(
            "- **Role:** One-off tasks _(inferred from usage: no aws\\_ecs\\_service runs this task definition)_"
        ),
        "{md}"
    );
    assert!(md.contains("- **Instances:** ×2 (`count = var.n`)"));
    assert!(md.contains("conditional: not created with default inputs"));
    assert!(md.contains("×2: www, docs (`for_each = { www = 1, docs = 2 }`)"));
    assert!(md.contains("- **Imported:** yes"));
    assert!(md.contains("| CPU | 256 |\n| Task role | `aws_iam_role.task.arn` |"), "{md}");
    assert!(md.contains("| `migrate` | `123.dkr.ecr/app:latest` | `8000/tcp` | yes | `DB_PASSWORD` ← `aws_secretsmanager_secret.db` | `awslogs` |"), "{md}");
    assert!(md.contains("[`module.app.aws_ecs_task_definition.db_migration`](#module-app-aws_ecs_task_definition-db_migration) — config: runs \\| task"), "{md}");
    assert!(
        md.contains("**Configured by:**\n\n- [`aws_security_group_rule.https`](#aws_security_group_rule-https)"),
        "{md}"
    );
    assert!(md.contains("| [`module.vpc`](#module-vpc) | `terraform-aws-modules/vpc/aws` | `5.7.1` | remote |"));
    assert!(md.contains("_No intent yet._"));
    assert!(
        md.contains("## Resources without intent\n\n5 of 6 documented items have no intent yet:\n\n- [`module.app"),
        "{md}"
    );

    let html = &out.html;
    doc_support::assert_well_formed(html);
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<a id=\"module-app-aws_ecs_service-api\"></a>"));
    assert!(html.contains("<a href=\"#module-app-aws_ecs_service-api\"><rect/></a>"));
    assert!(!html.contains("<?xml"));
    assert!(!html.contains("<script"));
    assert!(html.contains("<strong>Fargate</strong>"));
    // No external requests: the only URL is the SVG namespace.
    for attr in ["src=\"http", "href=\"http"] {
        assert!(!html.contains(attr), "{attr}");
    }
}

#[test]
fn json_schema_round_trips_with_documented_keys() {
    let (model, analysis) = ecs_stack();
    let out = render(&model, &analysis, &[]);
    let v: serde_json::Value = serde_json::from_str(&out.json).expect("valid JSON");
    let keys: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
    for key in ["schema", "title", "summary", "header", "files", "roles", "nodes", "edges", "references", "diagnostics"]
    {
        assert!(keys.contains(&key), "missing {key}");
    }
    assert_eq!(v["schema"], "zumen.model/1");
    let td = &v["nodes"][1];
    assert_eq!(td["address"], "module.app.aws_ecs_task_definition.db_migration");
    assert_eq!(td["type"], "aws_ecs_task_definition");
    assert_eq!(td["role"], "one-off");
    assert_eq!(td["role_source"], "usage");
    assert_eq!(v["nodes"][0]["instances"]["kind"], "count");
    assert_eq!(v["nodes"][4]["folded_into"], "module.app.aws_ecs_service.api");
    assert_eq!(v["edges"][0]["kind"], "config");
    assert_eq!(v["edges"][0]["label"], "runs | task");
    // Key order is the documented one.
    assert!(out.json.find("\"schema\"") < out.json.find("\"title\""));
}

#[test]
fn case_030_minimal_model_has_no_empty_sections() {
    let mut b = Builder::new("minimal");
    b.resource("random_pet.name", 2);
    let out = render(&b.model, &Analysis::default(), &[]);
    for text in [&out.md, &out.html] {
        for word in ["None", "null", "undefined"] {
            assert!(!text.contains(word), "{word} in:\n{text}");
        }
    }
    assert!(out.md.contains("## Inputs\n\nNo inputs."));
    assert!(!out.md.contains("| Name | Description | Type"));
    assert!(out.md.contains("#### `random_pet.name`"));
    assert!(out.md.contains("Providers (inferred"));
    assert!(out.md.contains("- `random`"));
    assert!(!out.md.contains("## Diagrams"));
    assert!(!out.md.contains("## Responsibilities"));
}

#[test]
fn output_is_deterministic_and_unicode_preserved() {
    let mut b = Builder::new("Unicode");
    b.resource("azuread_group.équipe_réseau", 2).annotation.intent = Some("Sécurité — équipe réseau 東京".into());
    let a = render(&b.model, &Analysis::default(), &[]);
    let again = render(&b.model, &Analysis::default(), &[]);
    assert_eq!((&a.md, &a.html, &a.json), (&again.md, &again.html, &again.json));
    assert!(a.md.contains("`azuread_group.équipe_réseau`"));
    assert!(a.html.contains("Sécurité — équipe réseau 東京"));
    assert!(a.html.contains("<a id=\"azuread_group-équipe_réseau\"></a>"));
}

#[test]
fn variable_description_attribute_wins_over_comment() {
    // Shared case 027 points 7 and 8.
    let mut b = Builder::new("Annotations");
    let env = b.variable("environment", &[("description", s("Deployment stage name"))]);
    env.annotation.intent = Some("Comment above".into());
    env.annotation.intent_source = Some(AnnotationSource::Comment);
    b.variable("owner", &[]).annotation.intent =
        Some("Owner team of the stack (only documented by this comment).".into());
    let out = render(&b.model, &Analysis::default(), &[]);
    assert!(out.md.contains("| `environment` | Deployment stage name |"));
    assert!(out.md.contains("| `owner` | Owner team of the stack (only documented by this comment). |"));
}

/// Golden files for the three outputs of the ECS model (`UPDATE_GOLDEN=1 cargo test` accepts
/// changes; a missing golden file fails).
#[test]
fn golden_ecs_documents() {
    let (model, analysis) = ecs_stack();
    let diagrams = [RenderedDiagram { id: "architecture", title: "Architecture", svg: SVG }];
    let out = render(&model, &analysis, &diagrams);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/doc");
    for (name, text) in [("ecs.md", &out.md), ("ecs.html", &out.html), ("ecs.json", &out.json)] {
        let path = dir.join(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(&dir).expect("create golden dir");
            std::fs::write(&path, text).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1 to create)", path.display()));
        if *text != expected {
            let line = text.lines().zip(expected.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{} is stale at line {} (UPDATE_GOLDEN=1 to accept):\n  got:      {:?}\n  expected: {:?}",
                path.display(),
                line + 1,
                text.lines().nth(line),
                expected.lines().nth(line)
            );
        }
    }
}

/// The HTML checker itself rejects what it should.
#[test]
fn html_checker_rejects_broken_markup() {
    for bad in ["<div><p></div>", "<a id=\"x\"></a><a id=\"x\"></a>", "<section>"] {
        let result = std::panic::catch_unwind(|| doc_support::assert_well_formed(bad));
        assert!(result.is_err(), "accepted {bad}");
    }
    doc_support::assert_well_formed("<p>a<br>b<svg><rect/></svg></p>");
    for bad in ["text <b>x</b>", "<script>alert(1)</script>", "| a |\n|---|\n| <img src=x> |"] {
        let result = std::panic::catch_unwind(|| doc_support::assert_markdown_html_is_ours(bad));
        assert!(result.is_err(), "accepted {bad}");
    }
    doc_support::assert_markdown_html_is_ours("<a id=\"x\"></a>\n\n# T\n\n| a |\n|---|\n| b<br>c |");
}

/// Two inlined diagrams that both define `id="arrow"` still give a page with unique ids, and node
/// links keep pointing at the sections.
#[test]
fn inlined_diagrams_do_not_collide() {
    let (model, analysis) = ecs_stack();
    let svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><defs><marker id=\"arrow\"><path/></marker></defs>\
               <a href=\"#module-app-aws_ecs_service-api\"><rect id=\"module-app-aws_ecs_service-api\"/></a>\
               <path marker-end=\"url(#arrow)\"/></svg>";
    let diagrams = [
        RenderedDiagram { id: "architecture", title: "Architecture", svg },
        RenderedDiagram { id: "responsibilities", title: "Responsibilities", svg },
    ];
    let out = render(&model, &analysis, &diagrams);
    doc_support::assert_well_formed(&out.html);
    assert!(out.html.contains("<marker id=\"svg-architecture-arrow\">"));
    assert!(out.html.contains("url(#svg-responsibilities-arrow)"));
    assert_eq!(out.html.matches("<a href=\"#module-app-aws_ecs_service-api\"><rect").count(), 2);
    assert!(out.md.contains("![Responsibilities](responsibilities.svg)"));
}

/// Addresses that share an anchor still give unique ids; the first keeps the plain anchor.
#[test]
fn colliding_anchors_are_numbered() {
    let mut b = Builder::new("Anchors");
    b.resource("aws_s3_bucket.a-b", 1);
    b.resource("aws_s3_bucket.a--b", 2);
    let out = render(&b.model, &Analysis::default(), &[]);
    doc_support::assert_well_formed(&out.html);
    assert!(out.md.contains("<a id=\"aws_s3_bucket-a-b\"></a>\n\n#### `aws_s3_bucket.a-b`"));
    assert!(out.md.contains("<a id=\"aws_s3_bucket-a-b-2\"></a>\n\n#### `aws_s3_bucket.a--b`"));
}

/// A role with many members links the first few in the table and counts them all.
#[test]
fn big_roles_are_capped_in_the_table() {
    let mut b = Builder::new("Many");
    for i in 0..15 {
        b.resource(&format!("aws_security_group.sg{i:02}"), i + 1).annotation.role = Some("network".into());
    }
    let out = render(&b.model, &Analysis::default(), &[]);
    let row = out.md.lines().find(|l| l.starts_with("| [network]")).expect("network row");
    assert!(row.contains("[`aws_security_group.sg11`]") && !row.contains("[`aws_security_group.sg12`]"), "{row}");
    assert!(row.ends_with(" and 3 more | 15 |"), "{row}");
    assert!(out.html.contains(" and 3 more</td><td>15</td>"));
}

/// Theme CSS and slots land in the page; CSS cannot close its `<style>` early.
#[test]
// The theme gains fields on the layout branch; the update keeps this test compiling across both.
#[allow(clippy::needless_update)]
fn theme_css_and_slots() {
    let mut b = Builder::new("Themed");
    b.resource("aws_vpc.main", 1);
    let theme = Theme {
        name: "t".into(),
        diagram_css: String::new(),
        document_css: "@media (prefers-color-scheme: dark){body{background:#111}}".into(),
        header_html: Some("<header class=\"brand\">Acme</header>".into()),
        footer_html: Some("<footer>Generated by zumen</footer>".into()),
        extra_css: Some(".x{content:\"</style><script>\"}".into()),
        ..Theme::default()
    };
    let html = String::from_utf8(doc::html(&b.model, &Analysis::default(), &[], &theme).bytes).expect("utf-8");
    assert!(html.contains("@media (prefers-color-scheme: dark){body{background:#111}}"));
    assert!(html.contains("<body>\n<header class=\"brand\">Acme</header>\n<main>"), "{html}");
    assert!(html.contains("</main>\n<footer>Generated by zumen</footer>\n</body>"));
    assert_eq!(html.matches("</style>").count(), 1);
    // Inside <style> the text is inert; outside it there is no script at all.
    let after_style = html.split("</style>").nth(1).unwrap_or_default();
    assert!(!after_style.contains("<script"));
    doc_support::assert_well_formed(&html);
}
