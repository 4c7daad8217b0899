# @intent Latest Amazon Linux 2023 AMI from the public SSM parameter: new instances get patched
#   images without editing code; the launch template records which one was used.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

# @intent EC2 instances (and, through the instance metadata service, their containers) assume this
#   role.
data "aws_iam_policy_document" "ec2_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# @intent Identity of the web instances: Session Manager, CloudWatch Logs from Docker, and reading
#   the database secret. No access keys on disk.
# @role security
# @group web
resource "aws_iam_role" "web" {
  name               = "${var.name}-web"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
}

# @intent Registers the instance with Systems Manager so Session Manager replaces SSH and a
#   bastion host: access is granted by IAM and every session is logged.
# @link https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
resource "aws_iam_role_policy_attachment" "web_ssm" {
  role       = aws_iam_role.web.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

# @intent The Flask app reads the RDS-managed master secret itself at connect time, so the
#   automatic password rotation never needs a redeploy.
data "aws_iam_policy_document" "web_runtime" {
  statement {
    sid       = "ReadDbSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_db_instance.main.master_user_secret[0].secret_arn]
  }

  statement {
    sid       = "WriteContainerLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.web.arn}:*"]
  }
}

# @intent Grants exactly the runtime permissions above.
resource "aws_iam_role_policy" "web_runtime" {
  name   = "runtime"
  role   = aws_iam_role.web.id
  policy = data.aws_iam_policy_document.web_runtime.json
}

# @intent Wraps the role so EC2 can attach it to instances.
resource "aws_iam_instance_profile" "web" {
  name = "${var.name}-web"
  role = aws_iam_role.web.name
}

# @intent Docker's awslogs driver ships Nginx and Flask logs here, so logs survive instance
#   replacement by the Auto Scaling group.
# @role monitoring
resource "aws_cloudwatch_log_group" "web" {
  name              = "/${var.name}/web"
  retention_in_days = 30
}

# @intent Everything an instance needs to boot into a working web server: the AMI, the instance
#   profile, the app security group and a user_data script that installs Docker and starts the
#   Nginx (reverse proxy on 80) and Flask (app on 5000) containers. IMDSv2 is required; the hop
#   limit of 2 lets the containers reach it for credentials.
# @role resident
# @group web
resource "aws_launch_template" "web" {
  name_prefix            = "${var.name}-web-"
  image_id               = data.aws_ssm_parameter.al2023.value
  instance_type          = var.instance_type
  vpc_security_group_ids = [aws_security_group.app.id]

  iam_instance_profile {
    arn = aws_iam_instance_profile.web.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  user_data = base64encode(templatefile("${path.module}/templates/user_data.sh.tftpl", {
    region        = var.region
    log_group     = aws_cloudwatch_log_group.web.name
    flask_image   = var.flask_image
    nginx_image   = var.nginx_image
    db_host       = aws_db_instance.main.address
    db_name       = var.db_name
    db_secret_arn = aws_db_instance.main.master_user_secret[0].secret_arn
  }))

  tag_specifications {
    resource_type = "instance"

    tags = {
      Name = "${var.name}-web"
    }
  }
}

# @intent Keeps between min and max web instances running across both app subnets and replaces any
#   instance the ALB reports unhealthy. A launch template change rolls out through instance
#   refresh, half the fleet at a time.
# @role resident
# @group web
resource "aws_autoscaling_group" "web" {
  name                      = "${var.name}-web"
  min_size                  = var.min_instances
  max_size                  = var.max_instances
  desired_capacity          = var.min_instances
  vpc_zone_identifier       = aws_subnet.app[*].id
  target_group_arns         = [aws_lb_target_group.web.arn]
  health_check_type         = "ELB"
  health_check_grace_period = 120

  launch_template {
    id      = aws_launch_template.web.id
    version = aws_launch_template.web.latest_version
  }

  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 50
    }
  }

  tag {
    key                 = "Name"
    value               = "${var.name}-web"
    propagate_at_launch = true
  }
}

# @intent Adds instances when average CPU passes 60% and removes them when load drops.
resource "aws_autoscaling_policy" "web_cpu" {
  name                   = "${var.name}-web-cpu"
  autoscaling_group_name = aws_autoscaling_group.web.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = 60

    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}
