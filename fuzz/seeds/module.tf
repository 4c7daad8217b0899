module "app" {
  source   = "./modules/app"
  for_each = toset(["a", "b"])
  subnets  = aws_subnet.private[*].id
}
output "ids" { value = { for k, m in module.app : k => m.id } }
