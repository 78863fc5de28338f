import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Addresses a FHIR fetch must never reach unless allowlisted by name: loopback, private, link-local and the like. */
const nonPublicV4 = new BlockList();
/** Kept apart from the IPv4 list: a BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too. */
const nonPublicV6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata endpoints
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation (TEST-NET-1..3)
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  nonPublicV4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48], // NAT64 for local use (RFC 8215): translates into a site's own network
  ['100::', 64], // discard
  ['2001::', 32], // Teredo: the IPv4 address it reaches is obfuscated, so it is not checked
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  nonPublicV6.addSubnet(net, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, a trailing dotted quad converted), if it is one. */
function ipv6Groups(address: string): number[] | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address.replace(/%.*$/, '');
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groups = (part: string | undefined) => (part ? part.split(':').map((h) => Number.parseInt(h, 16)) : []);
  const [head, tail] = text.split('::');
  if (tail === undefined) return groups(head);
  const left = groups(head);
  const right = groups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The IPv4 address an IPv6 address stands for, where a translation or tunnel would deliver it there: IPv4-mapped
 * (`::ffff:127.0.0.1`, also in hex), IPv4-compatible (`::10.0.0.1`), IPv4-translated (`::ffff:0:10.0.0.1`), NAT64
 * (`64:ff9b::7f00:1`, RFC 6052) and 6to4 (`2002:7f00:1::`, RFC 3056).
 */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (!g) return undefined;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const v4 = (hi = 0, lo = 0) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (zero(0, 5) && (g[5] === 0xffff || g[5] === 0)) return v4(g[6], g[7]);
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return v4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return v4(g[6], g[7]);
  if (g[0] === 0x2002) return v4(g[1], g[2]);
  return undefined;
}

/**
 * Whether an IP address is publicly routable. Loopback, private, link-local, CGNAT, multicast, documentation and
 * reserved ranges are not, in IPv4 or IPv6, nor IPv6 forms that lead to such an IPv4 address (mapped, compatible,
 * NAT64, 6to4). Anything that is not an IP address is not public either.
 */
export function isPublicAddress(address: string): boolean {
  const v4 = isIPv4(address) ? address : embeddedIpv4(address);
  if (v4) return !nonPublicV4.check(v4, 'ipv4');
  if (isIPv6(address)) return !nonPublicV6.check(address.replace(/%.*$/, ''), 'ipv6');
  return false;
}
