//! Ordering and vertical placement for the layout stage.
//!
//! Every node, and one "dummy" per column an edge passes through, is a leaf with a rank. Each
//! container (a group, or the top level) stacks its direct leaves and child groups top to
//! bottom ([`super::stack`]); a child group is one block spanning all its columns, so sibling
//! boxes can never overlap. Three phases:
//! 1. ordering: items are sorted by a barycentric key (the mean centre of their neighbours in
//!    the previous/next column) and packed tightly; the pass with the fewest crossings between
//!    adjacent columns wins. O(L log L) per pass for L leaves, so 2,000 nodes stay fast;
//! 2. [`super::transpose`]: adjacent swaps on small diagrams;
//! 3. straightening: the order is kept, leaves drop towards their neighbours' height at
//!    `max(skyline, wanted)` so edges run straight, unless the picture grows too much.

use super::graph::Graph;
use super::stack::{extent, Keys, Stacker};
use super::text::Metrics;
use super::transpose;

/// Most dummy leaves created for one diagram.
const DUMMY_BUDGET: usize = 50_000;
/// Height reserved for an edge passing through a column.
pub(crate) const DUMMY_H: f64 = 6.0;
const PASSES: usize = 24;
/// Straightening passes after the order is fixed; few, since each may only push down.
const STRAIGHTEN: usize = 8;
/// Adjacent swaps cost a full stacking each; worth it on the diagrams people read closely.
const TRANSPOSE_MAX: usize = 600;
/// Extra starting orders for small diagrams: fixed pseudo-random permutations (deterministic,
/// so output bytes stay the same), which escape local optima the four structured starts share.
const SHUFFLED_STARTS: usize = 64;
/// Diagrams up to this many leaves (nodes plus edge bend points) get the shuffled starts; each
/// start costs a full sweep, so larger ones keep the four structured starts.
const SHUFFLE_MAX: usize = 150;

/// A node or an edge's passage through a column.
pub(crate) struct Leaf {
    pub rank: usize,
    pub h: f64,
    pub container: usize,
}

#[derive(Clone, Copy)]
pub(crate) enum Item {
    Leaf(usize),
    Group(usize),
}

/// Result: tops of leaves (nodes first, index = node index) and boxes of non-empty groups.
pub(crate) struct Placed {
    pub leaves: Vec<Leaf>,
    pub top: Vec<f64>,
    /// Per graph edge, the leaves it runs through from `from` to `to`.
    pub chains: Vec<Vec<usize>>,
    /// Per group: (top, height), `None` for a group with nothing in it.
    pub boxes: Vec<Option<(f64, f64)>>,
    /// Per container: first and last column.
    pub cols: Vec<Option<(usize, usize)>>,
    /// Per group: nesting levels inside it, itself included (horizontal padding multiplier).
    pub level: Vec<usize>,
}

/// Orders and stacks everything; never fails.
pub(crate) fn place(g: &Graph, rank: &[usize], m: &Metrics) -> Placed {
    let root = g.root();
    let mut leaves: Vec<Leaf> =
        g.nodes.iter().enumerate().map(|(v, n)| Leaf { rank: rank[v], h: n.height, container: n.container }).collect();
    let mut chains = Vec::with_capacity(g.edges.len());
    // Dummies cost one leaf per column crossed, O(edges × columns) in the worst case (a dense
    // DAG). Past a budget the longest edges go without: drawn as one long curve, still valid.
    let span = |e: &super::graph::GEdge| rank[e.to].saturating_sub(rank[e.from] + 1);
    let mut by_span: Vec<usize> = (0..g.edges.len()).collect();
    by_span.sort_by_key(|&i| (span(&g.edges[i]), i));
    let mut budget = DUMMY_BUDGET;
    let mut routed = vec![false; g.edges.len()];
    for i in by_span {
        let need = span(&g.edges[i]);
        if need <= budget {
            budget -= need;
            routed[i] = true;
        }
    }
    for (ei, e) in g.edges.iter().enumerate() {
        let lca = g.common(g.nodes[e.from].container, g.nodes[e.to].container);
        let mut chain = vec![e.from];
        let dummies = if routed[ei] { rank[e.from] + 1..rank[e.to] } else { 0..0 };
        for r in dummies {
            chain.push(leaves.len());
            leaves.push(Leaf { rank: r, h: DUMMY_H, container: lca });
        }
        chain.push(e.to);
        chains.push(chain);
    }
    let mut cols: Vec<Option<(usize, usize)>> = vec![None; root + 1];
    for l in &leaves {
        let mut c = l.container;
        loop {
            cols[c] = Some(cols[c].map_or((l.rank, l.rank), |(a, b)| (a.min(l.rank), b.max(l.rank))));
            if c == root {
                break;
            }
            c = g.parent_of(c);
        }
    }
    let mut children: Vec<Vec<Item>> = vec![Vec::new(); root + 1];
    for grp in 0..root {
        if cols[grp].is_some() {
            children[g.parent_of(grp)].push(Item::Group(grp));
        }
    }
    for (i, l) in leaves.iter().enumerate() {
        children[l.container].push(Item::Leaf(i));
    }
    // Children before parents: deepest groups first, index order within a depth.
    let mut post: Vec<usize> = (0..root).filter(|&c| cols[c].is_some()).collect();
    post.sort_by_key(|&c| (std::cmp::Reverse(g.depth[c]), c));
    let mut level = vec![1usize; root];
    for &c in &post {
        let p = g.parent_of(c);
        if p != root {
            level[p] = level[p].max(level[c] + 1);
        }
    }
    let weights: Vec<f64> = g.edges.iter().map(|e| e.weight).collect();
    let (left, right) = neighbours(leaves.len(), &chains, &weights);
    // Crossings count every edge the same, so ordering uses equal weights.
    let (uleft, uright) = neighbours(leaves.len(), &chains, &vec![1.0; weights.len()]);
    let s = Stacker { g, m, leaves: &leaves, children: &children, cols: &cols, post: &post };
    // Ordering passes from a few deterministic starting orders (input order, reversed, depth
    // first along the edges and against them); the barycentric method settles in local optima, so different
    // starts find different ones. Small diagrams try all, large ones only the first.
    let starts = match leaves.len() {
        n if n <= SHUFFLE_MAX => 4 + SHUFFLED_STARTS,
        n if n <= TRANSPOSE_MAX => 4,
        _ => 1,
    };
    let mut best: Option<(usize, Vec<f64>)> = None;
    for start in 0..starts {
        // Shuffled starts only look for fewer crossings; none to remove, nothing to look for.
        if start >= 4 && best.as_ref().is_some_and(|b| b.0 == 0) {
            break;
        }
        let init: Vec<f64> = match start {
            0 => vec![0.0; leaves.len()],
            1 => (0..leaves.len()).map(|i| -(i as f64)).collect(),
            2 => dfs_order(&uright, &uleft),
            3 => dfs_order(&uleft, &uright),
            seed => shuffled(leaves.len(), seed as u64),
        };
        let found = sweep(&s, &leaves, &chains, (&uleft, &uright), init);
        if best.as_ref().is_none_or(|b| found.0 < b.0) {
            best = Some(found);
        }
    }
    let (best_x, keys) = best.unwrap_or_else(|| (0, vec![0.0; leaves.len()]));
    let mut center = vec![0.0; leaves.len()];
    let mut keys = Keys { leaf: keys, group: None };
    if leaves.len() <= TRANSPOSE_MAX && best_x > 0 {
        transpose::improve(&s, &mut keys, &chains, best_x);
    }
    let mut stacked = s.stack(&keys, None);
    let tight = extent(&stacked, &leaves);
    // Straightening: same order, but each leaf may drop towards its neighbours' mean height.
    for pass in 0..STRAIGHTEN {
        for (i, c) in center.iter_mut().enumerate() {
            *c = stacked.0[i] + leaves[i].h / 2.0;
        }
        let side = match pass {
            p if p < STRAIGHTEN / 2 && p % 2 == 0 => Side::Left,
            p if p < STRAIGHTEN / 2 => Side::Right,
            _ => Side::Both,
        };
        let want = barycenters(&left, &right, &center, side);
        let want_top: Vec<f64> = want.iter().zip(&leaves).map(|(w, l)| w - l.h / 2.0).collect();
        let next = s.stack(&keys, Some((&want_top, &stacked)));
        // Straight edges are not worth a much taller picture.
        if extent(&next, &leaves) > extent(&stacked, &leaves).max(tight) * 1.1 {
            break;
        }
        stacked = next;
    }
    let (top, boxes, ..) = stacked;
    Placed { leaves, top, chains, boxes, cols, level }
}

/// A deterministic pseudo-random order (SplitMix64 on the leaf index and the seed).
fn shuffled(n: usize, seed: u64) -> Vec<f64> {
    (0..n as u64)
        .map(|i| {
            let mut z = i.wrapping_add(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as f64 / u64::MAX as f64
        })
        .collect()
}

/// Barycenter passes from `keys`: pack tightly in key order (no wanted positions, so the
/// picture cannot drift apart), re-key from the neighbours' packed centres; returns the pass
/// with the fewest crossings.
fn sweep(
    s: &Stacker,
    leaves: &[Leaf],
    chains: &[Vec<usize>],
    adj: (&Adj, &Adj),
    mut keys: Vec<f64>,
) -> (usize, Vec<f64>) {
    let mut center = vec![0.0; leaves.len()];
    let mut best: Option<(usize, Vec<f64>)> = None;
    for pass in 0..PASSES {
        let side = match pass % 3 {
            0 => Side::Both,
            1 => Side::Left,
            _ => Side::Right,
        };
        if pass > 0 {
            keys = barycenters(adj.0, adj.1, &center, side);
        }
        let (top, ..) = s.stack(&Keys { leaf: keys.clone(), group: None }, None);
        for (i, c) in center.iter_mut().enumerate() {
            *c = top[i] + leaves[i].h / 2.0;
        }
        let x = crossings(leaves, &center, chains);
        if best.as_ref().is_none_or(|b| x < b.0) {
            best = Some((x, keys.clone()));
        }
        if x == 0 {
            break;
        }
    }
    best.unwrap_or((0, keys))
}

/// Keys from a depth-first walk along the edges, roots in index order: chains stay together.
fn dfs_order(right: &Adj, left: &Adj) -> Vec<f64> {
    let n = right.len();
    let mut key = vec![f64::NAN; n];
    let mut next = 0.0;
    for root in (0..n).filter(|&i| left[i].is_empty()).chain(0..n) {
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            if !key[v].is_nan() {
                continue;
            }
            key[v] = next;
            next += 1.0;
            stack.extend(right[v].iter().rev().map(|&(w, _)| w));
        }
    }
    key
}

#[derive(Clone, Copy)]
enum Side {
    Left,
    Right,
    Both,
}

type Adj = Vec<Vec<(usize, f64)>>;

/// Weighted mean centre of each leaf's neighbours on `side`; a leaf without any keeps its own.
fn barycenters(left: &Adj, right: &Adj, center: &[f64], side: Side) -> Vec<f64> {
    (0..center.len())
        .map(|i| {
            let (mut sum, mut w) = (0.0, 0.0);
            let lists: &[&Vec<(usize, f64)>] = match side {
                Side::Left => &[&left[i]],
                Side::Right => &[&right[i]],
                Side::Both => &[&left[i], &right[i]],
            };
            for &(n, wt) in lists.iter().copied().flatten() {
                sum += center[n] * wt;
                w += wt;
            }
            if w > 0.0 {
                sum / w
            } else {
                center[i]
            }
        })
        .collect()
}

fn neighbours(n: usize, chains: &[Vec<usize>], weights: &[f64]) -> (Adj, Adj) {
    let mut left = vec![Vec::new(); n];
    let mut right = vec![Vec::new(); n];
    for (chain, &wt) in chains.iter().zip(weights) {
        for w in chain.windows(2) {
            right[w[0]].push((w[1], wt));
            left[w[1]].push((w[0], wt));
        }
    }
    (left, right)
}

/// Straight-line crossings between adjacent columns, by inversion counting per column gap.
pub(crate) fn crossings(leaves: &[Leaf], center: &[f64], chains: &[Vec<usize>]) -> usize {
    let mut per_gap: std::collections::BTreeMap<usize, Vec<(f64, f64)>> = Default::default();
    for chain in chains {
        for w in chain.windows(2) {
            per_gap.entry(leaves[w[0]].rank).or_default().push((center[w[0]], center[w[1]]));
        }
    }
    per_gap
        .into_values()
        .map(|mut segs| {
            segs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut ends: Vec<f64> = segs.into_iter().map(|s| s.1).collect();
            inversions(&mut ends)
        })
        .sum()
}

/// Strict inversions (i < j, a[i] > a[j]) by merge sort.
pub(crate) fn inversions(a: &mut [f64]) -> usize {
    if a.len() < 2 {
        return 0;
    }
    let mid = a.len() / 2;
    let mut count = inversions(&mut a[..mid]) + inversions(&mut a[mid..]);
    let mut merged = Vec::with_capacity(a.len());
    let (mut i, mut j) = (0, mid);
    while i < mid && j < a.len() {
        if a[j] < a[i] {
            count += mid - i;
            merged.push(a[j]);
            j += 1;
        } else {
            merged.push(a[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&a[i..mid]);
    merged.extend_from_slice(&a[j..]);
    a.copy_from_slice(&merged);
    count
}
