output "instance_id" {
  description = "ID of the EC2 instance (for Session Manager and the monitoring module's ec2_instance_id)."
  value       = aws_instance.this.id
}

output "public_ip" {
  description = "The server's Elastic IP address; the domain's A record points at it."
  value       = aws_eip.this.public_ip
}

output "security_group_id" {
  description = "ID of the server's security group."
  value       = aws_security_group.this.id
}

output "ssm_session_command" {
  description = "Command that opens a shell on the server through SSM Session Manager (needs the AWS CLI and its Session Manager plugin)."
  value       = "aws ssm start-session --target ${aws_instance.this.id}"
}
