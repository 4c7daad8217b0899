# @intent Generated once and stored only in state and Secrets Manager; no human ever types it.
#   The special characters exclude `/`, `@`, `"` and space, which RDS rejects.
# @role security
resource "random_password" "db" {
  length           = 32
  special          = true
  override_special = "!#$%^&*()-_=+[]{}<>:?"
}

# @intent The single source of truth for how to reach MySQL: host, database, user and password as
#   one JSON document. ECS injects single keys of it into containers, so rotating the password is
#   a secret update plus a service redeploy, with no image rebuild.
# @role security
# @group data
# @owner backend
resource "aws_secretsmanager_secret" "db" {
  name                    = "${var.name}/db"
  description             = "MySQL connection settings for the ${var.name} API"
  recovery_window_in_days = 0
}

# @intent Writes the current connection settings into the secret; the host comes from the instance,
#   so the secret is right even after the instance is replaced.
resource "aws_secretsmanager_secret_version" "db" {
  secret_id = aws_secretsmanager_secret.db.id
  secret_string = jsonencode({
    host     = aws_db_instance.this.address
    port     = aws_db_instance.this.port
    dbname   = var.db_name
    username = var.db_username
    password = random_password.db.result
  })
}

# @intent The database's group. No CIDR rules at all: only the app tasks and the check task can
#   connect, by security group.
# @role security
resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "MySQL: 3306 from the app and check task groups only"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name}-db"
  }
}

# @intent The app → database edge: FastAPI tasks (and db-migration, which runs with the app group)
#   reach MySQL on 3306.
resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  description                  = "MySQL from the FastAPI tasks"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = var.app_security_group_id
}

# @intent The check → database edge: the mysql-client task proves this path works.
resource "aws_vpc_security_group_ingress_rule" "db_from_check" {
  security_group_id            = aws_security_group.db.id
  description                  = "MySQL from the mysql-client check task"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = var.check_security_group_id
}

# @intent Places the instance in the private subnets of both AZs (RDS requires two).
resource "aws_db_subnet_group" "this" {
  name        = "${var.name}-db"
  description = "Private subnets for ${var.name} MySQL"
  subnet_ids  = var.private_subnet_ids
}

# @intent utf8mb4 everywhere (emoji in usernames will happen at a hackathon) and the slow query
#   log on, so a slow endpoint can be traced to its query.
resource "aws_db_parameter_group" "mysql" {
  name        = "${var.name}-mysql80"
  family      = "mysql8.0"
  description = "MySQL 8.0 settings for ${var.name}"

  parameter {
    name  = "character_set_server"
    value = "utf8mb4"
  }

  parameter {
    name  = "collation_server"
    value = "utf8mb4_0900_ai_ci"
  }

  parameter {
    name  = "slow_query_log"
    value = "1"
  }

  parameter {
    name  = "long_query_time"
    value = "1"
  }
}

# @intent The application's data. Single-AZ on purpose: Multi-AZ doubles the cost and a hackathon
#   tolerates a few minutes of failover by restore; 7 days of automated backups cover mistakes.
#   Storage autoscaling up to 100 GiB so a data import cannot fill the disk during the demo.
# @role data
# @group data
# @owner backend
# @link https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_MySQL.html
resource "aws_db_instance" "this" {
  identifier     = "${var.name}-mysql"
  engine         = "mysql"
  engine_version = "8.0"
  instance_class = var.instance_class

  allocated_storage     = 20
  max_allocated_storage = 100
  storage_type          = "gp3"
  storage_encrypted     = true

  db_name  = var.db_name
  username = var.db_username
  password = random_password.db.result
  port     = 3306

  db_subnet_group_name   = aws_db_subnet_group.this.name
  parameter_group_name   = aws_db_parameter_group.mysql.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  multi_az               = false

  backup_retention_period    = 7
  auto_minor_version_upgrade = true
  apply_immediately          = true
  deletion_protection        = false
  skip_final_snapshot        = true

  enabled_cloudwatch_logs_exports = ["error", "slowquery"]
}
