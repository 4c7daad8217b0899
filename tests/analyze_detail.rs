//! Detail views (issue 3, shared case 029): when the overview collapses, one full diagram per
//! module and one for the root carry what it merged.

mod common;

use zumen::analyze::{analyze, lod::MAX_NODES, Diagram};
use zumen::catalog::Catalog;
use zumen::model::ItemKind;

fn view<'a>(diagrams: &'a [Diagram], id: &str) -> Option<&'a Diagram> {
    diagrams.iter().find(|d| d.id == id)
}

#[test]
fn case_029_root_detail_has_one_node_per_resource() {
    if common::skip_without_shared() {
        return;
    }
    let model = common::case_model("029");
    let a = analyze(&model, &Catalog::builtin());
    let arch = view(&a.diagrams, "architecture").expect("architecture");
    assert!(arch.nodes.len() <= MAX_NODES, "overview has {} nodes", arch.nodes.len());
    let root = view(&a.diagrams, "root").expect("a root detail diagram");
    assert_eq!(root.title, "Root module");
    let mut want: Vec<&str> =
        model.items.iter().filter(|i| i.kind == ItemKind::Resource).map(|i| i.address.as_str()).collect();
    want.sort_unstable();
    let mut got: Vec<&str> = root.nodes.iter().map(|n| n.id.as_str()).collect();
    got.sort_unstable();
    assert_eq!(want.len(), 422);
    assert_eq!(got, want, "exactly one node per resource");
    for e in &root.edges {
        assert!(got.binary_search(&e.from.as_str()).is_ok() && got.binary_search(&e.to.as_str()).is_ok(), "{e:?}");
    }
}
