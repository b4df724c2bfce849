//! Amazon DynamoDB Accelerator (DAX) from Terraform: an `aws_dax_cluster` in an
//! `aws_dax_subnet_group` becomes a data store on 8111, or 9111 when
//! `cluster_endpoint_encryption_type = "TLS"` (encryption at rest, `server_side_encryption`,
//! changes no port), and a function's verdicts follow the rules.

mod common;

use common::Config;
use vpc_engine::model::StoreKind;
use vpc_engine::reach::{Destination, Reach};

/// A function and two DAX clusters sharing one group that admits its own members on 8111.
fn config() -> Config {
    Config::network()
        .group_admitting_itself("app", 8111)
        .function("fn", &["aws_subnet.a"], &["aws_security_group.app"])
        .resource(
            "aws_dax_subnet_group",
            "dax",
            "name = \"dax-subnets\"\nsubnet_ids = [aws_subnet.a.id, aws_subnet.b.id]",
        )
        .resource(
            "aws_dax_cluster",
            "cache",
            "cluster_name = \"cache\"\niam_role_arn = \"arn:aws:iam::123456789012:role/dax\"\nnode_type = \"dax.t3.small\"\nreplication_factor = 1\nsubnet_group_name = aws_dax_subnet_group.dax.name\nsecurity_group_ids = [aws_security_group.app.id]\nserver_side_encryption {\n  enabled = true\n}",
        )
        .resource(
            "aws_dax_cluster",
            "tls",
            "cluster_name = \"tls\"\niam_role_arn = \"arn:aws:iam::123456789012:role/dax\"\nnode_type = \"dax.t3.small\"\nreplication_factor = 1\nsubnet_group_name = aws_dax_subnet_group.dax.name\nsecurity_group_ids = [aws_security_group.app.id]\ncluster_endpoint_encryption_type = \"TLS\"",
        )
}

#[test]
fn a_dax_cluster_is_a_data_store_in_its_subnet_group_on_8111_and_9111_with_tls() {
    let i = config().import();
    let doc = &i.document;
    let store = |id: &str| {
        doc.data_stores
            .iter()
            .find(|d| d.id.as_str() == id)
            .unwrap_or_else(|| panic!("{id} is not a data store: {:?}", doc.data_stores))
    };
    let cache = store("aws_dax_cluster.cache");
    assert_eq!(cache.kind, StoreKind::Dax);
    let subnets: Vec<&str> = cache.subnets.iter().map(|s| s.as_str()).collect();
    assert_eq!(subnets, ["aws_subnet.a", "aws_subnet.b"]);
    assert_eq!(cache.security_groups[0].as_str(), "aws_security_group.app");
    assert_eq!(cache.effective_ports(), [8111]);
    assert_eq!(store("aws_dax_cluster.tls").effective_ports(), [9111]);
    assert!(
        i.report.modelled.iter().any(|m| m.id == "aws_dax_subnet_group.dax"),
        "{:?}",
        i.report.modelled
    );
}

#[test]
fn a_function_in_the_clusters_group_reaches_it_on_8111_and_not_the_tls_one_on_9111() {
    let doc = config().import().document;
    let a = vpc_engine::analyze(&doc);
    let to = |id: &str| Destination::Component(id.into());
    // Same VPC: the local route carries it (R1). The group admits TCP 8111 from its own
    // members (`self`), and the function's ENI is one (S5); its egress block allows all;
    // the default network ACL allows everything.
    let v = a
        .answer("aws_lambda_function.fn", &to("aws_dax_cluster.cache"), Some(8111))
        .expect("a verdict on 8111");
    assert_eq!((v.reach, v.port), (Reach::Reachable, 8111));
    // With TLS the cluster listens on 9111, which the group does not open.
    let v = a
        .answer("aws_lambda_function.fn", &to("aws_dax_cluster.tls"), Some(9111))
        .expect("a verdict on 9111");
    assert_eq!(
        (v.reach, v.port, v.blocked_by.as_ref().map(|c| c.as_str())),
        (Reach::Unreachable, 9111, Some("aws_security_group.app"))
    );
}
