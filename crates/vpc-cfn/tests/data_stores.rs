//! Data stores from CloudFormation: each resource type lands as a data store with the
//! subnets, security groups and ports AWS gives it, and the function's verdicts follow.

use vpc_engine::model::StoreKind;
use vpc_engine::reach::{Destination, Reach};

fn import() -> vpc_cfn::Import {
    let text = include_str!("templates/data-stores.yaml");
    vpc_cfn::import(text, &[]).expect("the template imports")
}

#[test]
fn each_store_type_becomes_a_data_store_with_its_subnets_groups_and_ports() {
    let doc = import().document;
    let store = |id: &str| {
        doc.data_stores
            .iter()
            .find(|d| d.id.as_str() == id)
            .unwrap_or_else(|| panic!("{id} is not a data store: {:?}", doc.data_stores))
    };
    let ids = |v: &[vpc_engine::model::SubnetId]| v.iter().map(|s| s.as_str().to_owned()).collect::<Vec<_>>();
    // EFS: the subnets are its mount targets (one, in the first AZ), the groups theirs.
    let files = store("Files");
    assert_eq!(files.kind, StoreKind::Efs);
    assert_eq!(ids(&files.subnets), ["PrivateA"]);
    assert_eq!(files.security_groups[0].as_str(), "DataSg");
    assert_eq!(files.effective_ports(), [2049]);
    // ElastiCache: the subnets of its subnet group; Redis on 6379.
    let cache = store("Cache");
    assert_eq!(cache.kind, StoreKind::Redis);
    assert_eq!(ids(&cache.subnets), ["PrivateA", "PrivateB"]);
    assert_eq!(cache.effective_ports(), [6379]);
    // RDS Proxy: its own subnets, the engine family's port, the cluster it fronts.
    let proxy = store("Proxy");
    assert_eq!(proxy.kind, StoreKind::RdsProxy);
    assert_eq!(proxy.effective_ports(), [5432]);
    assert_eq!(proxy.fronts.as_ref().map(|d| d.as_str()), Some("Db"));
    // MSK with IAM client authentication listens on 9098.
    let kafka = store("Kafka");
    assert_eq!((kafka.kind, kafka.effective_ports()), (StoreKind::Msk, &[9098][..]));
    assert_eq!(ids(&kafka.subnets), ["PrivateA", "PrivateB"]);
    // A domain without VPC options is a public endpoint, not a VPC target.
    assert!(doc.data_stores.iter().all(|d| d.id.as_str() != "Search"));
    let report = import().report;
    assert!(
        report.not_modelled.iter().any(|n| n.id == "Search"),
        "{:?}",
        report.not_modelled
    );
    assert!(report
        .modelled
        .iter()
        .any(|m| m.id == "FilesMountA" && m.became.contains("Files")));
}

#[test]
fn the_function_reaches_each_store_by_the_rules() {
    let doc = import().document;
    let a = vpc_engine::analyze(&doc);
    let to = |id: &str| Destination::Component(id.into());
    let reach = |id: &str| {
        a.verdict("Fn", &to(id))
            .map(|v| v.reach)
            .unwrap_or_else(|| panic!("no verdict Fn → {id}"))
    };
    // DataSg admits FnSg on 2049, 6379 and 5432 (S5), the local route carries it (DB3).
    // EFS has a mount target in PrivateA's AZ only: PrivateB's ENI has none to use.
    assert_eq!(reach("Files"), Reach::Partial);
    assert_eq!(reach("Cache"), Reach::Reachable);
    // The proxy reaches Db with its own group, DataSg, which Db's DataSg does not admit (it
    // names FnSg only, and no rule of it names DataSg itself): the RDS Proxy docs ask for a
    // group that lets its own members talk when proxy and database share it (S5).
    let v = a.verdict("Fn", &to("Proxy")).unwrap();
    assert_eq!(
        (v.reach, v.blocked_by.as_ref().map(|c| c.as_str())),
        (Reach::Unreachable, Some("DataSg"))
    );
    assert_eq!(v.explanations[0].code(), "S5.db-denies-proxy");
    // Nothing admits 9098: MSK is out of reach, blocked by its group.
    let v = a.verdict("Fn", &to("Kafka")).unwrap();
    assert_eq!(
        (v.reach, v.blocked_by.as_ref().map(|c| c.as_str())),
        (Reach::Unreachable, Some("DataSg"))
    );
}
