//! Column assignment for the layout stage: each node gets a rank (column, left to right).
//!
//! Longest path from the sources on the acyclic graph from [`super::graph`], then sources are
//! pulled right next to their first successor so an alarm or a DNS zone does not sit far left
//! with a long edge — except actors (users, CI), which stay in the first column. Nodes without edges carry no flow; they are spread over a near-square grid
//! inside their container instead of one tall column.

use super::graph::Graph;

/// Rank per node.
pub(crate) fn assign(g: &Graph) -> Vec<usize> {
    let n = g.nodes.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for e in &g.edges {
        out[e.from].push(e.to);
        indeg[e.to] += 1;
    }
    // Kahn's algorithm in index order; the graph is acyclic after `break_cycles`.
    let mut order = Vec::with_capacity(n);
    let mut left = indeg.clone();
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&v| left[v] == 0).collect();
    while let Some(v) = queue.pop_front() {
        order.push(v);
        for &w in &out[v] {
            left[w] -= 1;
            if left[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    let mut rank = vec![0usize; n];
    for &v in &order {
        for &w in &out[v] {
            rank[w] = rank[w].max(rank[v] + 1);
        }
    }
    // Pull sources towards their successors, right to left so chains of sources follow.
    for &v in order.iter().rev() {
        if indeg[v] == 0 && !g.nodes[v].actor {
            if let Some(min) = out[v].iter().map(|&w| rank[w]).min() {
                rank[v] = min.saturating_sub(1);
            }
        }
    }
    spread_isolated(g, &indeg, &out, &mut rank);
    rank
}

/// Puts edge-less nodes of each container into a grid of about √k columns starting at the
/// container's first column.
fn spread_isolated(g: &Graph, indeg: &[usize], out: &[Vec<usize>], rank: &mut [usize]) {
    let root = g.root();
    let mut isolated: Vec<Vec<usize>> = vec![Vec::new(); root + 1];
    let mut first: Vec<Option<usize>> = vec![None; root + 1];
    for (v, node) in g.nodes.iter().enumerate() {
        if indeg[v] == 0 && out[v].is_empty() {
            isolated[node.container].push(v);
        } else {
            let mut c = node.container;
            // Record the first column used by this container and all its ancestors.
            loop {
                first[c] = Some(first[c].map_or(rank[v], |f| f.min(rank[v])));
                if c == root {
                    break;
                }
                c = g.parent_of(c);
            }
        }
    }
    for (c, members) in isolated.iter().enumerate() {
        let k = members.len();
        if k == 0 {
            continue;
        }
        let cols = ((k as f64).sqrt().ceil() as usize).max(1);
        let base = first[c].unwrap_or(0);
        for (i, &v) in members.iter().enumerate() {
            rank[v] = base + i % cols;
        }
    }
}
