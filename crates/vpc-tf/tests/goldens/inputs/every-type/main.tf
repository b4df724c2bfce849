# Golden input only: the provider types the corpus leaves out, so every mapping of the
# importer has a golden.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc_ipv4_cidr_block_association" "extra" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.2.0.0/16"
}

resource "aws_vpc_peering_connection" "p" {
  vpc_id      = aws_vpc.main.id
  peer_vpc_id = aws_vpc.other.id
}

resource "aws_internet_gateway" "gw" {}

resource "aws_internet_gateway_attachment" "gw" {
  internet_gateway_id = aws_internet_gateway.gw.id
  vpc_id              = aws_vpc.main.id
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}

resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block                = "10.1.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.p.id
  }
  route {
    cidr_block         = "172.16.0.0/12"
    transit_gateway_id = "tgw-0abc"
  }
}

resource "aws_main_route_table_association" "main" {
  vpc_id         = aws_vpc.main.id
  route_table_id = aws_route_table.rt.id
}

resource "aws_route_table_association" "edge" {
  gateway_id     = aws_internet_gateway.gw.id
  route_table_id = aws_route_table.rt.id
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "data" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 0
    to_port         = 65535
    protocol        = "tcp"
    security_groups = [aws_security_group.fn.id]
  }
}

resource "aws_vpc_security_group_egress_rule" "fn_all" {
  security_group_id = aws_security_group.fn.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "data_self" {
  security_group_id            = aws_security_group.data.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.data.id
}

resource "aws_security_group_rule" "fn_v6" {
  type              = "egress"
  security_group_id = aws_security_group.fn.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_network_acl" "acl" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.b.id]
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}

resource "aws_network_acl_rule" "out" {
  network_acl_id = aws_network_acl.acl.id
  rule_number    = 100
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  policy            = "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}"
}

resource "aws_vpc_endpoint_subnet_association" "sqs_a" {
  vpc_endpoint_id = aws_vpc_endpoint.sqs.id
  subnet_id       = aws_subnet.a.id
}

resource "aws_vpc_endpoint_security_group_association" "sqs" {
  vpc_endpoint_id   = aws_vpc_endpoint.sqs.id
  security_group_id = aws_security_group.data.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint_route_table_association" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  route_table_id  = aws_route_table.rt.id
}

resource "aws_instance" "bastion" {
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.fn.id]
}

resource "aws_eip" "bastion" {
  domain = "vpc"
}

resource "aws_eip_association" "bastion" {
  allocation_id = aws_eip.bastion.id
  instance_id   = aws_instance.bastion.id
}

resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = "arn:aws:iam::123456789012:role/fn"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}

resource "aws_elasticache_subnet_group" "c" {
  name       = "cache"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id = "redis"
  description          = "r"
  subnet_group_name    = aws_elasticache_subnet_group.c.name
  security_group_ids   = [aws_security_group.data.id]
}

resource "aws_elasticache_cluster" "member" {
  cluster_id           = "member"
  replication_group_id = aws_elasticache_replication_group.redis.id
}

resource "aws_elasticache_cluster" "mc" {
  cluster_id         = "mc"
  engine             = "memcached"
  port               = 11311
  subnet_group_name  = aws_elasticache_subnet_group.c.name
  security_group_ids = [aws_security_group.data.id]
}

resource "aws_elasticache_serverless_cache" "valkey" {
  name               = "v"
  engine             = "valkey"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.data.id]
}

resource "aws_memorydb_subnet_group" "m" {
  name       = "mem"
  subnet_ids = [aws_subnet.a.id]
}

resource "aws_memorydb_cluster" "m" {
  name               = "m"
  subnet_group_name  = aws_memorydb_subnet_group.m.name
  security_group_ids = [aws_security_group.data.id]
}

resource "aws_docdb_cluster" "loose" {
  vpc_security_group_ids = [aws_security_group.data.id]
}

resource "aws_redshift_subnet_group" "w" {
  name       = "w"
  subnet_ids = [aws_subnet.b.id]
}

resource "aws_redshift_cluster" "w" {
  cluster_identifier        = "w"
  cluster_subnet_group_name = aws_redshift_subnet_group.w.name
  vpc_security_group_ids    = [aws_security_group.data.id]
}

resource "aws_mq_broker" "rabbit" {
  broker_name     = "r"
  engine_type     = "RabbitMQ"
  subnet_ids      = [aws_subnet.a.id]
  security_groups = [aws_security_group.data.id]
}

resource "aws_msk_cluster" "k" {
  cluster_name = "k"
  broker_node_group_info {
    client_subnets  = [aws_subnet.a.id, aws_subnet.b.id]
    security_groups = [aws_security_group.data.id]
  }
  client_authentication {
    sasl {
      iam = true
    }
  }
  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
    }
  }
}

resource "aws_msk_serverless_cluster" "s" {
  cluster_name = "s"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.data.id]
  }
}

resource "aws_opensearch_domain" "public" {
  domain_name = "public"
}

resource "aws_opensearch_domain" "private" {
  domain_name = "private"
  vpc_options {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.data.id]
  }
}

resource "aws_sns_topic" "t" {}

resource "aws_dax_subnet_group" "d" {
  name       = "dax"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}

resource "aws_dax_cluster" "d" {
  cluster_name       = "d"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"
  node_type          = "dax.t3.small"
  replication_factor = 1
  subnet_group_name  = aws_dax_subnet_group.d.name
  security_group_ids = [aws_security_group.data.id]
}
