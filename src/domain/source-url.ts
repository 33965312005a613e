// Pure: may a pasted link be fetched? yt-dlp fetches whatever it is given, from inside the
// network Previewarr runs in, so a link naming this machine, the container network or a cloud
// metadata address would turn "paste a link" into a way to probe internal services. Link-local
// (cloud metadata) and unspecified addresses are always refused; this machine, private ranges and
// single-label names (a container's service name) only when the setting allows them, for
// self-hosted sources.
import { BlockList, isIP } from 'node:net';

const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');

const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** The host as an address family and text: `[::ffff:7f00:1]` and `::ffff:127.0.0.1` count as IPv4. */
function addressOf(hostname: string): { ip: string; type: 'ipv4' | 'ipv6' } | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return undefined;
  if (family === 6) {
    const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(bare);
    if (mapped?.[1]) return { ip: mapped[1], type: 'ipv4' };
    if (mapped?.[2] && mapped[3]) {
      const high = parseInt(mapped[2], 16);
      const low = parseInt(mapped[3], 16);
      return { ip: [high >> 8, high & 255, low >> 8, low & 255].join('.'), type: 'ipv4' };
    }
  }
  return { ip: bare, type: family === 6 ? 'ipv6' : 'ipv4' };
}

const PRIVATE_HINT = 'this machine or a private network address; to fetch from it, allow private addresses for pasted links (Settings → Security)';

/** Why this link may not be fetched, or undefined. The URL parser has already turned `0x7f000001` into `127.0.0.1`. */
export function sourceUrlProblem(url: URL, allowPrivate: boolean): string | undefined {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const address = addressOf(host);
  if (address) {
    if (NEVER.check(address.ip, address.type)) return `${host} is a link-local or unspecified address; links to it are never fetched`;
    if (PRIVATE.check(address.ip, address.type) && !allowPrivate) return `${host} is ${PRIVATE_HINT}`;
    return undefined;
  }
  const local = host === 'localhost' || host.endsWith('.localhost') || !host.includes('.');
  if (local && !allowPrivate) return `${host} is ${PRIVATE_HINT}`;
  return undefined;
}

/** The link without `user:password@`, for storing and showing. */
export function withoutCredentials(text: string): string {
  try {
    const url = new URL(text);
    if (!url.username && !url.password) return text;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return text;
  }
}
