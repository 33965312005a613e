// What happens to a webhook once its connection is known, decided by the inbox from the event's
// action (a value the route hands over): a job, a wait for its connection, or nothing to do.
import type { ArrSource, WebhookAction } from '../domain/event-action.ts';
import type { ConnectionRow } from '../db/schema/index.ts';
import { needsSetupSummary, type ConnectionChoice } from './connection-choice.ts';
import type { EventDisposition } from './store-event.ts';

const APP_NAME: Record<ArrSource, string> = { radarr: 'Radarr', sonarr: 'Sonarr' };

export function dispositionOf(
  source: ArrSource,
  action: WebhookAction,
  instanceName: string | null,
  choice: ConnectionChoice<ConnectionRow>,
): EventDisposition {
  if (action.type === 'test') {
    return { kind: 'settled', state: 'processed', summary: testMessage(source, instanceName, choice) };
  }
  if (action.type === 'none') return { kind: 'settled', state: 'ignored', summary: action.reason };
  if (choice.connection === null) return { kind: 'needs-setup', summary: needsSetupSummary(choice.why) };
  return { kind: 'job' };
}

/** The reply to (and the events-log line of) a Test webhook. */
export function testMessage(source: ArrSource, instanceName: string | null, choice: ConnectionChoice<ConnectionRow>): string {
  const sender = instanceName ?? APP_NAME[source];
  const works = `Previewarr received the test from ${sender}; the connection works`;
  if (choice.connection !== null) return `${works} (connection "${choice.connection.name}")`;
  return `${works}, but ${choice.why}: add it in Previewarr under Settings → Connections so its events can be acted on`;
}
