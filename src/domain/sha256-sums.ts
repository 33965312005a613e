// Pure: reading a release's checksum list. yt-dlp publishes `SHA2-256SUMS` beside every release
// (stable and nightly), in `sha256sum` format: `<64 hex digits>  <asset name>` per line, where
// the name may carry a `*` (binary mode) in front.

const LINE = /^([0-9a-fA-F]{64}) [ *]?(.+)$/;

/** The expected SHA-256 (lower-case hex) of `asset`, or undefined when the list does not name it. */
export function expectedSha256(sumsText: string, asset: string): string | undefined {
  for (const raw of sumsText.split(/\r?\n/)) {
    const match = LINE.exec(raw.trim());
    if (match !== null && match[2]?.trim() === asset) return match[1]?.toLowerCase();
  }
  return undefined;
}
