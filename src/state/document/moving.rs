//! Moving components: what moves along, and how a drop changes membership (a Lambda into a
//! subnet runs there, a security group dropped on a component is attached to it).

use super::*;

/// The components that move along with `id`: for a VPC everything in it and beside it that
/// belongs to it, for a subnet the nodes drawn inside it. `id` comes first.
pub fn moving_set(doc: &Document, id: &str) -> Vec<String> {
    let mut set = vec![id.to_owned()];
    let Some(kind) = kind_of(doc, id) else { return set };
    let Some(rect) = doc.layout.get(id).copied() else {
        return set;
    };
    match kind {
        ComponentKind::Vpc => {
            for (cid, ckind) in doc.components() {
                if cid == id {
                    continue;
                }
                let inside = doc.layout.get(cid).is_some_and(|r| {
                    if geometry::is_box(ckind) {
                        geometry::contains_rect(&rect, r)
                    } else {
                        geometry::contains(&rect, Point::new(r.x, r.y))
                    }
                });
                if inside || vpc_of(doc, cid).as_deref() == Some(id) {
                    set.push(cid.to_owned());
                }
            }
        }
        ComponentKind::Subnet => {
            for (cid, ckind) in doc.components() {
                if cid == id || geometry::is_box(ckind) {
                    continue;
                }
                if doc
                    .layout
                    .get(cid)
                    .is_some_and(|r| geometry::contains(&rect, Point::new(r.x, r.y)))
                {
                    set.push(cid.to_owned());
                }
            }
        }
        _ => {}
    }
    set
}

fn shift(doc: &mut Document, ids: &[String], dx: f64, dy: f64) {
    for id in ids {
        if let Some(r) = doc.layout.get_mut(id.as_str()) {
            r.x += dx;
            r.y += dy;
        }
    }
}

/// The drawn icon nearest to `p` within `radius` (world units) among the components `keep`
/// accepts: what a drop or a connector lands on.
pub fn node_near(doc: &Document, p: Point, radius: f64, keep: impl Fn(&str, ComponentKind) -> bool) -> Option<String> {
    doc.components()
        .filter(|(c, k)| keep(c, *k))
        .filter_map(|(c, _)| doc.layout.get(c).map(|r| (c, Point::new(r.x, r.y).dist(p))))
        .filter(|(_, d)| *d <= radius)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c.to_owned())
}

/// The security groups of a component that has some (a function in a VPC, a database, a
/// data store, an instance, an interface endpoint).
fn sgs_mut<'d>(doc: &'d mut Document, id: &str) -> Option<&'d mut Vec<SgId>> {
    if let Some(f) = doc.functions.iter_mut().find(|f| f.id.as_str() == id) {
        return f.vpc_config.as_mut().map(|c| &mut c.security_groups);
    }
    if let Some(d) = doc.databases.iter_mut().find(|d| d.id.as_str() == id) {
        return Some(&mut d.security_groups);
    }
    if let Some(d) = doc.data_stores.iter_mut().find(|d| d.id.as_str() == id) {
        return Some(&mut d.security_groups);
    }
    if let Some(i) = doc.instances.iter_mut().find(|i| i.id.as_str() == id) {
        return Some(&mut i.security_groups);
    }
    doc.endpoints
        .iter_mut()
        .find(|e| e.id.as_str() == id)
        .and_then(|e| match &mut e.kind {
            EndpointKind::Interface { security_groups, .. } => Some(security_groups),
            EndpointKind::Gateway { .. } => None,
        })
}

/// A security group dropped onto a component that can have one is attached to it (and
/// stays drawn where it was); `None` when the drop is a plain move.
pub(super) fn attach_dropped_sg(doc: &mut Document, id: &str, to: Point) -> Result<Option<Note>, Refused> {
    if kind_of(doc, id) != Some(ComponentKind::SecurityGroup) {
        return Ok(None);
    }
    let onto = node_near(doc, to, geometry::NODE_HALF + 6.0, |c, k| {
        c != id && !geometry::is_box(k) && k != ComponentKind::SecurityGroup
    });
    let Some(onto) = onto else { return Ok(None) };
    let sg_vpc = vpc_of(doc, id);
    let onto_vpc = vpc_of(doc, &onto);
    let names = |doc: &Document| (doc.display_name(id).to_owned(), doc.display_name(&onto).to_owned());
    let (sg, component) = names(doc);
    let Some(list) = sgs_mut(doc, &onto) else {
        // Something without security groups (a gateway, a function outside any VPC): a move.
        return Ok(None);
    };
    if sg_vpc != onto_vpc {
        return Err(Refused::Note(Note::SgOtherVpc { sg, component }));
    }
    if list.iter().any(|s| s.as_str() == id) {
        return Err(Refused::Note(Note::SgAlreadyAttached { sg, component }));
    }
    list.push(id.into());
    Ok(Some(Note::SgAttached { sg, component }))
}

/// After an edit in the inspector, draws a point component where its membership says it
/// is: into a free spot of its first subnet when it was drawn in none of its subnets (a
/// database given other subnets), out of every VPC when it left its VPC (a function whose VPC
/// config was removed). A component already drawn in one of its subnets stays where it is.
pub(super) fn follow_membership(doc: &mut Document, id: &str) {
    let Some(kind) = kind_of(doc, id) else { return };
    let Some(at) = doc.layout.get(id).copied() else { return };
    if geometry::is_box(kind) {
        return;
    }
    let p = Point::new(at.x, at.y);
    let inside = |r: &Rect| geometry::contains(r, p);
    let members = topology::member_subnets(doc, id, kind);
    let to = if let Some(first) = members.first() {
        if members.iter().any(|s| doc.layout.get(*s).is_some_and(inside)) {
            return;
        }
        let Some(rect) = doc.layout.get(*first).copied() else {
            return;
        };
        crate::state::free_spot(doc, &rect)
    } else if kind == ComponentKind::Function {
        // Out of the VPC it is drawn in, beside it on the left, where functions outside any
        // VPC are drawn.
        let Some(vpc) = doc
            .vpcs
            .iter()
            .filter_map(|v| doc.layout.get(v.id.as_str()))
            .find(|r| inside(r))
            .copied()
        else {
            return;
        };
        Point::new(vpc.x - geometry::NODE_HALF - 50.0, p.y)
    } else {
        return;
    };
    if let Some(l) = doc.layout.get_mut(id) {
        l.x = to.x;
        l.y = to.y;
    }
}

pub(super) fn move_node(doc: &mut Document, id: &str, to: Point) -> Result<(), Refused> {
    place_node(doc, id, geometry::snap_to_grid(to, 10.0))
}

/// [`move_node`] to exactly `to`, for nudges: a step of 10 moves by 10 wherever the
/// component was. Never inlined: its two callers share one copy (8 KB of the download).
#[inline(never)]
pub(super) fn place_node(doc: &mut Document, id: &str, to: Point) -> Result<(), Refused> {
    let kind = kind_of(doc, id).ok_or(Refused::NoChange)?;
    let old = doc.layout.get(id).copied().unwrap_or_default();
    match kind {
        ComponentKind::Vpc => {
            let set = moving_set(doc, id);
            shift(doc, &set, to.x - old.x, to.y - old.y);
        }
        ComponentKind::Subnet => {
            let vpc = subnet(doc, id).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let target = Rect {
                x: to.x,
                y: to.y,
                ..old
            };
            // A subnet cannot leave its VPC (AWS cannot move one either).
            let target = match doc.layout.get(vpc.as_str()) {
                Some(v) => geometry::clamp_inside(target, v, 14.0),
                None => target,
            };
            let set = moving_set(doc, id);
            shift(doc, &set, target.x - old.x, target.y - old.y);
        }
        ComponentKind::InternetGateway | ComponentKind::EgressOnlyGateway => {
            let near = vpc_near(doc, to, 80.0);
            let pos = near.as_ref().map(|(_, r)| geometry::snap_to_edge(r, to)).unwrap_or(to);
            let vpc = near.map(|(v, _)| v.as_str().into());
            if let Some(g) = doc.internet_gateways.iter_mut().find(|g| g.id.as_str() == id) {
                g.vpc = vpc;
            } else if let Some(g) = doc.egress_only_gateways.iter_mut().find(|g| g.id.as_str() == id) {
                g.vpc = vpc;
            }
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::NatGateway | ComponentKind::Instance => {
            let (sub, pos) = subnet_for_drop(doc, to, &[])?;
            if let Some(n) = doc.nat_gateways.iter_mut().find(|n| n.id.as_str() == id) {
                n.subnet = sub.as_str().into();
            }
            let current = doc
                .instances
                .iter()
                .find(|i| i.id.as_str() == id)
                .map(|i| i.subnet.0.clone());
            if let Some(cur) = current {
                let changes_vpc = cur != sub && vpc_of_subnet(doc, &cur) != vpc_of_subnet(doc, &sub);
                // In another VPC its security groups cannot follow it.
                let sgs = changes_vpc.then(|| {
                    let vpc = vpc_of_subnet(doc, &sub).unwrap_or_default();
                    vec![ensure_default_sg(doc, &vpc).as_str().into()]
                });
                let i = doc
                    .instances
                    .iter_mut()
                    .find(|i| i.id.as_str() == id)
                    .expect("found above");
                i.subnet = sub.as_str().into();
                if let Some(sgs) = sgs {
                    i.security_groups = sgs;
                }
            }
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::Function => move_function(doc, id, old, to)?,
        ComponentKind::Database => {
            let (sub, pos) = subnet_for_drop(doc, to, &[])?;
            let db = doc
                .databases
                .iter()
                .find(|d| d.id.as_str() == id)
                .cloned()
                .ok_or(Refused::NoChange)?;
            let (group, sgs) = regroup(doc, &db.subnet_group, &db.security_groups, &sub, None);
            let d = doc
                .databases
                .iter_mut()
                .find(|d| d.id.as_str() == id)
                .expect("found above");
            d.subnet_group = group.iter().map(|s| s.as_str().into()).collect();
            d.security_groups = sgs;
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::DataStore => {
            let (sub, pos) = subnet_for_drop(doc, to, &[])?;
            let store = doc
                .data_stores
                .iter()
                .find(|d| d.id.as_str() == id)
                .cloned()
                .ok_or(Refused::NoChange)?;
            let old_vpc = store.subnets.first().and_then(|s| vpc_of_subnet(doc, s.as_str()));
            let changes_vpc = old_vpc.is_some() && old_vpc != vpc_of_subnet(doc, &sub);
            let (subnets, sgs) = regroup(doc, &store.subnets, &store.security_groups, &sub, Some(store.kind));
            let d = doc
                .data_stores
                .iter_mut()
                .find(|d| d.id.as_str() == id)
                .expect("found above");
            // An RDS Proxy moved to another VPC cannot front the database it fronted.
            if changes_vpc {
                d.fronts = None;
            }
            d.subnets = subnets.iter().map(|s| s.as_str().into()).collect();
            d.security_groups = sgs;
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::InterfaceEndpoint => {
            let ep = doc
                .endpoints
                .iter()
                .find(|e| e.id.as_str() == id)
                .cloned()
                .ok_or(Refused::NoChange)?;
            let (sub, pos) = subnet_for_drop(doc, to, &[])?;
            if vpc_of_subnet(doc, &sub).as_deref() != Some(ep.vpc.as_str()) {
                return Err(Refused::Note(Note::EndpointStaysInVpc));
            }
            let old_sub = container_at(doc, Point::new(old.x, old.y), &[]).subnet;
            let az = subnet(doc, &sub).map(|s| s.az.clone()).unwrap_or_default();
            if let Some(e) = doc.endpoints.iter_mut().find(|e| e.id.as_str() == id) {
                if let EndpointKind::Interface { subnets, .. } = &mut e.kind {
                    if !subnets.iter().any(|s| s.as_str() == sub) {
                        // Replace the subnet it was drawn in, else the one in the same AZ
                        // (one subnet per AZ), else add it.
                        let slot = old_sub
                            .as_ref()
                            .and_then(|o| subnets.iter().position(|s| s.as_str() == o))
                            .or_else(|| {
                                subnets
                                    .iter()
                                    .position(|s| doc.subnets.iter().any(|x| x.id == *s && x.az == az))
                            });
                        match slot {
                            Some(i) => subnets[i] = sub.as_str().into(),
                            None => subnets.push(sub.as_str().into()),
                        }
                    }
                }
            }
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        ComponentKind::GatewayEndpoint => {
            let vpc = doc
                .endpoints
                .iter()
                .find(|e| e.id.as_str() == id)
                .map(|e| e.vpc.0.clone())
                .unwrap_or_default();
            let pos = match doc.layout.get(vpc.as_str()) {
                Some(r) => geometry::clamp_point_inside(to, r),
                None => to,
            };
            doc.layout.insert(id.to_owned(), point_rect(pos));
        }
        _ => {
            doc.layout.insert(id.to_owned(), point_rect(to));
        }
    }
    Ok(())
}

pub(super) fn vpc_of_subnet(doc: &Document, s: &str) -> Option<String> {
    subnet(doc, s).map(|s| s.vpc.0.clone())
}

/// The subnets and security groups of a database (`store` = `None`) or data store dropped
/// into subnet `sub`: already one of its subnets, that one becomes its first (where the
/// canvas draws it); in the same VPC, `sub` takes the place of the first one (for an EFS
/// file system, of its mount target in `sub`'s AZ, or is added as a new mount target);
/// in another VPC it gets a fresh group there and that VPC's default security group, since
/// groups cannot follow it across VPCs.
fn regroup(
    doc: &mut Document,
    current: &[SubnetId],
    sgs: &[SgId],
    sub: &str,
    store: Option<StoreKind>,
) -> (Vec<String>, Vec<SgId>) {
    let same_vpc = current.first().and_then(|s| vpc_of_subnet(doc, s.as_str())) == vpc_of_subnet(doc, sub);
    let mut group: Vec<String> = current.iter().map(|s| s.0.clone()).collect();
    let mut sgs = sgs.to_vec();
    let zonal = store.is_some_and(|k| k.info().zonal);
    if let Some(i) = group.iter().position(|s| s == sub) {
        let s = group.remove(i);
        group.insert(0, s);
    } else if same_vpc && !group.is_empty() {
        if zonal {
            let az = subnet(doc, sub).map(|s| s.az.clone());
            if let Some(i) = group.iter().position(|s| subnet(doc, s).map(|s| s.az.clone()) == az) {
                group.remove(i);
            }
            group.insert(0, sub.to_owned());
        } else {
            group[0] = sub.to_owned();
        }
    } else {
        group = match store {
            Some(k) => store_subnets(doc, k, sub),
            None => db_subnet_group(doc, sub),
        };
        let vpc = vpc_of_subnet(doc, sub).unwrap_or_default();
        sgs = vec![ensure_default_sg(doc, &vpc).as_str().into()];
    }
    (group, sgs)
}

/// Moving a Lambda: into a subnet it runs there (replacing the subnet it was drawn in, or
/// all of them when it changes VPC); outside every VPC it has no VPC config.
fn move_function(doc: &mut Document, id: &str, old: Rect, to: Point) -> Result<(), Refused> {
    let c = container_at(doc, to, &[]);
    let f = doc
        .functions
        .iter()
        .find(|f| f.id.as_str() == id)
        .cloned()
        .ok_or(Refused::NoChange)?;
    if c.vpc.is_none() {
        let f = doc
            .functions
            .iter_mut()
            .find(|f| f.id.as_str() == id)
            .expect("found above");
        f.vpc_config = None;
        doc.layout.insert(id.to_owned(), point_rect(to));
        return Ok(());
    }
    let (sub, pos) = subnet_for_drop(doc, to, &[])?;
    let new_vpc = vpc_of_subnet(doc, &sub);
    let config = match f.vpc_config {
        Some(mut cfg) => {
            let cur_vpc = cfg.subnets.first().and_then(|s| vpc_of_subnet(doc, s.as_str()));
            if cur_vpc == new_vpc {
                if !cfg.subnets.iter().any(|s| s.as_str() == sub) {
                    let was_in = container_at(doc, Point::new(old.x, old.y), &[]).subnet;
                    match was_in.and_then(|w| cfg.subnets.iter().position(|s| s.as_str() == w)) {
                        Some(i) => cfg.subnets[i] = sub.as_str().into(),
                        None => cfg.subnets = vec![sub.as_str().into()],
                    }
                }
                cfg
            } else {
                let sg = ensure_default_sg(doc, new_vpc.as_deref().unwrap_or_default());
                VpcConfig {
                    subnets: vec![sub.as_str().into()],
                    security_groups: vec![sg.as_str().into()],
                    ..cfg
                }
            }
        }
        None => {
            let sg = ensure_default_sg(doc, new_vpc.as_deref().unwrap_or_default());
            VpcConfig {
                subnets: vec![sub.as_str().into()],
                security_groups: vec![sg.as_str().into()],
                ipv6_allowed_for_dual_stack: false,
            }
        }
    };
    let f = doc
        .functions
        .iter_mut()
        .find(|f| f.id.as_str() == id)
        .expect("found above");
    f.vpc_config = Some(config);
    doc.layout.insert(id.to_owned(), point_rect(pos));
    Ok(())
}
