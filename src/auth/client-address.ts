import { getConnInfo } from '@hono/node-server/conninfo';
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { isLocalAddress } from './local-address.ts';

// Who a request comes from. X-Forwarded-For is anyone's to write, so it names the client only
// when the socket peer is one of the reverse proxies listed in TRUSTED_PROXIES (none by default);
// then the hops are read right to left, skipping trusted proxies, and the first other address
// is the client. One rule for the login throttle and for "no login from local addresses".

/** The socket peer address (undefined when the app is driven without a Node server). */
export function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** `TRUSTED_PROXIES` of a valid environment (checked at start by the env schema). */
export function trustedProxiesOf(env: { TRUSTED_PROXIES: string }): BlockList {
  const parsed = parseTrustedProxies(env.TRUSTED_PROXIES);
  if (!parsed.ok) throw new Error(`TRUSTED_PROXIES: "${parsed.bad}" is not an address or CIDR range`);
  return parsed.list;
}

/** Parses `TRUSTED_PROXIES`: addresses or CIDR ranges, separated by commas or spaces. */
export function parseTrustedProxies(text: string): { ok: true; list: BlockList } | { ok: false; bad: string } {
  const list = new BlockList();
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits && /^\d+$/.test(prefix ?? '')))) {
      return { ok: false, bad: entry };
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return { ok: true, list };
}

function normalized(address: string): string {
  const bare = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(bare) ? bare.slice(7) : bare;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export function forwardedHops(forwardedFor: string | undefined): string[] {
  return (forwardedFor ?? '').split(',').map(normalized).filter(Boolean);
}

/** The client's address: the socket peer, unless that is a trusted proxy vouching for someone else. */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList): string | undefined {
  if (peer === undefined) return undefined;
  let client = normalized(peer);
  const hops = forwardedHops(forwardedFor);
  while (isTrusted(client, trusted) && hops.length > 0) {
    const hop = hops.pop() ?? '';
    if (isIP(hop) === 0) break;
    client = hop;
  }
  return client;
}

/**
 * "No login from local addresses": the client must be local, and no forwarded hop may be
 * remote (a header can only take this away: a local proxy that is not configured as trusted
 * still marks its remote visitors as remote).
 */
export function isLocalClient(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList): boolean {
  if (!isLocalAddress(clientAddress(peer, forwardedFor, trusted))) return false;
  const hops = forwardedFor === undefined ? [] : forwardedHops(forwardedFor);
  if (forwardedFor !== undefined && hops.length === 0) return false;
  return hops.every((hop) => isLocalAddress(hop));
}

export const requestClient = (c: Context, trusted: BlockList) => clientAddress(remoteAddress(c), c.req.header('x-forwarded-for'), trusted);
export const requestIsLocal = (c: Context, trusted: BlockList) => isLocalClient(remoteAddress(c), c.req.header('x-forwarded-for'), trusted);
