data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_vpc" "this" {
  id = var.vpc_id
}

data "aws_route53_zone" "this" {
  name         = local.zone_name
  private_zone = false
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region
  zone_name  = trimsuffix(var.hosted_zone_name, ".")

  # <name>-alb-logs-<account>-<region>: at most 26 + 10 + 12 + 1 + 14 = 63 characters, the S3 limit.
  log_bucket_name = "${var.name}-alb-logs-${local.account_id}-${local.region}"
  log_prefix      = "alb"

  # Blue/green's production and test rules start with all traffic on the first target group; ECS moves the weights.
  blue_green_weights = var.blue_green ? [
    { arn = aws_lb_target_group.this.arn, weight = 100 },
    { arn = aws_lb_target_group.alternate[0].arn, weight = 0 },
  ] : []

  # Regions opened before August 2022 deliver ALB logs from a regional Elastic Load Balancing account instead of
  # the logdelivery.elasticloadbalancing.amazonaws.com service principal; both are allowed, so the bucket policy
  # works in every region. Source: "Enable access logs for your Application Load Balancer" (AWS documentation).
  legacy_elb_log_accounts = {
    "us-east-1"      = "127311923021"
    "us-east-2"      = "033677994240"
    "us-west-1"      = "027434742980"
    "us-west-2"      = "797873946194"
    "af-south-1"     = "098369216593"
    "ap-east-1"      = "754344448648"
    "ap-southeast-3" = "589379963580"
    "ap-south-1"     = "718504428378"
    "ap-northeast-3" = "383597477331"
    "ap-northeast-2" = "600734575887"
    "ap-southeast-1" = "114774131450"
    "ap-southeast-2" = "783225319266"
    "ap-northeast-1" = "582318560864"
    "ca-central-1"   = "985666609251"
    "eu-central-1"   = "054676820928"
    "eu-west-1"      = "156460612806"
    "eu-west-2"      = "652711504416"
    "eu-south-1"     = "635631232127"
    "eu-west-3"      = "009996457667"
    "eu-north-1"     = "897822967062"
    "me-south-1"     = "076674570225"
    "sa-east-1"      = "507241528517"
    "us-gov-west-1"  = "048591011584"
    "us-gov-east-1"  = "190560391635"
    "cn-north-1"     = "638102146993"
    "cn-northwest-1" = "037604701340"
  }
  legacy_elb_log_account = lookup(local.legacy_elb_log_accounts, local.region, null)

  log_object_arn = "${aws_s3_bucket.logs.arn}/${local.log_prefix}/AWSLogs/${local.account_id}/*"

  log_bucket_policy = {
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid       = "AllowElbLogDelivery"
          Effect    = "Allow"
          Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
          Action    = "s3:PutObject"
          Resource  = local.log_object_arn
        },
      ],
      [for account in compact([local.legacy_elb_log_account]) : {
        Sid       = "AllowRegionalElbAccountLogDelivery"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${account}:root" }
        Action    = "s3:PutObject"
        Resource  = local.log_object_arn
      }],
      [
        {
          Sid       = "DenyInsecureTransport"
          Effect    = "Deny"
          Principal = "*"
          Action    = "s3:*"
          Resource  = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]
          Condition = { Bool = { "aws:SecureTransport" = "false" } }
        },
        {
          Sid       = "DenyOutdatedTls"
          Effect    = "Deny"
          Principal = "*"
          Action    = "s3:*"
          Resource  = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]
          Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
        },
      ],
    )
  }
}

################################################################################
# Security group: HTTPS and HTTP (redirect only) from the internet, the target port to the VPC
################################################################################

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-alb-"
  description = "Internet-facing ALB: 443 and 80 (redirect to HTTPS) in, target port out to the VPC"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.tags, { Name = "${var.name}-alb-https" })
}

resource "aws_vpc_security_group_ingress_rule" "http" {
  # checkov:skip=CKV_AWS_260: port 80 is open only so browsers typing http:// reach the listener that answers with a 301 redirect to HTTPS; it never forwards to the application.
  security_group_id = aws_security_group.this.id
  description       = "HTTP from the internet, answered only with a 301 redirect to HTTPS"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.tags, { Name = "${var.name}-alb-http" })
}

resource "aws_vpc_security_group_egress_rule" "targets" {
  security_group_id = aws_security_group.this.id
  description       = "Requests and health checks to the application tasks on the target port inside the VPC"
  ip_protocol       = "tcp"
  from_port         = var.target_port
  to_port           = var.target_port
  cidr_ipv4         = data.aws_vpc.this.cidr_block

  tags = merge(var.tags, { Name = "${var.name}-alb-targets" })
}

################################################################################
# Access-log bucket (ALB log delivery supports SSE-S3 only)
################################################################################

resource "aws_s3_bucket" "logs" {
  # checkov:skip=CKV_AWS_145: ALB access-log delivery only supports SSE-S3 (AES256), not SSE-KMS; the bucket is encrypted with S3-managed keys, private and TLS-only.
  # checkov:skip=CKV_AWS_18: this bucket is the log destination itself; logging its own access would need a second log bucket (and so on). Enable S3 server access logging to an organisation log bucket if your audit rules require it.
  # checkov:skip=CKV_AWS_144: access logs are operational data with a retention period, not worth a second copy in another region; add an aws_s3_bucket_replication_configuration if your compliance rules require one.
  bucket        = local.log_bucket_name
  force_destroy = !var.deletion_protection

  tags = merge(var.tags, { Name = local.log_bucket_name })
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket = aws_s3_bucket.logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire-access-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.access_log_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  rule {
    id     = "remove-expired-delete-markers"
    status = "Enabled"

    filter {}

    expiration {
      expired_object_delete_marker = true
    }
  }

  depends_on = [aws_s3_bucket_versioning.logs]
}

resource "aws_s3_bucket_notification" "logs" {
  # New log files are published to Amazon EventBridge (free for S3 events) so a SIEM or Athena job can pick them up.
  bucket      = aws_s3_bucket.logs.id
  eventbridge = true
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode(local.log_bucket_policy)

  # A bucket policy is only accepted once the public access block is in place (and must not race with it).
  depends_on = [aws_s3_bucket_public_access_block.logs, aws_s3_bucket_ownership_controls.logs]
}

################################################################################
# Application Load Balancer
################################################################################

resource "aws_lb" "this" {
  name               = "${var.name}-alb"
  load_balancer_type = "application"
  internal           = false
  ip_address_type    = "ipv4"
  security_groups    = [aws_security_group.this.id]
  subnets            = var.public_subnet_ids

  drop_invalid_header_fields = true
  desync_mitigation_mode     = var.desync_mitigation_mode
  enable_deletion_protection = var.deletion_protection
  enable_http2               = true
  idle_timeout               = var.idle_timeout
  xff_header_processing_mode = "append"

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    prefix  = local.log_prefix
    enabled = true
  }

  tags = merge(var.tags, { Name = "${var.name}-alb" })

  # ELB checks write access to the bucket when access logs are turned on.
  depends_on = [aws_s3_bucket_policy.logs]
}

resource "aws_lb_target_group" "this" {
  # checkov:skip=CKV_AWS_378: TLS ends at the load balancer; the hop to the task is plain HTTP inside the VPC's private subnets, restricted by security groups to the ALB. Serve TLS in the container and switch protocol to HTTPS if you need encryption up to the task.
  name                 = "${var.name}-tg"
  port                 = var.target_port
  protocol             = "HTTP"
  protocol_version     = "HTTP1"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = var.health_check_path
    matcher             = "200-299"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge(var.tags, { Name = "${var.name}-tg" })
}

# Blue/green: ECS registers the new revision's tasks in whichever of the two groups is idle, and the groups swap roles
# at every deployment. Same port and health check as the first.
resource "aws_lb_target_group" "alternate" {
  # checkov:skip=CKV_AWS_378: TLS ends at the load balancer, as for the first target group.
  count = var.blue_green ? 1 : 0

  name                 = "${var.name}-tg2"
  port                 = var.target_port
  protocol             = "HTTP"
  protocol_version     = "HTTP1"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = var.health_check_path
    matcher             = "200-299"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge(var.tags, { Name = "${var.name}-tg2" })
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = aws_acm_certificate_validation.this.certificate_arn

  # HSTS: browsers that saw one HTTPS response never try plain HTTP again for a year.
  routing_http_response_strict_transport_security_header_value = "max-age=31536000"

  # Only the application's host name reaches the tasks (the rule below): requests for the load
  # balancer's own DNS name or another Host header, which scanners send, end here.
  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not Found"
      status_code  = "404"
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-https" })
}

# Paths that are for the private network only, such as the metrics endpoint: answered here with 404,
# as Caddy answers them in the Compose stack, before the rule that forwards the application's host.
resource "aws_lb_listener_rule" "private_paths" {
  count = length(var.private_paths) > 0 ? 1 : 0

  listener_arn = aws_lb_listener.https.arn
  priority     = 1

  condition {
    path_pattern {
      values = flatten([for path in var.private_paths : [path, "${trimsuffix(path, "/")}/*"]])
    }
  }

  action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not Found"
      status_code  = "404"
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-private-paths" })
}

resource "aws_lb_listener_rule" "application" {
  count = var.blue_green ? 0 : 1

  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  condition {
    host_header {
      values = [var.domain]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }

  tags = merge(var.tags, { Name = "${var.name}-application" })
}

moved {
  from = aws_lb_listener_rule.application
  to   = aws_lb_listener_rule.application[0]
}

# Blue/green's production listener rule: the same host, forwarded to both target groups. ECS moves the weights during
# a deployment and leaves them 100/0 the other way round after it, so OpenTofu keeps out of the action once created.
resource "aws_lb_listener_rule" "production" {
  count = var.blue_green ? 1 : 0

  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  condition {
    host_header {
      values = [var.domain]
    }
  }

  action {
    type = "forward"

    forward {
      dynamic "target_group" {
        for_each = local.blue_green_weights

        content {
          arn    = target_group.value.arn
          weight = target_group.value.weight
        }
      }
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-production" })

  lifecycle {
    ignore_changes = [action]
  }
}

# Blue/green's test listener rule: requests for the application's host carrying the test header reach the revision
# being deployed before production traffic moves (smoke tests). Outside a deployment it forwards where production does.
# Anyone can send the header: it exposes the version about to go live, nothing else (private paths still answer 404,
# their rule comes first).
resource "aws_lb_listener_rule" "test" {
  count = var.blue_green ? 1 : 0

  listener_arn = aws_lb_listener.https.arn
  priority     = 5

  condition {
    host_header {
      values = [var.domain]
    }
  }

  condition {
    http_header {
      http_header_name = var.test_header_name
      values           = ["*"]
    }
  }

  action {
    type = "forward"

    forward {
      dynamic "target_group" {
        for_each = local.blue_green_weights

        content {
          arn    = target_group.value.arn
          weight = target_group.value.weight
        }
      }
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-test" })

  lifecycle {
    ignore_changes = [action]
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-http" })
}

################################################################################
# Certificate (DNS-validated through the existing zone) and DNS records
################################################################################

resource "aws_acm_certificate" "this" {
  domain_name       = var.domain
  validation_method = "DNS"
  key_algorithm     = "RSA_2048"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  tags = merge(var.tags, { Name = var.domain })

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = var.domain == local.zone_name || endswith(var.domain, ".${local.zone_name}")
      error_message = "domain (${var.domain}) must be the hosted zone's name or a name inside it (${local.zone_name})."
    }
  }
}

# ACM's validation record for a domain is the same name and value in every region and for every certificate of the
# account: a disaster recovery standby's certificate is validated by the primary's record and must not own it (its
# destroy would delete the record the primary's renewals need).
resource "aws_route53_record" "validation" {
  count = var.manage_validation_record ? 1 : 0

  zone_id         = data.aws_route53_zone.this.zone_id
  name            = one(aws_acm_certificate.this.domain_validation_options).resource_record_name
  type            = one(aws_acm_certificate.this.domain_validation_options).resource_record_type
  records         = [one(aws_acm_certificate.this.domain_validation_options).resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

moved {
  from = aws_route53_record.validation
  to   = aws_route53_record.validation[0]
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = aws_route53_record.validation[*].fqdn
}

resource "aws_route53_record" "a" {
  zone_id = data.aws_route53_zone.this.zone_id
  name    = var.domain
  type    = "A"

  set_identifier  = local.failover_set_identifier
  health_check_id = var.dns_failover == null ? null : aws_route53_health_check.this[0].id

  dynamic "failover_routing_policy" {
    for_each = var.dns_failover == null ? [] : [var.dns_failover]

    content {
      type = failover_routing_policy.value
    }
  }

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = var.dns_failover == null
  }
}

resource "aws_route53_record" "aaaa" {
  # Answers only once the load balancer is dual-stack (ip_address_type = "dualstack" with IPv6 subnets);
  # until then IPv6-only resolvers get an empty answer and clients fall back to the A record.
  zone_id = data.aws_route53_zone.this.zone_id
  name    = var.domain
  type    = "AAAA"

  set_identifier  = local.failover_set_identifier
  health_check_id = var.dns_failover == null ? null : aws_route53_health_check.this[0].id

  dynamic "failover_routing_policy" {
    for_each = var.dns_failover == null ? [] : [var.dns_failover]

    content {
      type = failover_routing_policy.value
    }
  }

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = var.dns_failover == null
  }
}

################################################################################
# DNS failover (optional): the health Route 53 reads for this region's records
################################################################################

# The records' health is the target groups' (each target passes the health check path through the load balancer),
# read from CloudWatch, not Route 53's own HTTP checkers: those send Host: <load balancer name>, which the HTTPS
# listener answers with 404 (only the application's host is forwarded), and a checker aimed at the application's
# own name would follow the failover and judge the other region. Nor does the alias evaluate target health: an
# ALB counts as unhealthy while any of its target groups is empty, which blue/green's idle one always is.
locals {
  failover_set_identifier = var.dns_failover == null ? null : "${var.name}-${lower(var.dns_failover)}"
  failover_target_groups = var.dns_failover == null ? {} : merge(
    { active = aws_lb_target_group.this.arn_suffix },
    var.blue_green ? { alternate = aws_lb_target_group.alternate[0].arn_suffix } : {},
  )
}

# No healthy target for 2 minutes: the application is down in this region. No data is the same (a region whose
# load balancer stopped reporting); Route 53 reads ALARM and INSUFFICIENT_DATA alike as unhealthy.
resource "aws_cloudwatch_metric_alarm" "healthy_targets" {
  for_each = local.failover_target_groups

  alarm_name          = "${var.name}-dns-failover-${each.key}-targets"
  alarm_description   = "Route 53 failover: no healthy target in the ${each.key} target group of ${var.name} for 2 minutes."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HealthyHostCount"
  dimensions          = { LoadBalancer = aws_lb.this.arn_suffix, TargetGroup = each.value }
  statistic           = "Minimum"
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  period              = 60
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  treat_missing_data  = "breaching"

  tags = merge(var.tags, { Name = "${var.name}-dns-failover-${each.key}-targets" })
}

resource "aws_route53_health_check" "target_group" {
  for_each = local.failover_target_groups

  type                            = "CLOUDWATCH_METRIC"
  cloudwatch_alarm_name           = aws_cloudwatch_metric_alarm.healthy_targets[each.key].alarm_name
  cloudwatch_alarm_region         = local.region
  insufficient_data_health_status = "Unhealthy"

  tags = merge(var.tags, { Name = "${var.name}-${each.key}-targets" })
}

# Healthy while one target group has a healthy target: the live one between deployments, either during one.
# A failover's runbook raises the threshold past the number of children, which Route 53 reads as always unhealthy:
# the records then stay on the other region when this one recovers with a database that missed the writes made
# there. Only the fail-back lowers it again, so no apply puts it back.
resource "aws_route53_health_check" "this" {
  count = var.dns_failover == null ? 0 : 1

  type                   = "CALCULATED"
  child_health_threshold = 1
  child_healthchecks     = [for key in sort(keys(local.failover_target_groups)) : aws_route53_health_check.target_group[key].id]

  tags = merge(var.tags, { Name = "${var.name}-${lower(var.dns_failover)}" })

  lifecycle {
    ignore_changes = [child_health_threshold]
  }
}

################################################################################
# WAF (optional)
################################################################################

resource "aws_wafv2_web_acl" "this" {
  count = var.waf_enabled ? 1 : 0

  name        = "${var.name}-alb"
  description = "Protects the ${var.name} load balancer: AWS managed rule groups and a per-IP rate limit"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  # Addresses Amazon threat intelligence saw in botnets, scanners and DDoS sources.
  rule {
    name     = "AWSManagedRulesAmazonIpReputationList"
    priority = 10

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAmazonIpReputationList"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesAmazonIpReputationList"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 20

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.waf_rate_limit
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit-per-ip"
      sampled_requests_enabled   = true
    }
  }

  # Tor exit nodes, anonymising VPNs and proxies are blocked; hosting-provider addresses are only counted
  # (visible in the WAF logs) because webhooks and API clients often run in public clouds.
  rule {
    name     = "AWSManagedRulesAnonymousIpList"
    priority = 30

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAnonymousIpList"
        vendor_name = "AWS"

        rule_action_override {
          name = "HostingProviderIPList"

          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesAnonymousIpList"
      sampled_requests_enabled   = true
    }
  }

  # Request patterns of known exploits, including Log4Shell (CVE-2021-44228).
  rule {
    name     = "AWSManagedRulesKnownBadInputsRuleSet"
    priority = 40

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesKnownBadInputsRuleSet"
      sampled_requests_enabled   = true
    }
  }

  # OWASP-style protections (XSS, LFI, bad bots, oversized requests). SizeRestrictions_BODY blocks request bodies
  # over 8 KB: if the application accepts larger uploads, add a rule_action_override that counts that rule.
  rule {
    name     = "AWSManagedRulesCommonRuleSet"
    priority = 50

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesCommonRuleSet"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-alb"
    sampled_requests_enabled   = true
  }

  tags = merge(var.tags, { Name = "${var.name}-alb" })
}

resource "aws_wafv2_web_acl_association" "this" {
  count = var.waf_enabled ? 1 : 0

  resource_arn = aws_lb.this.arn
  web_acl_arn  = aws_wafv2_web_acl.this[0].arn
}

resource "aws_cloudwatch_log_group" "waf" {
  # checkov:skip=CKV_AWS_338: retention follows the pattern: production-saas keeps logs 365 days, small-saas and pre-production environments keep them 14 to 30 days to save storage cost; set the retention to 365 or more where a one-year requirement applies
  count = var.waf_enabled ? 1 : 0

  # WAF only delivers to log groups whose name starts with aws-waf-logs-.
  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.access_log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = merge(var.tags, { Name = "aws-waf-logs-${var.name}" })
}

resource "aws_cloudwatch_log_resource_policy" "waf" {
  count = var.waf_enabled ? 1 : 0

  policy_name = "${var.name}-waf-logs"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowWafLogDelivery"
        Effect    = "Allow"
        Principal = { Service = "delivery.logs.amazonaws.com" }
        Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource  = "${aws_cloudwatch_log_group.waf[0].arn}:*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.account_id }
          ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:*" }
        }
      },
    ]
  })
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  count = var.waf_enabled ? 1 : 0

  resource_arn            = aws_wafv2_web_acl.this[0].arn
  log_destination_configs = [aws_cloudwatch_log_group.waf[0].arn]

  # Credentials never reach the logs.
  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "cookie"
    }
  }

  # Only blocked and counted requests are kept: allowed traffic is already in the ALB access logs.
  logging_filter {
    default_behavior = "DROP"

    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"

      condition {
        action_condition {
          action = "BLOCK"
        }
      }

      condition {
        action_condition {
          action = "COUNT"
        }
      }
    }
  }

  depends_on = [aws_cloudwatch_log_resource_policy.waf]
}
