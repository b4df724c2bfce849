//! Delete and duplicate: what goes with a deleted component and which references are
//! cleaned, and the copies a duplicate makes.

use super::*;

/// A set of ids kept as a list: a deletion touches a handful of components, and a list
/// costs the download none of the tree and sorting code a `BTreeSet` brings.
#[derive(Default)]
struct IdSet(Vec<String>);

impl IdSet {
    fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|g| g == id)
    }

    fn insert(&mut self, id: String) {
        if !self.contains(&id) {
            self.0.push(id);
        }
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// Deletes components and what cannot exist without them (a VPC's subnets, tables, groups
/// and gateways; a subnet's NAT gateways and instances; functions, databases and data stores
/// left with no subnet), then removes references to them (an RDS Proxy whose database is
/// deleted fronts nothing). Routes to a deleted target stay, as
/// blackholes, as they do in AWS.
pub(super) fn delete(doc: &mut Document, ids: &[String]) {
    let mut gone = IdSet::default();
    for id in ids {
        gone.insert(id.clone());
    }
    // Grow the set until it is closed under "cannot exist without".
    loop {
        let before = gone.len();
        let has = |s: &str, gone: &IdSet| gone.contains(s);
        for s in &doc.subnets {
            if has(s.vpc.as_str(), &gone) {
                gone.insert(s.id.0.clone());
            }
        }
        for t in &doc.route_tables {
            if has(t.vpc.as_str(), &gone) {
                gone.insert(t.id.0.clone());
            }
        }
        for g in &doc.security_groups {
            if has(g.vpc.as_str(), &gone) {
                gone.insert(g.id.0.clone());
            }
        }
        for n in &doc.network_acls {
            if has(n.vpc.as_str(), &gone) {
                gone.insert(n.id.0.clone());
            }
        }
        for e in &doc.endpoints {
            if has(e.vpc.as_str(), &gone) {
                gone.insert(e.id.0.clone());
            }
        }
        for g in &doc.internet_gateways {
            if g.vpc.as_ref().is_some_and(|v| has(v.as_str(), &gone)) {
                gone.insert(g.id.0.clone());
            }
        }
        for g in &doc.egress_only_gateways {
            if g.vpc.as_ref().is_some_and(|v| has(v.as_str(), &gone)) {
                gone.insert(g.id.0.clone());
            }
        }
        for p in &doc.peering_connections {
            if has(p.requester_vpc.as_str(), &gone) || has(p.accepter_vpc.as_str(), &gone) {
                gone.insert(p.id.0.clone());
            }
        }
        for n in &doc.nat_gateways {
            if has(n.subnet.as_str(), &gone) {
                gone.insert(n.id.0.clone());
            }
        }
        for i in &doc.instances {
            if has(i.subnet.as_str(), &gone) {
                gone.insert(i.id.0.clone());
            }
        }
        for f in &doc.functions {
            if let Some(c) = &f.vpc_config {
                if !c.subnets.is_empty() && c.subnets.iter().all(|s| has(s.as_str(), &gone)) {
                    gone.insert(f.id.0.clone());
                }
            }
        }
        for d in &doc.databases {
            if !d.subnet_group.is_empty() && d.subnet_group.iter().all(|s| has(s.as_str(), &gone)) {
                gone.insert(d.id.0.clone());
            }
        }
        for d in &doc.data_stores {
            if !d.subnets.is_empty() && d.subnets.iter().all(|s| has(s.as_str(), &gone)) {
                gone.insert(d.id.0.clone());
            }
        }
        if gone.len() == before {
            break;
        }
    }
    let g = |s: &str| gone.contains(s);
    macro_rules! drop_gone {
        ($($list:ident),*) => { $( doc.$list.retain(|x| !g(x.id())); )* };
    }
    vpc_engine::with_component_lists!(drop_gone);
    doc.layout.retain(|id, _| !g(id));
    for v in &mut doc.vpcs {
        if v.main_route_table.as_ref().is_some_and(|t| g(t.as_str())) {
            v.main_route_table = None;
        }
        if v.default_nacl.as_ref().is_some_and(|t| g(t.as_str())) {
            v.default_nacl = None;
        }
    }
    for s in &mut doc.subnets {
        if s.route_table.as_ref().is_some_and(|t| g(t.as_str())) {
            s.route_table = None;
        }
        if s.nacl.as_ref().is_some_and(|t| g(t.as_str())) {
            s.nacl = None;
        }
    }
    for e in &mut doc.endpoints {
        match &mut e.kind {
            EndpointKind::Gateway { route_tables } => route_tables.retain(|t| !g(t.as_str())),
            EndpointKind::Interface {
                subnets,
                security_groups,
                ..
            } => {
                subnets.retain(|t| !g(t.as_str()));
                security_groups.retain(|t| !g(t.as_str()));
            }
        }
    }
    for sg in &mut doc.security_groups {
        let keep = |r: &SgRule| !matches!(&r.peer, SgPeer::SecurityGroup(p) if g(p.as_str()));
        sg.inbound.retain(keep);
        sg.outbound.retain(keep);
    }
    for f in &mut doc.functions {
        if let Some(c) = &mut f.vpc_config {
            c.subnets.retain(|s| !g(s.as_str()));
            c.security_groups.retain(|s| !g(s.as_str()));
        }
    }
    for d in &mut doc.databases {
        d.subnet_group.retain(|s| !g(s.as_str()));
        d.security_groups.retain(|s| !g(s.as_str()));
    }
    for d in &mut doc.data_stores {
        d.subnets.retain(|s| !g(s.as_str()));
        d.security_groups.retain(|s| !g(s.as_str()));
        if d.fronts.as_ref().is_some_and(|db| g(db.as_str())) {
            d.fronts = None;
        }
    }
    for i in &mut doc.instances {
        i.security_groups.retain(|s| !g(s.as_str()));
    }
}

fn copy_name(doc: &Document, id: &str) -> String {
    unique_id(doc, &format!("{id}-copy"))
}

/// Duplicates components one by one (a VPC or subnet without its contents), offset so the
/// copy is visible; returns the new ids.
pub(super) fn duplicate(doc: &mut Document, ids: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        let Some(c) = Component::get(doc, id) else { continue };
        let new_id = copy_name(doc, id);
        let mut rect = doc.layout.get(id.as_str()).copied().unwrap_or_default();
        rect.x += 30.0;
        rect.y += 30.0;
        let mut c = c;
        if !c.name().is_empty() {
            c.set_name(new_id.clone());
        }
        c.set_id(&new_id);
        // What a copy cannot share with its original.
        match &mut c {
            Component::Vpc(v) => {
                v.cidr = CidrText::new(next_vpc_cidr(doc));
                v.secondary_cidrs.clear();
                v.ipv6_cidr = None;
                v.main_route_table = None;
                v.default_nacl = None;
                rect.x += rect.w;
                rect.y -= 30.0;
            }
            Component::Subnet(s) => {
                let Some(vpc) = doc.vpcs.iter().find(|v| v.id == s.vpc).cloned() else {
                    continue;
                };
                let Some(cidr) = next_subnet_cidr(doc, &vpc) else {
                    continue;
                };
                s.cidr = CidrText::new(cidr);
                s.ipv6_cidr = None;
                if let Some(v) = doc.layout.get(vpc.id.as_str()) {
                    rect = geometry::clamp_inside(rect, v, 14.0);
                }
            }
            // A VPC has one internet gateway: the copy starts detached.
            Component::Igw(x) => x.vpc = None,
            Component::Sg(x) => {
                // Rules about the group itself are about the copy in the copy.
                let old = SgPeer::SecurityGroup(id.as_str().into());
                for r in x.inbound.iter_mut().chain(x.outbound.iter_mut()) {
                    if r.peer == old {
                        r.peer = SgPeer::SecurityGroup(x.id.clone());
                    }
                }
            }
            // One node per service is enough: its badges already show on every function.
            Component::Service(_) => continue,
            // The rest copy as they are: a copied database or data store has the same
            // subnets and groups (an RDS Proxy copy fronts the same database).
            _ => {}
        }
        c.push(doc);
        doc.layout.insert(new_id.clone(), rect);
        out.push(new_id);
    }
    out
}
