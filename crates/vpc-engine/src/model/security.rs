//! Security groups (stateful, allow-only) and network ACLs (stateless, ordered).

use super::{AwsService, CidrText, NaclId, SgId, VpcId};
use serde::{Deserialize, Serialize};

/// A security group. A new one has no inbound rules and allows all outbound traffic.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityGroup {
    pub id: SgId,
    pub name: String,
    pub vpc: VpcId,
    pub inbound: Vec<SgRule>,
    pub outbound: Vec<SgRule>,
}

impl SecurityGroup {
    /// A security group as AWS creates it: no inbound, all outbound (IPv4 and IPv6).
    pub fn with_default_rules(id: impl Into<String>, name: impl Into<String>, vpc: VpcId) -> Self {
        SecurityGroup {
            id: SgId::new(id),
            name: name.into(),
            vpc,
            inbound: vec![],
            outbound: vec![
                SgRule::all_to(SgPeer::Cidr("0.0.0.0/0".into())),
                SgRule::all_to(SgPeer::Cidr("::/0".into())),
            ],
        }
    }
}

/// One allow rule. Ports are inclusive and ignored for `all` and `icmp`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SgRule {
    pub protocol: Protocol,
    #[serde(default)]
    pub from_port: u16,
    #[serde(default = "max_port")]
    pub to_port: u16,
    /// Source (inbound) or destination (outbound).
    pub peer: SgPeer,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

fn max_port() -> u16 {
    65535
}

impl SgRule {
    /// All traffic to or from `peer`.
    pub fn all_to(peer: SgPeer) -> Self {
        SgRule {
            protocol: Protocol::All,
            from_port: 0,
            to_port: 65535,
            peer,
            description: String::new(),
        }
    }
    /// TCP on one port to or from `peer`.
    pub fn tcp(port: u16, peer: SgPeer) -> Self {
        SgRule {
            protocol: Protocol::Tcp,
            from_port: port,
            to_port: port,
            peer,
            description: String::new(),
        }
    }
}

/// The other side of a security-group rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SgPeer {
    Cidr(CidrText),
    /// Members of another (or the same) security group, by their private addresses.
    SecurityGroup(SgId),
    /// The AWS-managed prefix list of a service (S3 or DynamoDB).
    PrefixList(AwsService),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    #[default]
    Tcp,
    Udp,
    Icmp,
    /// All protocols (`-1` in AWS).
    All,
}

/// A network ACL. A custom one starts with no rules, which denies everything (the final
/// `*` rule is implicit). The VPC's default NACL allows everything unless edited.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Nacl {
    pub id: NaclId,
    pub name: String,
    pub vpc: VpcId,
    pub inbound: Vec<NaclRule>,
    pub outbound: Vec<NaclRule>,
}

/// A numbered NACL rule; the lowest matching number decides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NaclRule {
    /// 1–32766.
    pub number: u16,
    pub action: NaclAction,
    pub protocol: Protocol,
    #[serde(default)]
    pub from_port: u16,
    #[serde(default = "max_port")]
    pub to_port: u16,
    /// IPv4 or IPv6 block; NACLs cannot reference prefix lists or security groups.
    pub cidr: CidrText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NaclAction {
    Allow,
    Deny,
}
