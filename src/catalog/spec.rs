//! The shape of one catalog entry (`[types.<resource type>]`) and its rules, as deserialized.
//!
//! Every field is documented in `docs/catalog.md`; attribute paths are dotted through nested
//! blocks (`load_balancer.target_group_arn`) and match a reference found at that path or below it.

use serde::Deserialize;

/// What a type becomes in the diagrams.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// A box of its own.
    #[default]
    Node,
    /// Folded into the node it configures, or turned into an edge.
    Glue,
    /// A nesting box (VPC, subnet).
    Container,
    /// A node in the responsibilities view; in the architecture view it folds into what uses it
    /// (a task definition into its service) and is drawn only when nothing uses it.
    Detail,
    /// Not drawn at all (lookups such as `aws_caller_identity`); still documented.
    Hidden,
}

/// Whether a flow follows the reference or runs against it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowDirection {
    /// From the item holding the reference to the referenced item.
    #[default]
    Out,
    /// From the referenced item to the item holding the reference.
    In,
}

/// Traffic (run-time flow) or configuration (uses/reads/pulls).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowKind {
    #[default]
    Traffic,
    Config,
}

/// `[[types.X.flow]]`: a reference at `attribute` is a flow of `kind` in `direction`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowRule {
    pub attribute: String,
    #[serde(default)]
    pub direction: FlowDirection,
    #[serde(default)]
    pub kind: FlowKind,
    /// Fixed edge label, e.g. `runs`.
    pub label: Option<String>,
    /// Also draw this edge in the responsibilities view (e.g. service → task definition).
    #[serde(default)]
    pub responsibilities: bool,
    /// Categories of referenced items for which the flow is traffic whatever `kind` says (a task
    /// definition's environment pointing at a database endpoint).
    #[serde(default)]
    pub traffic_to: Vec<String>,
}

/// `[types.X.edge]`: a glue type that stands for an edge between two things it references.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeRule {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub kind: FlowKind,
    /// Attributes whose literal values, joined by spaces, label the edge (`protocol`, `port`).
    #[serde(default)]
    pub label: Vec<String>,
}

/// `listen = { on, label, redirect }`: a listener. It accepts traffic for the item at `on` (a load
/// balancer); its literal `label` values (`HTTPS 443`) label the traffic edges *into* that item,
/// since that is the port clients use. `redirect` names the port a redirecting listener sends
/// clients to (`HTTP 80→443`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListenRule {
    pub on: String,
    #[serde(default)]
    pub label: Vec<String>,
    pub redirect: Option<String>,
}

/// `[[types.X.firewall]]`: "group G may be reached from peer P on port N" rules, written either
/// as separate resources or as nested blocks of the group itself.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirewallRule {
    /// Nested block holding the rule (`ingress`) when the rule is inline in the group.
    pub block: Option<String>,
    /// Attribute referencing the group the rule belongs to; absent for inline rules.
    pub group: Option<String>,
    /// Fixed direction: `ingress` or `egress`.
    pub direction: Option<String>,
    /// Attribute holding the direction (`type` of `aws_security_group_rule`).
    pub direction_attribute: Option<String>,
    /// Attributes referencing the peer group(s).
    #[serde(default)]
    pub peer: Vec<String>,
    /// Boolean attribute meaning "the group itself is the peer". Such rules describe traffic among
    /// the group's own members and draw no edge; the field documents the shape.
    pub self_attribute: Option<String>,
    /// Attributes holding CIDR blocks (`0.0.0.0/0` means the internet).
    #[serde(default)]
    pub cidr: Vec<String>,
    #[serde(default = "from_port")]
    pub from_port: String,
    #[serde(default = "to_port")]
    pub to_port: String,
    #[serde(default = "protocol")]
    pub protocol: String,
}

fn from_port() -> String {
    "from_port".to_string()
}
fn to_port() -> String {
    "to_port".to_string()
}
fn protocol() -> String {
    "protocol".to_string()
}

/// `[types.X.usage]`: a role inferred from whether something references this item.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// `type.attribute` of the referrer, e.g. `aws_ecs_service.task_definition`.
    pub used_by: String,
    pub role: String,
    pub unused_role: String,
    /// Reason when unused; `{type}` is replaced by the referrer type.
    pub unused_reason: String,
}

/// `glue_when = [{ attribute, category }]`: see [`TypeSpec::glue_when`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlueWhen {
    pub attribute: String,
    pub category: String,
}

/// `[[guess]]`: a type whose name contains `contains` gets `category` (first match wins).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guess {
    pub contains: String,
    pub category: String,
    #[serde(default)]
    pub kind: TypeKind,
}

/// `opaque_flow` entry. A module call zumen cannot look into (a registry or git source before
/// `terraform init`) has no attribute rules, so a reference between it and another node says
/// nothing by itself; when the holder of the reference is of a `referrer` category and the
/// referenced node of a `target` category, it is traffic — towards the target (`out`) or from it
/// (`in`: a service naming the load balancer's target group is reached *by* the load balancer).
/// A module call's category is guessed from its name and source (`terraform-aws-modules/alb`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpaqueFlow {
    pub referrer: Vec<String>,
    pub target: Vec<String>,
    #[serde(default)]
    pub direction: FlowDirection,
}

/// `[[tiers]]`: a subnet whose name contains `contains` sits in the box labelled `label`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub contains: String,
    pub label: String,
}

/// `[types.<type>]`: what the catalog knows about one resource type.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    pub category: String,
    #[serde(default)]
    pub kind: TypeKind,
    /// Display label of the type ("Application Load Balancer").
    #[serde(default)]
    pub label: String,
    /// Icon name; defaults to the category.
    pub icon: Option<String>,
    /// Default role; defaults to the category's role.
    pub role: Option<String>,
    /// Attributes whose literal value names the node, first found wins (`name`, `bucket`).
    #[serde(default)]
    pub label_attributes: Vec<String>,
    /// Attribute paths referencing the subnet/VPC (or something itself contained) it lives in.
    #[serde(default)]
    pub contained_by: Vec<String>,
    /// Container types: the box class (`vpc`, `subnet`).
    pub group_class: Option<String>,
    /// Subnets: a boolean attribute that makes it public (`map_public_ip_on_launch`).
    pub public_attribute: Option<String>,
    #[serde(default)]
    pub flow: Vec<FlowRule>,
    /// Glue: attribute paths naming what it folds into, first resolved wins.
    #[serde(default)]
    pub fold_into: Vec<String>,
    /// When `fold_into` finds several items, the first of these types wins (a scaling target names
    /// both the cluster and the service; it configures the service).
    #[serde(default)]
    pub fold_prefer: Vec<String>,
    /// A node that is really glue when it references an item of `category` at `attribute` (a
    /// DNS record holding a certificate's validation value folds into the certificate).
    #[serde(default)]
    pub glue_when: Vec<GlueWhen>,
    /// Glue/detail: fold into the node that references it when `fold_into` finds nothing.
    #[serde(default)]
    pub fold_to_referrer: bool,
    pub edge: Option<EdgeRule>,
    /// A listener: labels the traffic into the item it listens for, see [`ListenRule`].
    pub listen: Option<ListenRule>,
    /// Nodes of this type in one box with exactly the same edges are drawn as one node `×N`
    /// (the A and AAAA records of one name).
    #[serde(default)]
    pub consolidate: bool,
    /// Traffic passes through it: edges into it join edges out of it (target groups).
    #[serde(default)]
    pub relay: bool,
    /// Attributes whose literal values, joined by spaces, label the traffic this item sends on
    /// (a target group's `protocol` and `port`: the LB → service hop is `HTTP 8000`).
    #[serde(default)]
    pub forward_label: Vec<String>,
    /// A firewall group: whatever references it "wears" it (security groups).
    #[serde(default)]
    pub firewall_group: bool,
    /// Run by something else that names its groups (a RunTask command in an output, an
    /// EventBridge `ecs_target`): the firewall groups referenced beside it — in the same
    /// attribute of the same item — are worn by it. An ECS task definition names no groups itself.
    #[serde(default)]
    pub launched_in_groups: bool,
    #[serde(default)]
    pub firewall: Vec<FirewallRule>,
    /// Reachable from the internet unless this boolean attribute is true (`internal`).
    pub public_unless: Option<String>,
    /// Always reachable from the internet (CDN).
    #[serde(default)]
    pub public: bool,
    pub usage: Option<Usage>,
    /// Fact rows for the document: `attribute` or `attribute:Label`.
    #[serde(default)]
    pub facts: Vec<String>,
    /// Attribute holding ECS-style container definitions.
    pub containers: Option<String>,
    /// Not a node of the architecture view (IAM roles, users, OIDC providers): it clutters the
    /// overview with configuration edges; the responsibilities view and the document show it.
    #[serde(default)]
    pub skip_overview: bool,
    /// Set for specs guessed from the name rather than listed.
    #[serde(skip)]
    pub guessed: bool,
}

impl TypeSpec {
    /// The icon name (defaults to the category).
    pub fn icon(&self) -> &str {
        self.icon.as_deref().unwrap_or(&self.category)
    }
}
