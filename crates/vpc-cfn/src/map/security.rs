//! Filters: security groups with their inline and stand-alone rules, network ACLs, their
//! entries and subnet associations.

use super::{flag, port, s, Builder, Map};
use crate::eval::Val;
use vpc_import::{NaclRuleSpec, NoEgress, RuleSpec};

pub(super) const TYPES: &[(&str, Map)] = &[
    ("AWS::EC2::SecurityGroup", security_group),
    ("AWS::EC2::SecurityGroupIngress", sg_rule),
    ("AWS::EC2::SecurityGroupEgress", sg_rule),
    ("AWS::EC2::NetworkAcl", nacl),
    ("AWS::EC2::NetworkAclEntry", nacl_entry),
    ("AWS::EC2::SubnetNetworkAclAssociation", nacl_association),
];

/// A rule as written inline (`SecurityGroupIngress` items) or as a resource of its own.
fn rule(r: &Val, inbound: bool) -> RuleSpec {
    let (sg_key, pl_key) = if inbound {
        ("SourceSecurityGroupId", "SourcePrefixListId")
    } else {
        ("DestinationSecurityGroupId", "DestinationPrefixListId")
    };
    RuleSpec {
        protocol: s(r, "IpProtocol").unwrap_or_default(),
        from: port(r.get("FromPort")),
        to: port(r.get("ToPort")),
        cidr: s(r, "CidrIp").or_else(|| s(r, "CidrIpv6")),
        group: s(r, sg_key),
        prefix_list: s(r, pl_key),
        description: s(r, "Description").unwrap_or_default(),
    }
}

fn security_group(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let vpc = b.out.group_vpc(id, s(p, "VpcId"), "VpcId");
    let items = |k: &str| -> Vec<RuleSpec> {
        let inbound = k == "SecurityGroupIngress";
        p.get(k)
            .map(Val::items)
            .unwrap_or_default()
            .into_iter()
            .map(|r| rule(r, inbound))
            .collect()
    };
    let (inbound, egress) = (items("SecurityGroupIngress"), items("SecurityGroupEgress"));
    // CloudFormation adds AWS's default when no egress rule is written.
    b.out
        .security_group(id, ty, vpc, &inbound, Some(&egress), NoEgress::AllowAllIpv4);
}

fn sg_rule(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let inbound = ty.ends_with("Ingress");
    match s(p, "GroupId") {
        Some(group) => b.out.sg_rule(id, ty, &group, inbound, &[rule(p, inbound)]),
        None => b
            .out
            .not_modelled(id, ty, "it names its group by GroupName (default VPC only)"),
    }
}

fn nacl(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.nacl(id, ty, &s(p, "VpcId").unwrap_or_default());
}

fn nacl_entry(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let range = p.get("PortRange");
    let spec = NaclRuleSpec {
        protocol: s(p, "Protocol").unwrap_or_default(),
        number: port(p.get("RuleNumber")),
        cidr: s(p, "CidrBlock").or_else(|| s(p, "Ipv6CidrBlock")),
        from: port(range.and_then(|r| r.get("From"))),
        to: port(range.and_then(|r| r.get("To"))),
        deny: s(p, "RuleAction").as_deref() == Some("deny"),
    };
    let egress = flag(p, "Egress").unwrap_or(false);
    b.out
        .nacl_rule(id, ty, &s(p, "NetworkAclId").unwrap_or_default(), egress, &spec);
}

fn nacl_association(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.nacl_association(
        id,
        ty,
        &s(p, "SubnetId").unwrap_or_default(),
        &s(p, "NetworkAclId").unwrap_or_default(),
    );
}
