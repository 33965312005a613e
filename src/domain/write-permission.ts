// Pure: may this user write into a folder with this owner and mode? Used to check media roots
// "as PUID/PGID" when the checking process runs as someone else (root in `docker exec`).
// Classic Unix permission bits only: ACLs and supplementary groups are not seen.

export type FolderStat = { uid: number; gid: number; mode: number };
export type Who = { uid: number; gid: number };

export function mayWrite(folder: FolderStat, who: Who): boolean {
  if (who.uid === 0) return true;
  // Writing an entry needs write and search (x) permission on the folder.
  const bits = folder.uid === who.uid ? (folder.mode >> 6) & 7 : folder.gid === who.gid ? (folder.mode >> 3) & 7 : folder.mode & 7;
  return (bits & 0o3) === 0o3;
}
