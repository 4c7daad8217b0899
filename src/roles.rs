//! The default role vocabulary: the responsibilities an item can carry when `zumen.toml` defines
//! none of its own. See `docs/annotations.md` ("Roles").
//!
//! This is the one place the vocabulary is written down; `zumen check` validates `@role` and
//! sidecar roles against it (plus `[roles.*]`), `zumen init` writes it out as a starter, and the
//! analyze stage merges it with `zumen.toml`. Guessing a role for an unannotated item is the
//! analyze stage's job (usage, then the catalog).

use crate::model::Model;

/// One role of the default vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultRole {
    /// The id used in `@role` and `role = "…"`.
    pub id: &'static str,
    /// Human label, e.g. for document headings.
    pub label: &'static str,
    /// What belongs under this role.
    pub description: &'static str,
}

/// The default vocabulary, in display order.
pub const DEFAULT_ROLES: &[DefaultRole] = &[
    DefaultRole {
        id: "resident",
        label: "Resident services",
        description: "Always running: services, instances, functions serving traffic.",
    },
    DefaultRole {
        id: "one-off",
        label: "One-off tasks",
        description: "Run once per deploy or on demand, then exit (RunTask, CI jobs).",
    },
    DefaultRole {
        id: "check",
        label: "Checks",
        description: "Exist to check something by hand: connectivity, smoke tests.",
    },
    DefaultRole { id: "monitoring", label: "Monitoring", description: "Agents, log groups, alarms, dashboards." },
    DefaultRole {
        id: "edge",
        label: "Edge",
        description: "Where traffic enters: DNS, CDN, load balancers, certificates.",
    },
    DefaultRole { id: "network", label: "Network", description: "VPC, subnets, gateways, routes, endpoints." },
    DefaultRole { id: "data", label: "Data", description: "Databases, caches, buckets, queues." },
    DefaultRole { id: "security", label: "Security", description: "IAM, security groups, secrets, keys." },
    DefaultRole { id: "delivery", label: "Delivery", description: "Image registries, pipelines, artifacts." },
    DefaultRole { id: "other", label: "Other", description: "Everything the catalog has no role for." },
];

/// The default role with this id.
pub fn default_role(id: &str) -> Option<&'static DefaultRole> {
    DEFAULT_ROLES.iter().find(|r| r.id == id)
}

/// True when `id` is a default role or one the model's sidecar defines.
pub fn is_known(model: &Model, id: &str) -> bool {
    default_role(id).is_some() || model.roles.iter().any(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_is_unique() {
        let mut ids: Vec<&str> = DEFAULT_ROLES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), DEFAULT_ROLES.len());
    }
}
