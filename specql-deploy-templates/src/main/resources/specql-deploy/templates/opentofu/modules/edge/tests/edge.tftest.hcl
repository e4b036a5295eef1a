mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:role/deployer"
      user_id    = "AROAEXAMPLEDEPLOYER:ci"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "eu-west-1"
    }
  }

  mock_data "aws_vpc" {
    defaults = {
      cidr_block = "10.0.0.0/16"
      arn        = "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0123456789abcdef0"
    }
  }

  mock_data "aws_route53_zone" {
    defaults = {
      zone_id = "Z0123456789ABCDEFGHIJ"
    }
  }

  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::shop-production-alb-logs-123456789012-eu-west-1"
    }
  }

  mock_resource "aws_lb" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-production-alb/0123456789abcdef"
      arn_suffix = "app/shop-production-alb/0123456789abcdef"
      dns_name   = "shop-production-alb-1234567890.eu-west-1.elb.amazonaws.com"
      zone_id    = "Z32O12XQLNTSW2"
    }
  }

  mock_resource "aws_lb_target_group" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-production-tg/fedcba9876543210"
      arn_suffix = "targetgroup/shop-production-tg/fedcba9876543210"
    }
  }

  mock_resource "aws_lb_listener" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop-production-alb/0123456789abcdef/0a1b2c3d4e5f6a7b"
    }
  }

  mock_resource "aws_wafv2_web_acl" {
    defaults = {
      arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-production-alb/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
    }
  }

  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0a1b2c3d4e5f60001"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-shop-production"
    }
  }

  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
      domain_validation_options = [
        {
          domain_name           = "app.example.com"
          resource_record_name  = "_3f2a.app.example.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_9c1d.acm-validations.aws."
        },
      ]
    }
  }
}

variables {
  name                      = "shop-production"
  tags                      = { Team = "platform" }
  vpc_id                    = "vpc-0123456789abcdef0"
  public_subnet_ids         = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  domain                    = "app.example.com"
  hosted_zone_name          = "example.com"
  target_port               = 8000
  health_check_path         = "/health"
  waf_enabled               = true
  deletion_protection       = true
  access_log_retention_days = 90
  kms_key_arn               = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

run "only_80_and_443_are_open_to_the_internet_and_only_on_the_alb" {
  command = plan

  assert {
    condition     = aws_vpc_security_group_ingress_rule.https.cidr_ipv4 == "0.0.0.0/0" && aws_vpc_security_group_ingress_rule.https.from_port == 443 && aws_vpc_security_group_ingress_rule.https.to_port == 443 && aws_vpc_security_group_ingress_rule.https.ip_protocol == "tcp"
    error_message = "The HTTPS rule must open exactly TCP 443 to 0.0.0.0/0."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.http.cidr_ipv4 == "0.0.0.0/0" && aws_vpc_security_group_ingress_rule.http.from_port == 80 && aws_vpc_security_group_ingress_rule.http.to_port == 80 && aws_vpc_security_group_ingress_rule.http.ip_protocol == "tcp"
    error_message = "The HTTP rule must open exactly TCP 80 to 0.0.0.0/0."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.https.security_group_id == aws_security_group.this.id && aws_vpc_security_group_ingress_rule.http.security_group_id == aws_security_group.this.id
    error_message = "The internet-facing rules must belong to the ALB security group."
  }

  assert {
    condition     = aws_lb.this.security_groups == toset([aws_security_group.this.id])
    error_message = "The load balancer must use its own security group and nothing else."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.targets.cidr_ipv4 == "10.0.0.0/16" && aws_vpc_security_group_egress_rule.targets.from_port == 8000 && aws_vpc_security_group_egress_rule.targets.to_port == 8000
    error_message = "The ALB may only send traffic to the VPC CIDR on the target port."
  }

  assert {
    condition     = aws_lb.this.internal == false && aws_lb.this.load_balancer_type == "application"
    error_message = "The load balancer must be an internet-facing ALB."
  }
}

run "http_redirects_to_https_with_301" {
  command = plan

  assert {
    condition     = aws_lb_listener.http.port == 80 && aws_lb_listener.http.protocol == "HTTP"
    error_message = "The HTTP listener must listen on 80."
  }

  assert {
    condition     = length(aws_lb_listener.http.default_action) == 1 && aws_lb_listener.http.default_action[0].type == "redirect"
    error_message = "The HTTP listener must only redirect."
  }

  assert {
    condition     = aws_lb_listener.http.default_action[0].redirect[0].status_code == "HTTP_301" && aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS" && aws_lb_listener.http.default_action[0].redirect[0].port == "443"
    error_message = "The HTTP listener must answer 301 to https on 443."
  }
}

run "https_listener_alb_hardening_and_tls_policy" {
  command = plan

  assert {
    condition     = aws_lb_listener.https.port == 443 && aws_lb_listener.https.protocol == "HTTPS"
    error_message = "The HTTPS listener must listen on 443 with TLS."
  }

  assert {
    condition     = aws_lb_listener.https.ssl_policy == "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
    error_message = "The HTTPS listener must default to the TLS 1.3/1.2 restricted policy."
  }

  assert {
    condition     = aws_lb_listener.https.default_action[0].type == "fixed-response" && aws_lb_listener.https.default_action[0].fixed_response[0].status_code == "404"
    error_message = "The HTTPS listener must answer 404 to a Host header other than the application's."
  }

  assert {
    condition     = aws_lb_listener_rule.application[0].action[0].type == "forward" && aws_lb_listener_rule.application[0].action[0].target_group_arn == aws_lb_target_group.this.arn && one(aws_lb_listener_rule.application[0].condition).host_header[0].values == toset([var.domain])
    error_message = "Only the application's host name may be forwarded to the target group."
  }

  assert {
    condition     = length(aws_lb_listener_rule.private_paths) == 0
    error_message = "No path is withheld unless asked."
  }
}

run "private_paths_are_not_forwarded" {
  command = plan

  variables {
    private_paths = ["/metrics"]
  }

  assert {
    condition     = aws_lb_listener_rule.private_paths[0].priority < aws_lb_listener_rule.application[0].priority && aws_lb_listener_rule.private_paths[0].action[0].fixed_response[0].status_code == "404"
    error_message = "Private paths must be answered with 404 before the application's rule forwards."
  }

  assert {
    condition     = one(aws_lb_listener_rule.private_paths[0].condition).path_pattern[0].values == toset(["/metrics", "/metrics/*"])
    error_message = "A private path and everything under it must be withheld."
  }

  assert {
    condition     = aws_lb.this.drop_invalid_header_fields == true
    error_message = "The load balancer must drop invalid header fields."
  }

  assert {
    condition     = aws_lb.this.desync_mitigation_mode == "strictest"
    error_message = "The load balancer must use the strictest desync mitigation by default."
  }

  assert {
    condition     = aws_lb.this.enable_deletion_protection == true
    error_message = "Deletion protection must be on when requested."
  }

  assert {
    condition     = aws_lb.this.access_logs[0].enabled == true && aws_lb.this.access_logs[0].prefix == "alb"
    error_message = "Access logs must be delivered to the log bucket."
  }

  assert {
    condition     = aws_lb_target_group.this.target_type == "ip" && aws_lb_target_group.this.protocol == "HTTP" && aws_lb_target_group.this.port == 8000 && aws_lb_target_group.this.health_check[0].path == "/health"
    error_message = "The target group must be an IP group on the target port with the health check on the path."
  }

  assert {
    condition     = aws_acm_certificate.this.domain_name == "app.example.com" && aws_acm_certificate.this.validation_method == "DNS"
    error_message = "The certificate must cover the domain and be DNS-validated."
  }

  assert {
    condition     = aws_route53_record.a.type == "A" && aws_route53_record.aaaa.type == "AAAA" && aws_route53_record.a.name == "app.example.com" && aws_route53_record.a.zone_id == "Z0123456789ABCDEFGHIJ"
    error_message = "A and AAAA alias records must be created for the domain in the zone."
  }

  assert {
    condition     = output.url == "https://app.example.com"
    error_message = "url must be https://<domain>."
  }
}

run "blue_green_two_target_groups_and_the_rules_ecs_moves" {
  command = plan

  variables {
    blue_green    = true
    private_paths = ["/metrics"]
  }

  override_resource {
    target = aws_lb_target_group.alternate
    values = {
      arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-production-tg2/0123456789abcdef"
      arn_suffix = "targetgroup/shop-production-tg2/0123456789abcdef"
    }
  }

  assert {
    condition     = length(aws_lb_listener_rule.application) == 0 && aws_lb_listener_rule.production[0].priority == 10 && one(aws_lb_listener_rule.production[0].condition).host_header[0].values == toset([var.domain])
    error_message = "With blue/green the application's host must be served by the production rule ECS moves, in the application rule's place."
  }

  assert {
    condition     = toset([for group in aws_lb_listener_rule.production[0].action[0].forward[0].target_group : "${group.arn}=${group.weight}"]) == toset(["${aws_lb_target_group.this.arn}=100", "${aws_lb_target_group.alternate[0].arn}=0"])
    error_message = "The production rule must forward to both target groups, all traffic to the first until ECS moves it."
  }

  assert {
    condition     = aws_lb_listener_rule.private_paths[0].priority < aws_lb_listener_rule.test[0].priority && aws_lb_listener_rule.test[0].priority < aws_lb_listener_rule.production[0].priority && anytrue([for c in aws_lb_listener_rule.test[0].condition : length(c.http_header) == 1 && try(c.http_header[0].http_header_name == var.test_header_name, false)]) && anytrue([for c in aws_lb_listener_rule.test[0].condition : length(c.host_header) == 1 && try(c.host_header[0].values == toset([var.domain]), false)])
    error_message = "The test rule must come after the private paths and before production, for the application's host with the test header."
  }

  assert {
    condition     = aws_lb_target_group.alternate[0].port == var.target_port && aws_lb_target_group.alternate[0].target_type == "ip" && aws_lb_target_group.alternate[0].health_check[0].path == var.health_check_path && aws_lb_target_group.alternate[0].health_check[0].path == aws_lb_target_group.this.health_check[0].path
    error_message = "The alternate target group must check the same health path on the same port as the first."
  }

  assert {
    condition     = output.alternate_target_group_arn == aws_lb_target_group.alternate[0].arn && output.alternate_target_group_arn_suffix == aws_lb_target_group.alternate[0].arn_suffix
    error_message = "The alternate target group must be an output for the compute and monitoring modules."
  }
}

run "simple_records_by_default_with_the_certificates_validation_record" {
  command = plan

  assert {
    condition     = aws_route53_record.a.set_identifier == null && length(aws_route53_record.a.failover_routing_policy) == 0 && aws_route53_record.a.health_check_id == null && one(aws_route53_record.a.alias).evaluate_target_health
    error_message = "Without dns_failover the A record must be a simple alias that evaluates the load balancer's health."
  }

  assert {
    condition     = length(aws_route53_health_check.this) == 0 && length(aws_route53_health_check.target_group) == 0 && length(aws_cloudwatch_metric_alarm.healthy_targets) == 0 && output.dns_health_check_id == null
    error_message = "Without dns_failover no health check nor alarm may be created (each is billed)."
  }

  assert {
    condition     = length(aws_route53_record.validation) == 1 && aws_route53_record.validation[0].name == "_3f2a.app.example.com." && aws_acm_certificate_validation.this.validation_record_fqdns == toset([aws_route53_record.validation[0].fqdn])
    error_message = "By default the module must own the certificate's validation record and wait on it."
  }
}

run "primary_failover_records_follow_the_target_groups_healthy_targets" {
  command = plan

  variables {
    dns_failover = "PRIMARY"
    blue_green   = true
  }

  override_resource {
    target = aws_lb_target_group.alternate
    values = {
      arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-production-tg2/0123456789abcdef"
      arn_suffix = "targetgroup/shop-production-tg2/0123456789abcdef"
    }
  }

  assert {
    condition     = alltrue([for record in [aws_route53_record.a, aws_route53_record.aaaa] : one(record.failover_routing_policy).type == "PRIMARY" && record.set_identifier == "shop-production-primary" && record.health_check_id == aws_route53_health_check.this[0].id && !one(record.alias).evaluate_target_health])
    error_message = "Both records must be PRIMARY failover records decided by the module's health check, not by the alias's target health (an empty target group would mark the ALB unhealthy)."
  }

  assert {
    condition     = aws_route53_health_check.this[0].type == "CALCULATED" && aws_route53_health_check.this[0].child_health_threshold == 1 && toset(aws_route53_health_check.this[0].child_healthchecks) == toset([aws_route53_health_check.target_group["active"].id, aws_route53_health_check.target_group["alternate"].id]) && output.dns_health_check_id == aws_route53_health_check.this[0].id
    error_message = "The records' health check must be healthy while either target group (blue/green's two) has a healthy target."
  }

  assert {
    condition     = alltrue([for key, check in aws_route53_health_check.target_group : check.type == "CLOUDWATCH_METRIC" && check.cloudwatch_alarm_name == aws_cloudwatch_metric_alarm.healthy_targets[key].alarm_name && check.cloudwatch_alarm_region == "eu-west-1" && check.insufficient_data_health_status == "Unhealthy"])
    error_message = "Each target group's health check must read its alarm in this region, and count missing data as unhealthy (a region that stopped reporting)."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.healthy_targets["active"].dimensions == tomap({ LoadBalancer = aws_lb.this.arn_suffix, TargetGroup = aws_lb_target_group.this.arn_suffix }) && aws_cloudwatch_metric_alarm.healthy_targets["alternate"].dimensions == tomap({ LoadBalancer = aws_lb.this.arn_suffix, TargetGroup = aws_lb_target_group.alternate[0].arn_suffix })
    error_message = "The alarms must watch this load balancer's two target groups."
  }

  assert {
    condition     = alltrue([for alarm in aws_cloudwatch_metric_alarm.healthy_targets : alarm.metric_name == "HealthyHostCount" && alarm.statistic == "Minimum" && alarm.comparison_operator == "LessThanThreshold" && alarm.threshold == 1 && alarm.treat_missing_data == "breaching"]) && aws_lb_target_group.this.health_check[0].path == var.health_check_path && aws_lb_target_group.alternate[0].health_check[0].path == var.health_check_path
    error_message = "A region is unhealthy when no target passes the health check path, or when its metrics stop."
  }
}

run "secondary_failover_records_without_the_validation_record" {
  command = plan

  variables {
    dns_failover             = "SECONDARY"
    manage_validation_record = false
  }

  assert {
    condition     = one(aws_route53_record.a.failover_routing_policy).type == "SECONDARY" && aws_route53_record.a.set_identifier == "shop-production-secondary" && aws_route53_record.a.health_check_id == aws_route53_health_check.this[0].id
    error_message = "The standby's records must be SECONDARY failover records with their own health check."
  }

  assert {
    condition     = keys(aws_route53_health_check.target_group) == ["active"] && aws_route53_health_check.this[0].child_healthchecks == toset([aws_route53_health_check.target_group["active"].id])
    error_message = "Without blue/green the health check must follow the one target group."
  }

  assert {
    condition     = length(aws_route53_record.validation) == 0 && length(aws_acm_certificate_validation.this.validation_record_fqdns) == 0
    error_message = "A second region's copy must not own the validation record (its destroy would delete the one the primary renews with)."
  }
}

run "rejects_an_unknown_failover_role" {
  command = plan

  variables {
    dns_failover = "ACTIVE"
  }

  expect_failures = [var.dns_failover]
}

run "access_log_bucket_is_private_encrypted_and_expires" {
  command = plan

  assert {
    condition     = aws_s3_bucket.logs.bucket == "shop-production-alb-logs-123456789012-eu-west-1" && aws_s3_bucket.logs.force_destroy == false
    error_message = "The log bucket must be named after name, account and region and survive destroy while deletion protection is on."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.logs.block_public_acls && aws_s3_bucket_public_access_block.logs.block_public_policy && aws_s3_bucket_public_access_block.logs.ignore_public_acls && aws_s3_bucket_public_access_block.logs.restrict_public_buckets
    error_message = "All public access must be blocked on the log bucket."
  }

  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.logs.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "The log bucket must be encrypted (SSE-S3, the only option ALB log delivery supports)."
  }

  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.logs.rule[0].expiration[0].days == 90
    error_message = "Logs must expire after access_log_retention_days."
  }

  assert {
    condition     = contains([for s in jsondecode(aws_s3_bucket_policy.logs.policy).Statement : s.Sid if s.Effect == "Deny" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false"], "DenyInsecureTransport")
    error_message = "The log bucket policy must deny requests without TLS."
  }

  assert {
    condition     = contains(flatten([for s in jsondecode(aws_s3_bucket_policy.logs.policy).Statement : [try(s.Principal.Service, "")] if s.Effect == "Allow"]), "logdelivery.elasticloadbalancing.amazonaws.com")
    error_message = "The log bucket policy must let the ELB log-delivery service write."
  }

  assert {
    condition     = alltrue([for s in jsondecode(aws_s3_bucket_policy.logs.policy).Statement : s.Principal != "*" if s.Effect == "Allow"])
    error_message = "No Allow statement of the log bucket policy may grant to everyone."
  }
}

run "waf_is_associated_and_logged_when_enabled" {
  command = plan

  assert {
    condition     = length(aws_wafv2_web_acl.this) == 1 && length(aws_wafv2_web_acl_association.this) == 1 && length(aws_wafv2_web_acl_logging_configuration.this) == 1
    error_message = "With waf_enabled the web ACL must be created, associated and logged."
  }

  assert {
    condition     = toset([for r in aws_wafv2_web_acl.this[0].rule : r.name]) == toset(["AWSManagedRulesAmazonIpReputationList", "rate-limit-per-ip", "AWSManagedRulesAnonymousIpList", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet"])
    error_message = "The web ACL must hold the managed IP-reputation, anonymous-IP, known-bad-inputs and common rule groups plus the rate limit."
  }

  assert {
    condition     = aws_cloudwatch_log_group.waf[0].name == "aws-waf-logs-shop-production" && aws_cloudwatch_log_group.waf[0].kms_key_id == var.kms_key_arn && aws_cloudwatch_log_group.waf[0].retention_in_days == 90
    error_message = "WAF logs must go to an aws-waf-logs- group encrypted with the CMK and with retention."
  }
}

run "waf_off_and_no_deletion_protection" {
  command = plan

  variables {
    name                = "shop-staging"
    domain              = "staging.example.com"
    waf_enabled         = false
    deletion_protection = false
  }

  assert {
    condition     = length(aws_wafv2_web_acl.this) == 0 && length(aws_wafv2_web_acl_association.this) == 0 && length(aws_cloudwatch_log_group.waf) == 0
    error_message = "Without waf_enabled no WAF resources may be created."
  }

  assert {
    condition     = aws_lb.this.enable_deletion_protection == false && aws_s3_bucket.logs.force_destroy == true
    error_message = "Without deletion protection the ALB and its log bucket must be destroyable."
  }
}

run "rejects_a_tls_policy_below_1_2" {
  command = plan

  variables {
    ssl_policy = "ELBSecurityPolicy-2016-08"
  }

  expect_failures = [var.ssl_policy]
}

run "rejects_a_domain_outside_the_zone" {
  command = plan

  variables {
    domain = "app.example.org"
  }

  expect_failures = [aws_acm_certificate.this]
}

run "rejects_a_name_longer_than_26_characters" {
  command = plan

  variables {
    name = "a-very-long-application-name-x"
  }

  expect_failures = [var.name]
}

run "rejects_a_single_public_subnet" {
  command = plan

  variables {
    public_subnet_ids = ["subnet-0a1b2c3d4e5f60001"]
  }

  expect_failures = [var.public_subnet_ids]
}
