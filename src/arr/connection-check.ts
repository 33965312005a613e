// "Test connection" for a configured Radarr/Sonarr: one /system/status call, answered in words a
// user can act on. Never throws.
import { ArrRequestError } from './arr-http.ts';
import type { ArrSystemStatus } from './system-api.ts';

export type ArrKind = 'radarr' | 'sonarr';

export type ConnectionTestCause = 'unreachable' | 'timeout' | 'tls' | 'unauthorized' | 'wrong-app' | 'unexpected-reply';

export type ConnectionCheckResult =
  | { ok: true; appName: string; version: string; instanceName: string }
  | { ok: false; cause: ConnectionTestCause; message: string };

const APP_NAMES: Record<ArrKind, string> = { radarr: 'Radarr', sonarr: 'Sonarr' };

export async function checkConnection(
  kind: ArrKind,
  client: { systemStatus(): Promise<ArrSystemStatus> },
): Promise<ConnectionCheckResult> {
  const expected = APP_NAMES[kind];
  let status: ArrSystemStatus;
  try {
    status = await client.systemStatus();
  } catch (error) {
    return failureOf(error);
  }
  if (status.appName.toLowerCase() !== expected.toLowerCase()) {
    return {
      ok: false,
      cause: 'wrong-app',
      message: `This URL answers as ${status.appName} ${status.version}, not ${expected}: check the host and port.`,
    };
  }
  return { ok: true, appName: status.appName, version: status.version, instanceName: status.instanceName ?? status.appName };
}

function failureOf(error: unknown): ConnectionCheckResult {
  if (!(error instanceof ArrRequestError)) {
    return { ok: false, cause: 'unexpected-reply', message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.kind) {
    case 'unreachable':
    case 'timeout':
    case 'tls':
    case 'unauthorized':
      return { ok: false, cause: error.kind, message: error.message };
    case 'not-found':
    case 'http-status':
    case 'unexpected-reply':
      return { ok: false, cause: 'unexpected-reply', message: error.message };
  }
}
