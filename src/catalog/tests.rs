//! The shipped catalog files: parseable, sorted, unique, and every rule well-formed.

use super::*;

fn files() -> Vec<(&'static str, CatalogFile)> {
    BUILTIN_FILES
        .iter()
        .map(|(name, text)| match parse_file(name, text) {
            Ok(file) => (*name, file),
            Err(e) => panic!("{name}: {e:#}"),
        })
        .collect()
}

/// The type names of `[types.X]` / `[types.X.sub]` headers, in file order, consecutive repeats merged.
fn header_order(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("[types.").or_else(|| line.trim().strip_prefix("[[types.")) else {
            continue;
        };
        let name = rest.split(['.', ']']).next().unwrap_or_default().to_string();
        if out.last() != Some(&name) {
            out.push(name);
        }
    }
    out
}

#[test]
fn every_builtin_file_parses() {
    assert_eq!(files().len(), BUILTIN_FILES.len());
    assert!(Catalog::builtin().types.len() > 150, "the built-in catalog lost types");
}

#[test]
fn types_are_sorted_and_unique_across_files() {
    let mut seen = BTreeMap::new();
    for (name, text) in BUILTIN_FILES {
        let order = header_order(text);
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted, "{name}: types are not sorted (or a type's tables are split)");
        for ty in order {
            if let Some(other) = seen.insert(ty.clone(), *name) {
                panic!("{ty} is listed in both {other} and {name}");
            }
        }
    }
}

fn is_path(p: &str) -> bool {
    !p.is_empty()
        && p.split('.').all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

#[test]
fn every_rule_is_well_formed() {
    let catalog = Catalog::builtin();
    for (ty, spec) in &catalog.types {
        assert!(CATEGORIES.contains(&spec.category.as_str()), "{ty}: category {}", spec.category);
        assert!(!spec.label.is_empty(), "{ty}: no label");
        let mut paths: Vec<&String> =
            spec.contained_by.iter().chain(&spec.fold_into).chain(&spec.label_attributes).collect();
        paths.extend(spec.flow.iter().map(|f| &f.attribute));
        paths.extend(spec.glue_when.iter().map(|g| &g.attribute));
        for g in &spec.glue_when {
            assert!(CATEGORIES.contains(&g.category.as_str()), "{ty}: glue_when category {}", g.category);
        }
        for t in &spec.fold_prefer {
            assert!(catalog.types.contains_key(t), "{ty}: fold_prefer names unknown type {t}");
        }
        for f in &spec.flow {
            for c in &f.traffic_to {
                assert!(CATEGORIES.contains(&c.as_str()), "{ty}: traffic_to {c}");
            }
        }
        if let Some(e) = &spec.edge {
            paths.push(&e.from);
            paths.push(&e.to);
            paths.extend(&e.label);
        }
        for r in &spec.firewall {
            assert!(
                r.block.is_some() != r.group.is_some(),
                "{ty}: a firewall rule is inline (block) or names its group"
            );
            assert!(r.direction.is_some() || r.direction_attribute.is_some(), "{ty}: firewall rule without direction");
            paths.extend(r.peer.iter().chain(&r.cidr).chain(r.group.iter()).chain(r.block.iter()));
            paths.extend([&r.from_port, &r.to_port, &r.protocol]);
        }
        for fact in &spec.facts {
            let path = fact.split_once(':').map_or(fact.as_str(), |(p, _)| p);
            assert!(is_path(path), "{ty}: fact {fact}");
        }
        for p in paths {
            assert!(is_path(p), "{ty}: malformed attribute path {p:?}");
        }
        match spec.kind {
            TypeKind::Glue => assert!(
                !spec.fold_into.is_empty() || spec.fold_to_referrer || spec.edge.is_some() || !spec.firewall.is_empty(),
                "{ty}: glue that folds nowhere"
            ),
            TypeKind::Detail => {
                assert!(spec.fold_to_referrer || !spec.fold_into.is_empty(), "{ty}: detail that folds nowhere")
            }
            TypeKind::Container => {
                assert!(
                    matches!(spec.group_class.as_deref(), Some("vpc" | "subnet")),
                    "{ty}: container without box class"
                )
            }
            TypeKind::Node | TypeKind::Hidden => {}
        }
        if let Some(u) = &spec.usage {
            let (user, attr) = u.used_by.split_once('.').unwrap_or_default();
            assert!(catalog.types.contains_key(user) && is_path(attr), "{ty}: usage.used_by {}", u.used_by);
        }
        if let Some(role) = &spec.role {
            assert!(catalog.category_roles.values().any(|r| r == role) || role == "resident", "{ty}: role {role}");
        }
    }
}

#[test]
fn every_category_has_a_default_role() {
    let catalog = Catalog::builtin();
    for c in CATEGORIES {
        assert!(catalog.category_roles.contains_key(*c), "category {c} has no role");
    }
}

#[test]
fn unknown_types_are_guessed_never_dropped() {
    let catalog = Catalog::builtin();
    let cases = [
        ("aws_memorydb_cluster", "database"),
        ("aws_transfer_server", "generic"),
        ("aws_lb_cookie_stickiness_policy", "identity"),
        ("google_bigtable_instance", "database"),
        ("aws_kinesis_firehose_delivery_stream", "queue"),
        ("aws_batch_job_queue", "queue"),
        ("datadog_monitor", "monitoring"),
        ("acme_widget", "generic"),
    ];
    for (ty, category) in cases {
        let spec = catalog.lookup(ty);
        assert_eq!(spec.category, category, "{ty}");
        assert!(spec.guessed);
    }
    assert_eq!(catalog.lookup("aws_iam_role_policy_attachment").kind, TypeKind::Glue);
    assert_eq!(catalog.lookup("aws_transfer_ssh_key_association").kind, TypeKind::Glue);
}

#[test]
fn extra_file_overrides_and_extends() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        "[[guess]]\ncontains = \"widget\"\ncategory = \"queue\"\n\n[types.aws_lb]\ncategory = \"network\"\nlabel = \"My LB\"\n",
    )?;
    let catalog = Catalog::with_extra(&path)?;
    assert_eq!(catalog.lookup("acme_widget").category, "queue");
    assert_eq!(catalog.lookup("aws_lb").label, "My LB");
    assert_eq!(catalog.lookup("aws_vpc").kind, TypeKind::Container);
    std::fs::write(&path, "[types.x]\ncategory = \"nope\"\n")?;
    assert!(Catalog::with_extra(&path).is_err());
    Ok(())
}
