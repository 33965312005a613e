import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openUrl } from '../../src/app/service.ts';
import { createLogger, logRingOf } from '../../src/logger.ts';
import { LogRing } from '../../src/logs/log-ring.ts';

const line = (level: number, msg: string) => JSON.stringify({ level, time: 1_700_000_000_000, msg });

describe('LogRing', () => {
  it('keeps only the newest lines, oldest first', () => {
    const ring = new LogRing(3);
    for (let i = 1; i <= 5; i += 1) ring.write(`${line(30, `line ${i}`)}\n`);
    expect(ring.list().map((entry) => entry.msg)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(ring.list({ limit: 2 }).map((entry) => entry.msg)).toEqual(['line 4', 'line 5']);
  });

  it('filters by lowest level and by text anywhere in the line, ignoring case', () => {
    const ring = new LogRing(10);
    ring.write(`${line(20, 'debug one')}\n${line(30, 'info Heat')}\n${line(40, 'warn heat')}\n${line(50, 'error other')}\n`);
    expect(ring.list({ minLevel: 'warn' }).map((entry) => entry.level)).toEqual(['warn', 'error']);
    expect(ring.list({ text: 'HEAT' }).map((entry) => entry.msg)).toEqual(['info Heat', 'warn heat']);
    expect(ring.list({ minLevel: 'warn', text: 'heat' }).map((entry) => entry.msg)).toEqual(['warn heat']);
  });

  it('keeps a line that is not JSON as it is', () => {
    const ring = new LogRing(2);
    ring.write('plain words\n');
    expect(ring.list()).toMatchObject([{ level: 'info', msg: 'plain words', line: 'plain words' }]);
  });
});

describe('createLogger', () => {
  it('writes each line to its destination and, redacted the same way, to its ring', () => {
    const written: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.child({ component: 'x' }).warn({ password: 'hunter2-hunter2' }, 'signed in');
    logger.debug('below the level');
    const entries = logRingOf(logger).list();
    expect(entries.map((entry) => entry.msg)).toEqual(['signed in']);
    expect(entries[0]?.line).toContain('"password":"[redacted]"');
    expect(written.join('')).toContain('"password":"[redacted]"');
    expect(written.join('')).not.toContain('hunter2');
  });
});

describe('openUrl', () => {
  it.each([
    ['0.0.0.0', 'http://localhost:7880/'],
    ['::', 'http://localhost:7880/'],
    ['127.0.0.1', 'http://127.0.0.1:7880/'],
    ['fd00::5', 'http://[fd00::5]:7880/'],
  ])('%s', (host, url) => {
    expect(openUrl(host, 7880)).toBe(url);
  });
});
