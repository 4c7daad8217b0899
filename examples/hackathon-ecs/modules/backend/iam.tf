# @intent Only ECS tasks may assume the two task roles below.
data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# @intent The role the ECS agent uses *before* the container starts: pull from ECR, write to the
#   log groups and resolve `secrets` into environment variables. Shared by every task family in
#   the stack (also `init-datadog` in the monitoring module) because they need the same three
#   things; the application code never sees it.
# @role security
# @owner backend
# @link https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
resource "aws_iam_role" "execution" {
  name               = "${var.name}-ecs-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# @intent AWS-managed baseline: ECR pull and CloudWatch Logs writes.
resource "aws_iam_role_policy_attachment" "execution_managed" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# @intent Read exactly the two secrets that tasks inject, and nothing else in Secrets Manager.
data "aws_iam_policy_document" "execution_secrets" {
  statement {
    sid     = "ReadInjectedSecrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      var.db_secret_arn,
      var.datadog_api_key_secret_arn,
    ]
  }
}

# @intent Grants the execution role the secret reads above.
resource "aws_iam_role_policy" "execution_secrets" {
  name   = "read-task-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets.json
}

# @intent The identity the FastAPI code runs as. Today it only needs the SSM channels for ECS
#   Exec; when the app starts using S3 or SQS, its permissions go here, not on the execution role.
# @role security
# @owner backend
resource "aws_iam_role" "task" {
  name               = "${var.name}-ecs-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# @intent `aws ecs execute-command` opens a shell through these SSM message channels.
data "aws_iam_policy_document" "task_exec" {
  statement {
    actions = [
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]
    resources = ["*"]
  }
}

# @intent Enables ECS Exec for debugging live tasks instead of baking SSH into images.
resource "aws_iam_role_policy" "task_exec" {
  name   = "ecs-exec"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task_exec.json
}
