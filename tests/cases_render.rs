//! Shared cases (`../shared/cases/`) through the whole build: SVG structure, document bytes,
//! determinism. Numbers in comments are the points of each CASE.md.

mod common;
use common::case_dir;
use std::path::Path;
use zumen::build::{build, BuildOutput, Formats, Options};
use zumen::theme::Theme;

fn build_dir(dir: &Path) -> BuildOutput {
    let options = Options {
        root: dir.to_path_buf(),
        config: None,
        formats: Formats::default(),
        theme: Theme::builtin("default").expect("theme"),
        catalog: None,
    };
    build(&options).unwrap_or_else(|e| panic!("build {}: {e:#}", dir.display()))
}

fn artifact<'a>(out: &'a BuildOutput, name: &str) -> &'a str {
    let a = out.artifacts.iter().find(|a| a.path == Path::new(name)).unwrap_or_else(|| panic!("{name} produced"));
    std::str::from_utf8(&a.bytes).expect("UTF-8")
}

/// Node ids (`<g class="node …" id=…>`) of an SVG, with their `<title>` and box rectangle.
struct SvgNode {
    title: String,
    rect: (f64, f64, f64, f64),
}

fn svg_nodes(svg: &str) -> Vec<SvgNode> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let num = |n: &roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    doc.descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.split(' ').any(|w| w == "node")))
        .map(|g| {
            let title = g
                .descendants()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_string();
            let rect = g
                .descendants()
                .find(|c| c.has_tag_name("rect") && c.attribute("class") == Some("box"))
                .map(|r| (num(&r, "x"), num(&r, "y"), num(&r, "width"), num(&r, "height")))
                .unwrap_or((f64::NAN, f64::NAN, 0.0, 0.0));
            SvgNode { title, rect }
        })
        .collect()
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

fn assert_no_overlaps(nodes: &[SvgNode]) {
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            assert!(!overlap(a.rect, b.rect), "{} overlaps {}", a.title, b.title);
        }
    }
}

#[test]
fn case_004_no_carriage_returns_and_same_as_lf() {
    if common::skip_without_shared() {
        return;
    }
    let crlf = build_dir(&case_dir("004"));
    for a in &crlf.artifacts {
        assert!(!a.bytes.contains(&b'\r'), "{} holds a CR", a.path.display());
    }
    let lf = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(case_dir("004").join("main.tf")).expect("read");
    assert!(text.contains("\r\n"), "the case file keeps its CRLF bytes");
    std::fs::write(lf.path().join("main.tf"), text.replace("\r\n", "\n")).expect("write");
    let lf = build_dir(lf.path());
    for (a, b) in crlf.artifacts.iter().zip(&lf.artifacts) {
        if a.path == Path::new("DESIGN.md") || a.path == Path::new("index.html") || a.path == Path::new("model.json") {
            // The title comes from the directory name; compare past it.
            let (a, b) = (String::from_utf8_lossy(&a.bytes), String::from_utf8_lossy(&b.bytes));
            assert_eq!(a.lines().count(), b.lines().count(), "same document shape");
        } else {
            assert_eq!(a.bytes, b.bytes, "{} identical for CRLF and LF", a.path.display());
        }
    }
}

#[test]
fn case_005_no_byte_order_mark_in_output() {
    if common::skip_without_shared() {
        return;
    }
    let out = build_dir(&case_dir("005"));
    for a in &out.artifacts {
        let pos = a.bytes.windows(3).position(|w| w == [0xEF, 0xBB, 0xBF]);
        assert!(pos.is_none(), "{} holds a BOM at {pos:?}", a.path.display());
    }
    let nodes = svg_nodes(artifact(&out, "architecture.svg"));
    let titles: Vec<_> = nodes.iter().map(|n| n.title.as_str()).collect();
    assert!(titles.iter().any(|t| t.starts_with("aws_instance.example")), "{titles:?}");
    assert!(titles.iter().all(|t| !t.starts_with('\u{feff}')));
}

#[test]
fn case_012_utf8_text_kept_verbatim() {
    if common::skip_without_shared() {
        return;
    }
    let out = build_dir(&case_dir("012"));
    let svg = artifact(&out, "architecture.svg");
    assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(svg.contains("équipe_réseau"));
    let html = artifact(&out, "index.html");
    assert!(html.to_ascii_lowercase().contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("équipe_réseau"));
    assert!(artifact(&out, "DESIGN.md").contains("équipe_réseau"));
    assert_eq!(
        svg_nodes(svg).iter().filter(|n| n.title.starts_with("azuread_group.")).count(),
        1,
        "import adds no node"
    );
}

#[test]
fn case_019_nodes_are_placed_apart() {
    if common::skip_without_shared() {
        return;
    }
    let out = build_dir(&case_dir("019"));
    let nodes = svg_nodes(artifact(&out, "architecture.svg"));
    assert!(nodes.len() >= 2);
    assert_no_overlaps(&nodes);
    let mut positions: Vec<_> = nodes.iter().map(|n| (n.rect.0 as i64, n.rect.1 as i64)).collect();
    positions.sort();
    positions.dedup();
    assert_eq!(positions.len(), nodes.len(), "no two nodes share a position");
    for n in &nodes {
        let address = n.title.split(' ').next().unwrap_or_default();
        assert!(![".client_id", ".id", ".value", ".tags"].iter().any(|s| address.ends_with(s)), "{address}");
    }
}

#[test]
fn case_020_module_groups_nest() {
    if common::skip_without_shared() {
        return;
    }
    let out = build_dir(&case_dir("020"));
    let svg = artifact(&out, "architecture.svg");
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let group = |title: &str| {
        doc.descendants()
            .find(|n| {
                n.attribute("class").is_some_and(|c| c.starts_with("group"))
                    && n.children().any(|c| c.has_tag_name("title") && c.text() == Some(title))
            })
            .unwrap_or_else(|| panic!("group {title}"))
    };
    let frame = |g: roxmltree::Node| {
        let r = g.children().find(|c| c.has_tag_name("rect")).expect("frame");
        let f = |a: &str| r.attribute(a).and_then(|v| v.parse::<f64>().ok()).expect(a);
        (f("x"), f("y"), f("width"), f("height"))
    };
    let network = frame(group("module.network"));
    let flow_logs = frame(group("module.network.module.flow_logs"));
    let inside = flow_logs.0 > network.0
        && flow_logs.1 > network.1
        && flow_logs.0 + flow_logs.2 < network.0 + network.2
        && flow_logs.1 + flow_logs.3 < network.1 + network.3;
    assert!(inside, "flow_logs box {flow_logs:?} nests inside the network box {network:?}");
    let titles: Vec<String> = svg_nodes(svg).into_iter().map(|n| n.title).collect();
    for a in ["module.app.aws_instance.app", "module.network.module.flow_logs.aws_flow_log.this"] {
        assert!(titles.iter().any(|t| t.starts_with(a)), "{a} drawn: {titles:?}");
    }
}

#[test]
fn case_025_dynamic_blocks_make_no_nodes() {
    if common::skip_without_shared() {
        return;
    }
    let out = build_dir(&case_dir("025"));
    let titles: Vec<String> = svg_nodes(artifact(&out, "architecture.svg")).into_iter().map(|n| n.title).collect();
    for bad in ["ingress", "egress", "timeouts", "rule", "dynamic", "content"] {
        assert!(titles.iter().all(|t| !t.starts_with(bad)), "{bad} became a node: {titles:?}");
    }
    let json: serde_json::Value = serde_json::from_str(artifact(&out, "model.json")).expect("json");
    let mut nodes: Vec<&str> = json["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "resource" || n["kind"] == "data")
        .filter_map(|n| n["address"].as_str())
        .collect();
    nodes.sort();
    assert_eq!(nodes, ["aws_security_group.web", "data.aws_vpc.selected"]);
}

#[test]
fn case_026_json_only_directory_draws_something() {
    if common::skip_without_shared() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(case_dir("026").join("search.tf.json"), dir.path().join("search.tf.json")).expect("copy");
    let out = build_dir(dir.path());
    assert!(!svg_nodes(artifact(&out, "architecture.svg")).is_empty());
}

#[test]
fn case_029_scale_is_fast_bounded_and_deterministic() {
    if common::skip_without_shared() {
        return;
    }
    let started = std::time::Instant::now();
    let a = build_dir(&case_dir("029"));
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    let b = build_dir(&case_dir("029"));
    for (x, y) in a.artifacts.iter().zip(&b.artifacts) {
        assert_eq!(x.bytes, y.bytes, "{} deterministic", x.path.display());
    }
    for art in &a.artifacts {
        let limit = if art.path.extension().is_some_and(|e| e == "html") { 15 } else { 10 } << 20;
        assert!(art.bytes.len() < limit, "{} is {} bytes", art.path.display(), art.bytes.len());
        if art.path.extension().is_some_and(|e| e == "svg") {
            let svg = std::str::from_utf8(&art.bytes).expect("utf8");
            assert_no_overlaps(&svg_nodes(svg));
            let doc = roxmltree::Document::parse(svg).expect("XML");
            for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
                let line: String = t.descendants().filter(|c| c.is_text()).filter_map(|c| c.text()).collect();
                assert!(line.chars().count() <= 60, "visible line over 60 characters: {line}");
            }
        }
    }
    let html = artifact(&a, "index.html");
    assert!(!html.contains("<script"), "static page, no per-frame layout scripts");
    let md = artifact(&a, "DESIGN.md");
    let long = "aws_security_group_rule.".to_string();
    assert!(md.matches(&long).count() >= 3, "long-name rules documented");
}

#[test]
fn case_030_minimal_one_node_no_edges() {
    if common::skip_without_shared() {
        return;
    }
    let out = build_dir(&case_dir("030"));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let svg = artifact(&out, "architecture.svg");
    let nodes = svg_nodes(svg);
    assert_eq!(nodes.len(), 1);
    assert!(nodes[0].title.starts_with("random_pet.name"));
    let doc = roxmltree::Document::parse(svg).expect("XML");
    assert_eq!(
        doc.descendants().filter(|n| n.attribute("class").is_some_and(|c| c.split(' ').any(|w| w == "edge"))).count(),
        0
    );
}
