// The "no trailer yet" state on the pages: its own label and dashboard tile, never counted as
// "needs attention"; and the trailer-choice fields of the media settings form with their values.
import { describe, expect, it } from 'vitest';
import { settingsView } from '../../src/admin/settings-update.ts';
import { defaultSettings } from '../../src/config/settings.ts';
import { trailerStatuses } from '../../src/db/schema/media.ts';
import { StatusBadge } from '../../views/components.tsx';
import { StatusCountsPanel } from '../../views/progress.tsx';
import { MediaSettingsForm } from '../../views/settings-forms.tsx';

const html = async (node: unknown): Promise<string> => String(await node);

describe('"no trailer yet" on the pages', () => {
  it('has its own badge label', async () => {
    expect(await html(StatusBadge({ status: 'no-trailer-yet', title: 'not released yet' }))).toBe(
      '<span class="badge status-no-trailer-yet" title="not released yet">No trailer yet</span>',
    );
  });

  it('has its own dashboard tile, apart from "needs attention"', async () => {
    const counts = { ...Object.fromEntries(trailerStatuses.map((s) => [s, 0])), 'no-trailer-yet': 3, 'needs-attention': 1, total: 4 } as Parameters<typeof StatusCountsPanel>[0]['counts'];
    const page = await html(StatusCountsPanel({ counts }));
    expect(page).toMatch(/data-status="no-trailer-yet"><span class="count-value">3<\/span><span class="count-label">No trailer yet<\/span>/);
    expect(page).toMatch(/data-status="needs-attention"><span class="count-value">1<\/span>/);
  });
});

describe('the trailer-choice settings fields', () => {
  it('shows each setting with its stored value', async () => {
    const settings = settingsView({ ...defaultSettings, languageMode: 'mine', channelBlocklist: ['Screen Culture', 'KH Studio'], searchQueryTemplate: '{original_title} trailer' });
    const form = await html(MediaSettingsForm({ settings, csrfToken: 't' }));
    expect(form).toContain('<option value="mine" selected="">My language (dubs allowed)</option>');
    expect(form).toMatch(/name="channelBlocklist"[^>]*>Screen Culture\nKH Studio<\/textarea>/);
    expect(form).toMatch(/name="searchQueryTemplate"[^>]*value="\{original_title\} trailer"/);
    expect(form).toContain('name="recheckBeforeReleaseHours"');
  });
});
