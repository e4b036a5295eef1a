# Plan-only tests of the server module against a mocked AWS provider: no credentials, no API calls.

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }

  mock_data "aws_ssm_parameter" {
    defaults = {
      type           = "String"
      value          = "ami-0a1b2c3d4e5f60718"
      insecure_value = "ami-0a1b2c3d4e5f60718"
      arn            = "arn:aws:ssm:eu-west-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
    }
  }

  mock_data "aws_ec2_instance_type" {
    defaults = {
      supported_architectures = ["arm64"]
      default_vcpus           = 2
      memory_size             = 1024
    }
  }

  mock_data "aws_route53_zone" {
    defaults = {
      zone_id = "Z0123456789ABCDEFGHIJ"
      arn     = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"
    }
  }

  # Computed values the provider validates as ARNs, and realistic IDs for the outputs.
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/acme-crm-server"
    }
  }

  mock_resource "aws_instance" {
    defaults = {
      id  = "i-0a1b2c3d4e5f60718"
      arn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60718"
    }
  }

  mock_resource "aws_eip" {
    defaults = {
      id            = "eipalloc-0a1b2c3d4e5f60718"
      allocation_id = "eipalloc-0a1b2c3d4e5f60718"
      public_ip     = "203.0.113.10"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EC2AssumeRole\",\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}}]}"
    }
  }
}

variables {
  name             = "acme-crm"
  tags             = { Project = "acme-crm" }
  vpc_id           = "vpc-0a1b2c3d4e5f60718"
  subnet_id        = "subnet-0a1b2c3d4e5f60718"
  instance_type    = "t4g.micro"
  architecture     = "arm64"
  root_volume_gib  = 20
  kms_key_arn      = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  domain           = "crm.acme.example"
  hosted_zone_name = "acme.example"
  compose_files = {
    "compose.production.yaml" = "name: acme-crm\nservices:\n  caddy:\n    image: \"caddy:2.10.2-alpine\"\n    ports:\n      - \"80:80\"\n      - \"443:443\"\n      - \"443:443/udp\"\n"
    "Caddyfile"               = "crm.acme.example {\n\treverse_proxy app:8000\n}\n"
  }
  compose_plugin_url      = "https://github.com/docker/compose/releases/download/v2.40.3/docker-compose-linux-aarch64"
  compose_plugin_sha256   = "9f1bb2d1b4d5f0a0c4e1b0d8f0e2c3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0"
  snapshot_retention_days = 7
}

run "security_invariants" {
  command = plan

  assert {
    condition = alltrue([
      for rule in concat(values(aws_vpc_security_group_ingress_rule.http), values(aws_vpc_security_group_ingress_rule.https)) :
      !(rule.from_port <= 22 && rule.to_port >= 22)
    ])
    error_message = "No ingress rule may open port 22: the server is reached through Session Manager."
  }

  assert {
    condition = alltrue([
      for rule in concat(values(aws_vpc_security_group_ingress_rule.http), values(aws_vpc_security_group_ingress_rule.https)) :
      rule.from_port == rule.to_port && contains([80, 443], rule.from_port)
    ])
    error_message = "The only public ingress ports must be 80 and 443."
  }

  assert {
    condition = (
      length(aws_vpc_security_group_ingress_rule.http) == 2 &&
      length(aws_vpc_security_group_ingress_rule.https) == 4 &&
      alltrue([for rule in values(aws_vpc_security_group_ingress_rule.http) : rule.ip_protocol == "tcp"]) &&
      toset([for rule in values(aws_vpc_security_group_ingress_rule.https) : rule.ip_protocol]) == toset(["tcp", "udp"])
    )
    error_message = "Ingress must be exactly 80/tcp, 443/tcp and 443/udp, each for IPv4 and IPv6."
  }

  assert {
    condition = alltrue([
      for rule in values(aws_vpc_security_group_egress_rule.internet) :
      rule.ip_protocol == "tcp" && rule.from_port == rule.to_port && contains([80, 443], rule.from_port)
    ]) && length(aws_vpc_security_group_egress_rule.internet) == 2
    error_message = "Egress must be limited to 80/tcp and 443/tcp."
  }

  assert {
    condition     = aws_instance.this.metadata_options[0].http_tokens == "required" && aws_instance.this.metadata_options[0].http_put_response_hop_limit == 1
    error_message = "IMDSv2 must be required, with a hop limit of 1 so that containers cannot reach the instance credentials."
  }

  assert {
    condition = (
      aws_instance.this.root_block_device[0].encrypted == true &&
      aws_instance.this.root_block_device[0].kms_key_id == var.kms_key_arn &&
      aws_instance.this.root_block_device[0].volume_type == "gp3" &&
      aws_instance.this.root_block_device[0].volume_size == 20
    )
    error_message = "The root volume must be a gp3 volume encrypted with the environment's KMS key."
  }

  assert {
    condition     = aws_instance.this.root_block_device[0].delete_on_termination == false
    error_message = "The root volume holds the database: it must survive the instance's termination."
  }

  assert {
    condition     = aws_instance.this.disable_api_termination == true && aws_instance.this.monitoring == false && aws_instance.this.associate_public_ip_address == false
    error_message = "Termination protection must be on by default, detailed monitoring off (it costs, the alarms need none), and no automatic public IP."
  }

  assert {
    condition     = aws_instance.this.ami == "ami-0a1b2c3d4e5f60718" && data.aws_ssm_parameter.al2023.name == "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
    error_message = "The AMI must be the latest Amazon Linux 2023 for arm64, from the public SSM parameter."
  }

  assert {
    condition     = length(aws_iam_role_policy.ecr_pull) == 0 && endswith(aws_iam_role_policy_attachment.ssm.policy_arn, ":iam::aws:policy/AmazonSSMManagedInstanceCore")
    error_message = "Without ECR repositories, the instance role must only have AmazonSSMManagedInstanceCore."
  }
}

run "dns_and_snapshots" {
  command = plan

  variables {
    snapshot_retention_days = 14
    snapshot_interval_hours = 1
    snapshot_time           = "05:30"
  }

  assert {
    condition     = aws_route53_record.this.name == "crm.acme.example" && aws_route53_record.this.type == "A" && aws_route53_record.this.zone_id == "Z0123456789ABCDEFGHIJ"
    error_message = "An A record for the domain must be created in the given hosted zone."
  }

  assert {
    condition     = aws_eip.this.domain == "vpc"
    error_message = "The server's public address must be a VPC Elastic IP."
  }

  assert {
    condition = (
      aws_dlm_lifecycle_policy.this.policy_details[0].schedule[0].retain_rule[0].interval == 14 &&
      aws_dlm_lifecycle_policy.this.policy_details[0].schedule[0].retain_rule[0].interval_unit == "DAYS" &&
      aws_dlm_lifecycle_policy.this.policy_details[0].schedule[0].create_rule[0].interval == 1 &&
      one(aws_dlm_lifecycle_policy.this.policy_details[0].schedule[0].create_rule[0].times) == "05:30"
    )
    error_message = "DLM must snapshot every snapshot_interval_hours from snapshot_time and keep each for snapshot_retention_days days."
  }

  assert {
    condition = (
      length(aws_dlm_lifecycle_policy.this.policy_details[0].target_tags) == 1 &&
      aws_dlm_lifecycle_policy.this.policy_details[0].target_tags["SnapshotPolicy"] == "acme-crm-daily" &&
      aws_instance.this.volume_tags["SnapshotPolicy"] == "acme-crm-daily"
    )
    error_message = "The root volume must carry the tag the lifecycle policy targets."
  }
}

run "x86_64_with_ecr_pull" {
  command = plan

  variables {
    architecture            = "x86_64"
    instance_type           = "t3a.micro"
    compose_plugin_url      = "https://github.com/docker/compose/releases/download/v2.40.3/docker-compose-linux-x86_64"
    ecr_repository_arns     = ["arn:aws:ecr:eu-west-1:123456789012:repository/acme-crm"]
    disable_api_termination = false
  }

  override_data {
    target = data.aws_ec2_instance_type.this
    values = {
      supported_architectures = ["i386", "x86_64"]
    }
  }

  assert {
    condition     = data.aws_ssm_parameter.al2023.name == "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
    error_message = "The AMI must follow the architecture."
  }

  assert {
    condition     = length(aws_iam_role_policy.ecr_pull) == 1
    error_message = "ECR repositories must give the instance role a pull policy."
  }

  assert {
    condition     = aws_instance.this.disable_api_termination == false
    error_message = "Termination protection must follow the variable."
  }
}

run "rejects_instance_type_of_other_architecture" {
  command = plan

  variables {
    instance_type = "t3a.micro"
  }

  override_data {
    target = data.aws_ec2_instance_type.this
    values = {
      supported_architectures = ["i386", "x86_64"]
    }
  }

  expect_failures = [aws_instance.this]
}

run "rejects_bad_checksum" {
  command = plan

  variables {
    compose_plugin_sha256 = "not-a-sha256-9f1bb2d1b4d5f0a0c4e1b0d8f0e2c3a4b5c6d7e8f9a0b1c2d3e4"
  }

  expect_failures = [var.compose_plugin_sha256]
}

run "rejects_plain_http_plugin_url" {
  command = plan

  variables {
    compose_plugin_url = "http://github.com/docker/compose/releases/download/v2.40.3/docker-compose-linux-aarch64"
  }

  expect_failures = [var.compose_plugin_url]
}

run "rejects_env_file_in_compose_files" {
  command = plan

  variables {
    compose_files = {
      "compose.production.yaml" = "services: {}\n"
      ".env"                    = "POSTGRES_PASSWORD=x\n"
    }
  }

  expect_failures = [var.compose_files]
}

run "requires_the_production_compose_file" {
  command = plan

  variables {
    compose_files = { "Caddyfile" = "crm.acme.example {\n}\n" }
  }

  expect_failures = [var.compose_files]
}

run "rejects_domain_outside_the_zone" {
  command = plan

  variables {
    domain = "crm.other.example"
  }

  expect_failures = [var.hosted_zone_name]
}
