import { isIPv4, isIPv6 } from 'node:net';

// "Authentication disabled for local addresses", as the Arr apps offer it: loopback, the private
// IPv4 ranges, link-local, and IPv6 unique-local/link-local count as local.

function ipv4Octets(ip: string): number[] | undefined {
  return isIPv4(ip) ? ip.split('.').map(Number) : undefined;
}

function isLocalIPv4(ip: string): boolean {
  const o = ipv4Octets(ip);
  if (!o) return false;
  const [a = -1, b = -1] = o;
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

export function isLocalAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(ip)) return isLocalIPv4(ip);
  if (!isIPv6(ip)) return false;
  const lower = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1]) return isLocalIPv4(mapped[1]);
  if (lower === '::1') return true;
  const firstGroup = parseInt(lower.split(':')[0] || '0', 16);
  // fc00::/7 unique local, fe80::/10 link-local
  return (firstGroup & 0xfe00) === 0xfc00 || (firstGroup & 0xffc0) === 0xfe80;
}
