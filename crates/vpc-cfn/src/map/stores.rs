//! CloudFormation resources that become data stores: EFS file systems and their mount
//! targets, ElastiCache, MemoryDB, DocumentDB, RDS Proxy, Amazon MQ, MSK, OpenSearch,
//! Neptune, Redshift and DAX, with the subnet groups they name.
//!
//! One table says, per resource type, which property holds its subnets (directly or through
//! a subnet group), which its security groups, its port and engine; the code that reads them
//! is shared. The shared builder (`vpc_import`) maps them at the end, when every subnet group
//! and mount target is known.

use super::{flag, list, port, s};
use crate::eval::Val;
use vpc_engine::model::StoreKind;
use vpc_import::Builder;
use vpc_import::{values, Placement, StoreSpec};

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
    // AWS::DAX::Cluster: SubnetGroupName, SecurityGroupIds, and its port from
    // ClusterEndpointEncryptionType (TLS: 9111, else 8111; `values::dax_port`), as the
    // CloudFormation reference (aws-resource-dax-cluster) and the DAX API's Endpoint say.
    t(
        "AWS::DAX::Cluster",
        Some(StoreKind::Dax),
        None,
        Some("SubnetGroupName"),
        &["SecurityGroupIds"],
        None,
    ),
];

/// Subnet-group types and the property listing their subnets.
const SUBNET_GROUPS: &[(&str, &str)] = &[
    ("AWS::ElastiCache::SubnetGroup", "SubnetIds"),
    ("AWS::MemoryDB::SubnetGroup", "SubnetIds"),
    ("AWS::DocDB::DBSubnetGroup", "SubnetIds"),
    ("AWS::Neptune::DBSubnetGroup", "SubnetIds"),
    ("AWS::Redshift::ClusterSubnetGroup", "SubnetIds"),
    ("AWS::DAX::SubnetGroup", "SubnetIds"),
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

/// The store type of a resource type, if it is one.
fn store_type(ty: &str) -> Option<&'static StoreType> {
    TYPES.iter().find(|t| t.ty == ty)
}

/// The product an ElastiCache or Amazon MQ resource runs, from its engine property.
fn kind_of(st: &StoreType, p: &Val) -> StoreKind {
    if let Some(k) = st.kind {
        return k;
    }
    let engine = s(p, "Engine").or_else(|| s(p, "EngineType")).unwrap_or_default();
    match st.ty {
        "AWS::AmazonMQ::Broker" => values::broker_kind(&engine),
        _ => values::cache_kind(&engine),
    }
}

/// Takes a data store, a subnet group or a part of one; false when `ty` is none of them.
pub(super) fn store_resource(b: &mut Builder, id: &str, ty: &str, p: &Val) -> bool {
    if let Some(st) = store_type(ty) {
        b.store(id, ty, spec(st, p));
        return true;
    }
    if let Some((_, key)) = SUBNET_GROUPS.iter().find(|(t, _)| *t == ty) {
        b.store_subnet_group(id, ty, list(p, key));
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
            b.mount_target(
                id,
                ty,
                &owner,
                s(p, "SubnetId").unwrap_or_default(),
                list(p, "SecurityGroups"),
            );
            return true;
        }
        "AWS::RDS::DBProxyTargetGroup" => {
            let mut dbs = list(p, "DBClusterIdentifiers");
            dbs.extend(list(p, "DBInstanceIdentifiers"));
            for db in dbs {
                b.proxy_target(&owner, &db);
            }
        }
        "AWS::RDS::DBProxyEndpoint" => {
            b.proxy_endpoint(id, ty, &owner);
            return true;
        }
        _ => {}
    }
    b.store_part(id, ty, part, &owner);
    true
}

/// A store resource's properties as the shared builder reads them.
fn spec(st: &StoreType, p: &Val) -> StoreSpec {
    let kind = kind_of(st, p);
    let mut subnets: Vec<String> = st
        .subnets
        .map(|keys| keys.iter().flat_map(|k| list(p, k)).collect())
        .unwrap_or_default();
    let mut placement = match st.subnet_group {
        Some(key) => match s(p, key) {
            Some(group) => Placement::Group(group),
            None => Placement::NoGroup(key),
        },
        None => Placement::Subnets,
    };
    let mut groups: Vec<String> = st
        .security_groups
        .iter()
        .map(|k| list(p, k))
        .find(|g| !g.is_empty())
        .unwrap_or_default();
    let mut ports = Vec::new();
    match st.ty {
        "AWS::EFS::FileSystem" => placement = Placement::MountTargets,
        "AWS::MSK::Cluster" => {
            if let Some(b) = p.get("BrokerNodeGroupInfo") {
                subnets = list(b, "ClientSubnets");
                groups = list(b, "SecurityGroups");
            }
            ports = msk_ports(p);
        }
        "AWS::MSK::ServerlessCluster" => {
            for c in p.get("VpcConfigs").map(Val::items).unwrap_or_default() {
                subnets.extend(list(c, "SubnetIds"));
                groups.extend(list(c, "SecurityGroups"));
            }
            ports = vec![9098];
        }
        "AWS::OpenSearchService::Domain" | "AWS::Elasticsearch::Domain" => {
            let options = p.get("VPCOptions").or_else(|| p.get("VpcOptions"));
            if let Some(o) = options {
                subnets = list(o, "SubnetIds");
                groups = list(o, "SecurityGroupIds");
            }
            if subnets.is_empty() {
                // A domain without VPC options has a public endpoint: no VPC target.
                placement = Placement::Public;
            }
        }
        "AWS::RDS::DBProxy" => ports = vec![values::proxy_port(&s(p, "EngineFamily").unwrap_or_default())],
        "AWS::DAX::Cluster" => {
            ports = vec![values::dax_port(
                &s(p, "ClusterEndpointEncryptionType").unwrap_or_default(),
            )]
        }
        _ => {}
    }
    if let Some(n) = st.port.and_then(|k| port(p.get(k))).and_then(|n| u16::try_from(n).ok()) {
        ports = vec![n];
    }
    if st.ty == "AWS::ElastiCache::ServerlessCache" && kind != StoreKind::Memcached {
        ports = values::serverless_cache_ports(kind);
    }
    StoreSpec {
        kind,
        placement,
        subnets,
        security_groups: groups,
        ports,
        publicly_accessible: flag(p, "PubliclyAccessible").unwrap_or(false),
    }
}

/// The ports an MSK cluster's clients use (`vpc_import::values::msk_ports`), from its
/// `ClientAuthentication` and `EncryptionInfo`.
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
        .unwrap_or_default();
    let tls_auth = auth.and_then(|a| a.get("Tls")).is_some_and(|t| {
        t.get("Enabled").and_then(Val::truthy).unwrap_or(true) && !list(t, "CertificateAuthorityArnList").is_empty()
    });
    values::msk_ports(&values::MskClients {
        iam: on(&["Sasl", "Iam"]),
        scram: on(&["Sasl", "Scram"]),
        tls_auth,
        unauthenticated: on(&["Unauthenticated"]),
        client_broker,
    })
}
