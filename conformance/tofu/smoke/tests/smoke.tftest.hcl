mock_provider "aws" {}

run "plan" {
  command = plan

  assert {
    condition     = aws_vpc.main.cidr_block == "10.0.0.0/16"
    error_message = "The VPC must use 10.0.0.0/16."
  }

  assert {
    condition     = aws_s3_bucket.assets.bucket == "specql-deploy-smoke-assets"
    error_message = "The bucket name must come from the configuration."
  }
}

run "apply" {
  command = apply

  assert {
    condition     = aws_vpc.main.id != ""
    error_message = "The mocked VPC must get an id."
  }
}
