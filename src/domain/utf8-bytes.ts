// Byte-level helpers for file names. Linux (ext4, xfs, btrfs) and SMB/NFS limit a single path
// component to 255 BYTES, not characters, so any name we build must be measured and cut in UTF-8.

const encoder = new TextEncoder();

/** Bytes `text` takes once encoded as UTF-8 (how Node writes it to a path). */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length;
}

// A lone surrogate is written as U+FFFD (3 bytes), which the 0x10000 branch also yields.
function codePointBytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Longest prefix of `text` that fits in `maxBytes` of UTF-8, cut between code points so the
 * result is always valid UTF-8 (a surrogate pair is never split).
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  let used = 0;
  let end = 0;
  for (const codePoint of text) {
    const size = codePointBytes(codePoint.codePointAt(0) ?? 0);
    if (used + size > maxBytes) break;
    used += size;
    end += codePoint.length;
  }
  return text.slice(0, end);
}
