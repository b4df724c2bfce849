//! Managed data stores and brokers with addresses in a VPC's subnets: the resources a Lambda
//! function is attached to a VPC to reach (EFS, ElastiCache, DocumentDB, RDS Proxy, Amazon MQ,
//! MemoryDB, MSK, OpenSearch, Neptune, Redshift).
//!
//! They are one component kind, [`DataStore`]: subnets, security groups and listener ports are
//! what reachability needs from any of them. What differs by product (its ports, its name,
//! whether clients use the address in their own AZ) is one row of [`STORES`], so a new
//! product is one enum variant and one row.

use super::{DataStoreId, DatabaseId, SgId, SubnetId};
use serde::{Deserialize, Serialize};

/// Which product a [`DataStore`] is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoreKind {
    /// An Amazon EFS file system; its subnets are its mount targets (one per AZ).
    #[default]
    Efs,
    /// ElastiCache for Redis OSS (cache cluster, replication group or serverless cache).
    Redis,
    /// ElastiCache for Valkey.
    Valkey,
    /// ElastiCache for Memcached.
    Memcached,
    /// Amazon MemoryDB cluster (Redis OSS / Valkey compatible).
    MemoryDb,
    /// Amazon DocumentDB (MongoDB compatibility) cluster.
    DocumentDb,
    /// Amazon RDS Proxy in front of a database.
    RdsProxy,
    /// Amazon MQ broker running ActiveMQ.
    ActiveMq,
    /// Amazon MQ broker running RabbitMQ.
    RabbitMq,
    /// Amazon MSK (Kafka) cluster; its subnets are the brokers' client subnets.
    Msk,
    /// Amazon OpenSearch Service domain in a VPC.
    OpenSearch,
    /// Amazon Neptune cluster.
    Neptune,
    /// Amazon Redshift cluster.
    Redshift,
    /// Amazon DynamoDB Accelerator (DAX) cluster: 8111, or 9111 with TLS endpoint encryption.
    Dax,
}

/// What the engine and the UI know about one product.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreInfo {
    pub kind: StoreKind,
    /// The snake_case name of the kind, as in the document (`"efs"`).
    pub key: &'static str,
    /// The product name shown to people.
    pub title: &'static str,
    /// A short label for icons and badges (`"EFS"`).
    pub short: &'static str,
    /// The ports clients connect to when the component names none.
    pub ports: &'static [u16],
    /// The protocol people know the port by (`"NFS"`, `"Redis"`), for sentences.
    pub protocol: &'static str,
    /// Clients use the address in their own Availability Zone (EFS: the file system's DNS
    /// name resolves to the mount target in the caller's AZ), so a client in an AZ without
    /// one has nothing to connect to.
    pub zonal: bool,
    /// The product can be given a public address (`publicly_accessible`).
    pub can_be_public: bool,
    /// The AWS page on reaching it from Lambda or from inside a VPC.
    pub doc: &'static str,
}

/// Every product, in palette order.
pub const STORES: [StoreInfo; 14] = [
    StoreInfo {
        kind: StoreKind::Efs,
        key: "efs",
        title: "Amazon EFS file system",
        short: "EFS",
        ports: &[2049],
        protocol: "NFS",
        zonal: true,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-filesystem.html",
    },
    StoreInfo {
        kind: StoreKind::Redis,
        key: "redis",
        title: "ElastiCache (Redis OSS)",
        short: "Redis",
        ports: &[6379],
        protocol: "Redis",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/elasticache-vpc-accessing.html",
    },
    StoreInfo {
        kind: StoreKind::Valkey,
        key: "valkey",
        title: "ElastiCache (Valkey)",
        short: "Valkey",
        ports: &[6379],
        protocol: "Valkey",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/elasticache-vpc-accessing.html",
    },
    StoreInfo {
        kind: StoreKind::Memcached,
        key: "memcached",
        title: "ElastiCache (Memcached)",
        short: "Memcached",
        ports: &[11211],
        protocol: "Memcached",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/elasticache-vpc-accessing.html",
    },
    StoreInfo {
        kind: StoreKind::MemoryDb,
        key: "memory_db",
        title: "Amazon MemoryDB cluster",
        short: "MemoryDB",
        ports: &[6379],
        protocol: "Redis",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/memorydb/latest/devguide/memorydb-vpc-accessing.html",
    },
    StoreInfo {
        kind: StoreKind::DocumentDb,
        key: "document_db",
        title: "Amazon DocumentDB cluster",
        short: "DocDB",
        ports: &[27017],
        protocol: "MongoDB",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/documentdb/latest/developerguide/connect-from-outside-a-vpc.html",
    },
    StoreInfo {
        kind: StoreKind::RdsProxy,
        key: "rds_proxy",
        title: "Amazon RDS Proxy",
        short: "Proxy",
        ports: &[5432],
        protocol: "database",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-network-prereqs.html",
    },
    StoreInfo {
        kind: StoreKind::ActiveMq,
        key: "active_mq",
        title: "Amazon MQ (ActiveMQ)",
        short: "MQ",
        ports: &[61617],
        protocol: "OpenWire",
        zonal: false,
        can_be_public: true,
        doc: "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/connecting-to-amazon-mq.html",
    },
    StoreInfo {
        kind: StoreKind::RabbitMq,
        key: "rabbit_mq",
        title: "Amazon MQ (RabbitMQ)",
        short: "MQ",
        ports: &[5671],
        protocol: "AMQPS",
        zonal: false,
        can_be_public: true,
        doc: "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/connecting-to-amazon-mq.html",
    },
    StoreInfo {
        kind: StoreKind::Msk,
        key: "msk",
        title: "Amazon MSK cluster",
        short: "MSK",
        ports: &[9094],
        protocol: "Kafka",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/msk/latest/developerguide/port-info.html",
    },
    StoreInfo {
        kind: StoreKind::OpenSearch,
        key: "open_search",
        title: "Amazon OpenSearch Service domain",
        short: "OpenSearch",
        ports: &[443],
        protocol: "HTTPS",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html",
    },
    StoreInfo {
        kind: StoreKind::Neptune,
        key: "neptune",
        title: "Amazon Neptune cluster",
        short: "Neptune",
        ports: &[8182],
        protocol: "Gremlin/SPARQL",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/neptune/latest/userguide/get-started-vpc.html",
    },
    StoreInfo {
        kind: StoreKind::Redshift,
        key: "redshift",
        title: "Amazon Redshift cluster",
        short: "Redshift",
        ports: &[5439],
        protocol: "Redshift",
        zonal: false,
        can_be_public: true,
        doc: "https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html",
    },
    // The default ports are 8111 for the "dax" protocol and 9111 for "daxs" (TLS), AWS's
    // DAX API reference, Endpoint (docs.aws.amazon.com/amazondynamodb/latest/APIReference/
    // API_dax_Endpoint.html); clients reach the cluster's nodes in its subnet group, allowed
    // by its security groups (the page below, step 4: inbound rules).
    StoreInfo {
        kind: StoreKind::Dax,
        key: "dax",
        title: "Amazon DynamoDB Accelerator (DAX) cluster",
        short: "DAX",
        ports: &[8111],
        protocol: "DAX",
        zonal: false,
        can_be_public: false,
        doc: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.create-cluster.cli.html",
    },
];

impl StoreKind {
    /// Every kind, in palette order.
    pub fn all() -> impl Iterator<Item = StoreKind> {
        STORES.iter().map(|s| s.kind)
    }
    pub fn info(self) -> &'static StoreInfo {
        &STORES[self as usize]
    }
    pub fn from_key(key: &str) -> Option<StoreKind> {
        STORES.iter().find(|s| s.key == key).map(|s| s.kind)
    }
}

/// A managed data store or broker in a VPC.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataStore {
    pub id: DataStoreId,
    pub name: String,
    pub kind: StoreKind,
    /// The ports clients connect to; empty means the kind's default ports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<u16>,
    /// The subnets it has addresses in: an EFS file system's mount targets, a cache's or
    /// cluster's subnet group, a proxy's, broker's or domain's subnets, all in one VPC.
    pub subnets: Vec<SubnetId>,
    pub security_groups: Vec<SgId>,
    /// It has a public address as well (Amazon MQ, Redshift).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub publicly_accessible: bool,
    /// RDS Proxy: the database it forwards connections to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fronts: Option<DatabaseId>,
}

impl DataStore {
    /// The ports clients connect to: the component's own, else its kind's.
    pub fn effective_ports(&self) -> &[u16] {
        if self.ports.is_empty() {
            self.kind.info().ports
        } else {
            &self.ports
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_enum_order_and_every_key_reads_back() {
        for (i, s) in STORES.iter().enumerate() {
            assert_eq!(s.kind as usize, i, "{} is out of order", s.key);
            assert_eq!(StoreKind::from_key(s.key), Some(s.kind));
            let json = serde_json::to_string(&s.kind).unwrap();
            assert_eq!(json, format!("\"{}\"", s.key), "serde name and table key differ");
            assert!(!s.ports.is_empty() && s.doc.starts_with("https://docs.aws.amazon.com/"));
        }
    }
}
