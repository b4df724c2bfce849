//! `Fn::Cidr`: split an address block into `count` blocks of `cidrBits` host bits each.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

/// The first `count` sub-blocks of `block` with `bits` host bits, as CloudFormation returns them.
pub fn cidr(block: &str, count: &str, bits: &str) -> Result<Vec<String>, String> {
    let net: IpNet = block
        .trim()
        .parse()
        .map_err(|_| format!("`{block}` is not an address block"))?;
    let count: u32 = count
        .trim()
        .parse()
        .ok()
        .filter(|c| (1..=256).contains(c))
        .ok_or_else(|| format!("the count must be 1 to 256, not `{count}`"))?;
    let bits: u8 = bits
        .trim()
        .parse()
        .map_err(|_| format!("the host bits must be a whole number, not `{bits}`"))?;
    let max = net.max_prefix_len();
    let prefix = max
        .checked_sub(bits)
        .filter(|p| *p >= net.prefix_len())
        .ok_or_else(|| format!("{bits} host bits do not fit in {net}"))?;
    let available = 1u128
        .checked_shl(u32::from(prefix - net.prefix_len()))
        .unwrap_or(u128::MAX);
    if u128::from(count) > available {
        return Err(format!(
            "{net} holds only {available} blocks of {bits} host bits, not {count}"
        ));
    }
    let out = match net.trunc() {
        IpNet::V4(n) => n
            .subnets(prefix)
            .map_err(|e| e.to_string())?
            .take(count as usize)
            .map(|s: Ipv4Net| s.to_string())
            .collect(),
        IpNet::V6(n) => n
            .subnets(prefix)
            .map_err(|e| e.to_string())?
            .take(count as usize)
            .map(|s: Ipv6Net| s.to_string())
            .collect(),
    };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::cidr;

    #[test]
    fn splits_like_cloudformation() {
        assert_eq!(
            cidr("192.168.0.0/24", "6", "5").unwrap(),
            [
                "192.168.0.0/27",
                "192.168.0.32/27",
                "192.168.0.64/27",
                "192.168.0.96/27",
                "192.168.0.128/27",
                "192.168.0.160/27"
            ]
        );
        assert_eq!(
            cidr("2600:1f18:4a00:100::/56", "2", "64").unwrap(),
            ["2600:1f18:4a00:100::/64", "2600:1f18:4a00:101::/64"]
        );
        assert!(cidr("10.0.0.0/24", "3", "8").is_err());
        assert!(cidr("10.0.0.0/24", "1", "40").is_err());
        assert!(cidr("nope", "1", "8").is_err());
    }
}
