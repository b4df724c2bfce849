use super::*;

fn starter() -> Document {
    vpc_engine::model::load(include_str!("../../../designs/starter.json")).unwrap()
}

fn ok(doc: &Document, a: DocAction) -> Change {
    apply(doc, &a).unwrap_or_else(|e| panic!("{a:?} refused: {e:?}"))
}

fn centre_of(doc: &Document, id: &str) -> Point {
    let r = doc.layout[id];
    Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0)
}

#[test]
fn a_lambda_dropped_in_a_subnet_runs_there_with_a_security_group() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::AddComponent {
            item: PaletteItem::Lambda,
            at: centre_of(&doc, "private-a"),
        },
    );
    let id = &c.select.as_ref().unwrap()[0];
    let f = c.doc.functions.iter().find(|f| f.id.as_str() == id).unwrap();
    let cfg = f.vpc_config.as_ref().unwrap();
    assert_eq!(cfg.subnets, vec!["private-a".into()]);
    assert_eq!(cfg.security_groups, vec!["app-sg".into()]);
}

#[test]
fn a_lambda_dropped_outside_every_vpc_has_no_vpc_config() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::AddComponent {
            item: PaletteItem::Lambda,
            at: Point::new(-300.0, -300.0),
        },
    );
    let f = c.doc.functions.last().unwrap();
    assert!(f.vpc_config.is_none());
}

#[test]
fn a_subnet_dropped_in_a_vpc_gets_the_next_free_block_and_a_zone() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::AddComponent {
            item: PaletteItem::Subnet,
            at: Point::new(420.0, 330.0),
        },
    );
    let s = c.doc.subnets.last().unwrap();
    assert_eq!(s.vpc.as_str(), "main-vpc");
    assert_eq!(s.cidr.as_str(), "10.0.2.0/24");
    assert_eq!(s.az, "us-east-1c");
    assert!(geometry::contains_rect(
        &c.doc.layout["main-vpc"],
        &c.doc.layout[s.id.as_str()]
    ));
}

#[test]
fn a_subnet_dropped_on_other_subnets_moves_to_free_room_or_grows_the_vpc() {
    let doc = starter();
    // Dropped right on private-a: it must not overlap any subnet.
    let c = ok(
        &doc,
        DocAction::AddComponent {
            item: PaletteItem::Subnet,
            at: centre_of(&doc, "private-a"),
        },
    );
    let new = c.doc.layout[c.select.as_ref().unwrap()[0].as_str()];
    for s in &doc.subnets {
        assert!(
            !geometry::overlaps(&new, &doc.layout[s.id.as_str()]),
            "overlaps {}",
            s.id
        );
    }
    assert!(geometry::contains_rect(&c.doc.layout["main-vpc"], &new));
    assert!(
        c.doc.layout["main-vpc"].h > doc.layout["main-vpc"].h,
        "the full VPC grew"
    );
}

#[test]
fn a_subnet_outside_a_vpc_is_refused_with_a_reason() {
    let doc = starter();
    let r = apply(
        &doc,
        &DocAction::AddComponent {
            item: PaletteItem::Subnet,
            at: Point::new(2000.0, 2000.0),
        },
    );
    assert_eq!(r, Err(Refused::Note(Note::NeedsVpc)));
}

#[test]
fn a_new_vpc_gets_a_free_block() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::AddComponent {
            item: PaletteItem::Vpc,
            at: Point::new(2000.0, 2000.0),
        },
    );
    assert_eq!(c.doc.vpcs.last().unwrap().cidr.as_str(), "10.1.0.0/16");
}

#[test]
fn an_internet_gateway_snaps_to_the_vpc_edge_and_attaches() {
    let mut doc = starter();
    doc.internet_gateways.clear();
    doc.layout.remove("main-igw");
    let c = ok(
        &doc,
        DocAction::AddComponent {
            item: PaletteItem::Igw,
            at: Point::new(300.0, 45.0),
        },
    );
    let g = c.doc.internet_gateways.last().unwrap();
    assert_eq!(g.vpc.as_ref().map(|v| v.as_str()), Some("main-vpc"));
    let r = c.doc.layout[g.id.as_str()];
    assert_eq!((r.x, r.y), (300.0, 60.0));
}

#[test]
fn moving_a_lambda_to_another_subnet_moves_its_eni() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::MoveNode {
            id: "orders-fn".into(),
            to: centre_of(&doc, "private-a"),
        },
    );
    let cfg = c.doc.functions[0].vpc_config.as_ref().unwrap();
    // It was drawn in public-a; that subnet is replaced, public-b stays.
    assert_eq!(cfg.subnets, vec!["private-a".into(), "public-b".into()]);
}

#[test]
fn moving_a_lambda_out_of_the_vpc_detaches_it() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::MoveNode {
            id: "orders-fn".into(),
            to: Point::new(-200.0, 100.0),
        },
    );
    assert!(c.doc.functions[0].vpc_config.is_none());
}

#[test]
fn moving_a_vpc_carries_its_contents() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::MoveNode {
            id: "main-vpc".into(),
            to: Point::new(140.0, 160.0),
        },
    );
    for id in ["public-a", "orders-fn", "main-igw", "app-sg", "public-rt"] {
        assert_eq!(c.doc.layout[id].x, doc.layout[id].x + 100.0, "{id}");
        assert_eq!(c.doc.layout[id].y, doc.layout[id].y + 100.0, "{id}");
    }
    // Not the service, which belongs to no VPC and is drawn outside it.
    assert_eq!(c.doc.layout["s3"], doc.layout["s3"]);
}

#[test]
fn a_subnet_cannot_be_dragged_out_of_its_vpc() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::MoveNode {
            id: "private-b".into(),
            to: Point::new(5000.0, 350.0),
        },
    );
    assert!(geometry::contains_rect(
        &c.doc.layout["main-vpc"],
        &c.doc.layout["private-b"]
    ));
}

#[test]
fn connecting_a_subnet_that_shares_the_main_table_gives_it_its_own() {
    let mut doc = starter();
    doc.nat_gateways.push(NatGateway {
        id: "nat-1".into(),
        name: "nat-1".into(),
        subnet: "public-a".into(),
        ..Default::default()
    });
    doc.layout.insert(
        "nat-1".into(),
        Rect {
            x: 150.0,
            y: 250.0,
            w: 0.0,
            h: 0.0,
        },
    );
    let c = ok(
        &doc,
        DocAction::ConnectRoute {
            from: "private-a".into(),
            target: "nat-1".into(),
        },
    );
    let s = topology::subnet(&c.doc, "private-a").unwrap();
    let t = topology::effective_table(&c.doc, s).unwrap();
    assert_eq!(t.id.as_str(), "private-a-rt");
    assert_eq!(
        t.routes,
        vec![Route {
            destination: RouteDestination::Cidr("0.0.0.0/0".into()),
            target: RouteTarget::NatGateway("nat-1".into())
        }]
    );
    assert!(matches!(c.note, Some(Note::OwnTableCreated { ref others, .. }) if others == "private-b"));
    // private-b still uses the untouched main table.
    let b = topology::subnet(&c.doc, "private-b").unwrap();
    assert!(topology::effective_table(&c.doc, b).unwrap().routes.is_empty());
    assert_eq!(c.select, Some(vec!["private-a".into()]));
}

#[test]
fn connecting_to_a_gateway_endpoint_associates_the_table() {
    let mut doc = starter();
    doc.endpoints.push(Endpoint {
        id: "s3-gw".into(),
        name: String::new(),
        vpc: "main-vpc".into(),
        service: AwsService::S3,
        kind: EndpointKind::Gateway { route_tables: vec![] },
        policy: EndpointPolicy::AllowAll,
    });
    let c = ok(
        &doc,
        DocAction::ConnectRoute {
            from: "public-a".into(),
            target: "s3-gw".into(),
        },
    );
    assert_eq!(
        c.doc.endpoints[0].kind,
        EndpointKind::Gateway {
            route_tables: vec!["public-rt".into()]
        }
    );
    assert!(matches!(c.note, Some(Note::SharedTableChanged { .. })));
    assert_eq!(
        apply(
            &c.doc,
            &DocAction::ConnectRoute {
                from: "public-a".into(),
                target: "s3-gw".into()
            }
        ),
        Err(Refused::NoChange)
    );
}

#[test]
fn connecting_from_a_route_table_changes_that_table_for_all_its_subnets() {
    let mut doc = starter();
    doc.nat_gateways.push(NatGateway {
        id: "nat-1".into(),
        name: "nat-1".into(),
        subnet: "public-a".into(),
        ..Default::default()
    });
    doc.layout.insert(
        "nat-1".into(),
        Rect {
            x: 150.0,
            y: 250.0,
            w: 0.0,
            h: 0.0,
        },
    );
    let c = ok(
        &doc,
        DocAction::ConnectRoute {
            from: "private-rt".into(),
            target: "nat-1".into(),
        },
    );
    let t = topology::table(&c.doc, "private-rt").unwrap();
    assert_eq!(
        t.routes,
        vec![Route {
            destination: RouteDestination::Cidr("0.0.0.0/0".into()),
            target: RouteTarget::NatGateway("nat-1".into())
        }]
    );
    assert!(matches!(c.note, Some(Note::SharedTableChanged { ref others, .. }) if others == "private-a, private-b"));
    assert_eq!(c.doc.route_tables.len(), doc.route_tables.len(), "no new table");
    assert_eq!(c.select, Some(vec!["private-rt".into()]));
}

#[test]
fn connecting_to_something_that_is_not_a_gateway_is_refused() {
    let doc = starter();
    let r = apply(
        &doc,
        &DocAction::ConnectRoute {
            from: "private-a".into(),
            target: "orders-db".into(),
        },
    );
    assert_eq!(r, Err(Refused::Note(Note::NotARouteTarget)));
}

#[test]
fn a_malformed_cidr_is_refused_with_the_catalogue_id() {
    let doc = starter();
    let key = TextKey {
        id: "private-a".into(),
        field: TextField::Cidr,
    };
    match apply(
        &doc,
        &DocAction::SetText {
            key: key.clone(),
            text: "10.0.300.0/24".into(),
        },
    ) {
        Err(Refused::Invalid(m)) => {
            assert_eq!(m.id, ExplanationId::VCidrMalformed);
            assert!(m.args.iter().any(|(k, v)| *k == "value" && &**v == "10.0.300.0/24"));
        }
        other => panic!("{other:?}"),
    }
    // Rule I1: EC2 accepts host bits and stores the network; the text is kept as typed and
    // validation says which network is used.
    match apply(
        &doc,
        &DocAction::SetText {
            key: key.clone(),
            text: "10.0.10.5/24".into(),
        },
    ) {
        Ok(Change { doc: next, .. }) => {
            let s = next.subnets.iter().find(|s| s.id.as_str() == "private-a").unwrap();
            assert_eq!(s.cidr.as_str(), "10.0.10.5/24");
            let infos: Vec<_> = vpc_engine::validate::validate(&next)
                .into_iter()
                .filter(|d| d.message.id == ExplanationId::I1CidrHostBits)
                .collect();
            assert_eq!(infos.len(), 1, "{infos:?}");
            assert_eq!(infos[0].message.get("expected"), Some("10.0.10.0/24"));
        }
        other => panic!("{other:?}"),
    }
    match apply(
        &doc,
        &DocAction::SetText {
            key: key.clone(),
            text: "10.9.0.0/24".into(),
        },
    ) {
        Err(Refused::Invalid(m)) => assert_eq!(m.id, ExplanationId::VSubnetOutsideVpc),
        other => panic!("{other:?}"),
    }
    match apply(
        &doc,
        &DocAction::SetText {
            key: key.clone(),
            text: "10.0.11.0/24".into(),
        },
    ) {
        Err(Refused::Invalid(m)) => assert_eq!(m.id, ExplanationId::VSubnetsOverlap),
        other => panic!("{other:?}"),
    }
    let c = ok(
        &doc,
        DocAction::SetText {
            key,
            text: "10.0.20.0/24".into(),
        },
    );
    assert_eq!(
        topology::subnet(&c.doc, "private-a").unwrap().cidr.as_str(),
        "10.0.20.0/24"
    );
    assert!(c.merge.is_some());
}

#[test]
fn deleting_a_subnet_takes_what_lives_only_there_and_cleans_references() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::DeleteComponents {
            ids: vec!["public-a".into()],
        },
    );
    let cfg = c.doc.functions[0].vpc_config.as_ref().unwrap();
    assert_eq!(cfg.subnets, vec!["public-b".into()]);
    assert!(!c.doc.layout.contains_key("public-a"));
    let c = ok(
        &c.doc,
        DocAction::DeleteComponents {
            ids: vec!["public-b".into()],
        },
    );
    assert!(c.doc.functions.is_empty());
}

fn add(doc: &Document, item: PaletteItem, at: &str) -> (Document, String) {
    let c = ok(
        doc,
        DocAction::AddComponent {
            item,
            at: centre_of(doc, at),
        },
    );
    let id = c.select.unwrap()[0].clone();
    (c.doc, id)
}

fn store<'a>(doc: &'a Document, id: &str) -> &'a DataStore {
    doc.data_stores.iter().find(|d| d.id.as_str() == id).unwrap()
}

fn subnet_ids(list: &[SubnetId]) -> Vec<&str> {
    list.iter().map(|s| s.as_str()).collect()
}

#[test]
fn an_efs_file_system_dropped_in_a_subnet_gets_a_mount_target_in_every_az() {
    // The starter VPC has two AZs, each with a public and a private subnet. Dropped in
    // private-a, EFS gets private-a and the private subnet of the other AZ (us-east-1b).
    let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Efs), "private-a");
    assert_eq!(id, "efs-1");
    let s = store(&doc, &id);
    assert_eq!(s.kind, StoreKind::Efs);
    assert_eq!(subnet_ids(&s.subnets), ["private-a", "private-b"]);
    assert_eq!(s.security_groups, vec!["app-sg".into()]);
    assert!(s.ports.is_empty() && s.fronts.is_none() && !s.publicly_accessible);
    let r = doc.layout[&id];
    assert!(geometry::contains(&doc.layout["private-a"], Point::new(r.x, r.y)));
}

#[test]
fn a_cache_dropped_in_a_subnet_gets_a_subnet_group_like_a_database() {
    let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Redis), "public-b");
    let s = store(&doc, &id);
    assert_eq!((id.as_str(), s.kind), ("redis-1", StoreKind::Redis));
    // Its own subnet first, then one in the other AZ that is public like it.
    assert_eq!(subnet_ids(&s.subnets), ["public-b", "public-a"]);
}

#[test]
fn a_data_store_dropped_outside_every_subnet_is_refused() {
    let doc = starter();
    let err = apply(
        &doc,
        &DocAction::AddComponent {
            item: PaletteItem::Store(StoreKind::Msk),
            at: Point::new(-500.0, -500.0),
        },
    )
    .unwrap_err();
    assert!(matches!(err, Refused::Note(_)), "{err:?}");
}

#[test]
fn moving_an_efs_file_system_into_a_subnet_replaces_its_mount_target_in_that_az() {
    let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Efs), "private-a");
    // public-a is in us-east-1a, where private-a is its mount target: it takes its place,
    // and us-east-1b keeps private-b (one mount target per AZ).
    let c = ok(
        &doc,
        DocAction::MoveNode {
            id: id.clone(),
            to: centre_of(&doc, "public-a"),
        },
    );
    assert_eq!(subnet_ids(&store(&c.doc, &id).subnets), ["public-a", "private-b"]);
}

#[test]
fn deleting_subnets_groups_and_databases_cleans_data_store_references() {
    let (doc, proxy) = add(&starter(), PaletteItem::Store(StoreKind::RdsProxy), "private-a");
    let mut doc = doc;
    doc.data_stores[0].fronts = Some("orders-db".into());
    let (doc, efs) = add(&doc, PaletteItem::Store(StoreKind::Efs), "private-b");
    assert_eq!(subnet_ids(&store(&doc, &efs).subnets), ["private-b", "private-a"]);

    // A subnet goes: each store keeps its other subnets.
    let c = ok(
        &doc,
        DocAction::DeleteComponents {
            ids: vec!["private-a".into()],
        },
    );
    assert_eq!(subnet_ids(&store(&c.doc, &proxy).subnets), ["private-b"]);
    assert_eq!(subnet_ids(&store(&c.doc, &efs).subnets), ["private-b"]);
    // The database behind the proxy goes (its subnet group lost only one subnet): the
    // proxy fronts nothing, and nothing else changes.
    let c = ok(
        &c.doc,
        DocAction::DeleteComponents {
            ids: vec!["orders-db".into()],
        },
    );
    assert_eq!(store(&c.doc, &proxy).fronts, None);
    assert_eq!(subnet_ids(&store(&c.doc, &proxy).subnets), ["private-b"]);
    // The group goes: no store names it.
    let c = ok(
        &c.doc,
        DocAction::DeleteComponents {
            ids: vec!["app-sg".into()],
        },
    );
    assert!(c.doc.data_stores.iter().all(|d| d.security_groups.is_empty()));
    // The last subnet goes: a store cannot exist without one, and its place goes with it.
    let c = ok(
        &c.doc,
        DocAction::DeleteComponents {
            ids: vec!["private-b".into()],
        },
    );
    assert!(c.doc.data_stores.is_empty());
    assert!(!c.doc.layout.contains_key(&proxy) && !c.doc.layout.contains_key(&efs));
}

#[test]
fn duplicating_a_data_store_copies_it_with_a_fresh_id_and_the_same_placement() {
    let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Memcached), "private-a");
    let c = ok(&doc, DocAction::DuplicateComponents { ids: vec![id.clone()] });
    let copy = c.select.unwrap()[0].clone();
    assert_eq!(copy, "memcached-1-copy");
    let (a, b) = (store(&c.doc, &id), store(&c.doc, &copy));
    assert_eq!((b.name.as_str(), b.kind), ("memcached-1-copy", StoreKind::Memcached));
    assert_eq!((&b.subnets, &b.security_groups), (&a.subnets, &a.security_groups));
    assert_eq!(c.doc.layout[&copy].x, c.doc.layout[&id].x + 30.0);
}

#[test]
fn every_kind_of_component_round_trips_through_the_component_enum() {
    // Get, put and push are derived from the engine's one list of document collections:
    // each component of a design that has every kind comes back as itself.
    let (doc, _) = add(&starter(), PaletteItem::Store(StoreKind::Efs), "private-a");
    let (doc, _) = add(&doc, PaletteItem::Ec2, "private-b");
    let (doc, _) = add(&doc, PaletteItem::Nat, "public-a");
    let (doc, _) = add(&doc, PaletteItem::InterfaceEndpoint, "private-a");
    let kinds: Vec<ComponentKind> = doc.components().map(|(_, k)| k).collect();
    for (id, kind) in doc.components() {
        let c = Component::get(&doc, id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!((c.id(), c.kind()), (id, kind));
        let mut renamed = c.clone();
        renamed.set_name("renamed".into());
        let mut next = doc.clone();
        assert!(renamed.put(&mut next), "{id}");
        assert_eq!(next.display_name(id), "renamed");
    }
    for k in [
        ComponentKind::DataStore,
        ComponentKind::Instance,
        ComponentKind::NatGateway,
    ] {
        assert!(kinds.contains(&k), "{k:?}");
    }
}

#[test]
fn store_ports_are_validated_and_a_bad_one_is_not_committed() {
    let (doc, id) = add(&starter(), PaletteItem::Store(StoreKind::Redis), "private-a");
    let key = TextKey {
        id: id.clone(),
        field: TextField::StorePorts,
    };
    let c = ok(
        &doc,
        DocAction::SetText {
            key: key.clone(),
            text: "6379, 6380 ,".into(),
        },
    );
    assert_eq!(store(&c.doc, &id).ports, [6379, 6380]);
    assert_eq!(text_value(&c.doc, &key), "6379, 6380");
    for bad in ["6379, 70000", "0", "redis"] {
        let Err(Refused::Invalid(m)) = apply(
            &c.doc,
            &DocAction::SetText {
                key: key.clone(),
                text: bad.into(),
            },
        ) else {
            panic!("{bad} was accepted");
        };
        assert_eq!(m.id, ExplanationId::VStorePort);
        let shown = m.render(vpc_engine::explain::Lang::En);
        assert!(
            shown.contains(bad.rsplit(", ").next().unwrap()) && shown.contains("65535"),
            "{shown}"
        );
    }
    // Empty: the product's default ports again.
    let c = ok(&c.doc, DocAction::SetText { key, text: " ".into() });
    assert!(store(&c.doc, &id).ports.is_empty());
}

#[test]
fn deleting_a_vpc_deletes_everything_in_it() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::DeleteComponents {
            ids: vec!["main-vpc".into()],
        },
    );
    let left: Vec<_> = c.doc.components().map(|(id, _)| id.to_owned()).collect();
    assert_eq!(left, ["s3"]);
}

#[test]
fn deleting_a_security_group_removes_rules_that_name_it() {
    let mut doc = starter();
    doc.security_groups
        .push(SecurityGroup::with_default_rules("db-sg", "db-sg", "main-vpc".into()));
    doc.security_groups[1]
        .inbound
        .push(SgRule::tcp(5432, SgPeer::SecurityGroup("app-sg".into())));
    let c = ok(
        &doc,
        DocAction::DeleteComponents {
            ids: vec!["app-sg".into()],
        },
    );
    assert!(c.doc.security_groups[0].inbound.is_empty());
    assert!(c.doc.functions[0]
        .vpc_config
        .as_ref()
        .unwrap()
        .security_groups
        .is_empty());
}

#[test]
fn duplicating_a_subnet_gives_a_fresh_block() {
    let doc = starter();
    let c = ok(
        &doc,
        DocAction::DuplicateComponents {
            ids: vec!["private-a".into()],
        },
    );
    assert_eq!(c.select, Some(vec!["private-a-copy".into()]));
    let s = topology::subnet(&c.doc, "private-a-copy").unwrap();
    assert_eq!(s.cidr.as_str(), "10.0.2.0/24");
}

#[test]
fn update_component_replaces_by_id_and_same_value_is_no_change() {
    let doc = starter();
    let Some(Component::Function(mut f)) = Component::get(&doc, "orders-fn") else {
        panic!()
    };
    assert_eq!(
        apply(
            &doc,
            &DocAction::UpdateComponent {
                value: Component::Function(f.clone()),
                merge: None
            }
        ),
        Err(Refused::NoChange)
    );
    f.name = "orders".into();
    let c = ok(
        &doc,
        DocAction::UpdateComponent {
            value: Component::Function(f),
            merge: None,
        },
    );
    assert_eq!(c.doc.display_name("orders-fn"), "orders");
}

#[test]
fn membership_changed_in_the_inspector_is_redrawn() {
    let doc = starter();
    let inside = |d: &Document, id: &str, container: &str| {
        let p = d.layout[id];
        geometry::contains(&d.layout[container], Point::new(p.x, p.y))
    };
    // A function taken out of its VPC is drawn outside it.
    let Some(Component::Function(mut f)) = Component::get(&doc, "orders-fn") else {
        panic!()
    };
    f.vpc_config = None;
    let c = ok(
        &doc,
        DocAction::UpdateComponent {
            value: Component::Function(f),
            merge: None,
        },
    );
    assert!(
        !inside(&c.doc, "orders-fn", "main-vpc"),
        "{:?}",
        c.doc.layout["orders-fn"]
    );
    // A database given other subnets is drawn in the first of them.
    let Some(Component::Database(mut db)) = Component::get(&doc, "orders-db") else {
        panic!()
    };
    db.subnet_group = vec!["public-b".into(), "public-a".into()];
    let c = ok(
        &doc,
        DocAction::UpdateComponent {
            value: Component::Database(db),
            merge: None,
        },
    );
    assert!(
        inside(&c.doc, "orders-db", "public-b"),
        "{:?}",
        c.doc.layout["orders-db"]
    );
    // One still drawn in one of its subnets stays where it is.
    let Some(Component::Database(mut db)) = Component::get(&doc, "orders-db") else {
        panic!()
    };
    db.subnet_group = vec!["private-b".into(), "private-a".into()];
    let c = ok(
        &doc,
        DocAction::UpdateComponent {
            value: Component::Database(db),
            merge: None,
        },
    );
    assert_eq!(c.doc.layout["orders-db"], doc.layout["orders-db"]);
}

#[test]
fn a_security_group_dropped_on_a_component_is_attached_and_stays_where_it_was() {
    let mut doc = starter();
    doc.security_groups
        .push(SecurityGroup::with_default_rules("db-sg", "db-sg", "main-vpc".into()));
    doc.layout.insert("db-sg".into(), point_rect(Point::new(600.0, 120.0)));
    let drop = |doc: &Document, on: &str| {
        apply(
            doc,
            &DocAction::MoveNode {
                id: "db-sg".into(),
                to: centre_of(doc, on),
            },
        )
    };
    let c = drop(&doc, "orders-db").unwrap();
    assert!(c.doc.databases[0].security_groups.iter().any(|s| s.as_str() == "db-sg"));
    assert_eq!(c.doc.layout["db-sg"], doc.layout["db-sg"], "the group is not moved");
    assert!(matches!(c.note, Some(Note::SgAttached { .. })));
    assert_eq!(crate::topology::sg_users(&c.doc, "db-sg"), vec!["orders-db"]);
    // Twice: said, nothing changes.
    assert!(matches!(
        drop(&c.doc, "orders-db"),
        Err(Refused::Note(Note::SgAlreadyAttached { .. }))
    ));
    // Dropped on empty space it just moves.
    let c = apply(
        &doc,
        &DocAction::MoveNode {
            id: "db-sg".into(),
            to: Point::new(650.0, 130.0),
        },
    )
    .unwrap();
    assert!(c.doc.databases[0].security_groups.iter().all(|s| s.as_str() != "db-sg"));
    assert_ne!(c.doc.layout["db-sg"], doc.layout["db-sg"]);
}

#[test]
fn default_new_route_prefers_nat_then_igw() {
    let doc = starter();
    assert_eq!(
        default_new_route(&doc, "private-rt").unwrap().target,
        RouteTarget::InternetGateway("main-igw".into())
    );
    let c = ok(
        &doc,
        DocAction::AddRoute {
            table: "private-rt".into(),
        },
    );
    assert_eq!(c.doc.route_tables[1].routes.len(), 1);
    // public-rt already has 0.0.0.0/0; the next one is ::/0 through the gateway.
    let r = default_new_route(&doc, "public-rt").unwrap();
    assert_eq!(r.destination, RouteDestination::Cidr("::/0".into()));
}

#[test]
fn a_service_is_drawn_once() {
    let doc = starter();
    let r = apply(
        &doc,
        &DocAction::AddComponent {
            item: PaletteItem::Service(AwsService::S3),
            at: Point::new(0.0, 0.0),
        },
    );
    assert_eq!(r, Err(Refused::Select("s3".into())));
    let c = ok(
        &doc,
        DocAction::AddComponent {
            item: PaletteItem::Service(AwsService::Sqs),
            at: Point::new(900.0, 520.0),
        },
    );
    assert_eq!(c.doc.services.last().unwrap().id.as_str(), "sqs");
}

#[test]
fn inline_errors_fill_every_placeholder_of_their_catalogue_text() {
    let doc = starter();
    let cases = [
        (TextField::Cidr, "private-a", "10.0.300.0/24"),
        // (Host bits, 10.0.10.5/24, are accepted since rule I1: see the test above.)
        (TextField::Cidr, "private-a", "10.9.0.0/24"),
        (TextField::Cidr, "private-a", "10.0.11.0/24"),
        (TextField::Cidr, "private-a", "10.0.0.0/30"),
        (TextField::Cidr, "main-vpc", "10.0.0.0/33"),
        (TextField::Ipv6Cidr, "private-a", "2600:1f18::/64"),
        (TextField::RouteDestination(0), "public-rt", "nonsense"),
        (
            TextField::SgRuleCidr {
                inbound: false,
                index: 0,
            },
            "app-sg",
            "0.0.0.0/99",
        ),
    ];
    for (field, id, text) in cases {
        let key = TextKey {
            id: id.into(),
            field: field.clone(),
        };
        let Err(Refused::Invalid(msg)) = apply(&doc, &DocAction::SetText { key, text: text.into() }) else {
            panic!("{field:?} {text} should be refused");
        };
        for lang in [vpc_engine::explain::Lang::En, vpc_engine::explain::Lang::Zh] {
            let rendered = msg.render(lang);
            assert!(!rendered.contains('{'), "{:?} {lang:?}: {rendered}", msg.id);
        }
    }
    // A duplicate destination in one table.
    let mut doc = starter();
    doc.route_tables[0].routes.push(Route {
        destination: RouteDestination::Cidr("10.1.0.0/16".into()),
        target: RouteTarget::InternetGateway("main-igw".into()),
    });
    let key = TextKey {
        id: "public-rt".into(),
        field: TextField::RouteDestination(1),
    };
    let Err(Refused::Invalid(msg)) = apply(
        &doc,
        &DocAction::SetText {
            key,
            text: "0.0.0.0/0".into(),
        },
    ) else {
        panic!()
    };
    assert_eq!(msg.id, ExplanationId::VDuplicateRoute);
    assert!(!msg.render(vpc_engine::explain::Lang::En).contains('{'));
}
