//! Layout time and quality on generated diagrams of growing size: catches superlinear blow-ups.
//! Bounds are loose enough for a debug build on a busy machine; `cargo test --release --test
//! layout_perf -- --nocapture` prints the real figures quoted in `docs/layout.md`.

mod layout_support;

use std::time::Instant;
use zumen::layout::{layout, stats};

#[test]
fn large_diagrams_finish_quickly_without_overlaps() {
    for (n, limit_ms) in [(100, 5_000.0), (500, 20_000.0), (2000, 60_000.0)] {
        let d = layout_support::generated(n, 11);
        let t = Instant::now();
        let scene = layout(&d).expect("layout");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let st = stats(&scene, ms);
        eprintln!(
            "n={n}: {:.1} ms, edges {}, boxes {}, crossings {}, overlaps {}, {}x{}",
            ms, st.edges, st.boxes, st.crossings, st.overlaps, st.width, st.height
        );
        assert_eq!(st.nodes, n);
        assert_eq!(st.overlaps, 0, "n={n}");
        assert!(ms < limit_ms, "n={n} took {ms} ms");
    }
}

/// A dense DAG (every node to every later node) would need O(edges × columns) dummies; the
/// dummy budget keeps it bounded.
#[test]
fn dense_dag_stays_bounded() {
    use zumen::analyze::{Diagram, EdgeKind};
    let n = 120;
    let nodes = (0..n).map(|i| layout_support::node(&format!("n{i}"), "x", "", "compute", None)).collect();
    let mut edges = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            edges.push(layout_support::edge(&format!("n{a}"), &format!("n{b}"), EdgeKind::Traffic, None));
        }
    }
    let d = Diagram { nodes, edges, ..Diagram::default() };
    let t = Instant::now();
    let scene = layout(&d).expect("layout");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let st = stats(&scene, ms);
    assert!(t.elapsed().as_secs_f64() < 60.0, "stats stay bounded");
    eprintln!(
        "dense dag {n} nodes, {} edges: {ms:.0} ms, stats {:.0} ms, {st:?}",
        scene.edges.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(scene.edges.len(), n * (n - 1) / 2);
    assert!(ms < 60_000.0);
}
