//! Shared cases (`../shared/cases/`), model-level assertions. Each test names its case; the
//! numbered points refer to the case's CASE.md.

mod common;
use common::*;
use zumen::model::{Instances, ItemKind, ModuleStatus, Value};
use zumen::syntax::Expr;

#[test]
fn case_001_pipes_parse_and_reference() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("001");
    assert!(errors(&m).is_empty());
    let vars = addresses(&m, ItemKind::Variable);
    for v in ["var.storage_replication", "var.token_probe_command", "var.plain"] {
        assert!(vars.contains(&v.to_string()), "{v} in {vars:?}");
    }
    assert!(m.find("null_resource.probe").is_some());
    assert_ref(&m, "output.probe_id", "null_resource.probe");
}

#[test]
fn case_004_crlf_parses_with_right_lines() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("004");
    assert!(errors(&m).is_empty(), "{:?}", errors(&m));
    let web = &m.items[m.find("aws_instance.web").expect("web")];
    assert_eq!(web.location.line, 18);
    assert_ref(&m, "aws_instance.web", "var.greeting");
    assert_ref(&m, "aws_instance.web", "var.region");
    assert!(m.find("output.configuration").is_some());
}

#[test]
fn case_005_bom_is_ignored() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("005");
    assert!(m.diagnostics.iter().all(|d| d.level < zumen::diagnostic::Level::Warning), "{:?}", m.diagnostics);
    let ex = &m.items[m.find("aws_instance.example").expect("instance")];
    assert_eq!((ex.location.line, ex.location.column), (6, 1));
    assert_ref(&m, "aws_eip.example", "aws_instance.example");
    assert!(m.items.iter().all(|i| !i.address.starts_with('\u{feff}')));
}

#[test]
fn case_006_escaped_template_sequences_are_literal() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("006");
    assert!(errors(&m).is_empty());
    assert_ref(&m, "aws_iam_policy.home_dirs", "data.aws_iam_policy_document.home_dirs");
    assert_ref(&m, "local.script", "aws_iam_policy.home_dirs");
    assert_ref(&m, "output.mixed", "local.mixed");
    assert_ref(&m, "output.script", "local.script");
    let refs = references(&m);
    for bad in ["aws:username", "not_a_ref", "HOME", "raw", "nothing"] {
        assert!(refs.iter().all(|(_, t)| !t.contains(bad)), "{bad} became a reference");
    }
    let text = format!("{:?}", m.items);
    assert!(text.contains("arn:aws:s3:::example-bucket/home/${aws:username}/*"), "unescaped literal kept");
}

#[test]
fn case_008_template_iterators_are_not_references() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("008");
    assert!(errors(&m).is_empty());
    assert_ref(&m, "local.map_roles", "var.admin_role_arns");
    assert_ref(&m, "kubernetes_config_map.aws_auth", "local.map_roles");
    assert_ref(&m, "kubernetes_config_map.aws_auth", "local.labels");
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    // Point 5 allows either: template directives (`%{ for }`) are kept as source text, not
    // evaluated, so the local has no value and its source text is what the document shows.
    assert_eq!(m.local_value("local.labels"), None);
}

#[test]
fn case_009_comments_after_operators() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("009");
    assert!(errors(&m).is_empty());
    let alarm = &m.items[m.find("aws_cloudwatch_metric_alarm.stale_data").expect("alarm")];
    let shown = |k: &str| alarm.attr(k).map(ToString::to_string).unwrap_or_default();
    assert_eq!(shown("period"), "24 * 60 * 60");
    assert_eq!(shown("threshold"), "5 * 2");
    assert_eq!(shown("evaluation_periods"), "1 + 2");
    assert_eq!(shown("datapoints_to_alarm"), "(1 + 1)");
    assert_ref(&m, "output.period", "aws_cloudwatch_metric_alarm.stale_data");
}

#[test]
fn case_011_operator_precedence() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("011");
    assert!(errors(&m).is_empty());
    let num = |a: &str| m.local_value(a);
    assert_eq!(num("local.web_count"), Some(Value::Number(2.0)));
    assert_eq!(num("local.flag"), Some(Value::Number(1.0)));
    assert_eq!(num("local.left_assoc"), Some(Value::Number(3.0)));
    assert_eq!(num("local.mod_mul"), Some(Value::Number(2.0)));
    assert_eq!(num("local.neg_mul"), Some(Value::Number(-6.0)));
    assert_eq!(num("local.not_and"), Some(Value::Bool(false)));
    assert_eq!(num("local.or_and"), Some(Value::Bool(true)));
    let count = |a: &str| m.items[m.find(a).expect(a)].instances.clone();
    assert!(matches!(count("aws_instance.web"), Instances::Count { value: Some(2), .. }));
    assert!(matches!(count("aws_instance.debug"), Instances::Count { value: Some(0), .. }));
    assert_ref(&m, "aws_instance.web", "local.web_count");
    assert_ref(&m, "aws_instance.debug", "var.env");
    assert_ref(&m, "aws_instance.debug", "var.debug");
    // The tree groups `1 + 2 * 3 > 6 ? 2 : 0` per the HCL spec.
    let web_count = m.items[m.find("local.web_count").expect("local")].attr("value").expect("value");
    let Expr::Conditional { cond, .. } = web_count else { panic!("conditional at the top: {web_count:?}") };
    assert_eq!(cond.to_string(), "1 + 2 * 3 > 6");
}

#[test]
fn case_012_unicode_identifiers_and_import() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("012");
    assert!(errors(&m).is_empty());
    let id = m.find("azuread_group.équipe_réseau").expect("unicode resource");
    assert!(m.items[id].imported);
    assert_eq!(m.of_kind(ItemKind::Resource).count(), 1);
    assert!(m.find("local.größe").is_some());
    assert_ref(&m, "output.nom_du_groupe", "azuread_group.équipe_réseau");
    assert_ref(&m, "local.größe", "azuread_group.équipe_réseau");
    assert_ref(&m, "output.größe", "local.größe");
}

#[test]
fn case_013_indented_heredocs() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("013");
    assert!(errors(&m).is_empty());
    let intent = |a: &str| m.items[m.find(a).expect(a)].annotation.intent.clone().unwrap_or_default();
    assert_eq!(
        intent("var.motd"),
        "First paragraph of the description.\n\nSecond paragraph, after a truly empty line.\n  - a nested bullet keeps two extra spaces\n"
    );
    assert_eq!(intent("var.tabbed"), "Line indented with two tabs\n\tLine indented with three tabs\n");
    assert_eq!(intent("var.marker_outdented"), "Content indented six spaces\n  and this one eight\n");
}

#[test]
fn case_014_optional_with_default() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("014");
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let var = &m.items[m.find("var.network_rule").expect("var")];
    let ty = var.attr("type").expect("type").to_string();
    assert!(ty.contains("optional(string, \"Deny\")"), "{ty}");
    assert!(ty.contains("optional(number, 7)"), "{ty}");
    assert_eq!(var.attr("default").map(ToString::to_string).as_deref(), Some("{}"));
    assert_ref(&m, "azurerm_storage_account.main", "var.network_rule");
    assert!(references(&m).iter().all(|(_, t)| !["optional", "object", "string"].contains(&t.as_str())));
}

#[test]
fn case_015_object_colons_and_empty_map() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("015");
    assert!(errors(&m).is_empty());
    let tags = m.items[m.find("var.tags").expect("tags")].attr("default").expect("default").to_string();
    assert_eq!(tags, "{}");
    let app = &m.items[m.find("azurerm_linux_web_app.app").expect("app")];
    let Some(Expr::Object(settings)) = app.attr("app_settings") else { panic!("app_settings object") };
    let keys: Vec<_> = settings.iter().filter_map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["WEBSITE_RUN_FROM_PACKAGE", "FEATURE_FLAGS", "LOG_LEVEL", "dotted.key"]);
    assert_ref(&m, "azurerm_linux_web_app.app", "var.tags");
}

#[test]
fn case_017_provider_functions() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("017");
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert_ref(&m, "local.parsed_role", "var.role_arn");
    assert_ref(&m, "local.role_name", "local.parsed_role");
    assert_ref(&m, "local.rebuilt", "local.parsed_role");
    assert_ref(&m, "aws_iam_role_policy_attachment.read_only", "local.role_name");
    assert_ref(&m, "output.account_id", "var.role_arn");
    assert_eq!(m.terraform_version.as_deref(), Some(">= 1.8.0"));
    let aws = m.providers.iter().find(|p| p.name == "aws").expect("aws provider");
    assert_eq!(aws.source.as_deref(), Some("hashicorp/aws"));
    assert_eq!(aws.version.as_deref(), Some(">= 5.40.0"));
}

#[test]
fn case_018_new_block_types() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("018");
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert_eq!(addresses(&m, ItemKind::Resource), ["aws_instance.web", "aws_s3_bucket.logs"]);
    assert!(m.items[m.find("aws_s3_bucket.logs").expect("logs")].imported);
    // Point 5: an unknown future block is a warning naming file and line, and the rest still parses.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = std::fs::read_to_string(case_dir("018").join("main.tf")).expect("read");
    let line = text.lines().count() + 1;
    text.push_str("future_block \"x\" { a = 1 }\n");
    std::fs::write(dir.path().join("main.tf"), text).expect("write");
    let m = model_of(dir.path());
    assert_eq!(addresses(&m, ItemKind::Resource).len(), 2);
    let w = warnings(&m);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with(&format!("main.tf:{line}:1: warning[unknown-block]")), "{}", w[0]);
}

#[test]
fn case_019_attribute_references_point_at_resources() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("019");
    assert_ref(&m, "azuread_service_principal.portal_sp", "azuread_application.portal");
    assert_ref(&m, "azuread_application_password.portal_secret", "azuread_application.portal");
    assert_ref(&m, "output.client_id", "azuread_application.portal");
    assert_ref(&m, "output.whole_application", "azuread_application.portal");
    assert_ref(&m, "output.secret", "azuread_application_password.portal_secret");
    assert_ref(&m, "output.sp_tags", "azuread_service_principal.portal_sp");
    for (_, to) in references(&m) {
        assert!(![".client_id", ".id", ".value", ".tags"].iter().any(|s| to.ends_with(s)), "{to}");
    }
}

#[test]
fn case_020_nested_local_modules() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("020");
    assert!(warnings(&m).is_empty(), "{:?}", warnings(&m));
    assert_eq!(m.files.len(), 4);
    let mut resources = addresses(&m, ItemKind::Resource);
    resources.sort();
    assert_eq!(
        resources,
        [
            "module.app.aws_instance.app",
            "module.network.aws_subnet.private",
            "module.network.aws_vpc.this",
            "module.network.module.flow_logs.aws_cloudwatch_log_group.this",
            "module.network.module.flow_logs.aws_flow_log.this",
        ]
    );
    let deps = dependencies(&m);
    let has = |f: &str, t: &str| deps.iter().any(|(a, b)| a == f && b == t);
    assert!(has("module.app.aws_instance.app", "module.network.aws_subnet.private"), "{deps:#?}");
    assert!(has("module.network.module.flow_logs.aws_flow_log.this", "module.network.aws_vpc.this"), "{deps:#?}");
    assert!(has(
        "module.network.module.flow_logs.aws_flow_log.this",
        "module.network.module.flow_logs.aws_cloudwatch_log_group.this"
    ));
    let call = |a: &str| m.items[m.find(a).expect(a)].module_call.clone().expect("call");
    assert_eq!(call("module.network").source, "./modules/network");
    assert_eq!(call("module.app").source, "./modules/app");
    assert!(m.find("output.app_private_ip").is_some());
}

#[test]
fn case_020_paths_are_relative_to_the_calling_module_not_the_cwd() {
    if common::skip_without_shared() {
        return;
    }
    let dir = case_dir("020");
    let here = std::env::current_dir().expect("cwd");
    std::env::set_current_dir(std::env::temp_dir()).expect("chdir");
    let m = model_of(&dir);
    std::env::set_current_dir(here).expect("chdir back");
    assert!(m.find("module.network.module.flow_logs.aws_flow_log.this").is_some());
}

#[test]
fn case_023_count_and_no_count() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("023");
    assert!(errors(&m).is_empty());
    let inst = |a: &str| m.items[m.find(a).unwrap_or_else(|| panic!("{a}"))].instances.clone();
    assert!(matches!(inst("aws_subnet.public"), Instances::Count { value: Some(3), .. }));
    assert!(matches!(inst("aws_instance.worker"), Instances::Count { value: Some(2), .. }));
    assert!(matches!(inst("aws_eip.maybe"), Instances::Count { value: Some(0), .. }));
    assert_eq!(inst("aws_vpc.main"), Instances::Single);
    let Instances::ForEach { keys: Some(keys), .. } = inst("aws_route53_record.alias") else { panic!("for_each keys") };
    assert_eq!(keys, ["docs", "www"]);
    assert_ref(&m, "aws_subnet.public", "aws_vpc.main");
    assert_ref(&m, "aws_lb.front", "aws_subnet.public");
    assert_ref(&m, "aws_instance.worker", "aws_subnet.public");
    assert_ref(&m, "aws_eip.maybe", "aws_instance.worker");
    assert_ref(&m, "aws_cloudfront_distribution.docs_site", "aws_lb.front");
    assert_ref(&m, "aws_route53_record.alias", "aws_cloudfront_distribution.docs_site");
}

#[test]
fn case_024_unresolvable_module_sources() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("024");
    let w = warnings(&m);
    let missing: Vec<_> = w.iter().filter(|d| d.contains("module.missing")).collect();
    assert_eq!(missing.len(), 1, "{w:?}");
    assert!(missing[0].contains("./modules/does-not-exist") && missing[0].starts_with("main.tf:16:"), "{}", missing[0]);
    let status = |a: &str| m.items[m.find(a).expect(a)].module_call.clone().expect("call");
    assert_eq!(status("module.vpc").status, ModuleStatus::Remote);
    assert_eq!(status("module.vpc").version.as_deref(), Some("5.7.1"));
    assert_eq!(status("module.vpc").source, "terraform-aws-modules/vpc/aws");
    assert_eq!(status("module.git_sqs").status, ModuleStatus::Remote);
    assert_eq!(status("module.missing").status, ModuleStatus::Missing);
    for call in ["module.dead_letter", "module.queues", "module.canary"] {
        assert_eq!(status(call).status, ModuleStatus::Expanded);
        assert!(m.find(&format!("{call}.aws_sqs_queue.this")).is_some(), "{call}");
    }
    assert_eq!(m.of_kind(ItemKind::Module).count(), 6);
    let deps = dependencies(&m);
    assert!(deps.iter().any(|(f, t)| f == "aws_security_group.app" && t == "module.vpc"), "{deps:#?}");
    assert!(deps.iter().any(|(f, t)| f == "module.queues" && t.starts_with("module.dead_letter.")), "{deps:#?}");
}

#[test]
fn case_025_dynamic_blocks() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("025");
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let mut nodes = addresses(&m, ItemKind::Resource);
    nodes.extend(addresses(&m, ItemKind::Data));
    assert_eq!(nodes, ["aws_security_group.web", "data.aws_vpc.selected"]);
    assert_ref(&m, "aws_security_group.web", "data.aws_vpc.selected");
    assert_ref(&m, "aws_security_group.web", "var.ingress_rules");
}

#[test]
fn case_026_tf_json_mixed_with_hcl() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("026");
    assert!(errors(&m).is_empty(), "{:?}", errors(&m));
    assert_eq!(m.files.len(), 2);
    for a in [
        "aws_iam_service_linked_role.es",
        "aws_opensearch_domain.search",
        "aws_route53_record.search",
        "var.instance_count",
        "output.endpoint",
    ] {
        assert!(m.find(a).is_some(), "{a}");
    }
    assert_ref(&m, "aws_opensearch_domain.search", "aws_iam_service_linked_role.es");
    assert_ref(&m, "aws_opensearch_domain.search", "var.instance_count");
    assert_ref(&m, "output.endpoint", "aws_opensearch_domain.search");
    assert_ref(&m, "aws_route53_record.search", "aws_opensearch_domain.search");
    let domain = &m.items[m.find("aws_opensearch_domain.search").expect("domain")];
    let blocks: Vec<_> = domain.body.blocks.iter().map(|b| b.kind.as_str()).collect();
    assert!(blocks.contains(&"cluster_config") && blocks.contains(&"ebs_options"), "{blocks:?}");
    assert!(domain.attr("cluster_config").is_none());
    assert!(m.items.iter().all(|i| !i.address.contains("//")));
    assert!(m.items[m.find("var.instance_count").expect("var")].annotation.intent.is_some());
}

#[test]
fn case_027_comment_attachment() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("027");
    let header = m.header.clone().expect("module header");
    assert!(header.starts_with("# Payments service"), "{header}");
    assert!(header.contains("Module header: this block describes the module as a whole."));
    let intent = |a: &str| m.items[m.find(a).expect(a)].annotation.intent.clone();
    assert_eq!(intent("aws_lb.public").as_deref(), Some("The public entry point for customer traffic."));
    assert_eq!(intent("aws_lb_target_group.app"), None);
    assert_eq!(
        intent("aws_lb_listener.https").as_deref(),
        Some("First line of a two-line leading comment\nsecond line of the same comment")
    );
    assert_eq!(intent("var.region"), None);
    assert_eq!(intent("var.environment").as_deref(), Some("Deployment stage name"));
    assert_eq!(intent("var.owner").as_deref(), Some("Owner team of the stack (only documented by this comment)."));
    assert_eq!(intent("output.listener_arn").as_deref(), Some("ARN of the HTTPS listener"));
    assert_ref(&m, "aws_lb_listener.https", "aws_lb.public");
    assert_ref(&m, "aws_lb_listener.https", "aws_lb_target_group.app");
    assert_ref(&m, "output.listener_arn", "aws_lb_listener.https");
    assert!(!format!("{:?}", m.items).contains("Orphan note"));
}

#[test]
fn case_029_scale() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("029");
    assert_eq!(m.of_kind(ItemKind::Resource).count(), 422);
    assert_ref(&m, "aws_security_group.stack_03_item_05", "aws_vpc.stack_03");
    assert_ref(&m, "aws_security_group.stack_03_item_05", "aws_security_group.stack_03_item_04");
}

#[test]
fn case_030_minimal() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("030");
    assert!(m.diagnostics.is_empty());
    assert_eq!(addresses(&m, ItemKind::Resource), ["random_pet.name"]);
    assert!(m.references.is_empty());
    let empty = tempfile::tempdir().expect("tempdir");
    let err = zumen::build::model_only(empty.path(), None).expect_err("empty dir");
    assert!(err.to_string().starts_with("no Terraform files found in"), "{err}");
    std::fs::write(empty.path().join("only.tf"), "# just a comment\n").expect("write");
    let m = model_of(empty.path());
    assert!(m.items.is_empty() && m.diagnostics.is_empty());
}

#[test]
fn case_031_syntax_error_names_file_and_line() {
    if common::skip_without_shared() {
        return;
    }
    let m = case_model("031");
    let errs = errors(&m);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("broken.tf:3:"), "{}", errs[0]);
    assert!(errs[0].contains("unterminated string"));
    assert!(m.find("aws_vpc.main").is_some() && m.find("aws_subnet.a").is_some());
    assert_ref(&m, "aws_subnet.a", "aws_vpc.main");
}
