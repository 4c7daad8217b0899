//! Provider knowledge as data: what each resource type is, how it links, how it is labelled.
//!
//! The catalog files under `catalog/` are compiled in; see `docs/catalog.md` for the format.

use serde::Deserialize;

/// The merged catalog of every provider.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Catalog {}

impl Catalog {
    /// The built-in catalog.
    pub fn builtin() -> Catalog {
        Catalog::default() // FIXME(analyze-owner)
    }
}
