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
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  nonPublicV4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped in hex form; the dotted form is checked as IPv4 below
  ['64:ff9b:1::', 48],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  nonPublicV6.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (`::ffff:127.0.0.1`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^[0:]*:(?:ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match && isIPv4(match[1] as string) ? match[1] : undefined;
}

/**
 * Whether an IP address is publicly routable. Loopback, private, link-local, CGNAT, multicast and reserved ranges
 * (IPv4, IPv6 and IPv4-mapped IPv6) are not. Anything that is not an IP address is not public either.
 */
export function isPublicAddress(address: string): boolean {
  const v4 = isIPv4(address) ? address : embeddedIpv4(address);
  if (v4) return !nonPublicV4.check(v4, 'ipv4');
  if (isIPv6(address)) return !nonPublicV6.check(address, 'ipv6');
  return false;
}
