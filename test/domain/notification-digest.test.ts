import { describe, expect, it } from 'vitest';
import { clip, digest } from '../../src/domain/notification-digest.ts';

const placed = (n: number) => ({ kind: 'trailer-placed', title: `Trailer placed: Movie ${n}`, subject: `Movie ${n}`, message: `/movies/${n}`, at: '2026-12-05T00:00:00Z' });

describe('digest', () => {
  it('sends a few events one by one', () => {
    const notices = digest([placed(1), placed(2)]);
    expect(notices.map((n) => n.title)).toEqual(['Trailer placed: Movie 1', 'Trailer placed: Movie 2']);
    expect(notices[0]!.level).toBe('success');
  });

  it('turns many events into one summary per interval, worst level first', () => {
    const events = [...Array.from({ length: 48 }, (_, i) => placed(i)), { kind: 'needs-attention', title: 'Needs attention: X', subject: 'X', message: 'no trailer', at: '' }];
    const [summary, ...rest] = digest(events);
    expect(rest).toEqual([]);
    expect(summary!.title).toBe('Previewarr: 49 updates');
    expect(summary!.body).toContain('Trailer placed ×48: Movie 0, Movie 1, Movie 2, Movie 3, Movie 4 and 43 more');
    expect(summary!.body).toContain('Needs attention ×1: X');
    expect(summary!.level).toBe('failure');
    expect(summary!.events).toHaveLength(49);
  });

  it("keeps an extra slot's waiting events apart from the main trailer's in a summary", () => {
    const waiting = (label: string, subject: string) => ({ kind: 'needs-attention', title: `${label}: ${subject}`, subject, message: 'every candidate failed', at: '' });
    const events = [waiting('Needs attention', 'A'), waiting('Featurette needs attention', 'B'), waiting('Featurette needs attention', 'C'), waiting('Season 2 teaser needs attention', 'D')];
    const [summary] = digest(events);
    expect(summary!.body.split('\n')).toEqual(['Needs attention ×1: A', 'Featurette needs attention ×2: B, C', 'Season 2 teaser needs attention ×1: D']);
    expect(summary!.level).toBe('failure');
  });

  it('clips long text', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });
});
