//! Skyline stacking for the layout stage: given a key per item, stacks each container's items
//! top to bottom (children before parents), a child group being one block over all its columns.
//! Used by [`super::order`] for every ordering pass, the transposition step and straightening.

use super::graph::Graph;
use super::order::{Item, Leaf, DUMMY_H};
use super::text::Metrics;

/// Sort keys: one per leaf, and optionally fixed ones per group (otherwise a group's key is the
/// mean key of its items).
pub(crate) struct Keys {
    pub leaf: Vec<f64>,
    pub group: Option<Vec<f64>>,
}

/// Leaf tops, group boxes (top, height), container offsets and group keys of one stacking.
pub(crate) type Stacked = (Vec<f64>, Vec<Option<(f64, f64)>>, Vec<f64>, Vec<f64>);

/// The skyline stacking of one pass.
pub(crate) struct Stacker<'a> {
    pub g: &'a Graph,
    pub m: &'a Metrics,
    pub leaves: &'a [Leaf],
    pub children: &'a [Vec<Item>],
    pub cols: &'a [Option<(usize, usize)>],
    /// Groups with content, children before parents.
    pub post: &'a [usize],
}

impl Stacker<'_> {
    /// Height of container `c`'s title band: padding, title, and its description line if any.
    fn head(&self, c: usize) -> f64 {
        self.m.group_pad + self.m.title_height() + self.g.head_extra.get(c).copied().unwrap_or(0.0)
    }

    /// Stacks every container in key order. With `want` = (wanted absolute leaf tops, container
    /// offsets of the previous stacking) leaves may drop towards their wanted heights inside
    /// their own container; groups always pack tightly, so nested boxes cannot amplify drift.
    /// Returns leaf tops, group boxes and container offsets.
    pub fn stack(&self, keys: &Keys, want: Option<(&[f64], &Stacked)>) -> Stacked {
        let root = self.g.root();
        let mut rel = vec![0.0; self.leaves.len()];
        let mut grp_rel = vec![0.0; root];
        // Per group: (key, content min, content max) in its own frame.
        let mut frame = vec![(0.0, 0.0, 0.0); root + 1];
        let (root_lo, root_hi) = want.map_or((0.0, 0.0), |(_, (top, boxes, _, _))| {
            let tops = top.iter().zip(self.leaves).map(|(t, l)| (*t, t + l.h));
            tops.chain(boxes.iter().flatten().map(|&(t, h)| (t, t + h)))
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (t, u)| (a.min(t), b.max(u)))
        });
        for &c in self.post.iter().chain(std::iter::once(&root)) {
            // A leaf may not want to leave its box's previous extent: a box would otherwise
            // grow with the whole picture each pass, and nested boxes multiply that.
            let want_top = |i: usize| {
                let Some((w, (_, boxes, off, _))) = want else { return f64::NEG_INFINITY };
                let t = w[i] - off[c];
                match boxes.get(c).copied().flatten() {
                    Some((top, h)) => {
                        let lo = top + self.head(c) - off[c];
                        let hi = top + h - self.m.group_pad - off[c] - self.leaves[i].h;
                        t.min(hi).max(lo)
                    }
                    None => t.min(root_hi - self.leaves[i].h).max(root_lo),
                }
            };
            frame[c] = self.stack_one(c, keys, &want_top, &frame, &mut rel, &mut grp_rel);
        }
        // Frames top-down: parents before children, i.e. `post` reversed.
        let mut offset = vec![0.0; root + 1];
        let mut boxes = vec![None; root];
        for &c in self.post.iter().rev() {
            let p = self.g.parent_of(c);
            let top = offset[p] + grp_rel[c];
            let (_, lo, hi) = frame[c];
            offset[c] = top + self.head(c) - lo;
            boxes[c] = Some((top, hi - lo + self.head(c) + self.m.group_pad));
        }
        let top = (0..self.leaves.len()).map(|i| offset[self.leaves[i].container] + rel[i]).collect();
        (top, boxes, offset, frame.iter().map(|f| f.0).collect())
    }

    /// Stacks the direct items of container `c`; returns (key, content min, content max).
    fn stack_one(
        &self,
        c: usize,
        keys: &Keys,
        want_top: &dyn Fn(usize) -> f64,
        frame: &[(f64, f64, f64)],
        rel: &mut [f64],
        grp_rel: &mut [f64],
    ) -> (f64, f64, f64) {
        let Some((c0, c1)) = self.cols[c] else { return (0.0, 0.0, 0.0) };
        // (key, wanted top, height, first col, last col, item)
        let mut items: Vec<(f64, f64, f64, usize, usize, Item)> = self.children[c]
            .iter()
            .map(|&it| match it {
                Item::Leaf(i) => {
                    let l = &self.leaves[i];
                    (keys.leaf[i], want_top(i), l.h, l.rank, l.rank, it)
                }
                Item::Group(g) => {
                    let (key, lo, hi) = frame[g];
                    let key = keys.group.as_ref().and_then(|k| k.get(g).copied()).unwrap_or(key);
                    let (a, b) = self.cols[g].unwrap_or((c0, c0));
                    (key, f64::NEG_INFINITY, hi - lo + self.head(g) + self.m.group_pad, a, b, it)
                }
            })
            .collect();
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut floor = vec![f64::NEG_INFINITY; c1 - c0 + 1];
        let (mut lo, mut hi, mut key_sum) = (f64::INFINITY, f64::NEG_INFINITY, 0.0);
        for &(key, wanted, h, a, b, it) in &items {
            let (a, b) = (a.clamp(c0, c1) - c0, b.clamp(c0, c1) - c0);
            let top = floor[a..=b].iter().copied().fold(wanted, f64::max);
            // Tight packing wants nothing: the first item of a column starts the frame at 0.
            let top = if top.is_finite() { top } else { 0.0 };
            let gap = if h <= DUMMY_H { self.m.gap / 3.0 } else { self.m.gap };
            floor[a..=b].iter_mut().for_each(|f| *f = top + h + gap);
            match it {
                Item::Leaf(i) => rel[i] = top,
                Item::Group(g) => grp_rel[g] = top,
            }
            lo = f64::min(lo, top);
            hi = f64::max(hi, top + h);
            key_sum += key;
        }
        if items.is_empty() {
            return (0.0, 0.0, 0.0);
        }
        (key_sum / items.len() as f64, lo, hi)
    }
}

/// Height from the topmost to the bottommost leaf or box.
pub(crate) fn extent(s: &Stacked, leaves: &[Leaf]) -> f64 {
    let spans = s.0.iter().zip(leaves).map(|(t, l)| (*t, t + l.h));
    let (lo, hi) = spans
        .chain(s.1.iter().flatten().map(|&(t, h)| (t, t + h)))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (t, u)| (a.min(t), b.max(u)));
    (hi - lo).max(0.0)
}
