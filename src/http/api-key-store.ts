import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { readInternal, writeInternal } from '../db/settings-store.ts';

export type ApiKeyStore = {
  current(): string;
  /** Replaces the stored key (not possible while API_KEY pins it in the environment). */
  regenerate(): Promise<string>;
  pinnedByEnv: boolean;
};

export function newApiKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The service API key: API_KEY from the environment when set, otherwise the stored one, or one
 * generated on first start, stored, and printed once so the user can paste it into Radarr.
 */
export async function loadApiKey(db: Db, envKey: string | undefined, logger: Logger): Promise<ApiKeyStore> {
  if (envKey) {
    return {
      current: () => envKey,
      regenerate: async () => {
        throw new Error('The API key is set by the API_KEY environment variable; change it there.');
      },
      pinnedByEnv: true,
    };
  }
  let key = await readInternal(db, 'apiKey');
  if (typeof key !== 'string' || key.length < 16) {
    key = newApiKey();
    await writeInternal(db, 'apiKey', key);
    // The one place the key is ever logged: the user needs it to connect Radarr/Sonarr.
    logger.info(`Generated an API key for Radarr/Sonarr webhooks and the API: ${String(key)} (shown once; also in Settings)`);
  }
  let current = key as string;
  return {
    current: () => current,
    regenerate: async () => {
      current = newApiKey();
      await writeInternal(db, 'apiKey', current);
      return current;
    },
    pinnedByEnv: false,
  };
}
