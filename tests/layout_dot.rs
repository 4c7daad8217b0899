//! Edge crossings of our layout versus Graphviz `dot` on the same graphs (same node sizes,
//! same nested clusters, left to right). Skips when `dot` is not installed: Graphviz is a
//! yardstick for development, never used at run time. Both sides are measured the same way:
//! edges drawn as sampled Bézier curves, crossings counted between edges that share no node.

mod layout_support;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::process::Command;
use zumen::analyze::Diagram;
use zumen::layout::layout;

type Curve = (usize, usize, Vec<(f64, f64)>);

fn dot_available() -> bool {
    Command::new("dot").arg("-V").output().is_ok_and(|o| o.status.success())
}

fn cubic(p: [(f64, f64); 4], out: &mut Vec<(f64, f64)>) {
    for k in 1..=8 {
        let t = k as f64 / 8.0;
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        out.push((
            a * p[0].0 + b * p[1].0 + c * p[2].0 + d * p[3].0,
            a * p[0].1 + b * p[1].1 + c * p[2].1 + d * p[3].1,
        ));
    }
}

fn ours(d: &Diagram) -> Vec<Curve> {
    let scene = layout(d).expect("layout");
    let idx: BTreeMap<&str, usize> = d.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    scene
        .edges
        .iter()
        .map(|e| {
            let mut pts = vec![e.points[0]];
            for (k, w) in e.points.windows(2).enumerate() {
                let ((ax, ay), (bx, by)) = (w[0], w[1]);
                let mx = e.turns.get(k).copied().flatten().unwrap_or((ax + bx) / 2.0);
                cubic([(ax, ay), (mx, ay), (mx, by), (bx, by)], &mut pts);
            }
            (idx[e.from.as_str()], idx[e.to.as_str()], pts)
        })
        .collect()
}

fn to_dot(d: &Diagram) -> String {
    let idx: BTreeMap<&str, usize> = d.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let m = zumen::layout::Metrics::default();
    let mut s = String::from("digraph G {\nrankdir=LR;\nnode [shape=box, fixedsize=true];\n");
    fn cluster(d: &Diagram, g: Option<usize>, m: &zumen::layout::Metrics, s: &mut String) {
        for (i, n) in d.nodes.iter().enumerate() {
            if n.group == g {
                let (_, w, h) = m.node_box(&n.label, &n.sublabel, n.badge.as_deref());
                let _ = writeln!(s, "v{i} [width={:.2}, height={:.2}];", w / 72.0, h / 72.0);
            }
        }
        for (gi, grp) in d.groups.iter().enumerate() {
            if grp.parent == g {
                let _ = writeln!(s, "subgraph cluster_{gi} {{ label=\"g{gi}\";");
                cluster(d, Some(gi), m, s);
                s.push_str("}\n");
            }
        }
    }
    cluster(d, None, &m, &mut s);
    for e in &d.edges {
        if let (Some(a), Some(b)) = (idx.get(e.from.as_str()), idx.get(e.to.as_str())) {
            let _ = writeln!(s, "v{a} -> v{b};");
        }
    }
    s.push_str("}\n");
    s
}

fn dot(d: &Diagram) -> Vec<Curve> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.dot");
    std::fs::write(&path, to_dot(d)).expect("write");
    let out = Command::new("dot").arg("-Tplain").arg(&path).output().expect("dot");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut curves = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("edge ")) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let id = |s: &str| s.trim_start_matches('v').parse::<usize>().unwrap_or(usize::MAX);
        let n: usize = f[3].parse().unwrap_or(0);
        let p: Vec<(f64, f64)> =
            (0..n).map(|k| (f[4 + 2 * k].parse().unwrap_or(0.0), f[5 + 2 * k].parse().unwrap_or(0.0))).collect();
        let mut pts = vec![p[0]];
        for c in p.windows(4).step_by(3) {
            cubic([c[0], c[1], c[2], c[3]], &mut pts);
        }
        curves.push((id(f[1]), id(f[2]), pts));
    }
    curves
}

fn crossings(curves: &[Curve]) -> usize {
    let bbox = |p: &[(f64, f64)]| {
        p.iter().fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, q| {
            (b.0.min(q.0), b.1.min(q.1), b.2.max(q.0), b.3.max(q.1))
        })
    };
    let boxes: Vec<_> = curves.iter().map(|c| bbox(&c.2)).collect();
    let mut count = 0;
    for i in 0..curves.len() {
        for j in i + 1..curves.len() {
            let (a, b) = (&curves[i], &curves[j]);
            if a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1 {
                continue;
            }
            let (p, q) = (boxes[i], boxes[j]);
            if p.0 > q.2 || q.0 > p.2 || p.1 > q.3 || q.1 > p.3 {
                continue;
            }
            for s in a.2.windows(2) {
                for t in b.2.windows(2) {
                    if seg_cross(s[0], s[1], t[0], t[1]) {
                        count += 1;
                    }
                }
            }
        }
    }
    count
}

fn seg_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let o =
        |p: (f64, f64), q: (f64, f64), r: (f64, f64)| ((q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)).signum();
    o(a, b, c) * o(a, b, d) < 0.0 && o(c, d, a) * o(c, d, b) < 0.0
}

#[test]
fn crossings_no_worse_than_dot() {
    if !dot_available() {
        // CI installs Graphviz (.ci/run), so there the comparison must run.
        assert!(std::env::var_os("CI").is_none(), "dot is missing under CI: .ci/run installs graphviz");
        eprintln!("dot not installed; skipping the Graphviz comparison");
        return;
    }
    let web = layout_support::web_stack();
    let (o, g) = (crossings(&ours(&web)), crossings(&dot(&web)));
    eprintln!("web stack: ours {o}, dot {g}");
    assert!(o <= g, "web stack: ours {o} > dot {g}");
    for (n, seed) in [(50, 1), (100, 2), (200, 3)] {
        let d = layout_support::generated(n, seed);
        let t = std::time::Instant::now();
        let o = crossings(&ours(&d));
        let ours_ms = t.elapsed().as_millis();
        let t = std::time::Instant::now();
        let g = crossings(&dot(&d));
        let ms = t.elapsed().as_millis();
        eprintln!("generated {n} ({} edges): ours {o} ({ours_ms} ms), dot {g} ({ms} ms)", d.edges.len());
        assert!(o <= g, "generated {n}: ours {o} > dot {g}");
    }
}

/// The bar: crossings on the examples no worse than `dot` given the same graph.
#[test]
fn examples_cross_no_more_than_dot() {
    if !dot_available() {
        // CI installs Graphviz (.ci/run), so there the comparison must run.
        assert!(std::env::var_os("CI").is_none(), "dot is missing under CI: .ci/run installs graphviz");
        eprintln!("dot not installed; skipping the Graphviz comparison");
        return;
    }
    let catalog = zumen::catalog::Catalog::builtin();
    for ex in ["examples/hackathon-ecs", "examples/three-tier-ec2"] {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(ex);
        let Ok(model) = zumen::build::model_only(&root, None) else {
            eprintln!("{ex} not readable; skipping");
            continue;
        };
        for d in zumen::analyze::analyze(&model, &catalog).diagrams {
            let (o, g) = (crossings(&ours(&d)), crossings(&dot(&d)));
            eprintln!("{ex} {}: ours {o}, dot {g}", d.id);
            assert!(o <= g, "{ex} {}: ours {o} > dot {g}", d.id);
        }
    }
}
