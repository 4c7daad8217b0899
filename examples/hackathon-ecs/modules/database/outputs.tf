# @intent Handed to the backend so tasks can read connection settings at start.
output "db_secret_arn" {
  description = "ARN of the secret with the MySQL connection settings."
  value       = aws_secretsmanager_secret.db.arn

  # Tasks must not start before the secret has a value.
  depends_on = [aws_secretsmanager_secret_version.db]
}

output "db_instance_identifier" {
  description = "RDS instance identifier, the CloudWatch metric dimension."
  value       = aws_db_instance.this.identifier
}

output "db_address" {
  description = "Private DNS name of the MySQL instance."
  value       = aws_db_instance.this.address
}
