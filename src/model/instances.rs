//! Instance counts: `count` and `for_each` evaluated with default inputs where possible.

use super::eval::{eval, Env, Value};
use super::{Instances, ItemKind, Model};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Looks up variable defaults and locals of one module, evaluating locals on demand.
struct ModuleEnv<'m> {
    model: &'m Model,
    prefix: String,
    /// Locals being evaluated, to stop on cycles.
    active: RefCell<BTreeSet<String>>,
}

impl Env for ModuleEnv<'_> {
    fn lookup(&self, root: &str, name: &str) -> Option<Value> {
        let address = match root {
            "var" => format!("{}var.{name}", self.prefix),
            "local" => format!("{}local.{name}", self.prefix),
            resource_type => format!("{}{resource_type}.{name}", self.prefix),
        };
        let item = &self.model.items[self.model.find(&address)?];
        match item.kind {
            // A counted resource as a whole is a list of its instances: `length(aws_subnet.public)`.
            ItemKind::Resource => {
                if !self.active.borrow_mut().insert(address.clone()) {
                    return None;
                }
                let n = eval(item.attr("count")?, self).and_then(|v| match v {
                    Value::Number(n) if n >= 0.0 && n.fract() == 0.0 && n <= 4096.0 => Some(n as usize),
                    _ => None,
                });
                self.active.borrow_mut().remove(&address);
                Some(Value::List(vec![Value::Unknown; n?]))
            }
            // A module's variable takes the calling block's argument, evaluated where the call
            // is; only without an argument does the default apply.
            ItemKind::Variable => match self.call_argument(&item.module, name) {
                Some(argument) => argument,
                None => eval(item.attr("default")?, self),
            },
            ItemKind::Local => {
                if !self.active.borrow_mut().insert(address.clone()) {
                    return None;
                }
                let value = eval(item.attr("value")?, self);
                self.active.borrow_mut().remove(&address);
                value
            }
            _ => None,
        }
    }
}

impl ModuleEnv<'_> {
    /// `Some(value)` when module `module`'s call passes argument `name` (`Some(None)`: passed but
    /// not constant); `None` when it passes nothing or this is the root.
    fn call_argument(&self, module: &str, name: &str) -> Option<Option<Value>> {
        if module.is_empty() {
            return None;
        }
        let call = &self.model.items[self.model.find(module)?];
        let argument = call.attr(name)?;
        let key = format!("{module}.var.{name}");
        if !self.active.borrow_mut().insert(key.clone()) {
            return Some(None);
        }
        let caller = ModuleEnv {
            model: self.model,
            prefix: super::refs::prefix_of(&call.module),
            active: RefCell::new(self.active.borrow().clone()),
        };
        let value = eval(argument, &caller);
        self.active.borrow_mut().remove(&key);
        Some(value)
    }
}

pub fn evaluate(model: &mut Model) {
    let mut results = Vec::new();
    for (id, item) in model.items.iter().enumerate() {
        if !matches!(item.kind, ItemKind::Resource | ItemKind::Data | ItemKind::Module) {
            continue;
        }
        let env =
            ModuleEnv { model, prefix: super::refs::prefix_of(&item.module), active: RefCell::new(BTreeSet::new()) };
        let instances = if let Some(count) = item.attr("count") {
            let value = eval(count, &env).and_then(|v| match v {
                Value::Number(n) if n >= 0.0 && n.fract() == 0.0 => Some(n as u64),
                Value::Bool(b) => Some(u64::from(b)),
                _ => None,
            });
            Instances::Count { expr: count.to_string(), value }
        } else if let Some(for_each) = item.attr("for_each") {
            Instances::ForEach { expr: for_each.to_string(), keys: eval(for_each, &env).and_then(|v| v.keys()) }
        } else {
            continue;
        };
        results.push((id, instances));
    }
    for (id, instances) in results {
        model.items[id].instances = instances;
    }
    // Everything inside a module call that creates no instance is not created either.
    let absent: Vec<String> = model
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Module && creates_nothing(&i.instances))
        .map(|i| i.address.clone())
        .collect();
    for item in model.items.iter_mut().filter(|i| matches!(i.kind, ItemKind::Resource | ItemKind::Data)) {
        if let Some(call) =
            absent.iter().find(|call| item.module == **call || item.module.starts_with(&format!("{call}.")))
        {
            item.instances = Instances::Count { expr: format!("{call} creates no instance"), value: Some(0) };
        }
    }
}

/// A `count` of 0 or a `for_each` over nothing, with default inputs.
fn creates_nothing(instances: &Instances) -> bool {
    match instances {
        Instances::Count { value, .. } => *value == Some(0),
        Instances::ForEach { keys, .. } => keys.as_ref().is_some_and(Vec::is_empty),
        Instances::Single => false,
    }
}

/// Evaluates a local of the root module (for docs and tests).
pub fn local_value(model: &Model, address: &str) -> Option<Value> {
    let item = &model.items[model.find(address)?];
    let env = ModuleEnv { model, prefix: super::refs::prefix_of(&item.module), active: RefCell::new(BTreeSet::new()) };
    eval(item.attr("value")?, &env)
}
