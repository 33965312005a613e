// "Is this connection working, and where are its root folders?": /system/status, then
// /rootfolder, answered as a health record for the dashboard. Never throws for Arr failures.
import { checkConnection, type ConnectionCheckResult } from '../arr/connection-check.ts';
import type { ConnectionHealth, RootFolderInfo } from '../db/schema/connections.ts';
import { arrClientFor, type ArrCallOptions } from './arr-clients.ts';
import { localRootFolders } from './root-folders.ts';
import type { ConnectionRow } from '../db/schema/index.ts';

export type ConnectionProbe = {
  result: ConnectionCheckResult;
  /** Undefined when the status check failed or /rootfolder could not be read. */
  rootFolders?: RootFolderInfo[];
  rootFoldersError?: string;
  health: ConnectionHealth;
};

type ProbeTarget = Pick<ConnectionRow, 'name' | 'kind' | 'baseUrl' | 'apiKey' | 'pathMappings'>;

export async function probeConnection(connection: ProbeTarget, options: ArrCallOptions = {}): Promise<ConnectionProbe> {
  const client = arrClientFor(connection, options);
  const result = await checkConnection(connection.kind, client);
  if (!result.ok) return { result, health: healthOf(result) };
  try {
    const reply = await client.rootFolders();
    const rootFolders = await localRootFolders(reply.items, connection.pathMappings);
    return { result, rootFolders, health: healthOf(result, rootFolders) };
  } catch (error) {
    const rootFoldersError = error instanceof Error ? error.message : String(error);
    return { result, rootFoldersError, health: healthOf(result) };
  }
}

export function healthOf(result: ConnectionCheckResult, rootFolders?: readonly RootFolderInfo[]): ConnectionHealth {
  const checkedAt = new Date().toISOString();
  if (!result.ok) return { ok: false, checkedAt, message: result.message };
  const unmapped = rootFolders?.filter((folder) => folder.localPath === null) ?? [];
  const warning =
    unmapped.length > 0
      ? ` Root folder${unmapped.length > 1 ? 's' : ''} not visible here: ${unmapped.map((folder) => folder.path).join(', ')} (add a path mapping).`
      : '';
  return {
    ok: true,
    checkedAt,
    message: `Connected to ${result.appName} ${result.version} (instance "${result.instanceName}").${warning}`,
    version: result.version,
    instanceName: result.instanceName,
  };
}
