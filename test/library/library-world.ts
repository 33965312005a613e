// What the library tests run against: the service without workers (its database), a media root,
// one Radarr connection, and movies made on demand. Open in `beforeAll`, close in `afterAll`.
import path from 'node:path';
import type { Db } from '../../src/db/client.ts';
import { insertConnection, insertMovie, makeMediaRoot, removeMediaRoot } from '../pipeline/pipeline-fixture.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

export interface LibraryWorld {
  svc: TestService;
  db: Db;
  root: string;
  connectionId: number;
  /** A new movie (`<root>/Item N`) of the connection; returns its media id. */
  item(): Promise<number>;
}

export async function openLibraryWorld(label: string): Promise<LibraryWorld> {
  const svc = await startTestService({ workers: () => [] });
  const db = svc.deps.database.db;
  const root = await makeMediaRoot(label);
  const connectionId = await insertConnection(db, root);
  let counter = 0;
  const item = (): Promise<number> => {
    counter += 1;
    return insertMovie(db, { connectionId, folder: path.join(root, `Item ${counter}`), title: `Item ${counter}` });
  };
  return { svc, db, root, connectionId, item };
}

/** Stops what openLibraryWorld started; safe on a world that failed half-way. */
export async function closeLibraryWorld(world: LibraryWorld | undefined): Promise<void> {
  await world?.svc.stop();
  await removeMediaRoot(world?.root);
}
