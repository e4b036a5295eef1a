# One small EC2 instance running the phase-1 production Docker Compose stack (hobby-project pattern).
# No SSH: the operator reaches the server through SSM Session Manager.

data "aws_partition" "current" {}

# Latest Amazon Linux 2023 AMI for the architecture, from AWS's public SSM parameter. Read at every
# plan, but the instance ignores later AMI changes (see lifecycle below): the server is updated in place.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${var.architecture}"
}

data "aws_ec2_instance_type" "this" {
  instance_type = var.instance_type
}

data "aws_route53_zone" "this" {
  name         = var.hosted_zone_name
  private_zone = false
}

locals {
  server_name = "${var.name}-server"

  # Volumes carrying this tag get the daily snapshots of the lifecycle policy below.
  snapshot_tag = { SnapshotPolicy = "${var.name}-daily" }

  # ECR registry host of each repository: <account>.dkr.ecr.<region>.amazonaws.com(.cn).
  ecr_registries = distinct([
    for arn in var.ecr_repository_arns : format(
      "%s.dkr.ecr.%s.%s",
      split(":", arn)[4],
      split(":", arn)[3],
      split(":", arn)[1] == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
    )
  ])

  compose_write_files = [
    for file_name in sort(keys(var.compose_files)) : {
      path        = "${var.app_directory}/${file_name}"
      encoding    = "b64"
      content     = base64encode(var.compose_files[file_name])
      owner       = "root:root"
      permissions = "0644"
    }
  ]

  system_write_files = [
    {
      path        = "/etc/systemd/system/${var.name}.service"
      encoding    = "b64"
      owner       = "root:root"
      permissions = "0644"
      content = base64encode(templatefile("${path.module}/compose.service.tftpl", {
        name          = var.name
        app_directory = var.app_directory
        domain        = var.domain
      }))
    },
    {
      path        = "/usr/local/sbin/${var.name}-bootstrap"
      encoding    = "b64"
      owner       = "root:root"
      permissions = "0700"
      content = base64encode(templatefile("${path.module}/bootstrap.sh.tftpl", {
        name                  = var.name
        compose_plugin_url    = var.compose_plugin_url
        compose_plugin_sha256 = var.compose_plugin_sha256
        ecr_credential_helper = length(local.ecr_registries) > 0
      }))
    },
  ]

  # Docker uses the ECR credential helper (instance role credentials) for the ECR registries only.
  ecr_write_files = length(local.ecr_registries) == 0 ? [] : [
    {
      path        = "/root/.docker/config.json"
      encoding    = "b64"
      owner       = "root:root"
      permissions = "0600"
      content     = base64encode(jsonencode({ credHelpers = { for registry in local.ecr_registries : registry => "ecr-login" } }))
    },
  ]

  cloud_config = {
    write_files = concat(local.compose_write_files, local.system_write_files, local.ecr_write_files)
    runcmd      = [["/usr/local/sbin/${var.name}-bootstrap"]]
  }

  # gzip keeps the user data under EC2's 16 KiB limit (cloud-init decompresses it).
  user_data_base64 = base64gzip("#cloud-config\n${yamlencode(local.cloud_config)}")

  # Public ingress, IPv4 and IPv6: port 80 (ACME HTTP-01 challenges, redirect to HTTPS) and 443 over
  # TCP (HTTPS) and UDP (HTTP/3). Nothing else, and no SSH.
  public_sources = {
    ipv4 = { cidr_ipv4 = "0.0.0.0/0", cidr_ipv6 = null }
    ipv6 = { cidr_ipv4 = null, cidr_ipv6 = "::/0" }
  }

  https_ingress = merge([
    for source_key, source in local.public_sources : {
      "tcp-${source_key}" = merge(source, {
        protocol    = "tcp"
        description = "HTTPS from anywhere (${source_key}): the public web app"
      })
      "udp-${source_key}" = merge(source, {
        protocol    = "udp"
        description = "HTTP/3 (QUIC) from anywhere (${source_key}): the public web app"
      })
    }
  ]...)

  # DNS (the VPC resolver) and NTP (Amazon Time Sync, 169.254.169.123) are link-local services that
  # security groups do not filter, so they need no rule. The networking module makes IPv4-only subnets,
  # so egress is IPv4 only.
  egress = {
    http = {
      port        = 80
      description = "HTTP to the internet: package mirrors, OCSP and CRL checks"
    }
    https = {
      port        = 443
      description = "HTTPS to the internet: AL2023 packages, container images, ACME, SSM Session Manager and AWS APIs"
    }
  }
}

################################################################################
# Security group: the web ports from anywhere, no SSH
################################################################################

resource "aws_security_group" "this" {
  name        = local.server_name
  description = "${var.name} server: HTTP, HTTPS and HTTP/3 from anywhere; no SSH (Session Manager)"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = local.server_name })
}

resource "aws_vpc_security_group_ingress_rule" "http" {
  # checkov:skip=CKV_AWS_260: a public web server: Caddy needs port 80 open to the internet for Let's Encrypt HTTP-01 challenges and to redirect visitors to HTTPS; it serves nothing else there. To close it, put a load balancer or CDN in front (the small-saas pattern).
  for_each = local.public_sources

  security_group_id = aws_security_group.this.id
  description       = "HTTP from anywhere (${each.key}): Caddy answers ACME HTTP-01 challenges and redirects to HTTPS"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = each.value.cidr_ipv4
  cidr_ipv6         = each.value.cidr_ipv6

  tags = merge(var.tags, { Name = "${local.server_name}-http-${each.key}" })
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  for_each = local.https_ingress

  security_group_id = aws_security_group.this.id
  description       = each.value.description
  ip_protocol       = each.value.protocol
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value.cidr_ipv4
  cidr_ipv6         = each.value.cidr_ipv6

  tags = merge(var.tags, { Name = "${local.server_name}-https-${each.key}" })
}

resource "aws_vpc_security_group_egress_rule" "internet" {
  for_each = local.egress

  security_group_id = aws_security_group.this.id
  description       = each.value.description
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.tags, { Name = "${local.server_name}-egress-${each.key}" })
}

################################################################################
# Instance role: Session Manager only (plus ECR pull on the given repositories)
################################################################################

data "aws_iam_policy_document" "ec2_assume_role" {
  statement {
    sid     = "EC2AssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = local.server_name
  description        = "Instance role of the ${var.name} server: SSM Session Manager access"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume_role.json

  tags = merge(var.tags, { Name = local.server_name })
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

data "aws_iam_policy_document" "ecr_pull" {
  count = length(var.ecr_repository_arns) > 0 ? 1 : 0

  statement {
    sid       = "ECRLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid = "ECRPull"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]
    resources = var.ecr_repository_arns
  }
}

resource "aws_iam_role_policy" "ecr_pull" {
  count = length(var.ecr_repository_arns) > 0 ? 1 : 0

  name   = "ecr-pull"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.ecr_pull[0].json
}

resource "aws_iam_instance_profile" "this" {
  name = local.server_name
  role = aws_iam_role.this.name

  tags = merge(var.tags, { Name = local.server_name })
}

################################################################################
# The instance
################################################################################

resource "aws_instance" "this" {
  # checkov:skip=CKV_AWS_126: detailed (1-minute) monitoring bills seven custom metrics (about $2.10 a month, 15% of the hobby budget); the alarms need none of it: the status check is a 1-minute metric either way and the CPU alarm uses 5-minute periods. Set detailed_monitoring = true to turn it on
  ami                                  = data.aws_ssm_parameter.al2023.insecure_value
  instance_type                        = var.instance_type
  subnet_id                            = var.subnet_id
  vpc_security_group_ids               = [aws_security_group.this.id]
  iam_instance_profile                 = aws_iam_instance_profile.this.name
  associate_public_ip_address          = false
  monitoring                           = var.detailed_monitoring
  ebs_optimized                        = true
  disable_api_termination              = var.disable_api_termination
  instance_initiated_shutdown_behavior = "stop"
  user_data_base64                     = local.user_data_base64

  metadata_options {
    http_endpoint          = "enabled"
    http_tokens            = "required"
    instance_metadata_tags = "disabled"
    # 1 hop: processes on the host (SSM agent, ECR credential helper) reach IMDS, containers behind
    # Docker's bridge (one more hop) cannot, so they cannot take the instance role's credentials.
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = var.root_volume_gib
    encrypted   = true
    kms_key_id  = var.kms_key_arn
    # The root volume holds the PostgreSQL data (a Docker volume): it survives the instance's
    # termination, so a mistaken destroy or replacement never deletes the database.
    delete_on_termination = false
  }

  # Applied at creation; the snapshot tag selects the volume for the daily snapshots.
  volume_tags = merge(var.tags, local.snapshot_tag, { Name = "${local.server_name}-root" })

  tags = merge(var.tags, { Name = local.server_name })

  lifecycle {
    # A new AMI or new cloud-init data would mean a new instance with an empty root volume (the
    # database stays on the old one). The server is updated in place instead; see the README.
    # The Elastic IP association makes associate_public_ip_address read back as true (AWS reports
    # the address; hashicorp/terraform-provider-aws#37318 and #47100), and a change to it replaces
    # the instance: ignored, so that every plan after the first does not replace the server.
    ignore_changes = [ami, user_data_base64, associate_public_ip_address]

    precondition {
      condition     = contains(data.aws_ec2_instance_type.this.supported_architectures, var.architecture)
      error_message = "The instance type ${var.instance_type} does not support the ${var.architecture} architecture (t4g.* is arm64; t3a.* and t3.* are x86_64)."
    }

    precondition {
      condition     = length(local.user_data_base64) <= 21848
      error_message = "The compressed cloud-init data is over EC2's 16 KiB user data limit: the compose files are too large."
    }
  }
}

resource "aws_eip" "this" {
  domain = "vpc"

  tags = merge(var.tags, { Name = local.server_name })
}

resource "aws_eip_association" "this" {
  allocation_id = aws_eip.this.allocation_id
  instance_id   = aws_instance.this.id
}

resource "aws_route53_record" "this" {
  zone_id = data.aws_route53_zone.this.zone_id
  name    = var.domain
  type    = "A"
  ttl     = 300
  records = [aws_eip.this.public_ip]
}

################################################################################
# Daily snapshots of the root volume (Data Lifecycle Manager)
################################################################################

data "aws_iam_policy_document" "dlm_assume_role" {
  statement {
    sid     = "DLMAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["dlm.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "dlm" {
  name               = "${local.server_name}-dlm"
  description        = "Data Lifecycle Manager role of the ${var.name} server: daily snapshots of its root volume"
  assume_role_policy = data.aws_iam_policy_document.dlm_assume_role.json

  tags = merge(var.tags, { Name = "${local.server_name}-dlm" })
}

resource "aws_iam_role_policy_attachment" "dlm" {
  role       = aws_iam_role.dlm.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole"
}

# The root volume is encrypted with the customer-managed key: DLM's role must be able to use it.
data "aws_iam_policy_document" "dlm_kms" {
  statement {
    sid = "UseTheVolumeKey"
    actions = [
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:GenerateDataKeyWithoutPlaintext",
      "kms:ReEncryptFrom",
      "kms:ReEncryptTo",
    ]
    resources = [var.kms_key_arn]
  }

  statement {
    sid       = "GrantsForEBSOnly"
    actions   = ["kms:CreateGrant"]
    resources = [var.kms_key_arn]

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role_policy" "dlm_kms" {
  name   = "use-volume-key"
  role   = aws_iam_role.dlm.id
  policy = data.aws_iam_policy_document.dlm_kms.json
}

resource "aws_dlm_lifecycle_policy" "this" {
  # DLM accepts letters, digits, spaces, '-' and '_' only in a description.
  description        = "${var.snapshot_interval_hours == 1 ? "Hourly" : var.snapshot_interval_hours == 24 ? "Daily" : "Every ${var.snapshot_interval_hours} hours"} snapshots of the root volume of the ${var.name} server"
  execution_role_arn = aws_iam_role.dlm.arn
  state              = "ENABLED"

  policy_details {
    policy_type    = "EBS_SNAPSHOT_MANAGEMENT"
    resource_types = ["VOLUME"]
    target_tags    = local.snapshot_tag

    schedule {
      name      = var.snapshot_interval_hours == 24 ? "daily" : "every-${var.snapshot_interval_hours}h"
      copy_tags = true

      create_rule {
        interval      = var.snapshot_interval_hours
        interval_unit = "HOURS"
        times         = [var.snapshot_time]
      }

      retain_rule {
        interval      = var.snapshot_retention_days
        interval_unit = "DAYS"
      }

      tags_to_add = { SnapshotCreator = "dlm" }
    }
  }

  tags = merge(var.tags, { Name = "${local.server_name}-snapshots" })
}
