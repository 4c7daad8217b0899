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

/// Most segment pairs tested one by one; past it the count is a lower bound (only dense,
/// pathological graphs get there).
const PAIR_TESTS: usize = 20_000_000;

/// Pairwise intersections of the routed polylines, not counting shared endpoints.
///
/// Segments are grouped by their x-interval. Inside a group (all the edges crossing one gap
/// between columns) two segments cross exactly when their end heights swap order, counted as
/// inversions in O(n log n). Only groups whose x-intervals overlap are tested pair by pair,
/// which for our layouts is almost none, so this stays near-linear even with millions of
/// crossings.
fn crossings(s: &Scene) -> usize {
    let q = |x: f64| (x * 10.0).round() as i64;
    let mut groups: std::collections::BTreeMap<(i64, i64), Vec<(usize, Seg)>> = Default::default();
    for (i, e) in s.edges.iter().enumerate() {
        for w in e.points.windows(2) {
            let (a, b) = if w[0].0 <= w[1].0 { (w[0], w[1]) } else { (w[1], w[0]) };
            if a != b {
                groups.entry((q(a.0), q(b.0))).or_default().push((i, (a, b)));
            }
        }
    }
    let mut count = 0;
    for list in groups.values() {
        let mut ends: Vec<(f64, f64)> = list.iter().map(|(_, (a, b))| (a.1, b.1)).collect();
        ends.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
        let mut right: Vec<f64> = ends.into_iter().map(|e| e.1).collect();
        count += super::order::inversions(&mut right);
    }
    let keys: Vec<&(i64, i64)> = groups.keys().collect();
    let mut tests = 0;
    for (n, k1) in keys.iter().enumerate() {
        for k2 in &keys[n + 1..] {
            if k2.0 > k1.1 {
                break;
            }
            let vertical = k1.0 == k1.1 || k2.0 == k2.1;
            if k2.0 == k1.1 && !vertical {
                continue; // touching at one x only: no proper crossing
            }
            for &(ei, si) in &groups[*k1] {
                for &(ej, sj) in &groups[*k2] {
                    tests += 1;
                    let flat = si.0 .1 == si.1 .1 && sj.0 .1 == sj.1 .1;
                    if ei != ej && !flat && cross(si, sj) {
                        count += 1;
                    }
                }
            }
            if tests > PAIR_TESTS {
                return count;
            }
        }
    }
    count
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::PlacedEdge;

    /// The grouped count equals plain pairwise testing on random column-to-column polylines.
    #[test]
    fn grouped_count_matches_pairwise() {
        let mut seed = 7u64;
        let mut next = move |m: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..50 {
            let cols: Vec<f64> = (0..6).map(|c| c as f64 * 100.0).collect();
            let mut scene = Scene::default();
            for _ in 0..next(30) {
                let start = next(4) as usize;
                let len = 1 + next(3) as usize;
                let points = (start..=(start + len).min(5))
                    .flat_map(|c| {
                        let y = next(10) as f64 * 10.0;
                        // A horizontal run through the column, then on to the next one.
                        [(cols[c], y), (cols[c] + 40.0, y)]
                    })
                    .collect();
                scene.edges.push(PlacedEdge { points, ..PlacedEdge::default() });
            }
            let mut brute = 0;
            for (i, a) in scene.edges.iter().enumerate() {
                for b in &scene.edges[i + 1..] {
                    for s in a.points.windows(2) {
                        for t in b.points.windows(2) {
                            if s[0] != s[1] && t[0] != t[1] && cross((s[0], s[1]), (t[0], t[1])) {
                                brute += 1;
                            }
                        }
                    }
                }
            }
            assert_eq!(crossings(&scene), brute);
        }
    }
}
