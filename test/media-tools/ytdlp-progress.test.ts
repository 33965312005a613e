import { describe, expect, it } from 'vitest';
import { DownloadProgressTotal, parseProgressLine, PROGRESS_LINE_PREFIX } from '../../src/media-tools/ytdlp-progress.ts';

// A line as yt-dlp 2023.03.04 prints it for our progress template.
const REAL_LINE =
  PROGRESS_LINE_PREFIX +
  '{"status": "downloading", "downloaded_bytes": 31744, "total_bytes": 115571, "tmpfilename": "/tmp/x/.t.partial", ' +
  '"filename": "/tmp/x/.t.partial", "eta": 0, "speed": 28113172.75, "elapsed": 0.003, "ctx_id": null, ' +
  '"_eta_str": "00:00", "_percent_str": " 27.5%"}';

describe('parseProgressLine', () => {
  it('reads a real yt-dlp progress line', () => {
    expect(parseProgressLine(REAL_LINE)).toEqual({
      file: '/tmp/x/.t.partial',
      downloadedBytes: 31744,
      totalBytes: 115571,
      speed: 28113172.75,
      eta: 0,
    });
  });

  it('falls back to the estimate, and leaves out what is unknown', () => {
    const line = `${PROGRESS_LINE_PREFIX}{"downloaded_bytes": 10, "total_bytes": null, "total_bytes_estimate": 99.5, "speed": null, "eta": null, "filename": "f"}`;
    expect(parseProgressLine(line)).toEqual({ file: 'f', downloadedBytes: 10, totalBytes: 99.5 });
  });

  it.each([
    '[download] Destination: /tmp/x',
    `${PROGRESS_LINE_PREFIX}not json`,
    `${PROGRESS_LINE_PREFIX}{"status": "finished"}`,
    `${PROGRESS_LINE_PREFIX}{"downloaded_bytes": "many"}`,
    `${PROGRESS_LINE_PREFIX}[1, 2]`,
    '',
  ])('ignores %j', (line) => {
    expect(parseProgressLine(line)).toBeUndefined();
  });

  it('tolerates odd field types without losing the byte count', () => {
    const line = `${PROGRESS_LINE_PREFIX}{"downloaded_bytes": 5, "total_bytes": "NA", "speed": -1, "filename": 7}`;
    expect(parseProgressLine(line)).toEqual({ file: '', downloadedBytes: 5 });
  });
});

describe('DownloadProgressTotal', () => {
  it('sums video and audio pieces so the total never goes back', () => {
    const total = new DownloadProgressTotal();
    expect(total.add({ file: 'v', downloadedBytes: 100, totalBytes: 1000 })).toEqual({ downloadedBytes: 100, totalBytes: 1000 });
    expect(total.add({ file: 'v', downloadedBytes: 1000, totalBytes: 1000 }).downloadedBytes).toBe(1000);
    // The audio piece starts again at zero; the sum keeps growing.
    expect(total.add({ file: 'a', downloadedBytes: 10, totalBytes: 200, speed: 5 })).toEqual({
      downloadedBytes: 1010,
      totalBytes: 1200,
      speed: 5,
    });
    // A retried piece that restarts does not pull the total down.
    expect(total.add({ file: 'a', downloadedBytes: 0, totalBytes: 200 }).downloadedBytes).toBe(1010);
  });

  it('drops the total when any piece has no known size', () => {
    const total = new DownloadProgressTotal();
    total.add({ file: 'v', downloadedBytes: 100, totalBytes: 1000 });
    expect(total.add({ file: 'a', downloadedBytes: 10 })).toEqual({ downloadedBytes: 110 });
  });
});
