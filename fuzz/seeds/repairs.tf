# Inputs the parse stage repairs after hcl-edit refuses them (see src/parse/repair.rs).
locals {
  users = {
    for k, v in var.users : k =>
    v.admin # comment inside the for
    ? { name = k, role = "admin" }
    : { name = k, role = "user", role = "dup" }
  }
  rules = [{
    name = "a"
    "name" = "b"
  }]
  doc = <<-EOT
    { for x in y :
    EOT
}
