//! Input cleaning for the layout stage: turns a [`Diagram`] into index-based tables the later
//! steps can trust.
//!
//! Odd input is repaired here, never passed on: duplicate node ids (first wins), group indices
//! out of range (node goes to the top level), cyclic or dangling group parents (cut), edges to
//! unknown ids and self-loops (dropped from the drawing), duplicate edges (first wins), and
//! cycles (the edges closing them are reversed for ranking and drawn back the right way).

use super::text::Metrics;
use crate::analyze::{Diagram, EdgeKind};
use std::collections::{BTreeMap, BTreeSet};

/// A node to place; `src` indexes [`Diagram::nodes`].
pub(crate) struct GNode {
    pub src: usize,
    /// Container index: a group index, or [`Graph::root`] for the top level.
    pub container: usize,
    pub lines: Vec<String>,
    pub width: f64,
    pub height: f64,
    /// An outside party (category `actor`): kept in the first column, where readers look for
    /// users and callers.
    pub actor: bool,
}

/// A drawn edge between node indices, oriented for layout (`from` is left of `to`).
pub(crate) struct GEdge {
    /// Index into [`Diagram::edges`].
    pub src: usize,
    pub from: usize,
    pub to: usize,
    /// The diagram edge runs `to → from`; the route is reversed when drawn.
    pub reversed: bool,
    /// Pull on neighbour positions: traffic defines the main flow, configuration edges only
    /// nudge, so a service is aligned with its load balancer rather than its log group.
    pub weight: f64,
}

/// Cleaned diagram: nodes, edges and a group tree with a synthetic root container.
pub(crate) struct Graph {
    pub nodes: Vec<GNode>,
    pub edges: Vec<GEdge>,
    /// Parent container of each group (root = `groups.len()`).
    pub parent: Vec<usize>,
    /// Depth of each container; root is 0, top-level groups 1.
    pub depth: Vec<usize>,
    /// Extra title-band height of each container (a description line under the title).
    pub head_extra: Vec<f64>,
}

impl Graph {
    pub fn new(d: &Diagram, m: &Metrics) -> Graph {
        let root = d.groups.len();
        let parent = group_parents(d);
        let mut depth = vec![0; root + 1];
        for (g, slot) in depth.iter_mut().enumerate().take(root) {
            let mut c = g;
            let mut n = 1;
            while parent[c] != root && n <= root {
                c = parent[c];
                n += 1;
            }
            *slot = n;
        }
        let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
        let mut nodes = Vec::new();
        for (i, n) in d.nodes.iter().enumerate() {
            if by_id.contains_key(n.id.as_str()) {
                continue;
            }
            by_id.insert(&n.id, nodes.len());
            let container = n.group.filter(|&g| g < root).unwrap_or(root);
            let (lines, width, height) = m.node_box(&n.label, &n.sublabel, n.badge.as_deref());
            let actor = n.category == "actor";
            nodes.push(GNode { src: i, container, lines, width, height, actor });
        }
        let mut seen = BTreeSet::new();
        let mut edges = Vec::new();
        for (i, e) in d.edges.iter().enumerate() {
            let (Some(&a), Some(&b)) = (by_id.get(e.from.as_str()), by_id.get(e.to.as_str())) else { continue };
            if a == b || !seen.insert((a.min(b), a.max(b))) {
                continue;
            }
            let weight = if e.kind == EdgeKind::Traffic { 1.0 } else { 0.25 };
            edges.push(GEdge { src: i, from: a, to: b, reversed: false, weight });
        }
        let mut head_extra = vec![0.0; root + 1];
        for (c, group) in d.groups.iter().enumerate() {
            if group.description.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                head_extra[c] = m.description_height();
            }
        }
        let mut g = Graph { nodes, edges, parent, depth, head_extra };
        g.break_cycles();
        g
    }

    /// The synthetic top-level container.
    pub fn root(&self) -> usize {
        self.parent.len()
    }

    /// Parent container of container `c` (the root is its own parent).
    pub fn parent_of(&self, c: usize) -> usize {
        self.parent.get(c).copied().unwrap_or(self.root())
    }

    /// Innermost container holding both containers.
    pub fn common(&self, mut a: usize, mut b: usize) -> usize {
        while a != b {
            if self.depth[a] >= self.depth[b] && a != self.root() {
                a = self.parent_of(a);
            } else {
                b = self.parent_of(b);
            }
        }
        a
    }

    /// Reverses the edges that close a cycle, found by an iterative DFS in index order.
    fn break_cycles(&mut self) {
        let n = self.nodes.len();
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, e) in self.edges.iter().enumerate() {
            out[e.from].push(i);
        }
        // 0 = unvisited, 1 = on stack, 2 = done.
        let mut state = vec![0u8; n];
        let mut flip = Vec::new();
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some(&mut (v, ref mut k)) = stack.last_mut() {
                if let Some(&ei) = out[v].get(*k) {
                    *k += 1;
                    let w = self.edges[ei].to;
                    match state[w] {
                        0 => {
                            state[w] = 1;
                            stack.push((w, 0));
                        }
                        1 => flip.push(ei),
                        _ => {}
                    }
                } else {
                    state[v] = 2;
                    stack.pop();
                }
            }
        }
        for ei in flip {
            let e = &mut self.edges[ei];
            std::mem::swap(&mut e.from, &mut e.to);
            e.reversed = true;
        }
    }
}

/// Parent container per group, with out-of-range and cyclic parents cut to the root.
fn group_parents(d: &Diagram) -> Vec<usize> {
    let root = d.groups.len();
    let mut parent: Vec<usize> = d.groups.iter().map(|g| g.parent.filter(|&p| p < root).unwrap_or(root)).collect();
    for g in 0..root {
        let mut c = parent[g];
        let mut steps = 0;
        while c != root {
            if c == g {
                parent[g] = root;
                break;
            }
            if steps > root {
                break; // a cycle above `g`; it is cut when its own members are visited
            }
            c = parent[c];
            steps += 1;
        }
    }
    parent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Edge, Group, Node};

    fn diagram(groups: Vec<Option<usize>>, nodes: &[(&str, Option<usize>)], edges: &[(&str, &str)]) -> Diagram {
        Diagram {
            groups: groups.into_iter().map(|parent| Group { parent, ..Group::default() }).collect(),
            nodes: nodes
                .iter()
                .map(|(id, group)| Node { id: id.to_string(), group: *group, ..Node::default() })
                .collect(),
            edges: edges
                .iter()
                .map(|(a, b)| Edge { from: a.to_string(), to: b.to_string(), kind: EdgeKind::Traffic, label: None })
                .collect(),
            ..Diagram::default()
        }
    }

    #[test]
    fn cyclic_and_dangling_group_parents_are_cut() {
        // 0 → 1 → 0 is a cycle, 2 points nowhere, 3 is its own parent, 4 sits under 2.
        let d = diagram(vec![Some(1), Some(0), Some(9), Some(3), Some(2)], &[], &[]);
        let g = Graph::new(&d, &Metrics::default());
        let root = g.root();
        assert_eq!(g.parent, vec![root, 0, root, root, 2]);
        assert_eq!(g.depth[..5], [1, 2, 1, 1, 2]);
        assert_eq!(g.common(1, 4), root);
        assert_eq!(g.common(1, 0), 0);
    }

    #[test]
    fn bad_edges_are_dropped_and_cycles_reversed() {
        let d = diagram(
            vec![],
            &[("a", Some(7)), ("b", None), ("c", None), ("a", None)],
            &[("a", "a"), ("a", "zz"), ("a", "b"), ("b", "a"), ("a", "b"), ("b", "c"), ("c", "a")],
        );
        let g = Graph::new(&d, &Metrics::default());
        assert_eq!(g.nodes.len(), 3, "duplicate id dropped");
        assert_eq!(g.nodes[0].container, g.root(), "group 7 does not exist");
        let kept: Vec<(usize, usize, bool)> = g.edges.iter().map(|e| (e.from, e.to, e.reversed)).collect();
        // a→b kept, b→a and the second a→b dropped, b→c kept, c→a closes a cycle: reversed.
        assert_eq!(kept, vec![(0, 1, false), (1, 2, false), (0, 2, true)]);
    }
}
