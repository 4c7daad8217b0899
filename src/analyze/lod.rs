//! Level of detail: keeps a diagram readable by collapsing nodes, never silently.
//!
//! Last step of each view. When a diagram has more than [`MAX_NODES`] nodes it collapses, one
//! stage at a time until it fits:
//! 1. (architecture only) each top-level module call becomes one node, `Module · N resources` —
//!    kept only when that alone makes the diagram fit;
//! 2. nodes of one resource type within one box become one node `×N`;
//! 3. nodes of one category within one box become one node `×N`;
//! 4. nodes of one category anywhere become one node, and boxes are dropped.
//!
//! Every collapse is listed in [`Diagram::omitted`]; the document still describes every item.

use super::architecture::merge_edges;
use super::{Diagram, Edge, Node};
use std::collections::{BTreeMap, BTreeSet};

/// Above this many nodes a diagram is collapsed (a readable whiteboard holds about this many).
pub const MAX_NODES: usize = 60;

/// What collapsing needs to know about a node beyond [`Node`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Meta {
    pub module: String,
    pub rtype: String,
}

/// Collapses `d` until it has at most [`MAX_NODES`] nodes.
pub(crate) fn limit(d: &mut Diagram, meta: &BTreeMap<String, Meta>, by_module: bool) {
    if d.nodes.len() > MAX_NODES && by_module {
        let before = d.clone();
        collapse(d, "module call", |n| {
            let m = meta.get(&n.id)?;
            let top = top_module(&m.module)?;
            Some((format!("module:{top}"), top.to_string(), "Module".to_string(), "module".to_string(), None))
        });
        // Module boxes help only when they alone make the picture fit; hundreds of module nodes
        // would end up as one "module ×N" node, which says less than the type stages below.
        if d.nodes.len() > MAX_NODES {
            *d = before;
        }
    }
    if d.nodes.len() > MAX_NODES {
        collapse(d, "resource type", |n| {
            let ty = &meta.get(&n.id)?.rtype;
            (!ty.is_empty()).then(|| {
                (format!("type:{ty}:{:?}", n.group), ty.clone(), n.sublabel.clone(), n.category.clone(), n.group)
            })
        });
    }
    if d.nodes.len() > MAX_NODES {
        collapse(d, "category", |n| {
            Some((
                format!("category:{}:{:?}", n.category, n.group),
                n.category.clone(),
                String::new(),
                n.category.clone(),
                n.group,
            ))
        });
    }
    if d.nodes.len() > MAX_NODES {
        for n in &mut d.nodes {
            n.group = None;
        }
        d.groups.clear();
        collapse(d, "category", |n| {
            Some((format!("category:{}", n.category), n.category.clone(), String::new(), n.category.clone(), None))
        });
    }
    prune_groups(d);
}

/// Merges nodes of one consolidating type that sit in one box and have exactly the same edges
/// (VIEWS.md "several small resources of one kind that play one part"). The merged node keeps
/// the first member's id and link; the labels are joined while short.
pub(crate) fn consolidate(d: &mut Diagram, meta: &BTreeMap<String, Meta>, eligible: &BTreeSet<String>) {
    type Signature = (String, Option<usize>, Vec<(String, String)>, Vec<(String, String)>);
    let edge_key = |e: &Edge| format!("{:?}:{}", e.kind, e.label.clone().unwrap_or_default());
    let mut by_sig: BTreeMap<Signature, Vec<usize>> = BTreeMap::new();
    for (i, n) in d.nodes.iter().enumerate().filter(|(_, n)| eligible.contains(&n.id)) {
        let ty = meta.get(&n.id).map(|m| m.rtype.clone()).unwrap_or_default();
        let mut ins: Vec<_> = d.edges.iter().filter(|e| e.to == n.id).map(|e| (e.from.clone(), edge_key(e))).collect();
        let mut outs: Vec<_> = d.edges.iter().filter(|e| e.from == n.id).map(|e| (e.to.clone(), edge_key(e))).collect();
        ins.sort();
        outs.sort();
        by_sig.entry((ty, n.group, ins, outs)).or_default().push(i);
    }
    let mut rename = BTreeMap::new();
    let mut drop = BTreeSet::new();
    for members in by_sig.values().filter(|m| m.len() >= 2) {
        let mut labels: Vec<String> = Vec::new();
        for &i in members {
            if !labels.contains(&d.nodes[i].label) {
                labels.push(d.nodes[i].label.clone());
            }
        }
        let first = members[0];
        let joined = labels.join(", ");
        d.nodes[first].label = if joined.chars().count() <= 32 { joined } else { format!("{} …", labels[0]) };
        d.nodes[first].badge = Some(format!("×{}", members.len()));
        let ids: Vec<&str> = members.iter().map(|&i| d.nodes[i].id.as_str()).collect();
        d.nodes[first].tooltip = format!("{} nodes with the same connections: {}", members.len(), ids.join(", "));
        for &i in &members[1..] {
            rename.insert(d.nodes[i].id.clone(), d.nodes[first].id.clone());
            drop.insert(i);
        }
    }
    if drop.is_empty() {
        return;
    }
    let twins: Vec<String> = drop.iter().map(|&i| d.nodes[i].id.clone()).collect();
    d.omitted.push(format!("drawn together with a twin of the same type and connections: {}", twins.join(", ")));
    let mut i = 0;
    d.nodes.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
    let edges = std::mem::take(&mut d.edges)
        .into_iter()
        .map(|mut e| {
            e.from = rename.get(&e.from).cloned().unwrap_or(e.from);
            e.to = rename.get(&e.to).cloned().unwrap_or(e.to);
            e
        })
        .collect();
    d.edges = merge_edges(edges);
}

/// `module.a.module.b` → `module.a`.
fn top_module(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    Some(path.find(".module.").map_or(path, |i| &path[..i]))
}

/// (new id, label, sublabel, category, group) of the node a node merges into, if any.
type Key = (String, String, String, String, Option<usize>);

/// Merges nodes sharing a key (when at least two do) into one node, remapping edges.
fn collapse(d: &mut Diagram, what: &str, key: impl Fn(&Node) -> Option<Key>) {
    let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let keys: Vec<Option<Key>> = d.nodes.iter().map(&key).collect();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            members.entry(k.0.clone()).or_default().push(i);
        }
    }
    members.retain(|_, v| v.len() >= 2);
    if members.is_empty() {
        return;
    }
    let mut rename: BTreeMap<String, String> = BTreeMap::new();
    let mut nodes = Vec::new();
    let mut emitted = BTreeSet::new();
    let mut merged: Vec<String> = Vec::new();
    for (i, node) in d.nodes.iter().enumerate() {
        let Some((id, label, sublabel, category, group)) = keys[i].clone().filter(|k| members.contains_key(&k.0))
        else {
            nodes.push(node.clone());
            continue;
        };
        rename.insert(node.id.clone(), id.clone());
        if !emitted.insert(id.clone()) {
            continue;
        }
        let count = members.get(&id).map_or(0, Vec::len);
        let module = what == "module call";
        let link = if module { Some(format!("#{}", crate::model::anchor(&label))) } else { None };
        merged.push(format!("{label} ({count})"));
        // A module call's count goes on its type line: a badge holds 8 characters, and
        // `×316 resources` cut to `×316 re…` helped nobody (user trial); `×316` alone would read
        // as 316 copies of the module.
        let (sublabel, badge) = if module {
            (format!("{sublabel} · {count} resources"), None)
        } else {
            (sublabel, Some(format!("×{count}")))
        };
        nodes.push(Node {
            id: id.clone(),
            label,
            sublabel,
            icon: category.clone(),
            category,
            badge,
            group: if module { None } else { group },
            link,
            tooltip: format!("{count} nodes collapsed by {what}"),
        });
    }
    d.nodes = nodes;
    d.omitted.push(summary(what, &merged));
    let edges: Vec<Edge> = std::mem::take(&mut d.edges)
        .into_iter()
        .map(|mut e| {
            if let Some(r) = rename.get(&e.from) {
                e.from = r.clone();
            }
            if let Some(r) = rename.get(&e.to) {
                e.to = r.clone();
            }
            e
        })
        .collect();
    d.edges = merge_edges(edges);
}

/// One line per collapse stage, naming the first few merges (a big root merges hundreds).
fn summary(what: &str, merged: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut text = format!("nodes collapsed by {what}, one node each: ");
    text.push_str(&merged.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", "));
    if merged.len() > SHOWN {
        text.push_str(&format!(" and {} more", merged.len() - SHOWN));
    }
    text
}

/// Drops boxes with no node inside (directly or below) and renumbers the rest.
pub(crate) fn prune_groups(d: &mut Diagram) {
    let mut used = vec![false; d.groups.len()];
    for n in &d.nodes {
        let mut cur = n.group;
        let mut guard = 0;
        while let Some(g) = cur.filter(|&g| g < used.len() && guard < 64) {
            used[g] = true;
            cur = d.groups[g].parent;
            guard += 1;
        }
    }
    let mut map = vec![None; d.groups.len()];
    let mut kept = Vec::new();
    for (i, g) in d.groups.iter().enumerate() {
        if used[i] {
            map[i] = Some(kept.len());
            kept.push(g.clone());
        }
    }
    for g in &mut kept {
        g.parent = g.parent.and_then(|p| map.get(p).copied().flatten());
    }
    for n in &mut d.nodes {
        n.group = n.group.and_then(|g| map.get(g).copied().flatten());
    }
    d.groups = kept;
}
