import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Whether an IP address is one a webhook may be sent to: a public unicast address. A callback
 * URL is the caller's, and the service POSTs to it from inside its own network: without this
 * judgement a caller could make it reach what only it can reach (Redis on 127.0.0.1, the cloud's
 * metadata on 169.254.169.254, a neighbour on 10.0.0.5). The ranges refused are IANA's
 * special-purpose ones (RFC 6890) that lead inside a network, or nowhere. An IPv6 address that
 * carries an IPv4 one (mapped, or NAT64's) is judged by the IPv4 inside: its packets end there.
 */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !NOT_PUBLIC.check(address, 'ipv4');
  const unzoned = address.split('%')[0] as string;
  if (!isIPv6(unzoned)) return false;
  if (CARRIES_IPV4.check(unzoned, 'ipv6'))
    return isPublicAddress(embeddedIPv4(ipv6Groups(unzoned)));
  return !NOT_PUBLIC.check(unzoned, 'ipv6');
}

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, the cloud's metadata among them
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 (broadcast)
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
NOT_PUBLIC.addAddress('::', 'ipv6'); // unspecified
NOT_PUBLIC.addAddress('::1', 'ipv6'); // loopback
NOT_PUBLIC.addSubnet('fc00::', 7, 'ipv6'); // unique local
NOT_PUBLIC.addSubnet('fe80::', 10, 'ipv6'); // link-local
NOT_PUBLIC.addSubnet('ff00::', 8, 'ipv6'); // multicast

/** IPv6 prefixes whose last 32 bits are an IPv4 address: IPv4-mapped, and NAT64's well-known. */
const CARRIES_IPV4 = new BlockList();
CARRIES_IPV4.addSubnet('::ffff:0:0', 96, 'ipv6');
CARRIES_IPV4.addSubnet('64:ff9b::', 96, 'ipv6');

/** The eight 16-bit groups of a valid IPv6 address, `::` expanded, a dotted tail read. */
function ipv6Groups(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const hex = dotted
    ? address.slice(0, dotted.index) + dottedAsGroups(dotted.slice(1).map(Number))
    : address;
  const [head = '', tail] = hex.split('::');
  const groupsOf = (part: string) =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : [];
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const zeros = new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

function dottedAsGroups([a = 0, b = 0, c = 0, d = 0]: number[]): string {
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function embeddedIPv4(groups: number[]): string {
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
