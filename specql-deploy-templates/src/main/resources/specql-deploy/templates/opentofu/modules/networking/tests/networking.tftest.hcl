mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/deployer"
      user_id    = "AIDAEXAMPLEEXAMPLE0001"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition          = "aws"
      dns_suffix         = "amazonaws.com"
      reverse_dns_prefix = "com.amazonaws"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region      = "eu-west-1"
      description = "Europe (Ireland)"
      endpoint    = "ec2.eu-west-1.amazonaws.com"
    }
  }

  mock_data "aws_availability_zones" {
    defaults = {
      names    = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
      zone_ids = ["euw1-az1", "euw1-az2", "euw1-az3"]
    }
  }

  # Generated values are random strings; the flow log validates these two as ARNs.
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vpc-flow-log/acme-production"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/acme-production-vpc-flow-logs"
    }
  }
}

variables {
  name                    = "acme-production"
  kms_key_arn             = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  az_count                = 3
  nat_gateway_mode        = "per_az"
  flow_log_retention_days = 365
  tags = {
    Team = "platform"
  }
}

run "production_layout_per_az" {
  command = plan

  assert {
    condition     = aws_vpc.this.enable_dns_support && aws_vpc.this.enable_dns_hostnames
    error_message = "The VPC must have DNS support and DNS hostnames on."
  }

  assert {
    condition     = aws_vpc.this.cidr_block == "10.0.0.0/16"
    error_message = "The default VPC CIDR must be 10.0.0.0/16."
  }

  assert {
    condition     = output.availability_zones == tolist(["eu-west-1a", "eu-west-1b", "eu-west-1c"])
    error_message = "Without availability_zones, the first az_count zones of the region must be used."
  }

  assert {
    condition     = length(aws_subnet.public) == 3 && length(aws_subnet.private) == 3 && length(aws_subnet.database) == 3
    error_message = "There must be one public, one private and one database subnet per zone."
  }

  assert {
    condition     = alltrue([for subnet in concat(aws_subnet.public, aws_subnet.private, aws_subnet.database) : !subnet.map_public_ip_on_launch])
    error_message = "No subnet may give public IPs on launch."
  }

  assert {
    condition = (
      aws_subnet.public[*].cidr_block == ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"] &&
      aws_subnet.private[*].cidr_block == ["10.0.80.0/20", "10.0.96.0/20", "10.0.112.0/20"] &&
      aws_subnet.database[*].cidr_block == ["10.0.160.0/20", "10.0.176.0/20", "10.0.192.0/20"]
    )
    error_message = "The subnets must be /20s at their fixed positions in the VPC CIDR."
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 3 && length(aws_eip.nat) == 3
    error_message = "per_az must create one NAT gateway (and Elastic IP) per zone."
  }

  assert {
    condition     = alltrue([for index, subnet in aws_subnet.public : aws_nat_gateway.this[index].subnet_id == subnet.id])
    error_message = "Each NAT gateway must sit in the public subnet of its zone."
  }

  assert {
    condition     = length(aws_route.private_nat) == 3 && alltrue([for route in aws_route.private_nat : route.destination_cidr_block == "0.0.0.0/0"])
    error_message = "Each private route table must have a default route through a NAT gateway."
  }

  assert {
    condition     = aws_route.public_internet.destination_cidr_block == "0.0.0.0/0"
    error_message = "The public route table must route to the internet gateway."
  }

  assert {
    condition     = length(aws_route_table_association.database) == 3 && alltrue([for association in aws_route_table_association.database : association.route_table_id == aws_route_table.database.id])
    error_message = "The database subnets must use the database route table, which has no internet route."
  }

  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "The default security group must have no rules."
  }

  assert {
    condition     = length(aws_default_route_table.this.route) == 0
    error_message = "The default route table must have no routes besides the local one."
  }

  assert {
    condition     = aws_flow_log.this.traffic_type == "ALL" && aws_flow_log.this.log_destination_type == "cloud-watch-logs"
    error_message = "The VPC flow log must capture ALL traffic to CloudWatch Logs."
  }

  assert {
    condition     = aws_cloudwatch_log_group.flow_logs.kms_key_id == var.kms_key_arn && aws_cloudwatch_log_group.flow_logs.retention_in_days == 365
    error_message = "The flow log group must be encrypted with the CMK and keep the configured retention."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.flow_logs.assume_role_policy).Statement[0].Principal.Service == "vpc-flow-logs.amazonaws.com" &&
      jsondecode(aws_iam_role.flow_logs.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    )
    error_message = "Only VPC Flow Logs of this account may assume the flow log role."
  }

  assert {
    condition     = length(aws_db_subnet_group.this) == 1 && output.database_subnet_group_name == "acme-production-database"
    error_message = "A DB subnet group must cover the database subnets."
  }

  assert {
    condition     = aws_vpc.this.tags["Name"] == "acme-production" && aws_vpc.this.tags["Team"] == "platform"
    error_message = "Resources must carry the given tags and a Name tag."
  }
}

run "single_nat_gateway_shared_by_all_zones" {
  command = plan

  variables {
    nat_gateway_mode = "single"
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 1 && length(aws_eip.nat) == 1
    error_message = "single must create exactly one NAT gateway."
  }

  assert {
    condition     = length(aws_route.private_nat) == 3
    error_message = "Every private route table must still route through the single NAT gateway."
  }
}

run "no_nat_gateway" {
  command = plan

  variables {
    nat_gateway_mode = "none"
    az_count         = 2
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 0 && length(aws_eip.nat) == 0 && length(aws_route.private_nat) == 0
    error_message = "none must create no NAT gateway and no default route in the private route tables."
  }

  assert {
    condition     = length(aws_subnet.private) == 2
    error_message = "az_count must set the number of zones."
  }
}

run "explicit_zones_and_cidr" {
  command = plan

  variables {
    availability_zones = ["eu-west-1c", "eu-west-1a"]
    az_count           = 1
    cidr_block         = "172.20.0.0/16"
    nat_gateway_mode   = "none"
  }

  assert {
    condition     = output.availability_zones == tolist(["eu-west-1c"])
    error_message = "The first az_count of the given zones must be used, in order."
  }

  assert {
    condition     = aws_subnet.public[0].cidr_block == "172.20.0.0/20" && aws_subnet.private[0].cidr_block == "172.20.80.0/20"
    error_message = "The subnets must be carved from the given CIDR."
  }

  assert {
    condition     = length(aws_db_subnet_group.this) == 0 && output.database_subnet_group_name == null
    error_message = "With a single zone there can be no DB subnet group (RDS needs two zones)."
  }
}

run "rejects_an_unknown_nat_mode" {
  command = plan

  variables {
    nat_gateway_mode = "double"
  }

  expect_failures = [var.nat_gateway_mode]
}

run "rejects_a_cidr_with_host_bits" {
  command = plan

  variables {
    cidr_block = "10.0.1.0/16"
  }

  expect_failures = [var.cidr_block]
}

run "rejects_too_many_zones" {
  command = plan

  variables {
    az_count = 6
  }

  expect_failures = [var.az_count]
}

run "rejects_more_zones_than_given" {
  command = plan

  variables {
    availability_zones = ["eu-west-1a"]
    az_count           = 2
  }

  expect_failures = [aws_vpc.this]
}
