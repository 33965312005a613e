// Unit tests of src/files on a real temp folder: what may be written (containment), how it is
// written (atomic placement), who owns it, and which files may later be moved or deleted.
import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitPartial, finishPartialFile, TargetOccupiedError } from '../../src/files/atomic-place.ts';
import { checkRealContainment, ensureFolderBelow, isStrictlyInside, realpathOfNearest } from '../../src/files/containment.ts';
import { checkOwnedFile, fileIdentity, moveOwnedFile, removeOwnedFile } from '../../src/files/owned-file.ts';
import { applyOwnership, modeFor, type FileOwnership } from '../../src/files/ownership.ts';
import { removePartialFile, removeWorkDir } from '../../src/files/partial-files.ts';
import { partialNameFor } from '../../src/domain/trailer-name.ts';

const NO_OWNER: FileOwnership = { umask: 0o022 };
let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'previewarr-files-'));
  root = path.join(base, 'movies');
  outside = path.join(base, 'elsewhere');
  await mkdir(path.join(root, 'Film (2001)'), { recursive: true });
  await mkdir(outside);
});
afterEach(() => rm(base, { recursive: true, force: true }));

describe('containment', () => {
  it('counts only paths strictly below a root', () => {
    expect(isStrictlyInside('/movies/a', '/movies')).toBe(true);
    expect(isStrictlyInside('/movies', '/movies')).toBe(false);
    expect(isStrictlyInside('/movies2/a', '/movies')).toBe(false);
    expect(isStrictlyInside('/a', '/')).toBe(true);
  });

  it('resolves the nearest existing ancestor of a path that does not exist yet', async () => {
    const target = path.join(root, 'Film (2001)', 'not', 'yet.mkv');
    expect(await realpathOfNearest(target)).toBe(target);
  });

  it('accepts a folder inside a root and refuses a folder that is a link out of it', async () => {
    expect(await checkRealContainment(path.join(root, 'Film (2001)', 'x.mkv'), [root])).toMatchObject({ ok: true });
    await symlink(outside, path.join(root, 'Linked (2002)'));
    const result = await checkRealContainment(path.join(root, 'Linked (2002)', 'x.mkv'), [root]);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toContain(`really ${path.join(outside, 'x.mkv')}`);
  });

  it('refuses everything when no root is configured or the root is missing', async () => {
    expect(await checkRealContainment(path.join(root, 'a'), [])).toMatchObject({ ok: false });
    expect(await checkRealContainment(path.join(root, 'a'), [path.join(base, 'not-mounted')])).toMatchObject({ ok: false });
  });

  it('creates missing folders below an existing media folder, never above or beside it', async () => {
    const media = path.join(root, 'Film (2001)');
    const made = await ensureFolderBelow(media, path.join(media, 'Trailers'), [root], NO_OWNER);
    expect(made).toMatchObject({ ok: true });
    expect((await stat(path.join(media, 'Trailers'))).isDirectory()).toBe(true);
    expect((await stat(path.join(media, 'Trailers'))).mode & 0o777).toBe(0o755);
    expect(await ensureFolderBelow(media, path.join(root, 'Other'), [root], NO_OWNER)).toMatchObject({ ok: false });
    await writeFile(path.join(media, 'Blocker'), 'x');
    expect(await ensureFolderBelow(media, path.join(media, 'Blocker', 'inner'), [root], NO_OWNER)).toMatchObject({ ok: false });
    expect(await ensureFolderBelow(outside, path.join(outside, 'inner'), [root], NO_OWNER)).toMatchObject({ ok: false });
    await expect(lstat(path.join(outside, 'inner'))).rejects.toThrow();
  });
});

describe('atomic placement', () => {
  const partialIn = (folder: string) => path.join(folder, partialNameFor('Film (2001)-trailer.mkv'));

  it('gives the partial file its mode and returns its identity', async () => {
    const partial = partialIn(path.join(root, 'Film (2001)'));
    await writeFile(partial, 'video');
    const { identity, warning } = await finishPartialFile(partial, { umask: 0o027 });
    expect(warning).toBeUndefined();
    expect(identity.sizeBytes).toBe(5);
    expect((await stat(partial)).mode & 0o777).toBe(0o640);
  });

  it('refuses to follow a link planted under the partial name', async () => {
    const partial = partialIn(path.join(root, 'Film (2001)'));
    await writeFile(path.join(outside, 'victim'), 'keep');
    await symlink(path.join(outside, 'victim'), partial);
    await expect(finishPartialFile(partial, NO_OWNER)).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await readFile(path.join(outside, 'victim'), 'utf8')).toBe('keep');
  });

  it('never overwrites a file it does not own, and replaces one when told it is ours', async () => {
    const folder = path.join(root, 'Film (2001)');
    const final = path.join(folder, 'Film (2001)-trailer.mkv');
    await writeFile(final, 'the user’s own');
    await writeFile(partialIn(folder), 'ours');
    await expect(commitPartial(partialIn(folder), final, { replace: false })).rejects.toBeInstanceOf(TargetOccupiedError);
    expect(await readFile(final, 'utf8')).toBe('the user’s own');
    await commitPartial(partialIn(folder), final, { replace: true });
    expect(await readFile(final, 'utf8')).toBe('ours');
    await expect(lstat(partialIn(folder))).rejects.toThrow();
  });

  it('moves into a free name and leaves no partial behind; refuses another folder', async () => {
    const folder = path.join(root, 'Film (2001)');
    const final = path.join(folder, 'Film (2001)-trailer.mkv');
    await writeFile(partialIn(folder), 'ours');
    await expect(commitPartial(partialIn(folder), path.join(outside, 'x.mkv'), { replace: false })).rejects.toThrow(/same folder/);
    await commitPartial(partialIn(folder), final, { replace: false });
    expect(await readFile(final, 'utf8')).toBe('ours');
    await expect(lstat(partialIn(folder))).rejects.toThrow();
  });
});

describe('ownership', () => {
  it('derives modes from the umask', () => {
    expect(modeFor('file', { umask: 0o022 })).toBe(0o644);
    expect(modeFor('dir', { umask: 0o002 })).toBe(0o775);
  });

  it('applies mode and owner to what we create', async () => {
    const file = path.join(root, 'f');
    await writeFile(file, 'x');
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    expect(await applyOwnership(file, 'file', { uid, gid, umask: 0o077 })).toBeUndefined();
    const stats = await stat(file);
    expect(stats.mode & 0o777).toBe(0o600);
    expect([stats.uid, stats.gid]).toEqual([uid, gid]);
  });
});

describe('owned files', () => {
  async function placed(name: string, text: string) {
    const file = path.join(root, 'Film (2001)', name);
    await writeFile(file, text);
    const identity = await fileIdentity(file);
    return { path: file, ...identity! };
  }

  it('tells our file from one the user changed, removed or replaced with a folder', async () => {
    const record = await placed('a-trailer.mkv', 'ours');
    expect(await checkOwnedFile(record)).toBe('match');
    await utimes(record.path, new Date(), new Date(Date.now() + 60_000));
    expect(await checkOwnedFile(record)).toBe('changed');
    await rm(record.path);
    expect(await checkOwnedFile(record)).toBe('missing');
    await mkdir(record.path);
    expect(await checkOwnedFile(record)).toBe('not-a-file');
  });

  it('deletes only an unchanged file of ours inside a root', async () => {
    const changed = await placed('b-trailer.mkv', 'ours');
    await writeFile(changed.path, 'edited by the user');
    expect(await removeOwnedFile(changed, [root])).toMatchObject({ removed: false, why: 'changed' });
    expect(await readFile(changed.path, 'utf8')).toBe('edited by the user');

    const mine = await placed('c-trailer.mkv', 'ours');
    expect(await removeOwnedFile(mine, [outside])).toMatchObject({ removed: false, why: 'outside-roots' });
    expect(await removeOwnedFile(mine, [root])).toEqual({ removed: true });
    await expect(lstat(mine.path)).rejects.toThrow();
  });

  it('moves an owned file to a free name only', async () => {
    const record = await placed('d-trailer.mkv', 'ours');
    const taken = path.join(root, 'Film (2001)', 'taken.mkv');
    await writeFile(taken, 'someone else');
    await expect(moveOwnedFile(record, taken)).rejects.toThrow(/already exists/);
    const to = path.join(root, 'Film (2001)', 'e-trailer.mkv');
    expect(await moveOwnedFile(record, to)).toMatchObject({ sizeBytes: 4 });
    expect(await readFile(taken, 'utf8')).toBe('someone else');
    await expect(lstat(record.path)).rejects.toThrow();
  });
});

describe('partial leftovers', () => {
  it('removes only regular files with our partial name', async () => {
    const folder = path.join(root, 'Film (2001)');
    const partial = path.join(folder, partialNameFor('Film-trailer.mkv'));
    await writeFile(partial, 'half');
    await writeFile(path.join(folder, 'Film.mkv'), 'movie');
    expect(await removePartialFile(path.join(folder, 'Film.mkv'))).toBe(false);
    expect(await removePartialFile('relative/' + path.basename(partial))).toBe(false);
    expect(await removePartialFile(partial)).toBe(true);
    expect(await readFile(path.join(folder, 'Film.mkv'), 'utf8')).toBe('movie');
  });

  it('removes a work folder only when it sits directly under the work root', async () => {
    const work = path.join(base, 'work');
    await mkdir(path.join(work, 'attempt-1'), { recursive: true });
    await removeWorkDir(work, path.join(work, 'attempt-1', '..', '..', 'elsewhere'));
    expect((await stat(outside)).isDirectory()).toBe(true);
    await removeWorkDir(work, path.join(work, 'attempt-1'));
    await expect(lstat(path.join(work, 'attempt-1'))).rejects.toThrow();
  });
});
