//! What runs and what is reached: Lambda functions, databases, EC2 instances, services.

use super::{AwsService, DatabaseId, FunctionId, InstanceId, ServiceNodeId, SgId, SubnetId};
use serde::{Deserialize, Serialize};

/// A Lambda function. Without `vpc_config` it runs in the Lambda-managed network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Function {
    pub id: FunctionId,
    pub name: String,
    pub vpc_config: Option<VpcConfig>,
}

/// `VpcConfig` of a function: Lambda creates one Hyperplane ENI per (subnet, security groups).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VpcConfig {
    /// 1 to 16 subnets, all in one VPC.
    pub subnets: Vec<SubnetId>,
    /// 1 to 5 security groups.
    pub security_groups: Vec<SgId>,
    /// `Ipv6AllowedForDualStack`: outbound IPv6 when every subnet is dual-stack.
    pub ipv6_allowed_for_dual_stack: bool,
}

/// An RDS DB instance or Aurora cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Database {
    pub id: DatabaseId,
    pub name: String,
    pub kind: DatabaseKind,
    pub engine: DatabaseEngine,
    /// Listener port; `None` means the engine's default port.
    pub port: Option<u16>,
    /// The DB subnet group's subnets (should span at least two AZs). The database's address
    /// is in the first of them; on failover it may move to another.
    pub subnet_group: Vec<SubnetId>,
    pub security_groups: Vec<SgId>,
    pub publicly_accessible: bool,
}

impl Database {
    /// The port clients connect to.
    pub fn effective_port(&self) -> u16 {
        self.port.unwrap_or_else(|| self.engine.default_port())
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatabaseKind {
    #[default]
    Instance,
    AuroraCluster,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatabaseEngine {
    #[default]
    Postgres,
    Mysql,
    Mariadb,
    Oracle,
    SqlServer,
}

impl DatabaseEngine {
    pub fn default_port(self) -> u16 {
        match self {
            DatabaseEngine::Postgres => 5432,
            DatabaseEngine::Mysql | DatabaseEngine::Mariadb => 3306,
            DatabaseEngine::Oracle => 1521,
            DatabaseEngine::SqlServer => 1433,
        }
    }
}

/// An EC2 instance, reachable on one listening port.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Instance {
    pub id: InstanceId,
    pub name: String,
    pub subnet: SubnetId,
    pub security_groups: Vec<SgId>,
    /// Auto-assigned public IPv4 address.
    pub public_ip: bool,
    /// An Elastic IP is associated.
    pub elastic_ip: bool,
    /// The port its service listens on.
    pub port: u16,
}

impl Default for Instance {
    fn default() -> Self {
        Instance {
            id: InstanceId::default(),
            name: String::new(),
            subnet: SubnetId::default(),
            security_groups: vec![],
            public_ip: false,
            elastic_ip: false,
            port: 443,
        }
    }
}

/// An AWS service drawn on the canvas (S3, SQS …), so its badge is shown on functions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceNode {
    pub id: ServiceNodeId,
    #[serde(default)]
    pub name: String,
    pub service: AwsService,
}
