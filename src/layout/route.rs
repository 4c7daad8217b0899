//! Geometry for the layout stage: turns ranks and stacked positions into the final [`Scene`].
//!
//! Columns get x positions with gaps wide enough for the group borders that end or start
//! there and for the edge labels placed there. Edges leave a node on its right side, run
//! horizontally through each column they pass (at their dummy's height, which the stacking
//! kept free) and cross gaps between columns — where no node lives — so they never pass
//! through a node. Every coordinate is rounded to 0.1 for byte-stable output.

use super::graph::Graph;
use super::order::Placed;
use super::text::{truncate, Metrics};
use super::tracks;
use super::{round, LayoutError, PlacedEdge, PlacedGroup, PlacedNode, Scene};
use crate::analyze::{Diagram, EdgeKind};
use std::collections::BTreeMap;

/// Longest edge label shown, in characters.
const EDGE_LABEL_CHARS: usize = 32;

/// Builds the scene from the placement.
pub(crate) fn scene(d: &Diagram, g: &Graph, rank: &[usize], p: &Placed, m: &Metrics) -> Result<Scene, LayoutError> {
    let root = g.root();
    let ncols = p.leaves.iter().map(|l| l.rank + 1).max().unwrap_or(0);
    let mut col_w = vec![0.0f64; ncols];
    for (v, n) in g.nodes.iter().enumerate() {
        col_w[rank[v]] = col_w[rank[v]].max(n.width);
    }
    // Group border room on each side of each column.
    let (mut pad_l, mut pad_r) = (vec![0.0f64; ncols + 1], vec![0.0f64; ncols + 1]);
    for grp in 0..root {
        if let Some((a, b)) = p.cols[grp] {
            let w = m.group_pad * p.level[grp] as f64;
            pad_l[a] = pad_l[a].max(w);
            pad_r[b] = pad_r[b].max(w);
        }
    }
    let labels = edge_labels(d, g, p, m);
    let mut label_w = vec![0.0f64; ncols];
    for (gap, _, (w, _)) in labels.iter().flatten() {
        label_w[*gap] = label_w[*gap].max(*w);
    }
    let mut left = vec![0.0; ncols];
    let mut x = m.margin + pad_l.first().copied().unwrap_or(0.0);
    for r in 0..ncols {
        col_w[r] = col_w[r].max(20.0);
        left[r] = x;
        x += col_w[r] + pad_r[r] + pad_l[r + 1] + m.column_gap.max(label_w[r] + 24.0);
    }
    let right = |r: usize| left[r] + col_w[r];
    // Normalise y so the picture starts at the margin.
    let min_top = p.top.iter().copied().chain(p.boxes.iter().flatten().map(|b| b.0)).fold(f64::INFINITY, f64::min);
    let dy = if min_top.is_finite() { m.margin - min_top } else { 0.0 };
    let center = |l: usize| p.top[l] + p.leaves[l].h / 2.0 + dy;

    // Scene groups, outermost first.
    let mut order: Vec<usize> = (0..root).filter(|&c| p.boxes[c].is_some()).collect();
    order.sort_by_key(|&c| (g.depth[c], c));
    let mut index = vec![None; root + 1];
    for (i, &c) in order.iter().enumerate() {
        index[c] = Some(i);
    }
    let mut groups = Vec::with_capacity(order.len());
    for &c in &order {
        let (Some((top, h)), Some((a, b))) = (p.boxes[c], p.cols[c]) else { continue };
        let pad = m.group_pad * p.level[c] as f64;
        let (gx, gw) = (left[a] - pad, right(b) - left[a] + 2.0 * pad);
        let src = &d.groups[c];
        let fit = ((gw - 2.0 * m.group_pad) / (m.group_title_size * m.char_em)).max(4.0) as usize;
        groups.push(PlacedGroup {
            id: src.id.clone(),
            x: round(gx),
            y: round(top + dy),
            width: round(gw),
            height: round(h),
            label: truncate(&src.label, fit.min(super::text::MAX_LINE_CHARS)),
            class: src.class.clone(),
            depth: g.depth[c].saturating_sub(1),
            parent: index[g.parent_of(c)],
            description: src.description.as_deref().filter(|t| !t.trim().is_empty()).map(|t| {
                let fit = ((gw - 2.0 * m.group_pad) / (m.description_size() * m.char_em)).max(4.0) as usize;
                truncate(&t.split_whitespace().collect::<Vec<_>>().join(" "), fit.min(super::text::MAX_LINE_CHARS))
            }),
        });
    }
    let mut nodes = Vec::with_capacity(g.nodes.len());
    for (v, n) in g.nodes.iter().enumerate() {
        let src = d.nodes.get(n.src).ok_or_else(|| LayoutError("node index out of range".into()))?;
        let r = rank[v];
        nodes.push(PlacedNode {
            id: src.id.clone(),
            x: round(left[r] + (col_w[r] - n.width) / 2.0),
            y: round(p.top[v] + dy),
            width: n.width,
            height: n.height,
            lines: n.lines.clone(),
            sublabel: truncate(&src.sublabel, m.wrap_chars + 8),
            class: src.category.clone(),
            icon: src.icon.clone(),
            badge: src.badge.as_deref().map(|b| truncate(b, 8)),
            link: src.link.clone(),
            tooltip: src.tooltip.clone(),
            group: index[n.container],
        });
    }
    let ports = ports(g, p, &center);
    // Routes in layout direction (left to right), then a turn position per gap crossing.
    let mut routes = Vec::with_capacity(g.edges.len());
    for (ei, e) in g.edges.iter().enumerate() {
        let chain = &p.chains[ei];
        let (a, b) = (e.from, e.to);
        let (na, nb) = (&nodes[a], &nodes[b]);
        let (ya, yb) = ports[ei];
        let mut pts = vec![(na.x + na.width, ya), (right(rank[a]), ya)];
        for &l in &chain[1..chain.len().saturating_sub(1)] {
            let r = p.leaves[l].rank;
            pts.push((left[r], center(l)));
            pts.push((right(r), center(l)));
        }
        pts.push((left[rank[b]], yb));
        pts.push((nb.x, yb));
        let mut pts: Vec<(f64, f64)> = pts.into_iter().map(|(x, y)| (round(x), round(y))).collect();
        pts.dedup();
        routes.push(pts);
    }
    let q = |x: f64| (x * 10.0).round() as i64;
    let rights: BTreeMap<i64, usize> = (0..ncols).map(|r| (q(round(right(r))), r)).collect();
    let lefts: BTreeMap<i64, usize> = (0..ncols).map(|r| (q(round(left[r])), r)).collect();
    // The free part of a gap lies between the borders of the groups ending and starting there.
    let zone = |x1: f64, x2: f64| {
        let zl = x1 + rights.get(&q(x1)).map_or(0.0, |&r| pad_r[r]);
        let zr = x2 - lefts.get(&q(x2)).map_or(0.0, |&r| pad_l[r]);
        if zr - zl < 8.0 {
            (x1, x2)
        } else {
            (zl, zr)
        }
    };
    let turns = tracks::assign(&routes, &zone);
    let mut edges = Vec::with_capacity(g.edges.len());
    for (ei, ((e, mut pts), mut turns)) in g.edges.iter().zip(routes).zip(turns).enumerate() {
        let (label, label_pos, label_size) = match &labels[ei] {
            Some((gap, text, size)) => {
                let seg = pts.windows(2).position(|w| w[0].0 <= right(*gap) + 0.1 && w[1].0 >= left[gap + 1] - 0.1);
                // A labelled segment turns at the gap's middle, so its label sits on the curve and
                // inside the gap (sized for it), never on a node.
                let pos = seg.map(|k| {
                    turns[k] = turns[k].map(|_| round((pts[k].0 + pts[k + 1].0) / 2.0));
                    let (x, y) = tracks::midpoint(pts[k], pts[k + 1], turns[k]);
                    (round(x), round(y))
                });
                (Some(text.clone()), pos, Some(*size))
            }
            None => (None, None, None),
        };
        if e.reversed {
            pts.reverse();
            turns.reverse();
        }
        let src = &d.edges[e.src];
        edges.push(PlacedEdge {
            from: src.from.clone(),
            to: src.to.clone(),
            points: pts,
            turns,
            class: kind_class(src.kind).to_string(),
            label,
            label_pos,
            label_size,
        });
    }
    separate_labels(&mut edges);
    let width = left.last().map_or(2.0 * m.margin, |&l| l + col_w[ncols - 1] + pad_r[ncols - 1] + m.margin);
    let bottom = nodes
        .iter()
        .map(|n| n.y + n.height)
        .chain(groups.iter().map(|b| b.y + b.height))
        .chain(edges.iter().filter_map(|e| Some(e.label_pos?.1 + e.label_size?.1 / 2.0)))
        .chain(edges.iter().flat_map(|e| e.points.iter().map(|p| p.1 + 6.0)))
        .fold(0.0, f64::max);
    Ok(Scene { width: round(width), height: round(bottom + m.margin), groups, nodes, edges })
}

/// CSS class of an edge kind.
fn kind_class(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Traffic => "traffic",
        EdgeKind::Config => "config",
        EdgeKind::Dependency => "dependency",
    }
}

/// Gap column, visible text and box size of one edge label.
type Label = (usize, String, (f64, f64));

/// Per graph edge: (gap column, visible text, box size) for labelled edges. The label goes in
/// the middle gap of the edge's run.
fn edge_labels(d: &Diagram, g: &Graph, p: &Placed, m: &Metrics) -> Vec<Option<Label>> {
    g.edges
        .iter()
        .enumerate()
        .map(|(ei, e)| {
            let text = d.edges.get(e.src)?.label.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
            let text = truncate(text, EDGE_LABEL_CHARS);
            let chain = &p.chains[ei];
            let gap = p.leaves[chain[(chain.len() - 1) / 2]].rank;
            let size = (m.text_width(&text, m.edge_label_size) + 10.0, m.edge_label_size + 6.0);
            Some((gap, text, size))
        })
        .collect()
}

/// Port heights per edge (source, target): several edges on one side of a node fan out along
/// it in the order of where they go, so they do not start on top of each other.
fn ports(g: &Graph, p: &Placed, center: &dyn Fn(usize) -> f64) -> Vec<(f64, f64)> {
    let mut out: Vec<Vec<(f64, usize)>> = vec![Vec::new(); g.nodes.len()];
    let mut inc: Vec<Vec<(f64, usize)>> = vec![Vec::new(); g.nodes.len()];
    for (ei, e) in g.edges.iter().enumerate() {
        let chain = &p.chains[ei];
        out[e.from].push((center(chain[1.min(chain.len() - 1)]), ei));
        inc[e.to].push((center(chain[chain.len().saturating_sub(2)]), ei));
    }
    let mut res: Vec<(f64, f64)> = g.edges.iter().map(|e| (center(e.from), center(e.to))).collect();
    for (v, n) in g.nodes.iter().enumerate() {
        for (side, list) in [(0, &mut out[v]), (1, &mut inc[v])] {
            list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let k = list.len() as f64;
            let step = ((n.height - 16.0) / k).clamp(0.0, 8.0);
            for (i, &(_, ei)) in list.iter().enumerate() {
                let y = center(v) + (i as f64 - (k - 1.0) / 2.0) * step;
                if side == 0 {
                    res[ei].0 = y;
                } else {
                    res[ei].1 = y;
                }
            }
        }
    }
    res
}

/// Pushes labels that share a gap apart vertically so no two label boxes overlap.
fn separate_labels(edges: &mut [PlacedEdge]) {
    let mut idx: Vec<usize> = (0..edges.len()).filter(|&i| edges[i].label_pos.is_some()).collect();
    idx.sort_by(|&a, &b| {
        let (pa, pb) = (edges[a].label_pos.unwrap_or_default(), edges[b].label_pos.unwrap_or_default());
        pa.1.total_cmp(&pb.1).then(pa.0.total_cmp(&pb.0)).then(a.cmp(&b))
    });
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for i in idx {
        let (Some((x, mut y)), Some((w, h))) = (edges[i].label_pos, edges[i].label_size) else { continue };
        for &(px, py, pw, ph) in &placed {
            if (x - px).abs() * 2.0 < w + pw && (y - py).abs() * 2.0 < h + ph {
                y = py + (h + ph) / 2.0 + 2.0;
            }
        }
        placed.push((x, y, w, h));
        edges[i].label_pos = Some((round(x), round(y)));
    }
}
