import type { FC } from 'hono/jsx';
import { TimeAgo } from './components.tsx';

// Status reasons and progress details are stored as text written by the pipeline, with times in
// UTC ("retrying at 2026-12-05 14:05:00 UTC", fetch-outcome.ts shortTime). Shown, each such time
// becomes a <time> that says "in 4 minutes" and that app.js labels in the browser's time zone.

const UTC_STAMP = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC/g;

/** The text split into plain parts and the times inside it. */
export function reasonParts(text: string): Array<string | Date> {
  const parts: Array<string | Date> = [];
  let last = 0;
  for (const match of text.matchAll(UTC_STAMP)) {
    const at = new Date(`${match[1]}T${match[2]}Z`);
    if (Number.isNaN(at.getTime())) continue;
    parts.push(text.slice(last, match.index));
    parts.push(at);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.filter((part) => part !== '');
}

export const ReasonText: FC<{ text: string | null | undefined }> = ({ text }) => (
  <>{text ? reasonParts(text).map((part) => (typeof part === 'string' ? part : <TimeAgo date={part} />)) : null}</>
);
