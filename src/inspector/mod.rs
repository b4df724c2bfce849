//! The inspector: edits the selected component. Every control dispatches a document action;
//! typed values that are invalid stay drafts in the view with the catalogue's message.

mod fields;
mod rules;

use crate::i18n::{self, T};
use crate::shared::Shared;
use crate::state::document::short_title;
use crate::state::{Action, Component, DocAction, Drafts, TextField, TextKey};
use crate::topology;
use fields::{checkbox, checklist, number, plain_text, row, select, text_field, Ctx};
use std::rc::Rc;
use vpc_engine::explain::Lang;
use vpc_engine::model::{
    AwsService, Connectivity, DataStore, DatabaseEngine, Document, EndpointKind, EndpointPolicy, StoreKind, Tenancy,
    VpcConfig, VpcId, STORES,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub doc: Shared<Document>,
    pub selected: Option<String>,
    pub drafts: Drafts,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

fn subnet_options(doc: &Document, vpc: Option<&str>) -> Vec<(String, String)> {
    doc.subnets
        .iter()
        .filter(|s| vpc.is_none_or(|v| s.vpc.as_str() == v))
        .map(|s| {
            (
                s.id.0.clone(),
                format!("{} · {} · {}", doc.display_name(s.id.as_str()), s.cidr.as_str(), s.az),
            )
        })
        .collect()
}

fn sg_options(doc: &Document, vpc: Option<&str>) -> Vec<(String, String)> {
    doc.security_groups
        .iter()
        .filter(|g| vpc.is_none_or(|v| g.vpc.as_str() == v))
        .map(|g| (g.id.0.clone(), doc.display_name(g.id.as_str()).to_owned()))
        .collect()
}

/// Route tables of `vpc`, after a first "no explicit association" option labelled `none`.
fn route_table_options(doc: &Document, vpc: &VpcId, none: String) -> Vec<(String, String)> {
    std::iter::once((String::new(), none))
        .chain(
            doc.route_tables
                .iter()
                .filter(|t| t.vpc == *vpc)
                .map(|t| (t.id.0.clone(), doc.display_name(t.id.as_str()).to_owned())),
        )
        .collect()
}

/// Network ACLs of `vpc`, after a first "the VPC's default NACL" option.
fn nacl_options(ctx: &Ctx, doc: &Document, vpc: &VpcId) -> Vec<(String, String)> {
    std::iter::once((String::new(), ctx.t(T::DefaultNacl).to_owned()))
        .chain(
            doc.network_acls
                .iter()
                .filter(|n| n.vpc == *vpc)
                .map(|n| (n.id.0.clone(), doc.display_name(n.id.as_str()).to_owned())),
        )
        .collect()
}

fn vpc_options(doc: &Document) -> Vec<(String, String)> {
    doc.vpcs
        .iter()
        .map(|v| {
            (
                v.id.0.clone(),
                format!("{} · {}", doc.display_name(v.id.as_str()), v.cidr.as_str()),
            )
        })
        .collect()
}

/// Database engines: value, select key, display name.
const ENGINES: [(DatabaseEngine, &str, &str); 5] = [
    (DatabaseEngine::Postgres, "postgres", "PostgreSQL"),
    (DatabaseEngine::Mysql, "mysql", "MySQL"),
    (DatabaseEngine::Mariadb, "mariadb", "MariaDB"),
    (DatabaseEngine::Oracle, "oracle", "Oracle"),
    (DatabaseEngine::SqlServer, "sql_server", "SQL Server"),
];

/// Services for a selector: `(key, "title (key)")` of those `keep` accepts, sorted by title
/// (without the vendor prefix, so "CloudWatch" is under C), then key.
fn service_options(keep: impl Fn(AwsService) -> bool) -> Rc<Vec<(String, String)>> {
    let mut v: Vec<(String, String)> = AwsService::all()
        .filter(|s| keep(*s))
        .map(|s| (s.key().to_owned(), format!("{} ({})", short_title(s), s.key())))
        .collect();
    // ASCII case folding: the titles are ASCII, and Unicode case tables would cost the
    // download kilobytes.
    let folded = |s: &str| s.bytes().map(|c| c.to_ascii_lowercase()).collect::<Vec<u8>>();
    vpc_engine::order::sort_by(&mut v, |a, b| folded(&a.1).cmp(&folded(&b.1)));
    Rc::new(v)
}

#[derive(Properties, PartialEq)]
struct ServicePickerProps {
    options: Rc<Vec<(String, String)>>,
    current: AttrValue,
    testid: AttrValue,
    lang: Lang,
    onchange: Callback<String>,
}

/// A service selector for hundreds of services: a filter field above a select that lists
/// the services whose title or key contains the filter (the current one always). Keyed by
/// the component it edits, so selecting another one starts with an empty filter.
#[component]
fn ServicePicker(props: &ServicePickerProps) -> Html {
    let filter = use_state(String::new);
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(fields::input_value(&e)))
    };
    let needle = filter.trim().to_ascii_lowercase();
    let shown: Vec<(String, String)> = props
        .options
        .iter()
        .filter(|(k, l)| *k == *props.current || needle.is_empty() || l.to_ascii_lowercase().contains(&needle))
        .cloned()
        .collect();
    let count = i18n::fill(
        T::ServicesShown.get(props.lang),
        &[
            ("count", &shown.len().to_string()),
            ("total", &props.options.len().to_string()),
        ],
    );
    html! {
        <span class="service-picker">
            <input type="search" class="text" data-testid={format!("{}.filter", props.testid)}
                   placeholder={T::FilterServices.get(props.lang)} aria-label={T::FilterServices.get(props.lang)}
                   value={(*filter).clone()} oninput={oninput} spellcheck="false" autocomplete="off" />
            { select(shown, &props.current, Some(props.testid.to_string()), props.onchange.clone()) }
            <span class="muted service-count" data-testid={format!("{}.count", props.testid)}>{ count }</span>
        </span>
    }
}

/// The form of a data store: its product, ports, subnets, groups, and what only some
/// products have (a public address, the database an RDS Proxy fronts).
fn store_form(ctx: &Ctx, doc: &Document, c: &Component, d: &DataStore) -> Html {
    let info = d.kind.info();
    let vpc = d
        .subnets
        .first()
        .and_then(|s| topology::subnet(doc, s.as_str()))
        .map(|s| s.vpc.0.clone());
    let kinds: Vec<(String, String)> = STORES.iter().map(|s| (s.key.to_owned(), s.title.to_owned())).collect();
    let defaults = info.ports.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    let ports_key = TextKey {
        id: d.id.0.clone(),
        field: TextField::StorePorts,
    };
    let ports = d.ports.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    let subnets_label = if info.zonal { T::MountTargets } else { T::Subnets };
    html! {
        <>
            { row(ctx.t(T::StoreKindLabel), select(kinds, info.key, Some("inspector.store-kind".into()),
                ctx.edit(c, None, |c, v: String| if let (Component::DataStore(x), Some(k)) = (c, StoreKind::from_key(&v)) {
                    if x.kind != k {
                        // Subnets and groups stay; what belongs to the old product goes:
                        // its own ports (the new product listens on its defaults), a public
                        // address the new one cannot have, the database only a proxy fronts.
                        x.kind = k;
                        x.ports.clear();
                        if !k.info().can_be_public { x.publicly_accessible = false; }
                        if k != StoreKind::RdsProxy { x.fronts = None; }
                    }
                }))) }
            { row(ctx.t(T::Ports), text_field(ctx, ports_key, ports, "inspector.store-ports",
                &i18n::fill(ctx.t(T::PortsDefault), &[("ports", &defaults)]))) }
            if info.can_be_public {
                { checkbox(ctx.t(T::PubliclyAccessible), d.publicly_accessible, ctx.edit(c, None, |c, on: bool| if let Component::DataStore(x) = c { x.publicly_accessible = on })) }
            }
            if d.kind == StoreKind::RdsProxy {
                { row(ctx.t(T::Fronts), select(
                    std::iter::once((String::new(), ctx.t(T::NoneOption).to_owned()))
                        .chain(doc.databases.iter()
                            .filter(|db| vpc.is_none() || db.subnet_group.first().and_then(|s| topology::subnet(doc, s.as_str())).map(|s| s.vpc.0.clone()) == vpc
                                || d.fronts.as_ref() == Some(&db.id))
                            .map(|db| (db.id.0.clone(), doc.display_name(db.id.as_str()).to_owned())))
                        .collect(),
                    d.fronts.as_ref().map(|f| f.as_str()).unwrap_or_default(), Some("inspector.store-fronts".into()),
                    ctx.edit(c, None, |c, v: String| if let Component::DataStore(x) = c { x.fronts = (!v.is_empty()).then(|| v.as_str().into()) }))) }
            }
            { checklist(ctx.t(subnets_label), subnet_options(doc, vpc.as_deref()), ids(&d.subnets), ctx.edit(c, None, |c, v: Vec<String>| {
                if let Component::DataStore(x) = c { x.subnets = v.iter().map(|s| s.as_str().into()).collect(); }
            })) }
            if info.zonal {
                <p class="note">{ ctx.t(T::MountTargetNote) }</p>
            }
            { checklist(ctx.t(T::SecurityGroups), sg_options(doc, vpc.as_deref()), ids(&d.security_groups), ctx.edit(c, None, |c, v: Vec<String>| {
                if let Component::DataStore(x) = c { x.security_groups = v.iter().map(|s| s.as_str().into()).collect(); }
            })) }
            <p class="note"><a href={info.doc} target="_blank" rel="noopener noreferrer">{ info.title }{ " · " }{ ctx.t(T::CardDocs) }{ " ↗" }</a></p>
        </>
    }
}

fn ids<T: AsRef<str>>(list: &[T]) -> Vec<String> {
    list.iter().map(|x| x.as_ref().to_owned()).collect()
}

fn cidr_key(id: &str) -> TextKey {
    TextKey {
        id: id.to_owned(),
        field: TextField::Cidr,
    }
}

fn ipv6_key(id: &str) -> TextKey {
    TextKey {
        id: id.to_owned(),
        field: TextField::Ipv6Cidr,
    }
}

#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let lang = props.lang;
    let doc = &props.doc.0;
    let ctx = Ctx {
        lang,
        dispatch: props.dispatch.clone(),
        drafts: props.drafts.clone(),
    };
    let Some(id) = props.selected.as_deref() else {
        return html! {
            <section class="panel inspector" data-testid="inspector" aria-label={T::InspectorLabel.get(lang)}>
                <p class="empty">{ T::InspectorEmpty.get(lang) }</p>
            </section>
        };
    };
    let Some(component) = Component::get(doc, id) else {
        return html! { <section class="panel inspector" data-testid="inspector" aria-label={T::InspectorLabel.get(lang)} /> };
    };
    let kind = topology::kind_of(doc, id).expect("the component exists");
    let name = {
        let current = component.name().to_owned();
        let on = ctx.edit(&component, Some(format!("name:{id}")), |c, v: String| c.set_name(v));
        row(ctx.t(T::Name), plain_text(&current, Some("inspector.name"), on))
    };
    let body = form(&ctx, doc, &component);
    html! {
        <section class="panel inspector" data-testid="inspector" aria-label={T::InspectorLabel.get(lang)}>
            <header class="inspector-head">
                <span class="kind">{ match &component {
                    Component::DataStore(d) => d.kind.info().title,
                    _ => i18n::kind_name(kind, lang),
                } }</span>
                <code class="id" title={ctx.t(T::Id)}>{ id }</code>
            </header>
            { name }
            { body }
        </section>
    }
}

fn form(ctx: &Ctx, doc: &Document, component: &Component) -> Html {
    let lang = ctx.lang;
    match component {
        Component::Vpc(v) => {
            let id = v.id.as_str();
            let tables = route_table_options(doc, &v.id, ctx.t(T::NoneOption).to_owned());
            let nacls = nacl_options(ctx, doc, &v.id);
            let c = component;
            html! {
                <>
                    { row(ctx.t(T::Cidr), text_field(ctx, cidr_key(id), v.cidr.0.clone(), "inspector.cidr", "10.0.0.0/16")) }
                    { row(ctx.t(T::Ipv6Cidr), text_field(ctx, ipv6_key(id), v.ipv6_cidr.as_ref().map(|c| c.0.clone()).unwrap_or_default(), "inspector.ipv6-cidr", ctx.t(T::Ipv6Placeholder))) }
                    { checkbox(ctx.t(T::DnsSupport), v.enable_dns_support, ctx.edit(c, None, |c, on: bool| if let Component::Vpc(x) = c { x.enable_dns_support = on })) }
                    { checkbox(ctx.t(T::DnsHostnames), v.enable_dns_hostnames, ctx.edit(c, None, |c, on: bool| if let Component::Vpc(x) = c { x.enable_dns_hostnames = on })) }
                    { row(ctx.t(T::MainRouteTable), select(tables, v.main_route_table.as_ref().map(|t| t.as_str()).unwrap_or_default(), None,
                        ctx.edit(c, None, |c, t: String| if let Component::Vpc(x) = c { x.main_route_table = (!t.is_empty()).then(|| t.as_str().into()) }))) }
                    { row(ctx.t(T::DefaultNaclSetting), select(nacls, v.default_nacl.as_ref().map(|t| t.as_str()).unwrap_or_default(), None,
                        ctx.edit(c, None, |c, t: String| if let Component::Vpc(x) = c { x.default_nacl = (!t.is_empty()).then(|| t.as_str().into()) }))) }
                    { row(ctx.t(T::Tenancy), select(
                        vec![("default".into(), ctx.t(T::TenancyDefault).into()), ("dedicated".into(), ctx.t(T::TenancyDedicated).into())],
                        if v.tenancy == Tenancy::Dedicated { "dedicated" } else { "default" }, None,
                        ctx.edit(c, None, |c, t: String| if let Component::Vpc(x) = c { x.tenancy = if t == "dedicated" { Tenancy::Dedicated } else { Tenancy::Default } }))) }
                </>
            }
        }
        Component::Subnet(s) => {
            let id = s.id.as_str();
            let region = if doc.region.is_empty() {
                "us-east-1"
            } else {
                doc.region.as_str()
            };
            let mut azs: Vec<(String, String)> = ["a", "b", "c", "d", "e", "f"]
                .iter()
                .map(|l| (format!("{region}{l}"), format!("{region}{l}")))
                .collect();
            if !azs.iter().any(|(v, _)| *v == s.az) {
                azs.insert(0, (s.az.clone(), s.az.clone()));
            }
            let main_label = match topology::main_table(doc, s.vpc.as_str()) {
                Some(t) => format!("{} ({})", ctx.t(T::MainTableOption), doc.display_name(t.id.as_str())),
                None => ctx.t(T::MainTableOption).to_owned(),
            };
            let tables = route_table_options(doc, &s.vpc, main_label);
            let nacls = nacl_options(ctx, doc, &s.vpc);
            let c = component;
            let effective = topology::effective_table(doc, s);
            let shares =
                effective.is_some_and(|t| topology::subnets_using(doc, t.id.as_str()).len() > 1) || effective.is_none();
            let own = {
                let ctx = ctx.clone();
                let id = id.to_owned();
                Callback::from(move |_| ctx.doc(DocAction::GiveSubnetOwnTable { subnet: id.clone() }))
            };
            html! {
                <>
                    { row(ctx.t(T::Cidr), text_field(ctx, cidr_key(id), s.cidr.0.clone(), "inspector.cidr", "10.0.0.0/24")) }
                    { row(ctx.t(T::Ipv6Cidr), text_field(ctx, ipv6_key(id), s.ipv6_cidr.as_ref().map(|c| c.0.clone()).unwrap_or_default(), "inspector.ipv6-cidr", ctx.t(T::Ipv6Placeholder))) }
                    { row(ctx.t(T::Az), select(azs, &s.az, Some("inspector.az".into()), ctx.edit(c, None, |c, az: String| if let Component::Subnet(x) = c { x.az = az }))) }
                    { row(ctx.t(T::RouteTable), select(tables, s.route_table.as_ref().map(|t| t.as_str()).unwrap_or_default(), Some("inspector.route-table".into()),
                        ctx.edit(c, None, |c, t: String| if let Component::Subnet(x) = c { x.route_table = (!t.is_empty()).then(|| t.as_str().into()) }))) }
                    { row(ctx.t(T::Nacl), select(nacls, s.nacl.as_ref().map(|t| t.as_str()).unwrap_or_default(), None,
                        ctx.edit(c, None, |c, t: String| if let Component::Subnet(x) = c { x.nacl = (!t.is_empty()).then(|| t.as_str().into()) }))) }
                    if s.route_table.is_none() {
                        <p class="note">{ if effective.is_some() { ctx.t(T::UsesMainTable) } else { ctx.t(T::ImplicitMainTable) } }</p>
                    }
                    if shares {
                        <button type="button" class="small" onclick={own}>{ ctx.t(T::OwnTable) }</button>
                    }
                    if let Some(t) = effective { { rules::routes(ctx, doc, t.id.as_str()) } }
                </>
            }
        }
        Component::RouteTable(t) => {
            let users = topology::subnets_using(doc, t.id.as_str());
            html! {
                <>
                    { rules::routes(ctx, doc, t.id.as_str()) }
                    <h3>{ ctx.t(T::UsedBySubnets) }</h3>
                    <p class="note">{ if users.is_empty() { "—".to_owned() } else { users.iter().map(|s| doc.display_name(s.id.as_str())).collect::<Vec<_>>().join(", ") } }</p>
                </>
            }
        }
        Component::Igw(g) => {
            let opts: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(T::Detached).to_owned()))
                .chain(vpc_options(doc))
                .collect();
            html! { row(ctx.t(T::AttachedTo), select(opts, g.vpc.as_ref().map(|v| v.as_str()).unwrap_or_default(), None,
            ctx.edit(component, None, |c, v: String| if let Component::Igw(x) = c { x.vpc = (!v.is_empty()).then(|| v.as_str().into()) }))) }
        }
        Component::Eigw(g) => {
            let opts: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(T::Detached).to_owned()))
                .chain(vpc_options(doc))
                .collect();
            html! { row(ctx.t(T::AttachedTo), select(opts, g.vpc.as_ref().map(|v| v.as_str()).unwrap_or_default(), None,
            ctx.edit(component, None, |c, v: String| if let Component::Eigw(x) = c { x.vpc = (!v.is_empty()).then(|| v.as_str().into()) }))) }
        }
        Component::Nat(n) => {
            let c = component;
            html! {
                <>
                    { row(ctx.t(T::Subnet), select(subnet_options(doc, None), n.subnet.as_str(), None,
                        ctx.edit(c, None, |c, v: String| if let Component::Nat(x) = c { x.subnet = v.as_str().into() }))) }
                    { row(ctx.t(T::Connectivity), select(
                        vec![("public".into(), ctx.t(T::ConnPublic).into()), ("private".into(), ctx.t(T::ConnPrivate).into())],
                        if n.connectivity == Connectivity::Private { "private" } else { "public" }, None,
                        ctx.edit(c, None, |c, v: String| if let Component::Nat(x) = c { x.connectivity = if v == "private" { Connectivity::Private } else { Connectivity::Public } }))) }
                    { checkbox(ctx.t(T::ElasticIp), n.elastic_ip, ctx.edit(c, None, |c, on: bool| if let Component::Nat(x) = c { x.elastic_ip = on })) }
                </>
            }
        }
        Component::Peering(p) => {
            let c = component;
            html! {
                <>
                    { row(ctx.t(T::Requester), select(vpc_options(doc), p.requester_vpc.as_str(), None,
                        ctx.edit(c, None, |c, v: String| if let Component::Peering(x) = c { x.requester_vpc = v.as_str().into() }))) }
                    { row(ctx.t(T::Accepter), select(vpc_options(doc), p.accepter_vpc.as_str(), None,
                        ctx.edit(c, None, |c, v: String| if let Component::Peering(x) = c { x.accepter_vpc = v.as_str().into() }))) }
                </>
            }
        }
        Component::Endpoint(e) => {
            let c = component;
            let gateway = matches!(e.kind, EndpointKind::Gateway { .. });
            let services = service_options(|s| {
                if gateway {
                    s.info().gateway_endpoint
                } else {
                    s.info().interface_endpoint
                }
            });
            let kind_fields = match &e.kind {
                EndpointKind::Gateway { route_tables } => {
                    let opts: Vec<(String, String)> = doc
                        .route_tables
                        .iter()
                        .filter(|t| t.vpc == e.vpc)
                        .map(|t| (t.id.0.clone(), doc.display_name(t.id.as_str()).to_owned()))
                        .collect();
                    checklist(
                        ctx.t(T::AssociatedTables),
                        opts,
                        ids(route_tables),
                        ctx.edit(c, None, |c, v: Vec<String>| {
                            if let Component::Endpoint(x) = c {
                                if let EndpointKind::Gateway { route_tables } = &mut x.kind {
                                    *route_tables = v.iter().map(|s| s.as_str().into()).collect();
                                }
                            }
                        }),
                    )
                }
                EndpointKind::Interface {
                    subnets,
                    security_groups,
                    private_dns,
                } => html! {
                    <>
                        { checkbox(ctx.t(T::PrivateDns), *private_dns, ctx.edit(c, None, |c, on: bool| {
                            if let Component::Endpoint(x) = c { if let EndpointKind::Interface { private_dns, .. } = &mut x.kind { *private_dns = on; } }
                        })) }
                        { checklist(ctx.t(T::Subnets), subnet_options(doc, Some(e.vpc.as_str())), ids(subnets), ctx.edit(c, None, |c, v: Vec<String>| {
                            if let Component::Endpoint(x) = c { if let EndpointKind::Interface { subnets, .. } = &mut x.kind { *subnets = v.iter().map(|s| s.as_str().into()).collect(); } }
                        })) }
                        { checklist(ctx.t(T::SecurityGroups), sg_options(doc, Some(e.vpc.as_str())), ids(security_groups), ctx.edit(c, None, |c, v: Vec<String>| {
                            if let Component::Endpoint(x) = c { if let EndpointKind::Interface { security_groups, .. } = &mut x.kind { *security_groups = v.iter().map(|s| s.as_str().into()).collect(); } }
                        })) }
                    </>
                },
            };
            html! {
                <>
                    { row(ctx.t(T::Service), html! { <ServicePicker key={e.id.0.clone()} options={services} current={e.service.key()} testid="inspector.endpoint-service" lang={lang}
                        onchange={ctx.edit(c, None, |c, v: String| if let (Component::Endpoint(x), Some(s)) = (c, AwsService::from_key(&v)) { x.service = s })} /> }) }
                    { kind_fields }
                    { row(ctx.t(T::Policy), select(
                        vec![("allow_all".into(), ctx.t(T::PolicyAllow).into()), ("deny_all".into(), ctx.t(T::PolicyDeny).into())],
                        if e.policy == EndpointPolicy::DenyAll { "deny_all" } else { "allow_all" }, None,
                        ctx.edit(c, None, |c, v: String| if let Component::Endpoint(x) = c { x.policy = if v == "deny_all" { EndpointPolicy::DenyAll } else { EndpointPolicy::AllowAll } }))) }
                </>
            }
        }
        Component::Sg(g) => {
            let members: Vec<&str> = topology::sg_users(doc, g.id.as_str())
                .into_iter()
                .map(|id| doc.display_name(id))
                .collect();
            html! {
                <>
                    <p class="note">{ format!("{}: {}", ctx.t(T::Members), if members.is_empty() { "—".to_owned() } else { members.join(", ") }) }</p>
                    { rules::sg_rules(ctx, doc, g) }
                </>
            }
        }
        Component::Nacl(n) => {
            let c = component;
            let subnets: Vec<String> = doc
                .subnets
                .iter()
                .filter(|s| s.nacl.as_ref() == Some(&n.id))
                .map(|s| s.id.0.clone())
                .collect();
            let assoc = {
                let ctx = ctx.clone();
                let doc = doc.clone();
                let nacl = n.id.clone();
                Callback::from(move |chosen: Vec<String>| {
                    // Associations live on subnets: update each subnet whose association changes.
                    for s in doc.subnets.iter().filter(|s| {
                        s.vpc.as_str()
                            == doc
                                .network_acls
                                .iter()
                                .find(|x| x.id == nacl)
                                .map(|x| x.vpc.as_str())
                                .unwrap_or_default()
                    }) {
                        let want = chosen.contains(&s.id.0);
                        let has = s.nacl.as_ref() == Some(&nacl);
                        if want != has {
                            let mut x = s.clone();
                            x.nacl = want.then(|| nacl.clone());
                            ctx.update(Component::Subnet(x), None);
                        }
                    }
                })
            };
            let _ = c;
            html! {
                <>
                    { checklist(ctx.t(T::Subnets), subnet_options(doc, Some(n.vpc.as_str())), subnets, assoc) }
                    { rules::nacl_rules(ctx, n) }
                </>
            }
        }
        Component::Function(f) => {
            let c = component;
            let in_vpc = f.vpc_config.is_some();
            let toggle = {
                let ctx = ctx.clone();
                let f = f.clone();
                let first_subnet = doc.subnets.first().map(|s| (s.id.clone(), s.vpc.clone()));
                let sg_for = doc
                    .security_groups
                    .iter()
                    .map(|g| (g.vpc.clone(), g.id.clone()))
                    .collect::<Vec<_>>();
                Callback::from(move |on: bool| {
                    let mut x = f.clone();
                    x.vpc_config = if on {
                        first_subnet.as_ref().map(|(s, vpc)| VpcConfig {
                            subnets: vec![s.clone()],
                            security_groups: sg_for
                                .iter()
                                .find(|(v, _)| v == vpc)
                                .map(|(_, g)| vec![g.clone()])
                                .unwrap_or_default(),
                            ipv6_allowed_for_dual_stack: false,
                        })
                    } else {
                        None
                    };
                    ctx.update(Component::Function(x), None);
                })
            };
            let vpc = f
                .vpc_config
                .as_ref()
                .and_then(|c| c.subnets.first())
                .and_then(|s| topology::subnet(doc, s.as_str()))
                .map(|s| s.vpc.0.clone());
            html! {
                <>
                    { checkbox(ctx.t(T::InVpc), in_vpc, toggle) }
                    if let Some(cfg) = &f.vpc_config {
                        { checklist(ctx.t(T::Subnets), subnet_options(doc, None), ids(&cfg.subnets), ctx.edit(c, None, |c, v: Vec<String>| {
                            if let Component::Function(x) = c { if let Some(cfg) = &mut x.vpc_config { cfg.subnets = v.iter().map(|s| s.as_str().into()).collect(); } }
                        })) }
                        { checklist(ctx.t(T::SecurityGroups), sg_options(doc, vpc.as_deref()), ids(&cfg.security_groups), ctx.edit(c, None, |c, v: Vec<String>| {
                            if let Component::Function(x) = c { if let Some(cfg) = &mut x.vpc_config { cfg.security_groups = v.iter().map(|s| s.as_str().into()).collect(); } }
                        })) }
                        { checkbox(ctx.t(T::Ipv6Allowed), cfg.ipv6_allowed_for_dual_stack, ctx.edit(c, None, |c, on: bool| {
                            if let Component::Function(x) = c { if let Some(cfg) = &mut x.vpc_config { cfg.ipv6_allowed_for_dual_stack = on; } }
                        })) }
                    }
                </>
            }
        }
        Component::Database(d) => {
            let c = component;
            let vpc = d
                .subnet_group
                .first()
                .and_then(|s| topology::subnet(doc, s.as_str()))
                .map(|s| s.vpc.0.clone());
            let current = ENGINES
                .iter()
                .find(|e| e.0 == d.engine)
                .map(|e| e.1)
                .unwrap_or("postgres");
            html! {
                <>
                    { row(ctx.t(T::Engine), select(ENGINES.iter().map(|e| (e.1.to_owned(), e.2.to_owned())).collect(), current, None,
                        ctx.edit(c, None, |c, v: String| if let Component::Database(x) = c {
                            if let Some(e) = ENGINES.iter().find(|e| e.1 == v) { x.engine = e.0; }
                        }))) }
                    { row(ctx.t(T::Port), number(d.port.map(u32::from), &format!("{} ({})", ctx.t(T::PortDefault), d.engine.default_port()), 1, 65535, false,
                        ctx.edit(c, None, |c, v: Option<u32>| if let Component::Database(x) = c { x.port = v.map(|p| p as u16) }))) }
                    { checkbox(ctx.t(T::PubliclyAccessible), d.publicly_accessible, ctx.edit(c, None, |c, on: bool| if let Component::Database(x) = c { x.publicly_accessible = on })) }
                    { checklist(ctx.t(T::SubnetGroup), subnet_options(doc, vpc.as_deref()), ids(&d.subnet_group), ctx.edit(c, None, |c, v: Vec<String>| {
                        if let Component::Database(x) = c { x.subnet_group = v.iter().map(|s| s.as_str().into()).collect(); }
                    })) }
                    { checklist(ctx.t(T::SecurityGroups), sg_options(doc, vpc.as_deref()), ids(&d.security_groups), ctx.edit(c, None, |c, v: Vec<String>| {
                        if let Component::Database(x) = c { x.security_groups = v.iter().map(|s| s.as_str().into()).collect(); }
                    })) }
                </>
            }
        }
        Component::DataStore(d) => store_form(ctx, doc, component, d),
        Component::Instance(i) => {
            let c = component;
            let vpc = topology::subnet(doc, i.subnet.as_str()).map(|s| s.vpc.0.clone());
            html! {
                <>
                    { row(ctx.t(T::Subnet), select(subnet_options(doc, None), i.subnet.as_str(), None,
                        ctx.edit(c, None, |c, v: String| if let Component::Instance(x) = c { x.subnet = v.as_str().into() }))) }
                    { checkbox(ctx.t(T::PublicIp), i.public_ip, ctx.edit(c, None, |c, on: bool| if let Component::Instance(x) = c { x.public_ip = on })) }
                    { checkbox(ctx.t(T::ElasticIp), i.elastic_ip, ctx.edit(c, None, |c, on: bool| if let Component::Instance(x) = c { x.elastic_ip = on })) }
                    { row(ctx.t(T::Port), number(Some(u32::from(i.port)), "443", 1, 65535, false,
                        ctx.edit(c, None, |c, v: Option<u32>| if let (Component::Instance(x), Some(p)) = (c, v) { x.port = p as u16 }))) }
                    { checklist(ctx.t(T::SecurityGroups), sg_options(doc, vpc.as_deref()), ids(&i.security_groups), ctx.edit(c, None, |c, v: Vec<String>| {
                        if let Component::Instance(x) = c { x.security_groups = v.iter().map(|s| s.as_str().into()).collect(); }
                    })) }
                </>
            }
        }
        Component::Service(s) => {
            let opts = service_options(|_| true);
            html! { row(ctx.t(T::Service), html! { <ServicePicker key={s.id.0.clone()} options={opts} current={s.service.key()} testid="inspector.service" lang={lang}
            onchange={ctx.edit(component, None, |c, v: String| if let (Component::Service(x), Some(s)) = (c, AwsService::from_key(&v)) { x.service = s })} /> }) }
        }
    }
}
