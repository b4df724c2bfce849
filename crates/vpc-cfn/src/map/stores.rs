//! CloudFormation resources that become data stores: EFS file systems and their mount
//! targets, ElastiCache, MemoryDB, DocumentDB, RDS Proxy, Amazon MQ, MSK, OpenSearch,
//! Neptune and Redshift, with the subnet groups they name.
//!
//! One table says, per resource type, which property holds its subnets (directly or through
//! a subnet group), which its security groups, its port and engine; the code that reads them
//! is shared. Resources are collected while the template is read and mapped at the end, when
//! every subnet group and mount target is known.

use super::{flag, list, port, s, Builder};
use crate::eval::Val;
use vpc_engine::model::{DataStore, DataStoreId, DatabaseId, SgId, StoreKind, SubnetId};

/// Where a store type keeps what reachability needs.
struct StoreType {
    ty: &'static str,
    /// The kind, or `None` when it follows from the engine property (see [`kind_of`]).
    kind: Option<StoreKind>,
    /// A property listing subnet ids.
    subnets: Option<&'static [&'static str]>,
    /// A property naming a subnet group (resolved through [`SUBNET_GROUPS`]).
    subnet_group: Option<&'static str>,
    /// Properties listing security groups (the first present is used).
    security_groups: &'static [&'static str],
    /// The port property.
    port: Option<&'static str>,
}

const fn t(
    ty: &'static str,
    kind: Option<StoreKind>,
    subnets: Option<&'static [&'static str]>,
    subnet_group: Option<&'static str>,
    security_groups: &'static [&'static str],
    port: Option<&'static str>,
) -> StoreType {
    StoreType {
        ty,
        kind,
        subnets,
        subnet_group,
        security_groups,
        port,
    }
}

const TYPES: &[StoreType] = &[
    // Mount targets (AWS::EFS::MountTarget) give a file system its subnets and groups.
    t("AWS::EFS::FileSystem", Some(StoreKind::Efs), None, None, &[], None),
    t(
        "AWS::ElastiCache::CacheCluster",
        None,
        None,
        Some("CacheSubnetGroupName"),
        &["VpcSecurityGroupIds"],
        Some("Port"),
    ),
    t(
        "AWS::ElastiCache::ReplicationGroup",
        None,
        None,
        Some("CacheSubnetGroupName"),
        &["SecurityGroupIds"],
        Some("Port"),
    ),
    t(
        "AWS::ElastiCache::ServerlessCache",
        None,
        Some(&["SubnetIds"]),
        None,
        &["SecurityGroupIds"],
        None,
    ),
    t(
        "AWS::MemoryDB::Cluster",
        Some(StoreKind::MemoryDb),
        None,
        Some("SubnetGroupName"),
        &["SecurityGroupIds"],
        Some("Port"),
    ),
    t(
        "AWS::DocDB::DBCluster",
        Some(StoreKind::DocumentDb),
        None,
        Some("DBSubnetGroupName"),
        &["VpcSecurityGroupIds"],
        Some("Port"),
    ),
    t(
        "AWS::DocDBElastic::Cluster",
        Some(StoreKind::DocumentDb),
        Some(&["SubnetIds"]),
        None,
        &["VpcSecurityGroupIds"],
        None,
    ),
    t(
        "AWS::RDS::DBProxy",
        Some(StoreKind::RdsProxy),
        Some(&["VpcSubnetIds"]),
        None,
        &["VpcSecurityGroupIds"],
        None,
    ),
    t(
        "AWS::AmazonMQ::Broker",
        None,
        Some(&["SubnetIds"]),
        None,
        &["SecurityGroups"],
        None,
    ),
    t("AWS::MSK::Cluster", Some(StoreKind::Msk), None, None, &[], None),
    t(
        "AWS::MSK::ServerlessCluster",
        Some(StoreKind::Msk),
        None,
        None,
        &[],
        None,
    ),
    t(
        "AWS::OpenSearchService::Domain",
        Some(StoreKind::OpenSearch),
        None,
        None,
        &[],
        None,
    ),
    t(
        "AWS::Elasticsearch::Domain",
        Some(StoreKind::OpenSearch),
        None,
        None,
        &[],
        None,
    ),
    t(
        "AWS::Neptune::DBCluster",
        Some(StoreKind::Neptune),
        None,
        Some("DBSubnetGroupName"),
        &["VpcSecurityGroupIds"],
        Some("Port"),
    ),
    t(
        "AWS::Redshift::Cluster",
        Some(StoreKind::Redshift),
        None,
        Some("ClusterSubnetGroupName"),
        &["VpcSecurityGroupIds"],
        Some("Port"),
    ),
];

/// Subnet-group types and the property listing their subnets.
const SUBNET_GROUPS: &[(&str, &str)] = &[
    ("AWS::ElastiCache::SubnetGroup", "SubnetIds"),
    ("AWS::MemoryDB::SubnetGroup", "SubnetIds"),
    ("AWS::DocDB::DBSubnetGroup", "SubnetIds"),
    ("AWS::Neptune::DBSubnetGroup", "SubnetIds"),
    ("AWS::Redshift::ClusterSubnetGroup", "SubnetIds"),
];

/// Parts of a store that are resources of their own.
const PARTS: &[(&str, &str)] = &[
    ("AWS::EFS::MountTarget", "mount target of"),
    ("AWS::EFS::AccessPoint", "access point of"),
    ("AWS::DocDB::DBInstance", "instance of"),
    ("AWS::Neptune::DBInstance", "instance of"),
    ("AWS::RDS::DBProxyTargetGroup", "target group of"),
    ("AWS::RDS::DBProxyEndpoint", "endpoint of"),
];

/// What the builder keeps of store resources until the end of the template.
#[derive(Default)]
pub(super) struct Stores {
    /// (logical id, type, evaluated properties), in template order.
    resources: Vec<(String, &'static StoreType, Val)>,
    /// Subnet groups by logical id: their subnets.
    groups: Vec<(String, Vec<String>)>,
    /// EFS mount targets: (file system, subnet, security groups).
    mount_targets: Vec<(String, String, Vec<String>)>,
    /// RDS Proxy target groups: (proxy, database).
    proxy_targets: Vec<(String, String)>,
}

/// The store type of a resource type, if it is one.
fn store_type(ty: &str) -> Option<&'static StoreType> {
    TYPES.iter().find(|t| t.ty == ty)
}

/// The product an ElastiCache or Amazon MQ resource runs, from its engine property.
fn kind_of(st: &StoreType, p: &Val) -> StoreKind {
    if let Some(k) = st.kind {
        return k;
    }
    let engine = s(p, "Engine")
        .or_else(|| s(p, "EngineType"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    match (st.ty, engine.as_str()) {
        ("AWS::AmazonMQ::Broker", "rabbitmq") => StoreKind::RabbitMq,
        ("AWS::AmazonMQ::Broker", _) => StoreKind::ActiveMq,
        (_, "memcached") => StoreKind::Memcached,
        (_, "valkey") => StoreKind::Valkey,
        _ => StoreKind::Redis,
    }
}

impl Builder<'_, '_> {
    /// Takes a data store, a subnet group or a part of one; false when `ty` is none of them.
    pub(super) fn store_resource(&mut self, id: &str, ty: &str, p: &Val) -> bool {
        if let Some(st) = store_type(ty) {
            self.stores.resources.push((id.to_owned(), st, p.clone()));
            return true;
        }
        if let Some((_, key)) = SUBNET_GROUPS.iter().find(|(t, _)| *t == ty) {
            self.stores.groups.push((id.to_owned(), list(p, key)));
            self.modelled(id, ty, "subnet group");
            return true;
        }
        let Some((_, part)) = PARTS.iter().find(|(t, _)| *t == ty) else {
            return false;
        };
        let owner = match ty {
            "AWS::EFS::MountTarget" | "AWS::EFS::AccessPoint" => s(p, "FileSystemId"),
            "AWS::RDS::DBProxyTargetGroup" | "AWS::RDS::DBProxyEndpoint" => s(p, "DBProxyName"),
            _ => s(p, "DBClusterIdentifier"),
        }
        .unwrap_or_default();
        match ty {
            "AWS::EFS::MountTarget" => {
                let subnet = s(p, "SubnetId").unwrap_or_default();
                self.stores
                    .mount_targets
                    .push((owner.clone(), subnet, list(p, "SecurityGroups")));
            }
            "AWS::RDS::DBProxyTargetGroup" => {
                let mut dbs = list(p, "DBClusterIdentifiers");
                dbs.extend(list(p, "DBInstanceIdentifiers"));
                for db in dbs {
                    self.stores.proxy_targets.push((owner.clone(), db));
                }
            }
            "AWS::RDS::DBProxyEndpoint" => {
                self.report.notes.push(format!(
                    "{id}: an extra endpoint of {owner} in its own subnets; functions are evaluated against the proxy's default endpoint"
                ));
            }
            _ => {}
        }
        self.modelled(id, ty, format!("{part} {owner}"));
        true
    }

    /// Maps every collected store, now that subnet groups, mount targets and proxy target
    /// groups are known.
    pub(super) fn finish_stores(&mut self) {
        let stores = std::mem::take(&mut self.stores);
        for (id, st, p) in &stores.resources {
            let kind = kind_of(st, p);
            let mut store = DataStore {
                id: DataStoreId::new(id.as_str()),
                kind,
                ..DataStore::default()
            };
            let mut subnets: Vec<String> = st
                .subnets
                .map(|keys| keys.iter().flat_map(|k| list(p, k)).collect())
                .unwrap_or_default();
            if let Some(key) = st.subnet_group {
                match s(p, key) {
                    Some(group) => match stores.groups.iter().find(|(g, _)| *g == group) {
                        Some((_, ids)) => subnets.extend(ids.iter().cloned()),
                        // A group defined outside the template: two subnets stand in for it.
                        None => subnets.extend([format!("{group}-a"), format!("{group}-b")]),
                    },
                    None => self.report.notes.push(format!(
                        "{id}: no {key}, so AWS puts it in the default subnet group of the default VPC, which this template does not describe"
                    )),
                }
            }
            let mut groups: Vec<String> = st
                .security_groups
                .iter()
                .map(|k| list(p, k))
                .find(|g| !g.is_empty())
                .unwrap_or_default();
            match st.ty {
                "AWS::EFS::FileSystem" => {
                    let mine = stores.mount_targets.iter().filter(|(fs, _, _)| fs == id);
                    for (_, subnet, sgs) in mine {
                        subnets.push(subnet.clone());
                        if groups.is_empty() {
                            groups = sgs.clone();
                        } else if *sgs != groups {
                            self.report.notes.push(format!(
                                "{id}: its mount targets have different security groups; those of the first ({}) are used",
                                groups.join(", ")
                            ));
                        }
                    }
                    if subnets.is_empty() {
                        self.report.notes.push(format!(
                            "{id}: no mount target in this template, so nothing in a VPC can reach it"
                        ));
                    }
                }
                "AWS::MSK::Cluster" => {
                    if let Some(b) = p.get("BrokerNodeGroupInfo") {
                        subnets = list(b, "ClientSubnets");
                        groups = list(b, "SecurityGroups");
                    }
                    store.ports = msk_ports(p);
                }
                "AWS::MSK::ServerlessCluster" => {
                    for c in p.get("VpcConfigs").map(Val::items).unwrap_or_default() {
                        subnets.extend(list(c, "SubnetIds"));
                        groups.extend(list(c, "SecurityGroups"));
                    }
                    store.ports = vec![9098];
                }
                "AWS::OpenSearchService::Domain" | "AWS::Elasticsearch::Domain" => {
                    let options = p.get("VPCOptions").or_else(|| p.get("VpcOptions"));
                    if let Some(o) = options {
                        subnets = list(o, "SubnetIds");
                        groups = list(o, "SecurityGroupIds");
                    }
                    if subnets.is_empty() {
                        // A domain without VPC options has a public endpoint: no VPC target.
                        self.not_modelled(
                            id,
                            st.ty,
                            "a domain with a public endpoint, outside any VPC; functions reach it like any public HTTPS endpoint",
                        );
                        continue;
                    }
                }
                "AWS::RDS::DBProxy" => {
                    let family = s(p, "EngineFamily").unwrap_or_default().to_ascii_uppercase();
                    store.ports = vec![match family.as_str() {
                        "MYSQL" => 3306,
                        "SQLSERVER" => 1433,
                        _ => 5432,
                    }];
                    store.fronts = stores
                        .proxy_targets
                        .iter()
                        .find(|(proxy, _)| proxy == id)
                        .map(|(_, db)| DatabaseId::new(db.as_str()));
                }
                _ => {}
            }
            if let Some(n) = st.port.and_then(|k| port(p.get(k))).and_then(|n| u16::try_from(n).ok()) {
                store.ports = vec![n];
            }
            if matches!(st.ty, "AWS::ElastiCache::ServerlessCache") && kind != StoreKind::Memcached {
                // Serverless Redis/Valkey: the endpoint on 6379, reader endpoint on 6380.
                store.ports = vec![6379, 6380];
            }
            store.publicly_accessible = flag(p, "PubliclyAccessible").unwrap_or(false);
            let mut seen = Vec::with_capacity(subnets.len());
            for sn in subnets {
                if !sn.is_empty() && !seen.contains(&sn) {
                    seen.push(sn);
                }
            }
            store.subnets = seen.into_iter().map(SubnetId).collect();
            store.security_groups = groups.into_iter().map(SgId).collect();
            let became = format!("data store ({})", kind.info().title);
            self.doc.data_stores.push(store);
            self.modelled(id, st.ty, became);
        }
    }
}

/// The ports an MSK cluster's clients use, from its client authentication and encryption
/// in transit (AWS's MSK "Port information" page): IAM 9098, SASL/SCRAM 9096, TLS 9094,
/// plaintext 9092. A cluster that says nothing has TLS only, unauthenticated: 9094.
fn msk_ports(p: &Val) -> Vec<u16> {
    let auth = p.get("ClientAuthentication");
    let on = |path: &[&str]| {
        let mut v = auth;
        for k in path {
            v = v.and_then(|x| x.get(k));
        }
        v.and_then(|x| x.get("Enabled")).and_then(Val::truthy).unwrap_or(false)
    };
    let client_broker = p
        .get("EncryptionInfo")
        .and_then(|e| e.get("EncryptionInTransit"))
        .and_then(|e| s(e, "ClientBroker"))
        .unwrap_or_else(|| "TLS".into())
        .to_ascii_uppercase();
    let tls = client_broker != "PLAINTEXT";
    let plaintext = client_broker != "TLS";
    let mut ports = Vec::new();
    if on(&["Sasl", "Iam"]) {
        ports.push(9098);
    }
    if on(&["Sasl", "Scram"]) {
        ports.push(9096);
    }
    let tls_auth = auth.and_then(|a| a.get("Tls")).is_some_and(|t| {
        t.get("Enabled").and_then(Val::truthy).unwrap_or(true) && !list(t, "CertificateAuthorityArnList").is_empty()
    });
    let unauthenticated = on(&["Unauthenticated"]) || ports.is_empty() && !tls_auth;
    if tls && (tls_auth || unauthenticated) {
        ports.push(9094);
    }
    if plaintext && unauthenticated {
        ports.push(9092);
    }
    ports
}
