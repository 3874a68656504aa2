//! IP group criteria: a record's address, network or range as NetFlow Analyzer
//! holds it (IPv4 only), the netmasks it wants, the documented `IPData` /
//! `IPType` / `status` encoding, and the criteria `listIPGroup` reports. Pure.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

/// One `include` criterion of an IP group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Criterion {
    /// `ipaddress`: one address.
    Address(Ipv4Addr),
    /// `ipnetwork`: an address and a dotted netmask.
    Network {
        address: Ipv4Addr,
        netmask: Ipv4Addr,
    },
    /// `iprange`: the first and last address and a dotted netmask.
    Range {
        start: Ipv4Addr,
        end: Ipv4Addr,
        netmask: Ipv4Addr,
    },
}

impl Criterion {
    /// The criterion for a record's `ip_address` (an address, a CIDR network or
    /// an `a-b` range, as `records::ip_address` stores them): a network as its
    /// network address and netmask, a range with the netmask of the smallest
    /// network that holds both ends. `Err` says why NetFlow Analyzer cannot
    /// hold it.
    pub fn from_record(ip: &str) -> Result<Criterion, String> {
        let ip = ip.trim();
        let v4 = |text: &str| -> Result<Ipv4Addr, String> {
            match text.trim().parse::<IpAddr>() {
                Ok(IpAddr::V4(a)) => Ok(a),
                Ok(IpAddr::V6(_)) => Err(format!(
                    "{ip} is IPv6, and NetFlow Analyzer's IP groups hold IPv4 addresses only"
                )),
                Err(_) => Err(format!("{ip} is not an address, network or range")),
            }
        };
        if let Some((address, bits)) = ip.split_once('/') {
            let address = v4(address)?;
            let prefix = bits
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|&p| p <= 32)
                .ok_or_else(|| format!("{ip} is not an address, network or range"))?;
            let netmask = netmask(prefix);
            return Ok(Criterion::Network {
                address: Ipv4Addr::from(u32::from(address) & u32::from(netmask)),
                netmask,
            });
        }
        if let Some((start, end)) = ip.split_once('-') {
            let (start, end) = (v4(start)?, v4(end)?);
            if start > end {
                return Err(format!("{ip} ends before it starts"));
            }
            return Ok(Criterion::Range {
                start,
                end,
                netmask: smallest_network_mask(start, end),
            });
        }
        v4(ip).map(Criterion::Address)
    }

    /// The `IPType` value.
    pub fn ip_type(&self) -> &'static str {
        match self {
            Criterion::Address(_) => "ipaddress",
            Criterion::Network { .. } => "ipnetwork",
            Criterion::Range { .. } => "iprange",
        }
    }

    /// This criterion's part of `IPData`, as the IP Group API documents it:
    /// `address`, `address,netmask,` (the sample request ends a network's part
    /// with a comma) and `start,end,netmask`.
    fn ip_data(&self) -> String {
        match self {
            Criterion::Address(a) => a.to_string(),
            Criterion::Network { address, netmask } => format!("{address},{netmask},"),
            Criterion::Range {
                start,
                end,
                netmask,
            } => format!("{start},{end},{netmask}"),
        }
    }
}

/// Shown in plans and the audit log: the type and the values sent.
impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = self.ip_data();
        write!(f, "{} {}", self.ip_type(), data.trim_end_matches(','))
    }
}

/// The dotted netmask of a prefix length (0 to 32).
pub fn netmask(prefix: u8) -> Ipv4Addr {
    Ipv4Addr::from(u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0))
}

/// The netmask of the smallest network that holds both `a` and `b`: as many
/// leading bits as the two addresses share.
pub fn smallest_network_mask(a: Ipv4Addr, b: Ipv4Addr) -> Ipv4Addr {
    let shared = (u32::from(a) ^ u32::from(b)).leading_zeros();
    netmask(shared as u8)
}

/// The three list fields of `addIPGroup` / `modifyIPGroup`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// Each criterion's values, criteria separated by `-`.
    pub ip_data: String,
    /// One `ipaddress` / `ipnetwork` / `iprange` per criterion, `,`-separated.
    pub ip_type: String,
    /// One `include` per criterion, `,`-separated.
    pub status: String,
}

/// Encodes `criteria`, all `include`, as the IP Group API documents its fields:
/// as many values in `IPType` and `status` as criteria in `IPData`.
pub fn encode(criteria: &[Criterion]) -> Encoded {
    let join = |f: &dyn Fn(&Criterion) -> String, sep: &str| {
        criteria.iter().map(f).collect::<Vec<_>>().join(sep)
    };
    Encoded {
        ip_data: join(&|c| c.ip_data(), "-"),
        ip_type: join(&|c| c.ip_type().to_owned(), ","),
        status: join(&|_| "include".to_owned(), ","),
    }
}

/// One criterion as `listIPGroup` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listed {
    /// An `include` criterion this tool can write too.
    Include(Criterion),
    /// Anything else (an `exclude` or `between` criterion, a type this tool does
    /// not write), as NetFlow Analyzer gave it: never equal to what a record wants.
    Other(String),
}

impl Listed {
    /// Reads one entry of a group's `ip` list: `[type, status, values...]`, e.g.
    /// `["IPAddress","Include","192.0.2.7"]`, `["IPNetwork","Include",
    /// "10.0.0.0","255.255.255.0"]`, `["IPRange","Include","10.0.0.1 to
    /// 10.0.0.9","255.255.255.240"]` (type and status in any case).
    pub fn parse(entry: &[String]) -> Listed {
        let other = || Listed::Other(entry.join(" "));
        let [kind, status, values @ ..] = entry else {
            return other();
        };
        if !status.trim().eq_ignore_ascii_case("include") {
            return other();
        }
        let v4 = |text: &str| text.trim().parse::<Ipv4Addr>().ok();
        let criterion = match (kind.trim().to_ascii_lowercase().as_str(), values) {
            ("ipaddress", [address]) => v4(address).map(Criterion::Address),
            ("ipnetwork", [address, netmask]) => v4(address)
                .zip(v4(netmask))
                .map(|(address, netmask)| Criterion::Network { address, netmask }),
            ("iprange", [range, netmask]) => {
                let mut ends = range.split_whitespace();
                match (ends.next(), ends.next(), ends.next(), ends.next()) {
                    (Some(start), Some(to), Some(end), None) if to.eq_ignore_ascii_case("to") => {
                        v4(start)
                            .zip(v4(end))
                            .zip(v4(netmask))
                            .map(|((start, end), netmask)| Criterion::Range {
                                start,
                                end,
                                netmask,
                            })
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        criterion.map_or_else(other, Listed::Include)
    }
}

impl fmt::Display for Listed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Listed::Include(c) => c.fmt(f),
            Listed::Other(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> Ipv4Addr {
        text.parse().unwrap()
    }

    #[test]
    fn the_documented_sample_request_is_reproduced_byte_for_byte() {
        let criteria = [
            Criterion::Address(ip("192.168.1.1")),
            Criterion::Network {
                address: ip("100.1.1.1"),
                netmask: ip("255.255.128.0"),
            },
            Criterion::Range {
                start: ip("200.0.0.1"),
                end: ip("200.0.0.250"),
                netmask: ip("255.255.255.0"),
            },
        ];
        assert_eq!(
            encode(&criteria),
            Encoded {
                ip_data: "192.168.1.1-100.1.1.1,255.255.128.0,-200.0.0.1,200.0.0.250,255.255.255.0"
                    .to_owned(),
                ip_type: "ipaddress,ipnetwork,iprange".to_owned(),
                status: "include,include,include".to_owned(),
            }
        );
    }

    #[test]
    fn records_become_criteria_with_their_netmasks() {
        assert_eq!(
            Criterion::from_record("192.0.2.7"),
            Ok(Criterion::Address(ip("192.0.2.7")))
        );
        assert_eq!(
            Criterion::from_record("100.1.1.1/17"),
            Ok(Criterion::Network {
                address: ip("100.1.0.0"),
                netmask: ip("255.255.128.0")
            })
        );
        for (range, mask) in [
            ("200.0.0.1-200.0.0.250", "255.255.255.0"),
            ("10.0.0.255-10.0.1.0", "255.255.254.0"),
            ("10.0.0.0-10.0.0.255", "255.255.255.0"),
            ("192.0.2.9-192.0.2.9", "255.255.255.255"),
            ("1.0.0.0-200.0.0.1", "0.0.0.0"),
            ("10.0.0.16-10.0.0.31", "255.255.255.240"),
        ] {
            let Ok(Criterion::Range { netmask, .. }) = Criterion::from_record(range) else {
                panic!("{range}");
            };
            assert_eq!(netmask, ip(mask), "{range}");
        }
        assert_eq!(netmask(0), ip("0.0.0.0"));
        assert_eq!(netmask(32), ip("255.255.255.255"));
        assert_eq!(netmask(20), ip("255.255.240.0"));
    }

    #[test]
    fn ipv6_and_nonsense_are_refused_with_the_reason() {
        for v6 in ["2001:db8::1", "2001:db8::/32", "2001:db8::1-2001:db8::9"] {
            let err = Criterion::from_record(v6).unwrap_err();
            assert!(err.contains("IPv6"), "{err}");
            assert!(err.contains(v6), "{err}");
        }
        for bad in ["", "host", "10.0.0.1/33", "10.0.0.9-10.0.0.1"] {
            assert!(Criterion::from_record(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn listed_criteria_are_read_in_any_case() {
        let entry =
            |parts: &[&str]| -> Vec<String> { parts.iter().map(|p| p.to_string()).collect() };
        assert_eq!(
            Listed::parse(&entry(&["IPAddress", "Include", "192.0.2.7"])),
            Listed::Include(Criterion::Address(ip("192.0.2.7")))
        );
        assert_eq!(
            Listed::parse(&entry(&[
                "ipnetwork",
                "include",
                "10.0.0.0",
                "255.255.255.0"
            ])),
            Listed::Include(Criterion::Network {
                address: ip("10.0.0.0"),
                netmask: ip("255.255.255.0")
            })
        );
        assert_eq!(
            Listed::parse(&entry(&[
                "IPRange",
                "Include",
                "1.1.1.1 to 1.1.1.8",
                "255.255.255.0"
            ])),
            Listed::Include(Criterion::Range {
                start: ip("1.1.1.1"),
                end: ip("1.1.1.8"),
                netmask: ip("255.255.255.0")
            })
        );
        for other in [
            &["IPAddress", "Exclude", "192.0.2.7"][..],
            &[
                "IPAddress",
                "Between",
                "IPAddress",
                "192.0.2.7",
                "192.0.2.8",
            ],
            &["IPAddress", "Include"],
            &["IPRange", "Include", "1.1.1.1 - 1.1.1.8", "255.255.255.0"],
            &["Hostname", "Include", "example.net"],
        ] {
            assert!(
                matches!(Listed::parse(&entry(other)), Listed::Other(_)),
                "{other:?}"
            );
        }
    }

    #[test]
    fn criteria_are_shown_as_sent() {
        let c = Criterion::from_record("10.0.0.0/24").unwrap();
        assert_eq!(c.to_string(), "ipnetwork 10.0.0.0,255.255.255.0");
        let c = Criterion::from_record("10.0.0.1-10.0.0.9").unwrap();
        assert_eq!(c.to_string(), "iprange 10.0.0.1,10.0.0.9,255.255.255.240");
    }
}
