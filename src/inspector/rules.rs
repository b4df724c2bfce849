//! Row editors: route-table routes, security-group rules, network-ACL rules.

use super::fields::{self, Ctx};
use crate::i18n::T;
use crate::state::document::{allow_all_rule, default_new_route, route_targets, short_title};
use crate::state::{Component, DocAction, TextField, TextKey};
use crate::topology;
use vpc_engine::model::{
    AwsService, Document, Nacl, NaclAction, NaclRule, Protocol, RouteDestination, RouteTarget, SecurityGroup, SgPeer,
    SgRule,
};
use yew::prelude::*;

/// The select value of a route target: its component id, or `local`.
fn target_value(t: &RouteTarget) -> String {
    topology::target_id(t).unwrap_or("local").to_owned()
}

fn target_label(ctx: &Ctx, doc: &Document, t: &RouteTarget) -> String {
    match topology::target_id(t) {
        None => ctx.t(T::LocalRoute).to_owned(),
        Some(id) => {
            let kind = match t {
                RouteTarget::InternetGateway(_) => "igw",
                RouteTarget::EgressOnlyGateway(_) => "eigw",
                RouteTarget::NatGateway(_) => "nat",
                RouteTarget::GatewayEndpoint(_) => "vpce",
                RouteTarget::VpcPeering(_) => "pcx",
                RouteTarget::NetworkInterface(_) => "eni",
                RouteTarget::Local => "local",
            };
            format!("{} ({kind})", doc.display_name(id))
        }
    }
}

/// The routes of one table: the implicit local route, each route (destination, target,
/// remove), gateway-endpoint associations, and "add route".
pub fn routes(ctx: &Ctx, doc: &Document, table_id: &str) -> Html {
    let Some(table) = topology::table(doc, table_id) else {
        return html! {};
    };
    let vpc_cidr = doc
        .vpcs
        .iter()
        .find(|v| v.id == table.vpc)
        .map(|v| v.cidr.0.clone())
        .unwrap_or_default();
    let targets = route_targets(doc, table_id);
    let rows = table.routes.iter().enumerate().map(|(n, r)| {
        let mut options: Vec<(String, String)> =
            targets.iter().map(|t| (target_value(t), target_label(ctx, doc, t))).collect();
        if !targets.contains(&r.target) {
            // A blackhole: keep showing what the route names.
            options.push((target_value(&r.target), format!("{} — {}", target_label(ctx, doc, &r.target), ctx.t(T::Blackhole))));
        }
        let on_target = {
            let ctx = ctx.clone();
            let targets = targets.clone();
            let table = table_id.to_owned();
            Callback::from(move |v: String| {
                if let Some(t) = targets.iter().find(|t| target_value(t) == v) {
                    ctx.doc(DocAction::SetRouteTarget { table: table.clone(), index: n, target: t.clone() });
                }
            })
        };
        let destination = match &r.destination {
            RouteDestination::Cidr(c) => fields::text_field(
                ctx,
                TextKey { id: table_id.to_owned(), field: TextField::RouteDestination(n) },
                c.0.clone(),
                &format!("inspector.route.{n}.destination"),
                "0.0.0.0/0",
            ),
            RouteDestination::PrefixList(s) => html! {
                <span class="prefix-list" data-testid={format!("inspector.route.{n}.destination")}>
                    { format!("pl-{} ({})", s.key(), short_title(*s)) }
                </span>
            },
        };
        let remove = {
            let ctx = ctx.clone();
            let table = table_id.to_owned();
            Callback::from(move |_| ctx.doc(DocAction::RemoveRoute { table: table.clone(), index: n }))
        };
        html! {
            <li class="route-row" data-testid={format!("inspector.route.{n}")} key={n}>
                <div class="route-dest">{ destination }</div>
                <span class="route-arrow" aria-hidden="true">{ "→" }</span>
                { fields::select(options, &target_value(&r.target), Some(format!("inspector.route.{n}.target")), on_target) }
                <button type="button" class="icon-button" title={ctx.t(T::RemoveRow)} aria-label={ctx.t(T::RemoveRow)} onclick={remove}>{ "×" }</button>
            </li>
        }
    });
    let endpoints = topology::endpoints_of_table(doc, table_id).into_iter().map(|e| {
        let dissociate = {
            let ctx = ctx.clone();
            let ep = e.clone();
            let table = table_id.to_owned();
            Callback::from(move |_| {
                let mut ep = ep.clone();
                if let vpc_engine::model::EndpointKind::Gateway { route_tables } = &mut ep.kind {
                    route_tables.retain(|t| t.as_str() != table);
                }
                ctx.update(Component::Endpoint(ep), None);
            })
        };
        html! {
            <li class="route-row implicit" key={e.id.0.clone()}>
                <span class="prefix-list">{ format!("pl-{} ({})", e.service.key(), short_title(e.service)) }</span>
                <span class="route-arrow" aria-hidden="true">{ "→" }</span>
                <span class="route-target">{ doc.display_name(e.id.as_str()) }<small>{ format!(" · {}", ctx.t(T::EndpointRoute)) }</small></span>
                <button type="button" class="icon-button" title={ctx.t(T::RemoveRow)} aria-label={ctx.t(T::RemoveRow)} onclick={dissociate}>{ "×" }</button>
            </li>
        }
    });
    let can_add = default_new_route(doc, table_id).is_some();
    let add = {
        let ctx = ctx.clone();
        let table = table_id.to_owned();
        Callback::from(move |_| ctx.doc(DocAction::AddRoute { table: table.clone() }))
    };
    html! {
        <div class="routes" data-testid="inspector.routes">
            <h3>{ ctx.t(T::Routes) }<span class="muted">{ format!(" · {}", doc.display_name(table_id)) }</span></h3>
            <ul>
                <li class="route-row implicit">
                    <span class="prefix-list">{ vpc_cidr }</span>
                    <span class="route-arrow" aria-hidden="true">{ "→" }</span>
                    <span class="route-target">{ ctx.t(T::LocalRoute) }</span>
                </li>
                { for rows }
                { for endpoints }
            </ul>
            <button type="button" class="small" disabled={!can_add} onclick={add}
                    title={if can_add { ctx.t(T::AddRoute) } else { ctx.t(T::AddRouteNoTarget) }}>
                { format!("+ {}", ctx.t(T::AddRoute)) }
            </button>
        </div>
    }
}

fn protocol_options(ctx: &Ctx) -> Vec<(String, String)> {
    vec![
        ("tcp".into(), "TCP".into()),
        ("udp".into(), "UDP".into()),
        ("icmp".into(), "ICMP".into()),
        ("all".into(), ctx.t(T::ProtoAll).into()),
    ]
}

fn protocol_key(p: Protocol) -> &'static str {
    match p {
        Protocol::Tcp => "tcp",
        Protocol::Udp => "udp",
        Protocol::Icmp => "icmp",
        Protocol::All => "all",
    }
}

fn protocol_from(key: &str) -> Protocol {
    match key {
        "udp" => Protocol::Udp,
        "icmp" => Protocol::Icmp,
        "all" => Protocol::All,
        _ => Protocol::Tcp,
    }
}

/// An edit of one rule, applied to a copy of its group and put back.
type RuleEdit<R> = Box<dyn FnOnce(&mut R)>;

fn port_inputs<R: 'static>(
    protocol: Protocol,
    from: u16,
    to: u16,
    set: impl Fn(&mut R, u16, u16) + Clone + 'static,
    put: Callback<RuleEdit<R>>,
) -> Html {
    let portless = matches!(protocol, Protocol::All | Protocol::Icmp);
    let on_from = {
        let set = set.clone();
        let put = put.clone();
        Callback::from(move |v: Option<u32>| {
            let f = v.unwrap_or(0) as u16;
            let set = set.clone();
            put.emit(Box::new(move |r: &mut R| set(r, f, f.max(to))));
        })
    };
    let on_to = {
        let put = put.clone();
        Callback::from(move |v: Option<u32>| {
            let t = v.unwrap_or(65535) as u16;
            let set = set.clone();
            put.emit(Box::new(move |r: &mut R| set(r, from.min(t), t)));
        })
    };
    if portless {
        return html! {};
    }
    html! {
        <span class="ports">
            { fields::number(Some(u32::from(from)), "", 0, 65535, false, on_from) }
            <span aria-hidden="true">{ "–" }</span>
            { fields::number(Some(u32::from(to)), "", 0, 65535, false, on_to) }
        </span>
    }
}

/// Inbound and outbound rules of a security group, with a picker for another group.
pub fn sg_rules(ctx: &Ctx, doc: &Document, sg: &SecurityGroup) -> Html {
    let section = |inbound: bool| {
        let rules = if inbound { &sg.inbound } else { &sg.outbound };
        let put_rule = |index: usize| {
            let ctx = ctx.clone();
            let sg = sg.clone();
            Callback::from(move |f: RuleEdit<SgRule>| {
                let mut g = sg.clone();
                let list = if inbound { &mut g.inbound } else { &mut g.outbound };
                if let Some(r) = list.get_mut(index) {
                    f(r);
                    ctx.update(Component::Sg(g), None);
                }
            })
        };
        let sg_options: Vec<(String, String)> = doc
            .security_groups
            .iter()
            .filter(|g| g.vpc == sg.vpc)
            .map(|g| (g.id.0.clone(), doc.display_name(g.id.as_str()).to_owned()))
            .collect();
        let rows = rules.iter().enumerate().map(|(i, r)| {
            let put = put_rule(i);
            let on_protocol = {
                let put = put.clone();
                Callback::from(move |v: String| {
                    let p = protocol_from(&v);
                    put.emit(Box::new(move |r: &mut SgRule| {
                        r.protocol = p;
                        if matches!(p, Protocol::All | Protocol::Icmp) {
                            r.from_port = 0;
                            r.to_port = 65535;
                        }
                    }))
                })
            };
            let peer_kind = match &r.peer {
                SgPeer::Cidr(_) => "cidr",
                SgPeer::SecurityGroup(_) => "sg",
                SgPeer::PrefixList(_) => "pl",
            };
            let on_peer_kind = {
                let put = put.clone();
                let first_sg = sg_options.first().map(|(v, _)| v.clone()).unwrap_or_else(|| sg.id.0.clone());
                Callback::from(move |v: String| {
                    let peer = match v.as_str() {
                        "sg" => SgPeer::SecurityGroup(first_sg.as_str().into()),
                        "pl" => SgPeer::PrefixList(AwsService::S3),
                        _ => SgPeer::Cidr("0.0.0.0/0".into()),
                    };
                    put.emit(Box::new(move |r: &mut SgRule| r.peer = peer))
                })
            };
            let peer_value = match &r.peer {
                SgPeer::Cidr(c) => fields::text_field(
                    ctx,
                    TextKey { id: sg.id.0.clone(), field: TextField::SgRuleCidr { inbound, index: i } },
                    c.0.clone(),
                    &format!("inspector.sg.{}.{i}.peer", if inbound { "inbound" } else { "outbound" }),
                    "0.0.0.0/0",
                ),
                SgPeer::SecurityGroup(g) => {
                    let mut opts = sg_options.clone();
                    if !opts.iter().any(|(v, _)| v == g.as_str()) {
                        opts.push((g.0.clone(), g.0.clone()));
                    }
                    let put = put.clone();
                    fields::select(opts, g.as_str(), None, Callback::from(move |v: String| {
                        put.emit(Box::new(move |r: &mut SgRule| r.peer = SgPeer::SecurityGroup(v.as_str().into())))
                    }))
                }
                SgPeer::PrefixList(s) => {
                    let opts = AwsService::all()
                        .filter(|s| s.info().gateway_endpoint)
                        .map(|s| (s.key().to_owned(), format!("pl-{} ({})", s.key(), short_title(s))))
                        .collect();
                    let put = put.clone();
                    fields::select(opts, s.key(), None, Callback::from(move |v: String| {
                        if let Some(s) = AwsService::from_key(&v) {
                            put.emit(Box::new(move |r: &mut SgRule| r.peer = SgPeer::PrefixList(s)))
                        }
                    }))
                }
            };
            let remove = {
                let ctx = ctx.clone();
                let sg = sg.clone();
                Callback::from(move |_| {
                    let mut g = sg.clone();
                    let list = if inbound { &mut g.inbound } else { &mut g.outbound };
                    if i < list.len() {
                        list.remove(i);
                    }
                    ctx.update(Component::Sg(g), None);
                })
            };
            html! {
                <li class="rule-row" key={i}>
                    { fields::select(protocol_options(ctx), protocol_key(r.protocol), None, on_protocol) }
                    { port_inputs(r.protocol, r.from_port, r.to_port, |r: &mut SgRule, f, t| { r.from_port = f; r.to_port = t; }, put.clone()) }
                    { fields::select(vec![
                        ("cidr".into(), ctx.t(T::PeerCidr).into()),
                        ("sg".into(), ctx.t(T::PeerSg).into()),
                        ("pl".into(), ctx.t(T::PeerPrefixList).into()),
                    ], peer_kind, None, on_peer_kind) }
                    <div class="peer">{ peer_value }</div>
                    <button type="button" class="icon-button" title={ctx.t(T::RemoveRow)} aria-label={ctx.t(T::RemoveRow)} onclick={remove}>{ "×" }</button>
                </li>
            }
        });
        let add = {
            let ctx = ctx.clone();
            let sg = sg.clone();
            let vpc_cidr = doc
                .vpcs
                .iter()
                .find(|v| v.id == sg.vpc)
                .map(|v| v.cidr.0.clone())
                .unwrap_or_else(|| "10.0.0.0/16".into());
            Callback::from(move |_| {
                let mut g = sg.clone();
                if inbound {
                    g.inbound.push(SgRule::tcp(443, SgPeer::Cidr(vpc_cidr.as_str().into())));
                } else {
                    g.outbound.push(SgRule::all_to(SgPeer::Cidr("0.0.0.0/0".into())));
                }
                ctx.update(Component::Sg(g), None);
            })
        };
        html! {
            <div class="rules">
                <h3>{ ctx.t(if inbound { T::Inbound } else { T::Outbound }) }</h3>
                if rules.is_empty() { <p class="empty">{ ctx.t(T::NoSgRules) }</p> }
                <ul>{ for rows }</ul>
                <button type="button" class="small" onclick={add}>{ format!("+ {}", ctx.t(T::AddRule)) }</button>
            </div>
        }
    };
    html! { <>{ section(true) }{ section(false) }</> }
}

/// Inbound and outbound rules of a network ACL, in rule-number order as AWS evaluates them.
pub fn nacl_rules(ctx: &Ctx, nacl: &Nacl) -> Html {
    let section = |inbound: bool| {
        let rules = if inbound { &nacl.inbound } else { &nacl.outbound };
        // Insertion keeps equal numbers in list order; a rule list is short, and a library
        // sort would add its own copy of the sorting code to the download.
        let mut order: Vec<usize> = Vec::with_capacity(rules.len());
        for (i, rule) in rules.iter().enumerate() {
            let at = order.partition_point(|&j| rules[j].number <= rule.number);
            order.insert(at, i);
        }
        let put_rule = |index: usize| {
            let ctx = ctx.clone();
            let nacl = nacl.clone();
            Callback::from(move |f: RuleEdit<NaclRule>| {
                let mut n = nacl.clone();
                let list = if inbound { &mut n.inbound } else { &mut n.outbound };
                if let Some(r) = list.get_mut(index) {
                    f(r);
                    ctx.update(Component::Nacl(n), None);
                }
            })
        };
        let rows = order.into_iter().map(|i| {
            let r = &rules[i];
            let put = put_rule(i);
            let on_number = {
                let put = put.clone();
                Callback::from(move |v: Option<u32>| {
                    if let Some(v) = v {
                        put.emit(Box::new(move |r: &mut NaclRule| r.number = v as u16))
                    }
                })
            };
            let on_action = {
                let put = put.clone();
                Callback::from(move |v: String| {
                    let a = if v == "deny" { NaclAction::Deny } else { NaclAction::Allow };
                    put.emit(Box::new(move |r: &mut NaclRule| r.action = a))
                })
            };
            let on_protocol = {
                let put = put.clone();
                Callback::from(move |v: String| {
                    let p = protocol_from(&v);
                    put.emit(Box::new(move |r: &mut NaclRule| r.protocol = p))
                })
            };
            let remove = {
                let ctx = ctx.clone();
                let nacl = nacl.clone();
                Callback::from(move |_| {
                    let mut n = nacl.clone();
                    let list = if inbound { &mut n.inbound } else { &mut n.outbound };
                    if i < list.len() {
                        list.remove(i);
                    }
                    ctx.update(Component::Nacl(n), None);
                })
            };
            let action = match r.action {
                NaclAction::Allow => "allow",
                NaclAction::Deny => "deny",
            };
            html! {
                <li class={classes!("rule-row", action)} key={i}>
                    { fields::number(Some(u32::from(r.number)), "100", 1, 32766, false, on_number) }
                    { fields::select(vec![("allow".into(), ctx.t(T::Allow).into()), ("deny".into(), ctx.t(T::Deny).into())], action, None, on_action) }
                    { fields::select(protocol_options(ctx), protocol_key(r.protocol), None, on_protocol) }
                    { port_inputs(r.protocol, r.from_port, r.to_port, |r: &mut NaclRule, f, t| { r.from_port = f; r.to_port = t; }, put.clone()) }
                    <div class="peer">{ fields::text_field(
                        ctx,
                        TextKey { id: nacl.id.0.clone(), field: TextField::NaclRuleCidr { inbound, index: i } },
                        r.cidr.0.clone(),
                        &format!("inspector.nacl.{}.{i}.cidr", if inbound { "inbound" } else { "outbound" }),
                        "0.0.0.0/0",
                    ) }</div>
                    <button type="button" class="icon-button" title={ctx.t(T::RemoveRow)} aria-label={ctx.t(T::RemoveRow)} onclick={remove}>{ "×" }</button>
                </li>
            }
        });
        let add = {
            let ctx = ctx.clone();
            let nacl = nacl.clone();
            Callback::from(move |_| {
                let mut n = nacl.clone();
                let list = if inbound { &mut n.inbound } else { &mut n.outbound };
                let number = list
                    .iter()
                    .map(|r| r.number)
                    .max()
                    .map_or(100, |m| (m / 10 + 1) * 10)
                    .min(32766);
                list.push(allow_all_rule(number));
                ctx.update(Component::Nacl(n), None);
            })
        };
        html! {
            <div class="rules">
                <h3>{ ctx.t(if inbound { T::Inbound } else { T::Outbound }) }</h3>
                if rules.is_empty() { <p class="empty">{ ctx.t(T::NoRules) }</p> }
                <ul>{ for rows }</ul>
                <button type="button" class="small" onclick={add}>{ format!("+ {}", ctx.t(T::AddRule)) }</button>
            </div>
        }
    };
    html! { <>{ section(true) }{ section(false) }</> }
}
