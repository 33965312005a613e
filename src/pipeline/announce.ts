// Outcomes of the pipeline that a person may want to hear about, looked up by item id.
import { eq } from 'drizzle-orm';
import { media } from '../db/schema/index.ts';
import { itemNeedsAttention } from '../outbound/trailer-events.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';

export async function announceNeedsAttention(rt: PipelineRuntime, mediaId: number, reason: string): Promise<void> {
  try {
    const [item] = await rt.db.select({ title: media.title, year: media.year }).from(media).where(eq(media.id, mediaId));
    if (item) await itemNeedsAttention(rt, item, reason);
  } catch (error) {
    rt.logger.warn({ err: error, mediaId }, 'could not queue the needs-attention notification');
  }
}
