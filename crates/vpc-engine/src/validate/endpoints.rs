//! VPC endpoints: gateway endpoints (route-table associations) and interface endpoints
//! (subnets, security groups, private DNS).

use super::index::Index;
use super::{dns_attributes_off, prefix_list_name, Error, Expected, Here, Info, Path, Validator, Warning};
use crate::explain::{ExplanationId, Message};
use crate::hash::HashMap;
use crate::model::{AwsService, ComponentKind, Endpoint, EndpointKind, RouteTableId, SubnetId};

impl<'a> Validator<'a> {
    pub(super) fn endpoints(&mut self) {
        let doc = self.doc;
        // The first interface endpoint with private DNS per (VPC, service).
        let mut private_dns: HashMap<(&str, AwsService), &str> = HashMap::default();
        for (i, e) in doc.endpoints.iter().enumerate() {
            let kind = match e.kind {
                EndpointKind::Gateway { .. } => ComponentKind::GatewayEndpoint,
                EndpointKind::Interface { .. } => ComponentKind::InterfaceEndpoint,
            };
            let here = self.component(kind, i, e.id.as_str(), &e.name);
            let vpc_known = self.ix.vpc_exists(e.vpc.as_str()).is_some();
            self.required_ref(&here, "vpc", e.vpc.as_str(), vpc_known, Expected::Vpc);
            match &e.kind {
                EndpointKind::Gateway { route_tables } => self.gateway_endpoint(&here, e, route_tables),
                EndpointKind::Interface {
                    subnets,
                    security_groups,
                    private_dns: dns,
                } => {
                    self.interface_subnets(&here, e, subnets);
                    let groups = self.ref_list(
                        &here,
                        "security_groups",
                        security_groups,
                        Index::sg,
                        Expected::SecurityGroup,
                    );
                    for (k, g, _) in groups {
                        self.same_vpc(
                            &here,
                            Path::at("security_groups", k),
                            e.vpc.as_str(),
                            g,
                            self.ix.sg_vpc(g),
                        );
                    }
                    if *dns && vpc_known {
                        self.private_dns(&here, e, &mut private_dns);
                    }
                }
            }
        }
    }

    /// Gateway endpoints exist only for some services (E1); each associated table gets one
    /// prefix-list route, and a table can hold only one route per prefix list (R6).
    fn gateway_endpoint(&mut self, here: &Here<'_>, e: &'a Endpoint, route_tables: &'a [RouteTableId]) {
        let has_gateway = e.service.info().gateway_endpoint;
        if !has_gateway {
            let m = Message::new(ExplanationId::E1GatewayUnsupported).arg("service", e.service);
            self.emit(Error, here, "service", m);
        }
        let tables = self.ref_list(
            here,
            "route_tables",
            route_tables,
            Index::route_table,
            Expected::RouteTable,
        );
        for (k, t, _) in tables {
            let field = Path::at("route_tables", k);
            self.same_vpc(here, field, e.vpc.as_str(), t, self.ix.table_vpc(t));
            if !has_gateway {
                continue;
            }
            let existing = *self.prefix_routes.entry((t, e.service)).or_insert(e.id.as_str());
            if existing != e.id.as_str() {
                let m = Message::new(ExplanationId::VDuplicateRoute)
                    .arg("route_table", self.ix.name(t))
                    .arg("destination", prefix_list_name(e.service))
                    .arg("other", self.ix.name(existing))
                    .arg("service", e.service);
                self.emit(Error, here, field, m);
            }
        }
        if route_tables.is_empty() {
            let m = Message::new(ExplanationId::VEndpointNoRouteTables).arg("service", e.service);
            self.emit(Info, here, "route_tables", m);
        }
    }

    /// Interface endpoint subnets: in the endpoint's VPC, at most one per AZ (E5).
    fn interface_subnets(&mut self, here: &Here<'_>, e: &'a Endpoint, subnets: &'a [SubnetId]) {
        let found = self.ref_list(here, "subnets", subnets, Index::subnet, Expected::Subnet);
        let mut by_az: HashMap<&str, &str> = HashMap::default();
        for (k, s, subnet) in found {
            let field = Path::at("subnets", k);
            let in_vpc = self.same_vpc(here, field, e.vpc.as_str(), s, self.ix.subnet_vpc(s));
            let az = subnet.az.trim();
            if az.is_empty() || !in_vpc {
                continue;
            }
            let first = *by_az.entry(az).or_insert(s);
            if first != s {
                let m = Message::new(ExplanationId::E5OneSubnetPerAz)
                    .arg("az", az)
                    .arg("subnet", self.ix.name(s))
                    .arg("other", self.ix.name(first));
                self.emit(Error, here, field, m);
            }
        }
        if subnets.is_empty() {
            let m = Message::new(ExplanationId::VEndpointNoSubnets).arg("service", e.service);
            self.emit(Info, here, "subnets", m);
        }
    }

    /// Private DNS works only with both VPC DNS attributes on (E6), and one VPC can hold
    /// only one private hosted zone per service name.
    fn private_dns(&mut self, here: &Here<'_>, e: &'a Endpoint, seen: &mut HashMap<(&'a str, AwsService), &'a str>) {
        let Some(vpc) = self.ix.vpc(e.vpc.as_str()) else { return };
        if !(vpc.enable_dns_support && vpc.enable_dns_hostnames) {
            // The message names the attributes that are off in `field` (the catalogue text
            // says "{field} is off"); the diagnostic still points at `private_dns`.
            let m = Message::new(ExplanationId::E6DnsAttributes)
                .arg("field", dns_attributes_off(vpc))
                .arg("value", dns_attributes_off(vpc))
                .arg("vpc", self.ix.name(e.vpc.as_str()))
                .arg("service", e.service);
            self.emit(Warning, here, "private_dns", m);
        }
        let first = *seen.entry((e.vpc.as_str(), e.service)).or_insert(e.id.as_str());
        if first != e.id.as_str() {
            let m = Message::new(ExplanationId::VDuplicatePrivateDns)
                .arg("vpc", self.ix.name(e.vpc.as_str()))
                .arg("service", e.service)
                .arg("other", self.ix.name(first));
            self.emit(Error, here, "private_dns", m);
        }
    }
}
