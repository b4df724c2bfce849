//! What runs in the network: EC2 instances, Lambda and SAM functions (with the services
//! their permissions and tracing say they call), RDS instances and clusters with their DB
//! subnet groups.

use super::{flag, list, port, s, services, Builder, Map};
use crate::eval::Val;
use crate::tree::Node;
use vpc_engine::model::{ServiceNode, ServiceNodeId};
use vpc_import::DatabaseSpec;

pub(super) const TYPES: &[(&str, Map)] = &[
    ("AWS::EC2::Instance", instance),
    ("AWS::Lambda::Function", function),
    ("AWS::Serverless::Function", function),
    ("AWS::RDS::DBInstance", database),
    ("AWS::RDS::DBCluster", database),
    ("AWS::RDS::DBSubnetGroup", db_subnet_group),
];

fn instance(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let nic = p
        .get("NetworkInterfaces")
        .and_then(|n| n.items().first().copied().cloned());
    let subnet = s(p, "SubnetId").or_else(|| nic.as_ref().and_then(|n| s(n, "SubnetId")));
    let mut groups = list(p, "SecurityGroupIds");
    if let Some(n) = &nic {
        groups.extend(list(n, "GroupSet"));
    }
    let explicit_ip = nic.as_ref().and_then(|n| flag(n, "AssociatePublicIpAddress"));
    b.out.instance(id, ty, subnet.unwrap_or_default(), groups, explicit_ip);
}

fn function(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let vpc = p.get("VpcConfig").map(|c| {
        (
            list(c, "SubnetIds"),
            list(c, "SecurityGroupIds"),
            flag(c, "Ipv6AllowedForDualStack").unwrap_or(false),
        )
    });
    b.out.function(id, ty, vpc);
    services_called_by(b, id);
}

/// The services a function's permissions and tracing say it calls, each drawn as a service
/// (so every function is asked about it) unless the design already has one for it.
fn services_called_by(b: &mut Builder, id: &str) {
    let Some(raw) = b.ctx.resource(id) else { return };
    let role = raw.get("Properties").and_then(|p| p.get("Role")).and_then(|r| {
        let target = match r.intrinsic() {
            Some(("Fn::GetAtt", arg)) => match &arg.kind {
                crate::tree::Kind::Seq(v) => v.first().and_then(Node::as_str),
                crate::tree::Kind::Str(s) => s.split('.').next(),
                _ => None,
            },
            Some(("Ref", arg)) => arg.as_str(),
            _ => None,
        }?;
        b.ctx.resource(target)
    });
    let ctx = &*b.ctx;
    let called = services::called_services(raw, role, &|r| ctx.resource(r));
    for service in called {
        if b.out.doc.services.iter().any(|s| s.service == service) {
            continue;
        }
        let mut node_id = format!("{}-api", service.key());
        while b.out.doc.components().any(|(c, _)| c == node_id) || b.ctx.resource(&node_id).is_some() {
            node_id.push('_');
        }
        b.out.report.notes.push(format!(
            "{id} calls {} (its permissions or tracing say so): every function is asked about it",
            service.info().title
        ));
        b.out.doc.services.push(ServiceNode {
            id: ServiceNodeId::new(node_id),
            name: format!("{} (called by {id})", service.info().title),
            service,
        });
    }
}

fn database(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let cluster = ty == "AWS::RDS::DBCluster";
    if !cluster {
        if let Some(c) = s(p, "DBClusterIdentifier") {
            b.out.modelled(id, ty, format!("instance of cluster {c}"));
            return;
        }
    }
    let mut groups = list(p, "VPCSecurityGroups");
    groups.extend(list(p, "VpcSecurityGroupIds"));
    b.out.database(
        id,
        ty,
        DatabaseSpec {
            engine: s(p, "Engine").unwrap_or_default(),
            cluster,
            port: port(p.get("Port")),
            subnet_group: s(p, "DBSubnetGroupName"),
            security_groups: groups,
            publicly_accessible: flag(p, "PubliclyAccessible").unwrap_or(false),
        },
    );
}

fn db_subnet_group(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.db_subnet_group(id, ty, list(p, "SubnetIds"));
}
