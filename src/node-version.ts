// pg-boss 12 needs Node >= 22.12 and fails in obscure ways below it, so the entry point checks
// first, before anything heavy is imported, and exits with one clear line.
export const MIN_NODE = [22, 12] as const;

export function nodeVersionProblem(version: string = process.versions.node): string | null {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  const [needMajor, needMinor] = MIN_NODE;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return (
    `Previewarr needs Node.js ${needMajor}.${needMinor} or newer; this is Node.js ${version}. ` +
    'Run it with `npm start` (which uses the Node 24 installed by `npm ci`) or install Node 24.'
  );
}
