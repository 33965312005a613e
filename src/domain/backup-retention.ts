// Pure: backup file names and which old ones to delete. Only names this pattern matches are ever
// considered, so nothing else a user keeps in the backups folder is touched.

const NAME = /^previewarr-(\d{8}-\d{6})\.tar\.gz$/;

/** `previewarr-20261205-013000.tar.gz` (UTC), which sorts by time as text. */
export function backupFileName(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `previewarr-${stamp}.tar.gz`;
}

export function isBackupFileName(name: string): boolean {
  return NAME.test(name);
}

/** The backups beyond the newest `keep`, oldest first. */
export function backupsToDelete(names: readonly string[], keep: number): string[] {
  const ours = names.filter(isBackupFileName).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}
