//! Crossing reduction by adjacent swaps for the layout stage (the "transpose" step of
//! Sugiyama-style layouts), run after the barycentric passes of [`super::order`].
//!
//! Keys are first frozen into positions 0, 1, 2… per container (groups get fixed keys too),
//! then each item is swapped with the next one below it in a column it occupies if the whole picture
//! then has fewer crossings. Each try is a full stacking, so this only runs on diagrams of a
//! few hundred leaves, where people look closely.

use super::order::{crossings, Item};
use super::stack::{Keys, Stacker};

/// Sweeps over all containers at most this many times.
const SWEEPS: usize = 4;

/// Improves `keys` in place; returns the crossings of the result.
pub(crate) fn improve(s: &Stacker, keys: &mut Keys, chains: &[Vec<usize>], mut best: usize) -> usize {
    let gkeys = s.stack(keys, None).3;
    let mut group: Vec<f64> = gkeys.clone();
    let containers: Vec<usize> = s.post.iter().copied().chain(std::iter::once(s.g.root())).collect();
    let key_of = |it: Item, leaf: &[f64], group: &[f64]| match it {
        Item::Leaf(i) => leaf[i],
        Item::Group(g) => group[g],
    };
    // Freeze: sequential keys per container, in the current order.
    let mut orders: Vec<Vec<Item>> = Vec::with_capacity(containers.len());
    for &c in &containers {
        let mut items = s.children[c].clone();
        items.sort_by(|a, b| key_of(*a, &keys.leaf, &group).total_cmp(&key_of(*b, &keys.leaf, &group)));
        for (k, it) in items.iter().enumerate() {
            match *it {
                Item::Leaf(i) => keys.leaf[i] = k as f64,
                Item::Group(g) => group[g] = k as f64,
            }
        }
        orders.push(items);
    }
    keys.group = Some(group);
    let count = |keys: &Keys| {
        let top = s.stack(keys, None).0;
        let center: Vec<f64> = top.iter().zip(s.leaves).map(|(t, l)| t + l.h / 2.0).collect();
        crossings(s.leaves, &center, chains)
    };
    for _ in 0..SWEEPS {
        let before = best;
        for items in &mut orders {
            for i in 0..items.len().saturating_sub(1) {
                // The next item below this one in some column it occupies.
                let Some(j) = (i + 1..items.len()).find(|&j| share_column(s, items[i], items[j])) else { continue };
                let (a, b) = (items[i], items[j]);
                swap(keys, a, b);
                let x = count(keys);
                if x < best {
                    best = x;
                    items.swap(i, j);
                } else {
                    swap(keys, a, b);
                }
                if best == 0 {
                    return 0;
                }
            }
        }
        if best == before {
            break;
        }
    }
    best
}

fn span(s: &Stacker, it: Item) -> (usize, usize) {
    match it {
        Item::Leaf(i) => (s.leaves[i].rank, s.leaves[i].rank),
        Item::Group(g) => s.cols[g].unwrap_or((0, 0)),
    }
}

/// Only items sharing a column have an order that shows.
fn share_column(s: &Stacker, a: Item, b: Item) -> bool {
    let ((a0, a1), (b0, b1)) = (span(s, a), span(s, b));
    a0 <= b1 && b0 <= a1
}

fn swap(keys: &mut Keys, a: Item, b: Item) {
    let get = |keys: &Keys, it: Item| match it {
        Item::Leaf(i) => keys.leaf[i],
        Item::Group(g) => keys.group.as_ref().map_or(0.0, |k| k[g]),
    };
    let (ka, kb) = (get(keys, a), get(keys, b));
    for (it, k) in [(a, kb), (b, ka)] {
        match it {
            Item::Leaf(i) => keys.leaf[i] = k,
            Item::Group(g) => {
                if let Some(gk) = keys.group.as_mut() {
                    gk[g] = k;
                }
            }
        }
    }
}
