locals {
  doc = <<-EOT
    %{ for s in var.list ~}
    - ${s} $${literal} %%{literal}
    %{ endfor ~}
  EOT
  cond = var.on ? "yes" : "no"
  math = (1 + 2) * 3 - -4 % 5 >= 2 && !false || null == null
}
