//! Security groups and network ACLs: rule peers, ports and NACL rule numbers.

use super::cidr::Family;
use super::{prefix_list_name, Error, Expected, Here, Path, Validator};
use crate::explain::{ExplanationId, Message};
use crate::hash::HashMap;
use crate::model::{ComponentKind, NaclRule, Protocol, SecurityGroup, SgPeer, SgRule};

/// NACL rule numbers AWS accepts (32767 is the implicit `*` rule).
const NACL_RULE_NUMBERS: std::ops::RangeInclusive<u16> = 1..=32766;
const NACL_RULE_RANGE_TEXT: &str = "1–32766";

impl<'a> Validator<'a> {
    pub(super) fn security_groups(&mut self) {
        let doc = self.doc;
        for (i, g) in doc.security_groups.iter().enumerate() {
            let here = self.component(ComponentKind::SecurityGroup, i, g.id.as_str(), &g.name);
            let vpc_known = self.ix.vpc_exists(g.vpc.as_str()).is_some();
            self.required_ref(&here, "vpc", g.vpc.as_str(), vpc_known, Expected::Vpc);
            for (direction, rules) in [("inbound", &g.inbound), ("outbound", &g.outbound)] {
                for (k, rule) in rules.iter().enumerate() {
                    self.sg_rule(&here, g, Path::at(direction, k), rule);
                }
            }
        }
    }

    fn sg_rule(&mut self, here: &Here<'_>, g: &SecurityGroup, base: Path<'_>, rule: &SgRule) {
        self.port_range(here, base, rule.protocol, rule.from_port, rule.to_port);
        let field = base.then(".peer");
        match &rule.peer {
            SgPeer::Cidr(text) => {
                self.cidr(here, field, text, Family::Any);
            }
            SgPeer::SecurityGroup(id) => {
                let exists = self.ix.sg(id.as_str()).is_some();
                if !self.optional_ref(here, field, id.as_str(), exists, Expected::SecurityGroup) {
                    return;
                }
                // A group reference works within one VPC or across a peering (S3).
                let mine = self.ix.vpc_exists(g.vpc.as_str());
                if let (Some(mine), Some(theirs)) = (mine, self.ix.sg_vpc(id.as_str())) {
                    if !self.ix.same_or_peered(mine, theirs) {
                        self.cross_vpc(here, field, mine, id.as_str(), theirs);
                    }
                }
            }
            SgPeer::PrefixList(service) if !service.info().gateway_endpoint => {
                let m = Message::new(ExplanationId::VNoPrefixList)
                    .arg("service", service)
                    .arg("destination", prefix_list_name(*service));
                self.emit(Error, here, field, m);
            }
            SgPeer::PrefixList(_) => {}
        }
    }

    /// TCP and UDP port ranges run from `from_port` up to `to_port`; other protocols
    /// ignore ports.
    fn port_range(&mut self, here: &Here<'_>, base: Path<'_>, protocol: Protocol, from: u16, to: u16) {
        let name = match protocol {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp | Protocol::All => return,
        };
        if from > to {
            let m = Message::new(ExplanationId::VPortRange)
                .arg("protocol", name)
                .arg("value", format!("{from}–{to}"))
                .arg("expected", format!("{to}–{from}"))
                .arg("port", from);
            self.emit(Error, here, base.then(".from_port"), m);
        }
    }

    pub(super) fn network_acls(&mut self) {
        let doc = self.doc;
        for (i, n) in doc.network_acls.iter().enumerate() {
            let here = self.component(ComponentKind::NetworkAcl, i, n.id.as_str(), &n.name);
            let vpc_known = self.ix.vpc_exists(n.vpc.as_str()).is_some();
            self.required_ref(&here, "vpc", n.vpc.as_str(), vpc_known, Expected::Vpc);
            for (direction, rules) in [("inbound", &n.inbound), ("outbound", &n.outbound)] {
                self.nacl_rules(&here, direction, rules);
            }
        }
    }

    /// Rule numbers are unique per direction and within 1–32766 (N1).
    fn nacl_rules(&mut self, here: &Here<'_>, direction: &str, rules: &[NaclRule]) {
        let mut numbers: HashMap<u16, usize> = HashMap::with_capacity_and_hasher(rules.len(), Default::default());
        for (k, rule) in rules.iter().enumerate() {
            let base = Path::at(direction, k);
            let out_of_range = !NACL_RULE_NUMBERS.contains(&rule.number);
            if out_of_range || numbers.insert(rule.number, k).is_some() {
                let m = Message::new(ExplanationId::VNaclRuleNumber)
                    .arg("rule", rule.number)
                    .arg("value", rule.number)
                    .arg("expected", NACL_RULE_RANGE_TEXT);
                self.emit(Error, here, base.then(".number"), m);
            }
            self.port_range(here, base, rule.protocol, rule.from_port, rule.to_port);
            self.cidr(here, base.then(".cidr"), &rule.cidr, Family::Any);
        }
    }
}
