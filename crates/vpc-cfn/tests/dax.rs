//! Amazon DynamoDB Accelerator (DAX) from CloudFormation: an `AWS::DAX::Cluster` in an
//! `AWS::DAX::SubnetGroup` becomes a data store on 8111, or 9111 with TLS endpoint
//! encryption, and a function's verdicts follow the rules.

mod common;

use common::Template;
use vpc_engine::model::StoreKind;
use vpc_engine::reach::{Destination, Reach};

/// A function and two DAX clusters sharing one group that admits its own members on 8111.
fn template() -> Template {
    Template::network()
        .group_admitting("AppSg", 8111, "AppSg")
        .function("Fn", &["A"], &["AppSg"])
        .resource(
            "DaxSubnets",
            "AWS::DAX::SubnetGroup",
            "{SubnetIds: [!Ref A, !Ref B]}",
        )
        .resource(
            "Cache",
            "AWS::DAX::Cluster",
            "{IAMRoleARN: arn:aws:iam::123456789012:role/dax, NodeType: dax.t3.small, ReplicationFactor: 1, SubnetGroupName: !Ref DaxSubnets, SecurityGroupIds: [!Ref AppSg], SSESpecification: {SSEEnabled: true}}",
        )
        .resource(
            "TlsCache",
            "AWS::DAX::Cluster",
            "{IAMRoleARN: arn:aws:iam::123456789012:role/dax, NodeType: dax.t3.small, ReplicationFactor: 1, SubnetGroupName: !Ref DaxSubnets, SecurityGroupIds: [!Ref AppSg], ClusterEndpointEncryptionType: TLS}",
        )
}

#[test]
fn a_dax_cluster_is_a_data_store_in_its_subnet_group_on_8111_and_9111_with_tls() {
    let doc = template().import().document;
    let store = |id: &str| {
        doc.data_stores
            .iter()
            .find(|d| d.id.as_str() == id)
            .unwrap_or_else(|| panic!("{id} is not a data store: {:?}", doc.data_stores))
    };
    let cache = store("Cache");
    assert_eq!(cache.kind, StoreKind::Dax);
    let subnets: Vec<&str> = cache.subnets.iter().map(|s| s.as_str()).collect();
    assert_eq!(subnets, ["A", "B"]);
    assert_eq!(cache.security_groups[0].as_str(), "AppSg");
    // Encryption at rest (SSESpecification) leaves the port alone.
    assert_eq!(cache.effective_ports(), [8111]);
    assert_eq!(store("TlsCache").effective_ports(), [9111]);
}

#[test]
fn a_function_in_the_clusters_group_reaches_it_on_8111_and_not_the_tls_one_on_9111() {
    let doc = template().import().document;
    let a = vpc_engine::analyze(&doc);
    let to = |id: &str| Destination::Component(id.into());
    // Same VPC: the local route carries it (R1). AppSg admits TCP 8111 from its own members,
    // and the function's ENI is one (S5); AppSg keeps AWS's allow-all egress (no egress rule
    // written, S2); the default network ACL allows everything.
    let v = a
        .answer("Fn", &to("Cache"), Some(8111))
        .expect("a verdict Fn → Cache on 8111");
    assert_eq!((v.reach, v.port), (Reach::Reachable, 8111));
    // The TLS cluster listens on 9111, which AppSg does not open: its group stops it.
    let v = a
        .answer("Fn", &to("TlsCache"), Some(9111))
        .expect("a verdict Fn → TlsCache on 9111");
    assert_eq!(
        (v.reach, v.port, v.blocked_by.as_ref().map(|c| c.as_str())),
        (Reach::Unreachable, 9111, Some("AppSg"))
    );
}
