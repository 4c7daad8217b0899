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

/// Puts what carries no flow into a near-square grid (about √k columns) starting at its
/// container's first column: edge-less nodes, and boxes none of whose nodes has an edge whose own
/// grid is one column wide (a module with one alarm in it), each one unit of its parent's grid.
/// Without that, fourteen one-node module boxes stood in one column, 1,849 px tall. Wider
/// edge-less boxes stay stacked in the first column (see [`Grid::place`]).
fn spread_isolated(g: &Graph, indeg: &[usize], out: &[Vec<usize>], rank: &mut [usize]) {
    let root = g.root();
    let mut grid = Grid {
        g,
        first: vec![None; root + 1],
        has_nodes: vec![false; root + 1],
        kids: vec![Vec::new(); root + 1],
        direct: vec![Vec::new(); root + 1],
    };
    for (v, node) in g.nodes.iter().enumerate() {
        let isolated = indeg[v] == 0 && out[v].is_empty();
        if isolated {
            grid.direct[node.container].push(v);
        }
        // Record, for this container and its ancestors, that it holds nodes and (for a node
        // with edges) the first column such a node uses.
        let mut c = node.container;
        for _ in 0..=root {
            grid.has_nodes[c] = true;
            if !isolated {
                grid.first[c] = Some(grid.first[c].map_or(rank[v], |f| f.min(rank[v])));
            }
            if c == root {
                break;
            }
            c = g.parent_of(c);
        }
    }
    for c in 0..root {
        let p = g.parent_of(c);
        if p != c {
            grid.kids[p].push(c);
        }
    }
    for c in (0..=root).filter(|&c| !grid.quiet(c)) {
        grid.place(c, grid.first[c].unwrap_or(0), rank, 0);
    }
}

/// The containers and edge-less nodes [`spread_isolated`] arranges.
struct Grid<'a> {
    g: &'a Graph,
    /// First column of a node with edges, per container (its subtree).
    first: Vec<Option<usize>>,
    /// Whether the container's subtree holds any node.
    has_nodes: Vec<bool>,
    /// Child containers.
    kids: Vec<Vec<usize>>,
    /// Edge-less nodes directly in each container.
    direct: Vec<Vec<usize>>,
}

impl Grid<'_> {
    /// A box with nodes, none of them with an edge.
    fn quiet(&self, c: usize) -> bool {
        c != self.g.root() && self.has_nodes[c] && self.first[c].is_none()
    }

    /// Grids container `c`'s edge-less nodes and quiet child boxes from column `base`; returns
    /// the number of columns used.
    fn place(&self, c: usize, base: usize, rank: &mut [usize], depth: usize) -> usize {
        // Units row by row: narrow quiet boxes in the diagram's group order, then nodes in
        // model order.
        let mut units: Vec<(Option<usize>, usize)> = Vec::new();
        let mut wide = 0;
        if depth <= self.g.root() {
            for &k in self.kids[c].iter().filter(|&&k| self.quiet(k)) {
                // A box whose own grid is one column wide joins this grid; a wider one keeps the
                // first column, stacked as before: side by side, wide boxes make a picture wider
                // than any screen, while narrow ones stacked make it as tall.
                let width = self.place(k, 0, rank, depth + 1);
                if width <= 1 {
                    units.push((Some(k), 0));
                } else {
                    wide = wide.max(width);
                    let mut members = Vec::new();
                    self.nodes_in(k, &mut members);
                    for m in members {
                        rank[m] += base;
                    }
                }
            }
        }
        units.sort_unstable();
        units.extend(self.direct[c].iter().map(|&v| (None, v)));
        if units.is_empty() {
            return wide;
        }
        let cols = ((units.len() as f64).sqrt().ceil() as usize).max(1);
        // Every unit is one column wide (a quiet box gridded above at column 0).
        for (i, &(boxed, v)) in units.iter().enumerate() {
            let shift = base + i % cols;
            match boxed {
                Some(k) => {
                    let mut members = Vec::new();
                    self.nodes_in(k, &mut members);
                    for m in members {
                        rank[m] += shift;
                    }
                }
                None => rank[v] = shift,
            }
        }
        cols.min(units.len()).max(wide)
    }

    /// Every node in container `c`'s subtree (all edge-less when `c` is quiet).
    fn nodes_in(&self, c: usize, out: &mut Vec<usize>) {
        let mut todo = vec![c];
        let mut steps = 0;
        while let Some(k) = todo.pop() {
            steps += 1;
            if steps > self.kids.len() {
                break;
            }
            out.extend(&self.direct[k]);
            todo.extend(&self.kids[k]);
        }
    }
}
