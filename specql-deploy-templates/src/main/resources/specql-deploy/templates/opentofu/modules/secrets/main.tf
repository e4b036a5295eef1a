# Only the secret containers are managed here: their values never pass through OpenTofu (no
# aws_secretsmanager_secret_version), so they are in no plan and no state. The operator sets them:
#   aws secretsmanager put-secret-value --secret-id <arn> --secret-string '<value>'
resource "aws_secretsmanager_secret" "this" {
  # checkov:skip=CKV2_AWS_57: the values are issued by other services (payment provider, mail provider, generated keys); rotate them there and store the new value with put-secret-value. Add an aws_secretsmanager_secret_rotation with a rotation Lambda for a secret AWS can rotate itself.
  for_each = toset(var.secret_names)

  name                    = "${var.name}/${each.value}"
  description             = "${each.value} of ${var.name}; value set by the operator with aws secretsmanager put-secret-value"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_days

  tags = merge(var.tags, { Name = "${var.name}/${each.value}" })
}
