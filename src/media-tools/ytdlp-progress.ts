// Pure: yt-dlp prints one progress line per update through our `--progress-template`
// (`<prefix>{json}`); this turns such a line into a progress value and ignores every other line.
import { z } from 'zod';
import { optionalNumber } from './tolerant-fields.ts';

export const PROGRESS_LINE_PREFIX = '[previewarr-progress] ';

export interface DownloadProgress {
  downloadedBytes: number;
  /** Exact size when the server sent one, else yt-dlp's estimate, else absent. */
  totalBytes?: number;
  /** Bytes per second. */
  speed?: number;
  /** Seconds left. */
  eta?: number;
}

// yt-dlp fills unknown fields with null, and adds fields across versions: stay tolerant.
const progressSchema = z.object({
  filename: z.string().optional().catch(undefined),
  downloaded_bytes: optionalNumber,
  total_bytes: optionalNumber,
  total_bytes_estimate: optionalNumber,
  speed: optionalNumber,
  eta: optionalNumber,
});

/** One progress line: the progress of a single file (`file`), when merging formats one of several. */
export interface FileProgress extends DownloadProgress {
  file: string;
}

export function parseProgressLine(line: string): FileProgress | undefined {
  const start = line.indexOf(PROGRESS_LINE_PREFIX);
  if (start === -1) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line.slice(start + PROGRESS_LINE_PREFIX.length));
  } catch {
    return undefined;
  }
  const parsed = progressSchema.safeParse(json);
  if (!parsed.success || parsed.data.downloaded_bytes === undefined) return undefined;
  const { filename, downloaded_bytes, total_bytes, total_bytes_estimate, speed, eta } = parsed.data;
  const totalBytes = total_bytes ?? total_bytes_estimate;
  return {
    file: filename ?? '',
    downloadedBytes: downloaded_bytes,
    ...(totalBytes !== undefined ? { totalBytes } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(eta !== undefined ? { eta } : {}),
  };
}

/**
 * When yt-dlp fetches video and audio separately, each file's counter starts again at zero.
 * Summing per file keeps the reported progress monotonic over the whole download.
 */
export class DownloadProgressTotal {
  private readonly files = new Map<string, FileProgress>();

  add(update: FileProgress): DownloadProgress {
    const previous = this.files.get(update.file);
    // A file's counter never goes back (a retry restarts it); keep the high-water mark.
    if (previous === undefined || update.downloadedBytes >= previous.downloadedBytes) {
      this.files.set(update.file, update);
    }
    let downloadedBytes = 0;
    let totalBytes: number | undefined = 0;
    for (const file of this.files.values()) {
      downloadedBytes += file.downloadedBytes;
      totalBytes = totalBytes === undefined || file.totalBytes === undefined ? undefined : totalBytes + file.totalBytes;
    }
    return {
      downloadedBytes,
      ...(totalBytes !== undefined ? { totalBytes } : {}),
      ...(update.speed !== undefined ? { speed: update.speed } : {}),
      ...(update.eta !== undefined ? { eta: update.eta } : {}),
    };
  }
}
