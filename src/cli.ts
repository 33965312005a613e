import { loadEnvOrExit } from './config/env.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { SchemaTooNewError } from './db/schema-version.ts';
import { createLogger } from './logger.ts';
import { startService, type RunningService } from './app/service.ts';

const env = loadEnvOrExit();

const logger = createLogger(env.LOG_LEVEL, undefined, { format: env.LOG_FORMAT });
let running: RunningService;
try {
  running = await startService(env, logger);
} catch (err) {
  if (err instanceof DataDirLockedError || err instanceof SchemaTooNewError) {
    console.error(err.message);
  } else {
    logger.fatal({ err }, 'Previewarr could not start');
  }
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  });
}
