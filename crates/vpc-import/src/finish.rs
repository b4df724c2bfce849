//! The end of an import: deferred links applied, placeholders added for every id the input
//! refers to but does not define (named with the importer's outside suffix, listed in the
//! report's `outside`), default security groups added.

use crate::build::{Builder, Context};
use crate::report::{Outside, Report};
use std::collections::{HashMap, HashSet};
use vpc_engine::model::*;

/// Positions by id in one of the document's lists, the first of each id (as a search from
/// the start would find it), so that applying links stays linear in the input's size.
struct Index(HashMap<String, usize>);

impl Index {
    fn of<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut m = HashMap::new();
        for (i, id) in ids.enumerate() {
            m.entry(id.to_owned()).or_insert(i);
        }
        Index(m)
    }

    fn get(&self, id: &str) -> Option<usize> {
        self.0.get(id).copied()
    }

    /// Records `id` at position `i` (just appended) unless it is there already.
    fn add(&mut self, id: &str, i: usize) {
        self.0.entry(id.to_owned()).or_insert(i);
    }
}

impl Builder {
    /// Applies the deferred links, adds placeholders and default security groups.
    pub fn finish(mut self, ctx: &dyn Context) -> (Document, Report) {
        let links = std::mem::take(&mut self.links);
        let mut sgs = Index::of(self.doc.security_groups.iter().map(|g| g.id.as_str()));
        for (vpc, sg) in &links.default_sgs {
            if sgs.get(sg).is_some() {
                continue;
            }
            let mut g = SecurityGroup::with_default_rules(sg.clone(), String::new(), VpcId(vpc.clone()));
            g.inbound.push(SgRule::all_to(SgPeer::SecurityGroup(SgId(sg.clone()))));
            self.doc.security_groups.push(g);
            sgs.add(sg, self.doc.security_groups.len() - 1);
            self.note(format!("{sg}: the default security group AWS creates with {vpc}"));
        }
        let vpcs = Index::of(self.doc.vpcs.iter().map(|v| v.id.as_str()));
        for (vpc, v4, v6) in links.cidr_blocks {
            if let Some(v) = vpcs.get(&vpc).map(|i| &mut self.doc.vpcs[i]) {
                if let Some(c) = v4 {
                    v.secondary_cidrs.push(CidrText(c));
                }
                if let Some(c) = v6 {
                    v.ipv6_cidr = Some(CidrText(c));
                }
            }
        }
        let mut igws = Index::of(self.doc.internet_gateways.iter().map(|g| g.id.as_str()));
        for (igw, vpc) in &links.igw_attach {
            match igws.get(igw) {
                Some(i) => self.doc.internet_gateways[i].vpc = Some(VpcId(vpc.clone())),
                None => {
                    self.doc.internet_gateways.push(InternetGateway {
                        id: IgwId(igw.clone()),
                        name: String::new(),
                        vpc: Some(VpcId(vpc.clone())),
                    });
                    igws.add(igw, self.doc.internet_gateways.len() - 1);
                }
            }
        }
        // Associations of subnets outside the input wait for their placeholders.
        let subnets = Index::of(self.doc.subnets.iter().map(|s| s.id.as_str()));
        let mut later_rt = Vec::new();
        for (sn, rt) in links.rt_assoc {
            match subnets.get(&sn) {
                Some(i) => self.doc.subnets[i].route_table = Some(RouteTableId(rt)),
                None => later_rt.push((sn, rt)),
            }
        }
        let mut later_acl = Vec::new();
        for (sn, acl) in links.nacl_assoc {
            match subnets.get(&sn) {
                Some(i) => self.doc.subnets[i].nacl = Some(NaclId(acl)),
                None => later_acl.push((sn, acl)),
            }
        }
        let mut tables = Index::of(self.doc.route_tables.iter().map(|t| t.id.as_str()));
        for rt in &links.replaced_routes {
            if let Some(i) = tables.get(rt) {
                self.doc.route_tables[i].routes.clear();
            }
        }
        for (rt, route) in links.routes {
            let i = match tables.get(&rt) {
                Some(i) => i,
                None => {
                    self.placeholder_route_table(&rt, ctx);
                    let i = self.doc.route_tables.len() - 1;
                    tables.add(&rt, i);
                    i
                }
            };
            self.doc.route_tables[i].routes.push(route);
        }
        // Groups whose default allow-all egress rule a stand-alone egress rule replaced.
        let mut replaced: HashSet<String> = HashSet::new();
        for (sg, inbound, rule) in links.sg_rules {
            let Some(i) = sgs.get(&sg) else { continue };
            let g = &mut self.doc.security_groups[i];
            if inbound {
                g.inbound.push(rule);
            } else {
                // Rule I2: the first stand-alone egress rule on a group without inline
                // egress rules takes the place of the allow-all rule AWS gave the group,
                // as an inline egress rule would.
                if !links.sg_inline_egress.contains(&sg) && replaced.insert(sg.clone()) {
                    let defaults = SecurityGroup::with_default_rules("", "", VpcId::default()).outbound;
                    g.outbound.retain(|r| !defaults.contains(r));
                    self.report.notes.push(format!(
                        "{sg}: its egress rules are the stand-alone egress rule resources; the \
                         allow-all rule AWS adds to a new group is replaced by them (rule I2)"
                    ));
                }
                g.outbound.push(rule);
            }
        }
        let acls = Index::of(self.doc.network_acls.iter().map(|n| n.id.as_str()));
        // Rules in number order: one stable sort per list a rule was added to, at the end,
        // orders them as sorting after each addition would.
        let mut sorted: HashSet<(usize, bool)> = HashSet::new();
        for (acl, egress, rule) in links.nacl_rules {
            if let Some(i) = acls.get(&acl) {
                let n = &mut self.doc.network_acls[i];
                if egress { &mut n.outbound } else { &mut n.inbound }.push(rule);
                sorted.insert((i, egress));
            }
        }
        for (i, egress) in sorted {
            let n = &mut self.doc.network_acls[i];
            if egress { &mut n.outbound } else { &mut n.inbound }.sort_by_key(|r| r.number);
        }
        let databases = Index::of(self.doc.databases.iter().map(|d| d.id.as_str()));
        for (db, group) in links.db_groups {
            let subnets = match links.subnet_groups.get(&group) {
                Some(s) => s.clone(),
                None => vec![format!("{group}-a"), format!("{group}-b")],
            };
            if let Some(i) = databases.get(&db) {
                self.doc.databases[i].subnet_group = subnets.into_iter().map(SubnetId).collect();
            }
        }
        let auto_ip: HashSet<&str> = links.instance_auto_ip.iter().map(String::as_str).collect();
        for i in &mut self.doc.instances {
            if links.instance_eips.contains(i.id.as_str()) {
                i.elastic_ip = true;
            }
            if auto_ip.contains(i.id.as_str()) && links.public_ip_subnets.contains(i.subnet.as_str()) {
                i.public_ip = true;
            }
        }
        self.finish_stores();
        self.placeholders(ctx, &later_rt, &later_acl);
        let subnets = Index::of(self.doc.subnets.iter().map(|s| s.id.as_str()));
        for (sn, rt) in later_rt {
            if let Some(i) = subnets.get(&sn) {
                self.doc.subnets[i].route_table = Some(RouteTableId(rt));
            }
        }
        for (sn, acl) in later_acl {
            if let Some(i) = subnets.get(&sn) {
                self.doc.subnets[i].nacl = Some(NaclId(acl));
            }
        }
        let vpcs = Index::of(self.doc.vpcs.iter().map(|v| v.id.as_str()));
        for (vpc, rt) in links.main_tables {
            if let Some(i) = vpcs.get(&vpc) {
                self.doc.vpcs[i].main_route_table = Some(RouteTableId(rt));
            }
        }
        for (vpc, acl) in links.default_nacls {
            if let Some(i) = vpcs.get(&vpc) {
                self.doc.vpcs[i].default_nacl = Some(NaclId(acl));
            }
        }
        (self.doc, self.report)
    }

    /// The display name of a placeholder for `id`, recorded in the report's `outside`.
    pub fn outside(&mut self, id: &str, kind: ComponentKind, ctx: &dyn Context) -> String {
        let (source, via, name) = ctx.source_of(id);
        let key = match kind {
            ComponentKind::Vpc => "vpc",
            ComponentKind::Subnet => "subnet",
            ComponentKind::SecurityGroup => "security_group",
            ComponentKind::RouteTable => "route_table",
            ComponentKind::NetworkAcl => "network_acl",
            _ => "internet_gateway",
        };
        self.report.outside.push(Outside {
            id: id.to_owned(),
            kind: key,
            source,
            via,
            name,
        });
        format!("{id} {}", self.settings.outside_suffix)
    }

    fn placeholder_route_table(&mut self, rt: &str, ctx: &dyn Context) {
        let name = self.outside(rt, ComponentKind::RouteTable, ctx);
        self.doc.route_tables.push(RouteTable {
            id: RouteTableId(rt.to_owned()),
            name,
            vpc: VpcId::default(),
            routes: vec![],
        });
    }

    /// Placeholders for every id referred to but not defined (and not another resource).
    /// `assoc_rt`/`assoc_acl`: associations of subnets not in the input, whose table or ACL
    /// tells the placeholder subnet its VPC.
    fn placeholders(&mut self, ctx: &dyn Context, assoc_rt: &[(String, String)], assoc_acl: &[(String, String)]) {
        // Every component id, kept up to date as placeholders are added.
        let mut known: HashSet<String> = self.doc.components().map(|(c, _)| c.to_owned()).collect();
        // The VPC each referring component hints at, for subnets and groups without one.
        let mut subnet_wants: Vec<(String, Option<String>)> = Vec::new();
        let mut sg_wants: Vec<(String, Option<String>)> = Vec::new();
        let doc = &self.doc;
        // The VPC of a subnet or, failing that, of a security group, by id (the first of each).
        let mut subnet_vpc: HashMap<&str, &str> = HashMap::new();
        for s in &doc.subnets {
            subnet_vpc.entry(s.id.as_str()).or_insert(s.vpc.as_str());
        }
        let mut sg_vpc: HashMap<&str, &str> = HashMap::new();
        for g in &doc.security_groups {
            sg_vpc.entry(g.id.as_str()).or_insert(g.vpc.as_str());
        }
        let vpc_of =
            |id: &str| -> Option<String> { subnet_vpc.get(id).or_else(|| sg_vpc.get(id)).map(|v| (*v).to_owned()) };
        let mut want = |subnets: Vec<String>, sgs: Vec<String>, hint: Option<String>| {
            let hint = hint.or_else(|| subnets.iter().chain(&sgs).find_map(|x| vpc_of(x)));
            for s in subnets {
                subnet_wants.push((s, hint.clone()));
            }
            for g in sgs {
                sg_wants.push((g, hint.clone()));
            }
        };
        for f in &doc.functions {
            if let Some(c) = &f.vpc_config {
                want(ids(&c.subnets), ids(&c.security_groups), None);
            }
        }
        for d in &doc.databases {
            want(ids(&d.subnet_group), ids(&d.security_groups), None);
        }
        for d in &doc.data_stores {
            want(ids(&d.subnets), ids(&d.security_groups), None);
        }
        for i in &doc.instances {
            want(vec![i.subnet.0.clone()], ids(&i.security_groups), None);
        }
        let table_vpc = Index::of(doc.route_tables.iter().map(|t| t.id.as_str()));
        for (sn, rt) in assoc_rt {
            let vpc = table_vpc.get(rt).map(|i| doc.route_tables[i].vpc.0.clone());
            want(vec![sn.clone()], vec![], vpc.filter(|v| !v.is_empty()));
        }
        let acl_vpc = Index::of(doc.network_acls.iter().map(|n| n.id.as_str()));
        for (sn, acl) in assoc_acl {
            let vpc = acl_vpc.get(acl).map(|i| doc.network_acls[i].vpc.0.clone());
            want(vec![sn.clone()], vec![], vpc.filter(|v| !v.is_empty()));
        }
        for n in &doc.nat_gateways {
            want(vec![n.subnet.0.clone()], vec![], None);
        }
        for e in &doc.endpoints {
            if let EndpointKind::Interface {
                subnets,
                security_groups,
                ..
            } = &e.kind
            {
                want(ids(subnets), ids(security_groups), Some(e.vpc.0.clone()));
            }
        }
        for g in &doc.security_groups {
            let peers = g.inbound.iter().chain(&g.outbound).filter_map(|r| match &r.peer {
                SgPeer::SecurityGroup(x) => Some(x.0.clone()),
                _ => None,
            });
            want(vec![], peers.collect(), Some(g.vpc.0.clone()));
        }
        // VPCs named by the input's components.
        let mut vpcs: Vec<String> = Vec::new();
        let mut seen_vpcs: HashSet<String> = HashSet::new();
        let mut add_vpc = |v: &str| {
            if !v.is_empty() && seen_vpcs.insert(v.to_owned()) {
                vpcs.push(v.to_owned());
            }
        };
        doc.subnets.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.security_groups.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.route_tables.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.network_acls.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.endpoints.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.internet_gateways
            .iter()
            .filter_map(|g| g.vpc.as_ref())
            .for_each(|v| add_vpc(v.as_str()));
        doc.egress_only_gateways
            .iter()
            .filter_map(|g| g.vpc.as_ref())
            .for_each(|v| add_vpc(v.as_str()));
        for p in &doc.peering_connections {
            add_vpc(p.requester_vpc.as_str());
            add_vpc(p.accepter_vpc.as_str());
        }
        let missing = |known: &HashSet<String>, id: &str| !id.is_empty() && !known.contains(id) && !ctx.defines(id);
        let mut subnet_wants: Vec<(String, Option<String>)> =
            subnet_wants.into_iter().filter(|(s, _)| missing(&known, s)).collect();
        dedup(&mut subnet_wants);
        let mut sg_wants: Vec<(String, Option<String>)> =
            sg_wants.into_iter().filter(|(s, _)| missing(&known, s)).collect();
        dedup(&mut sg_wants);
        for (_, hint) in subnet_wants.iter().chain(&sg_wants) {
            add_vpc(hint.as_deref().unwrap_or("OutsideVpc"));
        }
        let mut nets_by_vpc: HashMap<&str, Vec<ipnet::Ipv4Net>> = HashMap::new();
        for s in &self.doc.subnets {
            if let Ok(n) = s.cidr.as_str().parse() {
                nets_by_vpc.entry(s.vpc.as_str()).or_default().push(n);
            }
        }
        let covering: Vec<(String, String)> = vpcs
            .into_iter()
            .filter(|v| missing(&known, v))
            .map(|v| {
                let cidr = covering_cidr(nets_by_vpc.get(v.as_str()).map_or(&[][..], Vec::as_slice));
                (v, cidr)
            })
            .collect();
        for (v, cidr) in covering {
            let name = self.outside(&v, ComponentKind::Vpc, ctx);
            self.doc.vpcs.push(Vpc {
                id: VpcId(v.clone()),
                name,
                cidr: CidrText(cidr),
                // A VPC created anywhere has DNS resolution on unless someone turned it
                // off; hostnames are assumed on too (the input's resources need them).
                enable_dns_support: true,
                enable_dns_hostnames: true,
                ..Vpc::default()
            });
            known.insert(v);
        }
        let mut blocks = FreeBlocks::default();
        for (n, (s, hint)) in subnet_wants.into_iter().enumerate() {
            let vpc = hint.unwrap_or_else(|| "OutsideVpc".into());
            let name = self.outside(&s, ComponentKind::Subnet, ctx);
            let cidr = blocks.next(&self.doc, &vpc);
            let az = format!("{}{}", self.settings.region, ["a", "b", "c"][n % 3]);
            known.insert(s.clone());
            self.doc.subnets.push(Subnet {
                id: SubnetId(s),
                name,
                vpc: VpcId(vpc),
                az,
                cidr: CidrText(cidr),
                ..Subnet::default()
            });
        }
        for (g, hint) in sg_wants {
            let vpc = hint.unwrap_or_else(|| "OutsideVpc".into());
            let name = self.outside(&g, ComponentKind::SecurityGroup, ctx);
            known.insert(g.clone());
            self.doc
                .security_groups
                .push(SecurityGroup::with_default_rules(g, name, VpcId(vpc)));
        }
        // Route tables and NACLs associated by id but defined elsewhere.
        let rts: Vec<(String, String)> = self
            .doc
            .subnets
            .iter()
            .filter_map(|s| s.route_table.as_ref().map(|r| (r.0.clone(), s.vpc.0.clone())))
            .collect();
        for (rt, vpc) in rts {
            if missing(&known, &rt) {
                self.placeholder_route_table(&rt, ctx);
                if let Some(t) = self.doc.route_tables.last_mut() {
                    t.vpc = VpcId(vpc);
                }
                known.insert(rt);
            }
        }
        // Route tables created by a route to an outside table have no VPC: the first VPC stands in.
        let first_vpc = self.doc.vpcs.first().map(|v| v.id.clone()).unwrap_or_default();
        for t in &mut self.doc.route_tables {
            if t.vpc.as_str().is_empty() {
                t.vpc = first_vpc.clone();
            }
        }
        self.igw_placeholders(ctx, &mut known);
    }

    /// Internet gateways that routes name but the input does not define.
    fn igw_placeholders(&mut self, ctx: &dyn Context, known: &mut HashSet<String>) {
        let mut add = Vec::new();
        for t in &self.doc.route_tables {
            for r in &t.routes {
                if let RouteTarget::InternetGateway(g) = &r.target {
                    let id = g.as_str();
                    if !known.contains(id) && !ctx.defines(id) {
                        add.push((id.to_owned(), t.vpc.clone()));
                    }
                }
            }
        }
        for (id, vpc) in add {
            if !known.insert(id.clone()) {
                continue;
            }
            let name = self.outside(&id, ComponentKind::InternetGateway, ctx);
            self.doc.internet_gateways.push(InternetGateway {
                name,
                id: IgwId(id),
                vpc: Some(vpc),
            });
        }
    }
}

fn ids<T: AsRef<str>>(v: &[T]) -> Vec<String> {
    v.iter().map(|x| x.as_ref().to_owned()).collect()
}

/// One entry per id, in first-seen order, with the first VPC hint any entry gives.
fn dedup(v: &mut Vec<(String, Option<String>)>) {
    let mut out: Vec<(String, Option<String>)> = Vec::with_capacity(v.len());
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (id, hint) in v.drain(..) {
        match seen.get(&id) {
            Some(&i) => {
                if out[i].1.is_none() {
                    out[i].1 = hint;
                }
            }
            None => {
                seen.insert(id.clone(), out.len());
                out.push((id, hint));
            }
        }
    }
    *v = out;
}

/// The smallest block covering the input's subnets (`nets`) in a placeholder VPC
/// (10.0.0.0/16 when it has none).
fn covering_cidr(nets: &[ipnet::Ipv4Net]) -> String {
    let Some(first) = nets.first() else {
        return "10.0.0.0/16".into();
    };
    let mut prefix = first.prefix_len().min(16);
    loop {
        let cover = ipnet::Ipv4Net::new(first.network(), prefix).map(|n| n.trunc());
        if let Ok(c) = cover {
            if nets.iter().all(|n| c.contains(n)) || prefix == 0 {
                return c.to_string();
            }
        }
        prefix -= 1;
    }
}

/// Free /24s (or smaller, in a small VPC) of each VPC's block for placeholder subnets, each
/// the first that no subnet of the VPC uses yet.
#[derive(Default)]
struct FreeBlocks(HashMap<String, VpcBlocks>);

struct VpcBlocks {
    block: ipnet::Ipv4Net,
    prefix: u8,
    /// The blocks of the VPC's subnets, and of the placeholders given so far.
    taken: Vec<ipnet::Ipv4Net>,
    /// How many candidates are used or overlap a subnet: the search goes on from there,
    /// since what is taken only grows.
    tried: usize,
}

impl FreeBlocks {
    fn next(&mut self, doc: &Document, vpc: &str) -> String {
        let v = self.0.entry(vpc.to_owned()).or_insert_with(|| {
            let block: ipnet::Ipv4Net = doc
                .vpcs
                .iter()
                .find(|v| v.id.as_str() == vpc)
                .and_then(|v| v.cidr.as_str().parse().ok())
                .unwrap_or_else(|| "10.0.0.0/16".parse().expect("a valid block"));
            let taken = doc
                .subnets
                .iter()
                .filter(|s| s.vpc.as_str() == vpc)
                .filter_map(|s| s.cidr.as_str().parse().ok())
                .collect();
            let prefix = if block.prefix_len() <= 22 {
                24
            } else {
                (block.prefix_len() + 2).min(28)
            };
            VpcBlocks {
                block,
                prefix,
                taken,
                tried: 0,
            }
        });
        let mut found = None;
        if let Ok(candidates) = v.block.subnets(v.prefix) {
            for c in candidates.skip(v.tried) {
                v.tried += 1;
                if !v.taken.iter().any(|t| t.contains(&c) || c.contains(t)) {
                    found = Some(c);
                    break;
                }
            }
        }
        match found {
            Some(c) => {
                v.taken.push(c);
                c.to_string()
            }
            None => v.block.to_string(),
        }
    }
}
