//! Quality figures of a laid-out [`Scene`] for `zumen build --stats` and the tests: edge
//! crossings, overlaps and size, so layout quality is a number, not an impression.

use super::{Scene, Stats};

/// Measures a scene; `millis` is the layout time the caller took.
pub fn stats(scene: &Scene, millis: f64) -> Stats {
    Stats {
        nodes: scene.nodes.len(),
        edges: scene.edges.len(),
        boxes: scene.groups.len(),
        crossings: crossings(scene),
        overlaps: overlaps(scene),
        width: scene.width,
        height: scene.height,
        millis,
    }
}

type Rect = (f64, f64, f64, f64);
type Seg = ((f64, f64), (f64, f64));

fn intersects(a: Rect, b: Rect) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// Node–node, node–label and unrelated group-box overlaps.
fn overlaps(s: &Scene) -> usize {
    let nodes: Vec<Rect> = s.nodes.iter().map(|n| (n.x, n.y, n.width, n.height)).collect();
    let labels: Vec<Rect> = s
        .edges
        .iter()
        .filter_map(|e| {
            let ((x, y), (w, h)) = (e.label_pos?, e.label_size?);
            Some((x - w / 2.0, y - h / 2.0, w, h))
        })
        .collect();
    let mut count = 0;
    for (i, a) in nodes.iter().enumerate() {
        count += nodes[i + 1..].iter().filter(|b| intersects(*a, **b)).count();
        count += labels.iter().filter(|l| intersects(*a, **l)).count();
    }
    let boxes: Vec<Rect> = s.groups.iter().map(|g| (g.x, g.y, g.width, g.height)).collect();
    let ancestor = |mut a: usize, b: usize| {
        for _ in 0..s.groups.len() {
            match s.groups.get(a).and_then(|g| g.parent) {
                Some(p) if p == b => return true,
                Some(p) => a = p,
                None => return false,
            }
        }
        false
    };
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            if intersects(boxes[i], boxes[j]) && !ancestor(i, j) && !ancestor(j, i) {
                count += 1;
            }
        }
    }
    count
}

/// Pairwise intersections of the routed polylines, not counting shared endpoints. Segments are
/// bucketed by x so the cost stays near-linear on wide layouts.
fn crossings(s: &Scene) -> usize {
    let mut segs: Vec<(usize, Seg)> = Vec::new();
    for (i, e) in s.edges.iter().enumerate() {
        for w in e.points.windows(2) {
            if w[0] != w[1] {
                segs.push((i, (w[0], w[1])));
            }
        }
    }
    let cell = 200.0;
    let mut buckets: std::collections::BTreeMap<i64, Vec<usize>> = Default::default();
    for (k, (_, (a, b))) in segs.iter().enumerate() {
        let (lo, hi) = ((a.0.min(b.0) / cell).floor() as i64, (a.0.max(b.0) / cell).floor() as i64);
        for c in lo..=hi.min(lo + 10_000) {
            buckets.entry(c).or_default().push(k);
        }
    }
    let mut pairs = std::collections::BTreeSet::new();
    for list in buckets.values() {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                let ((ei, si), (ej, sj)) = (segs[i], segs[j]);
                if ei != ej && cross(si, sj) {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.len()
}

/// Proper intersection of two segments; touching at an endpoint does not count.
fn cross(a: Seg, b: Seg) -> bool {
    let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        let v = (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
        if v.abs() < 1e-9 {
            0
        } else if v > 0.0 {
            1
        } else {
            -1
        }
    };
    let (d1, d2) = (orient(b.0, b.1, a.0), orient(b.0, b.1, a.1));
    let (d3, d4) = (orient(a.0, a.1, b.0), orient(a.0, a.1, b.1));
    d1 * d2 < 0 && d3 * d4 < 0
}
