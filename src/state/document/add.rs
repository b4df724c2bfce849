//! Adding a component from the palette: its defaults, the security group and subnets it
//! gets, and the names the palette and canvas show for services and data stores.

use super::*;

/// A security group for new members of `vpc`: its first one, or a new group that behaves
/// like AWS's default group (members talk to each other, all outbound allowed).
pub(super) fn ensure_default_sg(doc: &mut Document, vpc: &str) -> String {
    if let Some(sg) = doc.security_groups.iter().find(|g| g.vpc.as_str() == vpc) {
        return sg.id.0.clone();
    }
    let id = fresh_id(doc, "sg");
    let mut sg = SecurityGroup::with_default_rules(id.clone(), "default", vpc.into());
    sg.inbound
        .push(SgRule::all_to(SgPeer::SecurityGroup(id.as_str().into())));
    let at = side_slot(doc, Some(vpc));
    doc.security_groups.push(sg);
    doc.layout.insert(id.clone(), point_rect(at));
    id
}

pub(super) fn unique_id(doc: &Document, base: &str) -> String {
    if !topology::id_taken(doc, base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !topology::id_taken(doc, c))
        .expect("ids are unbounded")
}

pub(super) fn add_component(
    doc: &mut Document,
    item: PaletteItem,
    at: Point,
) -> Result<(String, Option<Note>), Refused> {
    let at = geometry::snap_to_grid(at, 10.0);
    let mut note = None;
    let id = match item {
        PaletteItem::Vpc => {
            let id = fresh_id(doc, "vpc");
            let (w, h) = item.box_size().expect("a box");
            doc.vpcs.push(Vpc {
                id: id.as_str().into(),
                name: id.clone(),
                cidr: CidrText::new(next_vpc_cidr(doc)),
                enable_dns_support: true,
                enable_dns_hostnames: true,
                tenancy: Tenancy::Default,
                ..Vpc::default()
            });
            doc.layout.insert(
                id.clone(),
                Rect {
                    x: at.x - w / 2.0,
                    y: at.y - h / 2.0,
                    w,
                    h,
                },
            );
            id
        }
        PaletteItem::Subnet => {
            let vpc_id = container_at(doc, at, &[]).vpc.ok_or(Refused::Note(Note::NeedsVpc))?;
            let vpc = doc
                .vpcs
                .iter()
                .find(|v| v.id.as_str() == vpc_id)
                .cloned()
                .ok_or(Refused::NoChange)?;
            let cidr = next_subnet_cidr(doc, &vpc).ok_or_else(|| {
                Refused::Note(Note::NoFreeCidr {
                    vpc: doc.display_name(&vpc_id).to_owned(),
                })
            })?;
            let id = fresh_id(doc, "subnet");
            let (w, h) = item.box_size().expect("a box");
            let rect = place_subnet(
                doc,
                &vpc_id,
                Rect {
                    x: at.x - w / 2.0,
                    y: at.y - h / 2.0,
                    w,
                    h,
                },
            );
            doc.subnets.push(Subnet {
                id: id.as_str().into(),
                name: id.clone(),
                vpc: vpc.id.clone(),
                az: next_az(doc, &vpc_id),
                cidr: CidrText::new(cidr),
                ..Subnet::default()
            });
            doc.layout.insert(id.clone(), rect);
            id
        }
        PaletteItem::Igw | PaletteItem::Eigw => {
            let near = vpc_near(doc, at, 80.0);
            let pos = near.as_ref().map(|(_, r)| geometry::snap_to_edge(r, at)).unwrap_or(at);
            let vpc = near.map(|(v, _)| v.as_str().into());
            let id = if item == PaletteItem::Igw {
                let id = fresh_id(doc, "igw");
                doc.internet_gateways.push(InternetGateway {
                    id: id.as_str().into(),
                    name: id.clone(),
                    vpc,
                });
                id
            } else {
                let id = fresh_id(doc, "eigw");
                doc.egress_only_gateways.push(EgressOnlyGateway {
                    id: id.as_str().into(),
                    name: id.clone(),
                    vpc,
                });
                id
            };
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Nat => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let id = fresh_id(doc, "nat");
            doc.nat_gateways.push(NatGateway {
                id: id.as_str().into(),
                name: id.clone(),
                subnet: sub.as_str().into(),
                connectivity: Connectivity::Public,
                elastic_ip: true,
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::GatewayEndpoint => {
            let vpc_id = container_at(doc, at, &[]).vpc.ok_or(Refused::Note(Note::NeedsVpc))?;
            let has = |s: AwsService| {
                doc.endpoints.iter().any(|e| {
                    e.vpc.as_str() == vpc_id && e.service == s && matches!(e.kind, EndpointKind::Gateway { .. })
                })
            };
            let service = if has(AwsService::S3) && !has(AwsService::DynamoDb) {
                AwsService::DynamoDb
            } else {
                AwsService::S3
            };
            let id = fresh_id(doc, "vpce");
            doc.endpoints.push(Endpoint {
                id: id.as_str().into(),
                name: format!("{}-gateway", service.key()),
                vpc: vpc_id.as_str().into(),
                service,
                kind: EndpointKind::Gateway { route_tables: vec![] },
                policy: EndpointPolicy::AllowAll,
            });
            doc.layout.insert(id.clone(), point_rect(at));
            id
        }
        PaletteItem::InterfaceEndpoint => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let vpc_id = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let service = AwsService::all()
                .filter(|s| s.info().interface_endpoint && !s.info().gateway_endpoint)
                .find(|s| {
                    !doc.endpoints
                        .iter()
                        .any(|e| e.vpc.as_str() == vpc_id && e.service == *s)
                })
                .unwrap_or(AwsService::Sqs);
            let sg = ensure_default_sg(doc, &vpc_id);
            let id = fresh_id(doc, "vpce");
            doc.endpoints.push(Endpoint {
                id: id.as_str().into(),
                name: format!("{}-endpoint", service.key()),
                vpc: vpc_id.as_str().into(),
                service,
                kind: EndpointKind::Interface {
                    subnets: vec![sub.as_str().into()],
                    security_groups: vec![sg.as_str().into()],
                    private_dns: true,
                },
                policy: EndpointPolicy::AllowAll,
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Sg | PaletteItem::Nacl => {
            let c = container_at(doc, at, &[]);
            let vpc_id = c
                .vpc
                .clone()
                .or_else(|| vpc_near(doc, at, f64::INFINITY).map(|(v, _)| v))
                .ok_or(Refused::Note(Note::NeedsVpc))?;
            if item == PaletteItem::Sg {
                let id = fresh_id(doc, "sg");
                doc.security_groups.push(SecurityGroup::with_default_rules(
                    id.clone(),
                    id.clone(),
                    vpc_id.as_str().into(),
                ));
                doc.layout.insert(id.clone(), point_rect(at));
                id
            } else {
                let id = fresh_id(doc, "acl");
                doc.network_acls.push(Nacl {
                    id: id.as_str().into(),
                    name: id.clone(),
                    vpc: vpc_id.as_str().into(),
                    inbound: vec![allow_all_rule(100)],
                    outbound: vec![allow_all_rule(100)],
                });
                if let Some(s) = c.subnet.as_deref() {
                    if let Some(s) = doc.subnets.iter_mut().find(|x| x.id.as_str() == s) {
                        s.nacl = Some(id.as_str().into());
                    }
                }
                doc.layout.insert(id.clone(), point_rect(at));
                id
            }
        }
        PaletteItem::Lambda => {
            let c = container_at(doc, at, &[]);
            let id = fresh_id(doc, "lambda");
            let (vpc_config, pos) = if c.vpc.is_some() {
                let (sub, pos) = subnet_for_drop(doc, at, &[])?;
                let vpc = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
                let sg = ensure_default_sg(doc, &vpc);
                let config = VpcConfig {
                    subnets: vec![sub.as_str().into()],
                    security_groups: vec![sg.as_str().into()],
                    ipv6_allowed_for_dual_stack: false,
                };
                (Some(config), pos)
            } else {
                (None, at)
            };
            doc.functions.push(Function {
                id: id.as_str().into(),
                name: id.clone(),
                vpc_config,
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Rds => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let vpc = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let group = db_subnet_group(doc, &sub);
            let sg = ensure_default_sg(doc, &vpc);
            let id = fresh_id(doc, "db");
            doc.databases.push(Database {
                id: id.as_str().into(),
                name: id.clone(),
                engine: DatabaseEngine::Postgres,
                subnet_group: group.iter().map(|s| s.as_str().into()).collect(),
                security_groups: vec![sg.as_str().into()],
                ..Database::default()
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Store(kind) => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let vpc = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let subnets = store_subnets(doc, kind, &sub);
            let sg = ensure_default_sg(doc, &vpc);
            let id = fresh_id(doc, kind.info().key);
            doc.data_stores.push(DataStore {
                id: id.as_str().into(),
                name: id.clone(),
                kind,
                subnets: subnets.iter().map(|s| s.as_str().into()).collect(),
                security_groups: vec![sg.as_str().into()],
                ..DataStore::default()
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Ec2 => {
            let (sub, pos) = subnet_for_drop(doc, at, &[])?;
            let vpc = subnet(doc, &sub).map(|s| s.vpc.0.clone()).unwrap_or_default();
            let sg = ensure_default_sg(doc, &vpc);
            let id = fresh_id(doc, "ec2");
            doc.instances.push(Instance {
                id: id.as_str().into(),
                name: id.clone(),
                subnet: sub.as_str().into(),
                security_groups: vec![sg.as_str().into()],
                ..Instance::default()
            });
            doc.layout.insert(id.clone(), point_rect(pos));
            id
        }
        PaletteItem::Service(service) => {
            if let Some(existing) = doc.services.iter().find(|s| s.service == service) {
                return Err(Refused::Select(existing.id.0.clone()));
            }
            let id = unique_id(doc, service.key());
            doc.services.push(ServiceNode {
                id: id.as_str().into(),
                name: short_title(service).into(),
                service,
            });
            doc.layout.insert(id.clone(), point_rect(at));
            note = None;
            id
        }
    };
    Ok((id, note))
}

/// The product name without the vendor prefix ("S3", "DynamoDB", "Secrets Manager").
pub fn short_title(s: AwsService) -> &'static str {
    let t = s.info().title;
    t.strip_prefix("Amazon ")
        .or_else(|| t.strip_prefix("AWS "))
        .unwrap_or(t)
}

/// The name of a data store's product as the palette and canvas show it: its short name
/// ("EFS", "Redis"), or, when two products share one ("MQ"), its title without the vendor.
pub fn store_label(kind: StoreKind) -> &'static str {
    let info = kind.info();
    if STORES.iter().filter(|s| s.short == info.short).count() > 1 {
        info.title.strip_prefix("Amazon ").unwrap_or(info.title)
    } else {
        info.short
    }
}

/// A DB subnet group for a database placed in `first`: that subnet, then one subnet of the
/// same VPC in another Availability Zone when there is one (RDS wants two AZs).
pub(super) fn db_subnet_group(doc: &Document, first: &str) -> Vec<String> {
    let mut group = vec![first.to_owned()];
    if let Some(s) = subnet(doc, first) {
        let public = topology::public_subnets(doc);
        let is_public = |x: &Subnet| public.contains(&x.id.as_str());
        let other = doc
            .subnets
            .iter()
            .filter(|o| o.vpc == s.vpc && o.az != s.az)
            .find(|o| is_public(o) == is_public(s))
            .or_else(|| doc.subnets.iter().find(|o| o.vpc == s.vpc && o.az != s.az));
        if let Some(o) = other {
            group.push(o.id.0.clone());
        }
    }
    group
}

/// The subnets of a data store placed in `first`: as for a database, that subnet and one in
/// another Availability Zone; an EFS file system gets a mount target in every AZ of the VPC
/// (one subnet per AZ, like `first` in being public or private), since a function reaches it
/// only through the mount target in its own AZ.
pub(super) fn store_subnets(doc: &Document, kind: StoreKind, first: &str) -> Vec<String> {
    if !kind.info().zonal {
        return db_subnet_group(doc, first);
    }
    let Some(s) = subnet(doc, first) else {
        return vec![first.to_owned()];
    };
    let mut out = vec![first.to_owned()];
    let publics = topology::public_subnets(doc);
    let is_public = |x: &Subnet| publics.contains(&x.id.as_str());
    let public = is_public(s);
    let mut azs = vec![s.az.clone()];
    // Subnets like `first` first, then any other, so each AZ gets the most similar one.
    let same_vpc = || doc.subnets.iter().filter(|o| o.vpc == s.vpc);
    for o in same_vpc()
        .filter(|o| is_public(o) == public)
        .chain(same_vpc().filter(|o| is_public(o) != public))
    {
        if !azs.contains(&o.az) {
            azs.push(o.az.clone());
            out.push(o.id.0.clone());
        }
    }
    out
}
