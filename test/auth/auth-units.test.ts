import { describe, expect, it } from 'vitest';
import { clientAddress, isLocalClient, parseTrustedProxies } from '../../src/auth/client-address.ts';
import { isLocalAddress } from '../../src/auth/local-address.ts';
import { LoginThrottle } from '../../src/auth/login-throttle.ts';
import { hashPassword, verifyPassword } from '../../src/auth/password-hash.ts';
import { safeNextPath } from '../../src/auth/ui-auth.ts';

describe('local addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['172.15.0.1', false],
    ['192.168.1.20', true],
    ['169.254.3.4', true],
    ['192.169.0.1', false],
    ['8.8.8.8', false],
    ['::1', true],
    ['::ffff:192.168.0.4', true],
    ['::ffff:8.8.8.8', false],
    ['fd12:3456::1', true],
    ['fe80::1%eth0', true],
    ['2001:db8::1', false],
    ['localhost', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, local) => {
    expect(isLocalAddress(address)).toBe(local);
  });

  it('believes X-Forwarded-For only from TRUSTED_PROXIES; a header can take local trust away, never grant it', () => {
    const none = parseTrustedProxies('');
    const proxies = parseTrustedProxies('127.0.0.1, 172.18.0.0/16 ::1');
    if (!none.ok || !proxies.ok) throw new Error('valid lists refused');
    expect(clientAddress('127.0.0.1', '203.0.113.9', none.list)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '203.0.113.9', proxies.list)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:172.18.0.4', '1.1.1.1, 203.0.113.9, 172.18.0.9', proxies.list)).toBe('203.0.113.9');
    expect(clientAddress('8.8.8.8', '127.0.0.1', proxies.list)).toBe('8.8.8.8');
    expect(isLocalClient('127.0.0.1', undefined, none.list)).toBe(true);
    expect(isLocalClient('127.0.0.1', '192.168.1.5', none.list)).toBe(true);
    expect(isLocalClient('127.0.0.1', '8.8.8.8, 192.168.1.5', none.list)).toBe(false);
    expect(isLocalClient('8.8.8.8', '127.0.0.1', proxies.list)).toBe(false);
    expect(isLocalClient('127.0.0.1', ' , ', none.list)).toBe(false);
    expect(isLocalClient('127.0.0.1', '198.51.100.7', proxies.list)).toBe(false);
    expect(parseTrustedProxies('10.0.0.0/33')).toEqual({ ok: false, bad: '10.0.0.0/33' });
    expect(parseTrustedProxies('proxy.lan')).toEqual({ ok: false, bad: 'proxy.lan' });
  });
});

describe('login throttle', () => {
  it('lets five failures through, then locks with growing waits, per client, forgiven on success', () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now, freeAttempts: 5, baseLockMs: 30_000, maxLockMs: 120_000 });
    for (let i = 0; i < 4; i++) {
      expect(throttle.check('a')).toEqual({ allowed: true });
      throttle.failed('a');
    }
    throttle.failed('a');
    expect(throttle.check('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(throttle.check('b')).toEqual({ allowed: true });
    now += 30_000;
    expect(throttle.check('a')).toEqual({ allowed: true });
    throttle.failed('a');
    expect(throttle.check('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    now += 60_000;
    throttle.failed('a');
    throttle.failed('a');
    expect(throttle.check('a')).toEqual({ allowed: false, retryAfterSeconds: 120 });
    now += 120_000;
    throttle.succeeded('a');
    throttle.failed('a');
    expect(throttle.check('a')).toEqual({ allowed: true });
  });

  it('forgets old failures after the window and bounds how many clients it remembers', () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now, freeAttempts: 2, windowMs: 1000, maxClients: 3 });
    throttle.failed('a');
    now = 5000;
    throttle.failed('a');
    expect(throttle.check('a')).toEqual({ allowed: true });
    for (const client of ['b', 'c', 'd', 'e']) {
      throttle.failed(client);
      throttle.failed(client);
    }
    // 'b' was the oldest and is forgotten; 'e' is remembered and locked.
    expect(throttle.check('b')).toEqual({ allowed: true });
    expect(throttle.check('e').allowed).toBe(false);
  });
});

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery staplE', hash)).toBe(false);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
  });

  it('treats NFC and NFD spellings of a password as the same, and unreadable hashes as no match', async () => {
    const hash = await hashPassword('Café crème');
    expect(await verifyPassword('Cafe\u0301 cre\u0300me', hash)).toBe(true);
    for (const broken of ['', 'plain', 'scrypt$1$2$3', 'bcrypt$x$y$z$a$b', 'scrypt$0$8$1$AAAA$BBBB']) {
      expect(await verifyPassword('x', broken)).toBe(false);
    }
  });
});

describe('the page to return to after login', () => {
  it.each([
    ['/library?kind=movie', '/library?kind=movie'],
    ['/settings/general', '/settings/general'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/has space', '/'],
    [undefined, '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
