import { describe, expect, it } from 'vitest';
import { sourceUrlProblem, withoutCredentials } from '../../src/domain/source-url.ts';

describe('sourceUrlProblem', () => {
  it.each([
    'http://127.0.0.1:5432/',
    'http://0x7f000001/',
    'http://127.1/',
    'http://2130706433/',
    'http://[::1]/',
    'http://[::ffff:7f00:1]/',
    'http://localhost:8080/',
    'http://a.localhost/',
    'http://10.1.2.3/',
    'http://172.20.0.4/',
    'http://192.168.1.9/',
    'http://[fd00::1]/',
    'http://radarr:7878/',
  ])('refuses %s by default, allows it when private addresses are allowed', (text) => {
    expect(sourceUrlProblem(new URL(text), false)).toMatch(/private network address/);
    expect(sourceUrlProblem(new URL(text), true)).toBeUndefined();
  });

  it.each(['http://169.254.169.254/latest/meta-data', 'http://0.0.0.0:7880/', 'http://[fe80::1]/', 'http://[::]/'])('never fetches %s', (text) => {
    expect(sourceUrlProblem(new URL(text), true)).toMatch(/never fetched/);
  });

  it.each(['https://www.youtube.com/watch?v=x', 'https://vimeo.com/1', 'http://8.8.8.8/', 'https://[2001:db8::1]/'])('allows %s', (text) => {
    expect(sourceUrlProblem(new URL(text), false)).toBeUndefined();
  });
});

describe('withoutCredentials', () => {
  it('drops user and password, leaves everything else', () => {
    expect(withoutCredentials('https://user:pass@example.com/v?id=1')).toBe('https://example.com/v?id=1');
    expect(withoutCredentials('https://example.com/v')).toBe('https://example.com/v');
    expect(withoutCredentials('not a url')).toBe('not a url');
  });
});
