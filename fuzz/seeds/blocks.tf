variable "v" {
  type = object({ a = optional(string, "x"), b = list(number) })
  validation {
    condition     = can(regex("^a", var.v.a))
    error_message = "bad"
  }
}
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.rules
    iterator = r
    content { from_port = r.value.port }
  }
}
moved {
  from = aws_vpc.old
  to   = aws_vpc.main
}
import {
  to = aws_vpc.main
  id = "vpc-1"
}
check "ok" {
  assert {
    condition     = provider::aws::arn_parse(aws_vpc.main.arn).region != ""
    error_message = "x"
  }
}
