//! Track assignment for the layout stage: where, inside a gap between columns, each edge
//! makes its turn from one height to another.
//!
//! Drawn as S-curves that all turn at the middle of the gap, many edges crossing one gap
//! would run on top of each other. Each edge that changes height in a gap gets its own turn
//! position ("track") in the gap's free zone (between the group borders). Edges going down
//! are ordered lowest first and edges going up highest first: then two edges whose ends keep
//! their order never cross, and a falling and a rising edge only cross if their ends swap.

use super::round;
use std::collections::BTreeMap;

/// One segment crossing a gap: (edge, segment index, y at the left end, y at the right end).
type Crossing = (usize, usize, f64, f64);

/// Turn x per segment of each route (`None` for level segments); `zone(x1, x2)` gives the free
/// part of the gap a segment from `x1` to `x2` crosses.
pub(crate) fn assign(routes: &[Vec<(f64, f64)>], zone: &dyn Fn(f64, f64) -> (f64, f64)) -> Vec<Vec<Option<f64>>> {
    let q = |x: f64| (x * 10.0).round() as i64;
    let mut turns: Vec<Vec<Option<f64>>> = routes.iter().map(|p| vec![None; p.len().saturating_sub(1)]).collect();
    let mut gaps: BTreeMap<(i64, i64), Vec<Crossing>> = BTreeMap::new();
    for (e, pts) in routes.iter().enumerate() {
        for (k, w) in pts.windows(2).enumerate() {
            if (w[0].1 - w[1].1).abs() >= 0.05 && w[1].0 > w[0].0 {
                gaps.entry((q(w[0].0), q(w[1].0))).or_default().push((e, k, w[0].1, w[1].1));
            }
        }
    }
    for ((a, b), segs) in gaps {
        let (zl, zr) = zone(a as f64 / 10.0, b as f64 / 10.0);
        let mut down: Vec<&Crossing> = segs.iter().filter(|s| s.3 > s.2).collect();
        let mut up: Vec<&Crossing> = segs.iter().filter(|s| s.3 < s.2).collect();
        down.sort_by(|p, q| (q.2 + q.3).total_cmp(&(p.2 + p.3)).then(p.0.cmp(&q.0)));
        up.sort_by(|p, q| (p.2 + p.3).total_cmp(&(q.2 + q.3)).then(p.0.cmp(&q.0)));
        for list in [down, up] {
            let n = list.len() as f64;
            for (i, s) in list.iter().enumerate() {
                turns[s.0][s.1] = Some(round(zl + (zr - zl) * (i as f64 + 1.0) / (n + 1.0)));
            }
        }
    }
    turns
}

/// The point half-way along a turn: where a label sits on the curve.
pub(crate) fn midpoint(a: (f64, f64), b: (f64, f64), turn: Option<f64>) -> (f64, f64) {
    let t = turn.unwrap_or((a.0 + b.0) / 2.0);
    // Cubic Bézier (a, (t, a.y), (t, b.y), b) at parameter 1/2.
    ((a.0 + b.0) / 8.0 + 0.75 * t, (a.1 + b.1) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_in_one_gap_get_distinct_ordered_tracks() {
        let routes = vec![
            vec![(0.0, 0.0), (100.0, 100.0)],   // down, upper
            vec![(0.0, 50.0), (100.0, 150.0)],  // down, lower: turns first
            vec![(0.0, 300.0), (100.0, 200.0)], // up
            vec![(0.0, 400.0), (100.0, 400.0)], // level
        ];
        let turns = assign(&routes, &|a, b| (a + 10.0, b - 10.0));
        let (upper, lower) = (turns[0][0].unwrap_or(0.0), turns[1][0].unwrap_or(0.0));
        assert!(lower < upper, "{turns:?}");
        assert!(turns[2][0].is_some());
        assert_eq!(turns[3][0], None);
        assert!(turns.iter().flatten().flatten().all(|&x| (10.0..=90.0).contains(&x)));
    }
}
