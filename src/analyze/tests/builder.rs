//! A small builder for hand-made models, so analyze tests do not depend on the parser.

use crate::diagnostic::Location;
use crate::model::{Annotation, Instances, Item, ItemId, ItemKind, Model, ModuleCall, ModuleStatus};
use crate::syntax::{Attribute, Block, Body, Expr, Ref, Step, TemplatePart};

/// Builds a [`Model`] item by item.
#[derive(Default)]
pub struct ModelBuilder {
    pub model: Model,
}

impl ModelBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, module: &str, kind: ItemKind, ty: &str, name: &str, body: Body) -> ItemId {
        let prefix = if module.is_empty() { String::new() } else { format!("{module}.") };
        let address = match kind {
            ItemKind::Resource => format!("{prefix}{ty}.{name}"),
            ItemKind::Data => format!("{prefix}data.{ty}.{name}"),
            ItemKind::Module => format!("{prefix}module.{name}"),
            ItemKind::Variable => format!("{prefix}var.{name}"),
            ItemKind::Output => format!("{prefix}output.{name}"),
            ItemKind::Local => format!("{prefix}local.{name}"),
        };
        let id = self.model.items.len();
        self.model.items.push(Item {
            address,
            kind,
            module: module.to_string(),
            resource_type: ty.to_string(),
            name: name.to_string(),
            location: Location { file: "main.tf".into(), line: id + 1, column: 1 },
            body,
            instances: Instances::Single,
            annotation: Annotation::default(),
            module_call: None,
            imported: false,
        });
        id
    }

    /// `resource "ty" "name"` in module path `module` (`""` for the root).
    pub fn resource(&mut self, module: &str, ty: &str, name: &str, body: Body) -> ItemId {
        self.push(module, ItemKind::Resource, ty, name, body)
    }

    pub fn data(&mut self, module: &str, ty: &str, name: &str, body: Body) -> ItemId {
        self.push(module, ItemKind::Data, ty, name, body)
    }

    /// `variable "name" { default = ... }` in module path `module`.
    pub fn push_variable(&mut self, module: &str, name: &str, default: Expr) -> ItemId {
        self.push(module, ItemKind::Variable, "", name, body(vec![("default", default)], vec![]))
    }

    pub fn local(&mut self, module: &str, name: &str, value: Expr) -> ItemId {
        self.push(module, ItemKind::Local, "", name, body(vec![("value", value)], vec![]))
    }

    pub fn module(&mut self, parent: &str, name: &str, source: &str, status: ModuleStatus) -> ItemId {
        let id = self.push(parent, ItemKind::Module, "", name, Body::default());
        self.model.items[id].module_call = Some(ModuleCall { source: source.into(), version: None, status });
        id
    }

    pub fn count(&mut self, id: ItemId, expr: &str, value: Option<u64>) {
        self.model.items[id].instances = Instances::Count { expr: expr.into(), value };
    }

    pub fn role(&mut self, id: ItemId, role: &str) {
        self.model.items[id].annotation.role = Some(role.into());
    }

    /// A resolved dependency as the model stage would record it (through a variable, say).
    pub fn dependency(&mut self, from: ItemId, to: ItemId, attribute: &str) {
        self.model.dependencies.push(crate::model::Dependency { from, to, attribute: attribute.into(), via: vec![] });
    }

    /// The model, with the address index the model stage would fill. References and resolved
    /// dependencies are left to the analyze stage's own resolver unless added by hand.
    pub fn build(mut self) -> Model {
        self.model.index = self.model.items.iter().enumerate().map(|(i, it)| (it.address.clone(), i)).collect();
        self.model
    }
}

pub fn body(attrs: Vec<(&str, Expr)>, blocks: Vec<Block>) -> Body {
    Body {
        attributes: attrs.into_iter().map(|(k, v)| Attribute { key: k.into(), value: v, line: 1 }).collect(),
        blocks,
    }
}

pub fn block(kind: &str, attrs: Vec<(&str, Expr)>, blocks: Vec<Block>) -> Block {
    Block { kind: kind.into(), labels: vec![], body: body(attrs, blocks), line: 1, column: 1, leading_comment: vec![] }
}

/// `aws_lb.main.arn`, `aws_subnet.private[*].id` (`[*]` becomes a dynamic step).
pub fn r(text: &str) -> Expr {
    let mut parts = text.split('.');
    let root = parts.next().unwrap_or_default().to_string();
    let mut steps = Vec::new();
    for p in parts {
        match p.strip_suffix("[*]") {
            Some(name) => {
                steps.push(Step::Attr(name.into()));
                steps.push(Step::Dynamic);
            }
            None => steps.push(Step::Attr(p.into())),
        }
    }
    Expr::Ref(Ref { root, steps })
}

pub fn s(text: &str) -> Expr {
    Expr::String(text.into())
}

pub fn n(v: f64) -> Expr {
    Expr::Number(v)
}

pub fn list(items: Vec<Expr>) -> Expr {
    Expr::List(items)
}

pub fn obj(items: Vec<(&str, Expr)>) -> Expr {
    Expr::Object(items.into_iter().map(|(k, v)| (s(k), v)).collect())
}

/// `"${ref}<suffix>"`.
pub fn interp(reference: &str, suffix: &str) -> Expr {
    Expr::Template(vec![TemplatePart::Interpolation(r(reference)), TemplatePart::Literal(suffix.into())])
}

pub fn jsonencode(value: Expr) -> Expr {
    Expr::Call { name: "jsonencode".into(), args: vec![value] }
}
