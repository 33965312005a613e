// A slot's state on the item page names its kind, in the one wording of a kind
// (domain/extra-kinds.ts): "Have theme music", "Have featurette", "No teaser yet"; the main
// trailer (the item page's status card, the library) keeps "Have trailer".
import { describe, expect, it } from 'vitest';
import type { ItemSlot } from '../../src/admin/slot-queries.ts';
import { EXTRA_KINDS, KIND_NOUN, type ExtraKind } from '../../src/domain/extra-kinds.ts';
import { StatusBadge } from '../../views/components.tsx';
import { SlotsCard } from '../../views/media-slots.tsx';

const html = async (node: unknown): Promise<string> => String(await node);

const slot = (profileId: number, kind: ExtraKind | null, status: ItemSlot['status'], season: number | null = null): ItemSlot => ({
  profileId,
  profileName: `Profile ${profileId}`,
  kind,
  languageRule: 'settings',
  season,
  main: false,
  planned: true,
  status,
  reason: null,
  externalPath: null,
  file: status === 'have' ? { path: `/movies/Arrival (2016)/file-${profileId}.mkv`, sizeBytes: 1024, createdAt: new Date(0) } : null,
  note: null,
});

/** Each row's badge text, by profile id. */
function badges(page: string): Map<string, string> {
  const rows = [...page.matchAll(/<tr data-profile-id="(\d*)"[\s\S]*?<span class="badge status-[^"]*">([^<]*)<\/span>/g)];
  return new Map(rows.map((row) => [row[1]!, row[2]!]));
}

describe("a slot's state names its kind", () => {
  it('"Have <kind>" for every kind, and the kind\'s own "No … yet"', async () => {
    const slots = [...EXTRA_KINDS.map((kind, index) => slot(index + 1, kind, 'have')), slot(20, 'teaser', 'no-trailer-yet', 1), slot(21, null, 'have')];
    const found = badges(await html(SlotsCard({ mediaId: 1, title: 'Arrival', removed: false, slots })));
    expect(Object.fromEntries(found)).toEqual({
      1: 'Have trailer',
      2: 'Have teaser',
      3: 'Have featurette',
      4: 'Have behind-the-scenes video',
      5: 'Have clip',
      6: 'Have interview',
      7: 'Have theme music',
      20: 'No teaser yet',
      21: 'Have file',
    });
    // The one wording: what the library's "missing" line uses too.
    for (const [index, kind] of EXTRA_KINDS.entries()) expect(found.get(String(index + 1))).toBe(`Have ${KIND_NOUN[kind]}`);
  });

  it('the main trailer badge (item page and library) still says "Have trailer"', async () => {
    expect(await html(StatusBadge({ status: 'have' }))).toBe('<span class="badge status-have">Have trailer</span>');
    expect(await html(StatusBadge({ status: 'needs-attention', kind: 'theme-music' }))).toBe('<span class="badge status-needs-attention">Needs attention</span>');
  });
});
