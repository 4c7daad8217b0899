//! Layout + render checks on the hand-built web stack and on odd input: the SVG parses, every
//! node is there once, nothing overlaps, boxes nest, edges avoid unrelated nodes, hostile text
//! is escaped, output is deterministic and bad input never panics.

mod layout_support;

use layout_support::{edge, group, node, web_stack};
use zumen::analyze::{Diagram, EdgeKind};
use zumen::layout::{layout, stats, Scene};
use zumen::render::svg;
use zumen::theme::Theme;

fn theme() -> Theme {
    Theme::builtin("default").expect("default theme")
}

type Rect = (f64, f64, f64, f64);

fn overlap(a: Rect, b: Rect) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

fn inside(inner: Rect, outer: Rect) -> bool {
    inner.0 >= outer.0
        && inner.1 >= outer.1
        && inner.0 + inner.2 <= outer.0 + outer.2
        && inner.1 + inner.3 <= outer.1 + outer.3
}

/// Geometry checks every scene must pass.
fn check_scene(s: &Scene) {
    let rects: Vec<Rect> = s.nodes.iter().map(|n| (n.x, n.y, n.width, n.height)).collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            assert!(!overlap(*a, *b), "nodes overlap: {a:?} {b:?}");
        }
        assert!(a.0 >= 0.0 && a.1 >= 0.0 && a.0 + a.2 <= s.width && a.1 + a.3 <= s.height, "node outside canvas");
    }
    for n in &s.nodes {
        if let Some(g) = n.group {
            let b = &s.groups[g];
            assert!(inside((n.x, n.y, n.width, n.height), (b.x, b.y, b.width, b.height)), "{} outside {}", n.id, b.id);
            // Nodes stay clear of the group title band.
            assert!(n.y >= b.y + 30.0, "{} under the title of {}", n.id, b.id);
        }
    }
    for (i, g) in s.groups.iter().enumerate() {
        let r = (g.x, g.y, g.width, g.height);
        if let Some(p) = g.parent {
            assert!(p < i, "groups are listed outermost first");
            let pr = &s.groups[p];
            assert!(inside(r, (pr.x, pr.y, pr.width, pr.height)), "{} not inside {}", g.id, pr.id);
        }
        for h in &s.groups[i + 1..] {
            if h.parent == g.parent {
                assert!(!overlap(r, (h.x, h.y, h.width, h.height)), "sibling boxes {} and {} overlap", g.id, h.id);
            }
        }
    }
    // Edges do not pass through nodes other than their own ends.
    for e in &s.edges {
        for w in e.points.windows(2) {
            for n in s.nodes.iter().filter(|n| n.id != e.from && n.id != e.to) {
                for k in 0..=20 {
                    let t = k as f64 / 20.0;
                    let (x, y) = (w[0].0 + (w[1].0 - w[0].0) * t, w[0].1 + (w[1].1 - w[0].1) * t);
                    let hit = x > n.x + 0.5 && x < n.x + n.width - 0.5 && y > n.y + 0.5 && y < n.y + n.height - 0.5;
                    assert!(!hit, "edge {} → {} crosses {}", e.from, e.to, n.id);
                }
            }
        }
    }
    assert_eq!(stats(s, 0.0).overlaps, 0);
}

/// Parses the SVG and checks what every output must hold.
fn check_svg(text: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(text).expect("SVG parses");
    for n in doc.descendants() {
        assert_ne!(n.tag_name().name(), "script");
        assert_ne!(n.tag_name().name(), "foreignObject");
        for a in n.attributes() {
            if a.name() == "href" {
                assert!(a.value().starts_with('#'), "external reference {}", a.value());
            }
            assert!(!a.name().starts_with("on"), "event handler attribute {}", a.name());
        }
        if n.tag_name().name() == "text" {
            let t: String = n.children().filter(|c| c.is_text()).filter_map(|c| c.text()).collect();
            assert!(t.chars().count() <= 60, "visible line too long: {t}");
        }
    }
    doc
}

#[test]
fn web_stack_svg_has_every_node_once_and_clean_geometry() {
    let d = web_stack();
    let scene = layout(&d).expect("layout");
    check_scene(&scene);
    let text = svg(&scene, &theme(), "Architecture");
    let doc = check_svg(&text);
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.split(' ').any(|w| w == "node")))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert_eq!(ids.len(), 15);
    assert!(ids.contains(&"node-module-backend-aws-ecs-service-app"), "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 15);
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("symbol")).count(), 13, "one symbol per icon used");
    assert_eq!(scene.groups.len(), 5);
    assert_eq!(scene.groups.iter().map(|g| g.depth).max(), Some(2));
    // Traffic reads left to right: users, DNS, load balancer, service, database.
    let x = |id: &str| scene.nodes.iter().find(|n| n.id == id).map(|n| n.x).expect(id);
    assert!(x("actor.users") < x("aws_route53_zone.main"));
    assert!(x("aws_route53_zone.main") < x("module.backend.aws_lb.api"));
    assert!(x("module.backend.aws_lb.api") < x("module.backend.aws_ecs_service.app"));
    assert!(x("module.backend.aws_ecs_service.app") < x("module.backend.aws_db_instance.mysql"));
    // Rendered node rectangles, read back from the SVG, do not overlap either.
    let f = |n: &roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).expect(a);
    let rects: Vec<Rect> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("box"))
        .map(|n| (f(&n, "x"), f(&n, "y"), f(&n, "width"), f(&n, "height")))
        .collect();
    assert_eq!(rects.len(), 15);
    for (i, a) in rects.iter().enumerate() {
        assert!(rects[i + 1..].iter().all(|b| !overlap(*a, *b)));
    }
}

/// The legend names the line styles the diagram draws, and only those, under every node and
/// inside the canvas; an edgeless diagram has none.
#[test]
fn legend_keys_the_line_styles_drawn() {
    let d = web_stack();
    let scene = layout(&d).expect("layout");
    let text = svg(&scene, &theme(), "Architecture");
    let doc = check_svg(&text);
    let legend = doc.descendants().find(|n| n.attribute("class") == Some("legend")).expect("legend");
    let kinds: Vec<&str> =
        legend.children().filter_map(|n| n.attribute("class")).filter_map(|c| c.strip_prefix("edge ")).collect();
    let mut drawn: Vec<&str> = scene.edges.iter().map(|e| e.class.as_str()).collect();
    drawn.sort_by_key(|k| ["traffic", "config", "dependency"].iter().position(|o| o == k));
    drawn.dedup();
    assert_eq!(kinds, drawn);
    assert!(kinds.contains(&"traffic"), "{kinds:?}");
    let texts: Vec<&str> = legend.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
    assert_eq!(texts.len(), kinds.len());
    assert_eq!(texts[0], "traffic (requests; label: port)");
    let height: f64 = doc.root_element().attribute("height").and_then(|h| h.parse().ok()).expect("height");
    // `--stats` reports the size of the file, legend included.
    let (_, size_h) = zumen::render::size(&scene);
    assert!((size_h - height).abs() < 0.1 && size_h > scene.height, "{size_h} vs {height}");
    let bottom = scene.nodes.iter().map(|n| n.y + n.height).fold(0.0, f64::max);
    for t in legend.descendants().filter(|n| n.has_tag_name("text")) {
        let y: f64 = t.attribute("y").and_then(|v| v.parse().ok()).expect("y");
        assert!(y > bottom && y < height, "legend text at {y}: nodes end at {bottom}, canvas at {height}");
    }
    let mut lone = Diagram::default();
    lone.nodes.push(d.nodes[0].clone());
    let text = svg(&layout(&lone).expect("layout"), &theme(), "One");
    assert!(!text.contains("class=\"legend\""), "{text}");
}

#[test]
fn output_is_deterministic() {
    let d = layout_support::generated(120, 5);
    let (a, b) = (layout(&d).expect("a"), layout(&d).expect("b"));
    assert_eq!(a, b);
    assert_eq!(svg(&a, &theme(), "t"), svg(&b, &theme(), "t"));
    let d = web_stack();
    assert_eq!(svg(&layout(&d).expect("a"), &theme(), "t"), svg(&layout(&d).expect("b"), &theme(), "t"));
}

#[test]
fn empty_diagram_gives_a_small_valid_svg() {
    let scene = layout(&Diagram::default()).expect("layout");
    assert!(scene.nodes.is_empty());
    assert!(scene.width < 100.0 && scene.height < 100.0);
    let text = svg(&scene, &theme(), "Empty");
    let doc = check_svg(&text);
    assert_eq!(doc.root_element().tag_name().name(), "svg");
}

#[test]
fn hostile_strings_are_escaped() {
    let bad = "</svg><script>alert(1)</script> \"><img onerror=x> & 'q' \u{202e}rtl \u{7}bell \u{0}";
    let mut d = web_stack();
    for n in &mut d.nodes {
        n.label = format!("{bad} {}", n.label);
        n.sublabel = bad.into();
        n.tooltip = bad.into();
        n.badge = Some(bad.into());
        n.category = bad.into();
        n.icon = bad.into();
    }
    d.nodes[0].link = Some(format!("javascript:{bad}"));
    d.nodes[0].id = bad.into();
    d.edges[0].from = bad.into();
    d.edges[0].label = Some(bad.into());
    for g in &mut d.groups {
        g.label = bad.into();
        g.class = bad.into();
        g.id = bad.into();
    }
    let scene = layout(&d).expect("layout");
    check_scene(&scene);
    let text = svg(&scene, &theme(), bad);
    let doc = check_svg(&text);
    assert!(!text.contains('\u{7}') && !text.contains('\u{202e}') && !text.contains('\u{0}'));
    // The tooltip survives as text, escaped rather than interpreted.
    let titles: Vec<String> =
        doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text().map(String::from)).collect();
    assert!(titles.iter().any(|t| t.contains("</svg><script>alert(1)</script>")), "{titles:?}");
}

#[test]
fn odd_input_does_not_panic() {
    let d = Diagram {
        groups: vec![
            group("a", "A", "vpc", Some(1)),
            group("b", "B", "subnet", Some(0)),  // cyclic parents
            group("c", "C", "module", Some(99)), // parent out of range
            group("d", "D", "module", Some(3)),  // its own parent
            group("e", "empty", "module", None),
        ],
        nodes: vec![
            node("n1", "one", "", "compute", Some(0)),
            node("n2", "two", "", "database", Some(1)),
            node("n3", "three", "", "nope", Some(42)),
            node("n1", "duplicate id", "", "compute", None),
            node("n4", "", "", "", Some(3)),
            node("n5", &"very-long-label-".repeat(20), &"s".repeat(200), "compute", Some(2)),
        ],
        edges: vec![
            edge("n1", "n1", EdgeKind::Traffic, None),
            edge("n1", "missing", EdgeKind::Traffic, None),
            edge("n1", "n2", EdgeKind::Traffic, Some("x")),
            edge("n1", "n2", EdgeKind::Traffic, Some("dup")),
            edge("n2", "n3", EdgeKind::Config, None),
            edge("n3", "n1", EdgeKind::Dependency, None), // cycle
            edge("n5", "n4", EdgeKind::Traffic, Some("")),
        ],
        ..Diagram::default()
    };
    let scene = layout(&d).expect("layout");
    assert_eq!(scene.nodes.len(), 5, "duplicate id dropped, everything else placed");
    assert_eq!(scene.edges.len(), 4);
    assert!(scene.groups.iter().all(|g| g.id != "e"), "empty groups are not drawn");
    check_scene(&scene);
    check_svg(&svg(&scene, &theme(), "odd"));
    // The reversed edge of the cycle still points at its real target.
    let back = scene.edges.iter().find(|e| e.from == "n3").expect("n3 → n1");
    let n1 = scene.nodes.iter().find(|n| n.id == "n1").expect("n1");
    let end = back.points.last().expect("points");
    assert!((end.0 - n1.x).abs() < 0.2 || (end.0 - (n1.x + n1.width)).abs() < 0.2);
}

#[test]
fn edgeless_nodes_form_a_grid_not_a_column() {
    let d = Diagram {
        groups: vec![group("role.resident", "Resident services", "role", None)],
        nodes: (0..16).map(|i| node(&format!("n{i}"), &format!("svc {i}"), "", "container", Some(0))).collect(),
        ..Diagram::default()
    };
    let scene = layout(&d).expect("layout");
    check_scene(&scene);
    let cols: std::collections::BTreeSet<i64> = scene.nodes.iter().map(|n| n.x as i64).collect();
    assert_eq!(cols.len(), 4);
}

/// Boxes with no edges (a module holding one alarm) are units of a grid too, in group order; a
/// box whose own grid is wider keeps the first column, so wide boxes never line up side by side
/// (a user trial saw 14 one-node module boxes in one 2,000 px column).
#[test]
fn edgeless_boxes_form_a_grid_and_wide_ones_stack() {
    let groups: Vec<_> = (0..16).map(|i| group(&format!("m{i}"), &format!("module.m{i}"), "module", None)).collect();
    let nodes: Vec<_> =
        (0..16).map(|i| node(&format!("n{i}"), &format!("alarm {i}"), "", "monitoring", Some(i))).collect();
    let scene = layout(&Diagram { groups, nodes, ..Diagram::default() }).expect("layout");
    check_scene(&scene);
    let x = |id: &str| scene.nodes.iter().find(|n| n.id == id).map(|n| n.x as i64).expect(id);
    let cols: std::collections::BTreeSet<i64> = scene.nodes.iter().map(|n| n.x as i64).collect();
    assert_eq!(cols.len(), 4, "16 one-node boxes in 4 columns");
    // Row by row in group order: m0..m3 across the first row.
    assert!(x("n0") < x("n1") && x("n1") < x("n2") && x("n2") < x("n3"));
    assert_eq!(x("n0"), x("n4"));
    assert!(scene.height < 6.0 * 160.0, "not one tall column: {}", scene.height);

    // Three boxes of four edge-less nodes each are two columns wide inside: they stack.
    let groups: Vec<_> = (0..3).map(|i| group(&format!("r{i}"), &format!("Role {i}"), "role", None)).collect();
    let nodes: Vec<_> =
        (0..12).map(|i| node(&format!("n{i}"), &format!("item {i}"), "", "compute", Some(i / 4))).collect();
    let scene = layout(&Diagram { groups, nodes, ..Diagram::default() }).expect("layout");
    check_scene(&scene);
    let lefts: std::collections::BTreeSet<i64> = scene.groups.iter().map(|g| g.x as i64).collect();
    assert_eq!(lefts.len(), 1, "wide boxes share the first column: {:?}", scene.groups);
}

/// Many small random diagrams (random group trees with cycles and bad indices, random edges
/// including self-loops, duplicates and unknown ids): no panic, clean geometry, valid SVG.
#[test]
fn random_small_diagrams_stay_clean() {
    let mut seed = 0x2545f4914f6cdd1du64;
    let mut next = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m.max(1) as u64) as usize
    };
    for round in 0..150 {
        let ng = next(6);
        let nn = next(14);
        let groups = (0..ng)
            .map(|i| {
                let parent = match next(4) {
                    0 => None,
                    1 => Some(next(ng + 2)),
                    _ => Some(next(i.max(1))),
                };
                group(&format!("g{i}"), &format!("group {i}"), "vpc", parent)
            })
            .collect();
        let nodes = (0..nn)
            .map(|i| {
                let g = if next(3) == 0 { None } else { Some(next(ng + 1)) };
                node(&format!("n{i}"), &"label ".repeat(next(12)), "sub", "compute", g)
            })
            .collect();
        let edges = (0..next(25))
            .map(|_| {
                let kind = [EdgeKind::Traffic, EdgeKind::Config, EdgeKind::Dependency][next(3)];
                let label = if next(2) == 0 { Some("HTTPS 443") } else { None };
                edge(&format!("n{}", next(nn + 1)), &format!("n{}", next(nn + 1)), kind, label)
            })
            .collect();
        let d = Diagram { groups, nodes, edges, ..Diagram::default() };
        let scene = layout(&d).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(scene.nodes.len(), nn, "round {round}");
        check_scene(&scene);
        check_svg(&svg(&scene, &theme(), "random"));
    }
}

/// Node links keep the document's anchor as is (Unicode letters included), so they resolve.
#[test]
fn links_keep_document_anchors() {
    let mut d = web_stack();
    d.nodes[0].link = Some("#aws_s3_bucket-サイト".into());
    let text = svg(&layout(&d).expect("layout"), &theme(), "t");
    let doc = check_svg(&text);
    let a = doc.descendants().find(|n| n.has_tag_name("a")).expect("a link");
    assert_eq!(a.attribute("href"), Some("#aws_s3_bucket-サイト"));
    assert!(doc.descendants().any(|n| n.attribute("id") == Some("node-aws_s3_bucket-サイト")));
}

/// Actors stay in the first column even when they only reach something deep in the flow,
/// while other sources move next to what they feed.
#[test]
fn actors_stay_in_the_first_column() {
    let mut d = web_stack();
    d.nodes.push(node("actor.ops", "Operators", "External actor", "actor", None));
    d.nodes.push(node("alarm", "5xx alarm", "CloudWatch alarm", "monitoring", None));
    d.edges.push(edge("actor.ops", "module.backend.aws_db_instance.mysql", EdgeKind::Traffic, None));
    d.edges.push(edge("alarm", "module.backend.aws_db_instance.mysql", EdgeKind::Config, None));
    let scene = layout(&d).expect("layout");
    check_scene(&scene);
    let x = |id: &str| scene.nodes.iter().find(|n| n.id == id).map(|n| n.x).expect(id);
    let first = scene.nodes.iter().map(|n| n.x).fold(f64::INFINITY, f64::min);
    assert!((x("actor.ops") - first).abs() < 30.0, "actor in the first column");
    assert!(x("alarm") > x("module.backend.aws_lb.api"), "a plain source moves next to its target");
}
