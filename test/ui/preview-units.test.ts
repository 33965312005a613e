// Preview mode's words and the dashboard tile: what a person reads about a previewed item.
import type { Child } from 'hono/jsx';
import { describe, expect, it } from 'vitest';
import { trailerStatuses } from '../../src/db/schema/media.ts';
import type { StatusCounts } from '../../src/admin/dashboard-queries.ts';
import { previewReason } from '../../src/pipeline/preview-outcome.ts';
import { renderHtml } from '../../src/routes/ui/render.tsx';
import { STATUS_LABELS } from '../../views/components.tsx';
import { StatusCountsPanel } from '../../views/progress.tsx';

const counts = (values: Partial<StatusCounts>): StatusCounts => ({
  ...(Object.fromEntries(trailerStatuses.map((status) => [status, 0])) as StatusCounts),
  total: 0,
  ...values,
});

// The panel called as a function (this file is not JSX); its result is what the page renders.
const tile = (values: StatusCounts) => renderHtml(StatusCountsPanel({ counts: values }) as Child);

describe('preview mode in words', () => {
  it('says what would be downloaded, from where, with its score', () => {
    const candidate = { videoId: 'abc', url: 'https://www.youtube.com/watch?v=abc', source: 'tmdb' as const, score: 312.6, excluded: false, reasons: [] };
    expect(previewReason({ ...candidate, title: 'Heat – Official Trailer', channel: 'Warner Bros.' })).toBe(
      'preview: would download "Heat – Official Trailer" by Warner Bros. (tmdb, score 313)',
    );
    expect(previewReason(candidate)).toBe('preview: would download https://www.youtube.com/watch?v=abc (tmdb, score 313)');
  });

  it('every status has a label', () => {
    for (const status of trailerStatuses) expect(STATUS_LABELS[status]).toMatch(/\w/);
  });

  it('the dashboard shows a Previewed tile only while something is previewed, never counted as having a trailer', async () => {
    const none = await tile(counts({ have: 3 }));
    expect(none).not.toContain('data-status="preview"');
    const some = await tile(counts({ have: 3, preview: 5 }));
    expect(some).toMatch(/data-status="preview"><span class="count-value">5<\/span><span class="count-label">Previewed<\/span>/);
    expect(some).toMatch(/data-status="have"><span class="count-value">3</);
  });
});
