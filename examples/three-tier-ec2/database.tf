# @intent Puts RDS into the isolated DB subnets of both AZs, which Multi-AZ needs for the standby.
resource "aws_db_subnet_group" "main" {
  name       = "${var.name}-db"
  subnet_ids = aws_subnet.db[*].id
}

# @intent utf8mb4 so user input in any language round-trips, and the slow query log for tuning.
resource "aws_db_parameter_group" "mysql" {
  name   = "${var.name}-mysql80"
  family = "mysql8.0"

  parameter {
    name  = "character_set_server"
    value = "utf8mb4"
  }

  parameter {
    name  = "slow_query_log"
    value = "1"
  }
}

# @intent The data tier. Multi-AZ keeps a synchronous standby in the second AZ and fails over in
#   about a minute, matching the two-AZ web tier: losing one AZ loses neither tier. RDS manages
#   the master password in Secrets Manager and rotates it, so no password is in code or state.
# @role data
# @group data
# @link https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
resource "aws_db_instance" "main" {
  identifier     = "${var.name}-mysql"
  engine         = "mysql"
  engine_version = "8.0"
  instance_class = var.db_instance_class

  allocated_storage     = 20
  max_allocated_storage = 200
  storage_type          = "gp3"
  storage_encrypted     = true

  db_name                     = var.db_name
  username                    = "admin"
  manage_master_user_password = true

  multi_az               = true
  db_subnet_group_name   = aws_db_subnet_group.main.name
  parameter_group_name   = aws_db_parameter_group.mysql.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false

  backup_retention_period   = 7
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.name}-mysql-final"
}
