output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "Availability zones the subnets are spread over, in subnet order."
  value       = local.azs
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (one per zone): load balancers and NAT gateways."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private (application) subnets (one per zone), routed to the internet through the NAT gateway(s) when nat_gateway_mode is not \"none\"."
  value       = aws_subnet.private[*].id
}

output "database_subnet_ids" {
  description = "IDs of the database subnets (one per zone), with no route to the internet."
  value       = aws_subnet.database[*].id
}

output "database_subnet_group_name" {
  description = "Name of the RDS DB subnet group over the database subnets; null when az_count is 1 (RDS needs two zones)."
  value       = one(aws_db_subnet_group.this[*].name)
}

output "nat_public_ips" {
  description = "Public IPv4 addresses of the NAT gateways (the source addresses of outbound traffic from the private subnets, for allow-lists); empty when nat_gateway_mode is \"none\"."
  value       = aws_eip.nat[*].public_ip
}
