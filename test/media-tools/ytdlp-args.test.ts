import { describe, expect, it } from 'vitest';
import {
  downloadArgs,
  escapeOutputTemplate,
  formatSelector,
  isYoutubeUrl,
  matchFilter,
  searchArgs,
  supportsJsRuntimes,
  supportsPluginDirs,
  youtubeReadinessArgs,
  type DownloadArgsInput,
} from '../../src/media-tools/ytdlp-args.ts';

describe('supportsJsRuntimes', () => {
  it.each([
    ['2023.03.04', false],
    ['2025.10.22', false],
    ['2025.11.03', true],
    ['2025.11.12.232736', true],
    ['2026.01.31', true],
    ['2024.12.23\n', false],
    ['', false],
    ['yt-dlp 2025.11.03', false],
    ['nightly', false],
  ])('%j → %s', (version, expected) => {
    expect(supportsJsRuntimes(version)).toBe(expected);
  });
});

describe('supportsPluginDirs', () => {
  it.each([
    ['2023.03.04', false],
    ['2025.01.26', false],
    ['2025.02.19', true],
    ['2025.11.12.232736', true],
  ])('%j → %s', (version, expected) => {
    expect(supportsPluginDirs(version)).toBe(expected);
  });
});

describe('youtubeReadinessArgs', () => {
  it('names every runtime with its path, each value its own argument', () => {
    expect(
      youtubeReadinessArgs({
        jsRuntimes: [
          { name: 'deno', path: '/opt/deno/bin/deno' },
          { name: 'node', path: '/usr/local/bin/node' },
        ],
      }),
    ).toEqual(['--js-runtimes', 'deno:/opt/deno/bin/deno', '--js-runtimes', 'node:/usr/local/bin/node']);
    expect(youtubeReadinessArgs({ jsRuntimes: [], pluginDir: '--exec=x' })).toEqual(['--plugin-dirs', '--exec=x']);
  });
});

describe('isYoutubeUrl', () => {
  it.each([
    ['https://www.youtube.com/watch?v=vKQi3bBA1y8', true],
    ['https://youtu.be/vKQi3bBA1y8', true],
    ['https://m.youtube.com/watch?v=x', true],
    ['https://www.youtube-nocookie.com/embed/x', true],
    ['https://vimeo.com/123', false],
    ['https://youtube.com.evil.example/watch?v=x', false],
    ['http://127.0.0.1:8080/clips/603.mp4', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isYoutubeUrl(url)).toBe(expected);
  });
});

const base: DownloadArgsInput = {
  url: 'https://www.youtube.com/watch?v=vKQi3bBA1y8',
  outputPath: '/media/Movies/The Matrix (1999)/.previewarr-1.partial',
  finalPathFile: '/media/Movies/The Matrix (1999)/.previewarr-1.partial.final-path',
  maxHeight: 1080,
  maxFilesizeBytes: 300_000_000,
  maxDurationSeconds: 600,
};

const valueAfter = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('downloadArgs', () => {
  it('selects formats by height, caps size and duration, and ends with -- and the URL', () => {
    const args = downloadArgs(base);
    expect(valueAfter(args, '-f')).toBe('bv*[height<=1080]+ba/b[height<=1080]/b');
    expect(valueAfter(args, '--max-filesize')).toBe('300000000');
    expect(valueAfter(args, '--match-filter')).toBe('!is_live & duration<=?600');
    expect(valueAfter(args, '--merge-output-format')).toBe('mkv');
    expect(valueAfter(args, '-o')).toBe(base.outputPath);
    expect(args).toEqual(expect.arrayContaining(['--ignore-config', '--no-playlist', '--newline', '--no-part', '--force-overwrites']));
    expect(args.slice(-2)).toEqual(['--', base.url]);
  });

  it('adds --js-runtimes only when asked', () => {
    expect(downloadArgs(base)).not.toContain('--js-runtimes');
    const readinessArgs = youtubeReadinessArgs({ jsRuntimes: [{ name: 'node', path: '/usr/bin/node' }], pluginDir: '/config/pot plugins' });
    const args = downloadArgs({ ...base, readinessArgs });
    expect(valueAfter(args, '--js-runtimes')).toBe('node:/usr/bin/node');
    expect(valueAfter(args, '--plugin-dirs')).toBe('/config/pot plugins');
  });

  it('escapes % in paths, which yt-dlp would read as template fields', () => {
    const args = downloadArgs({ ...base, outputPath: '/m/100% Wolf/.t.partial', finalPathFile: '/m/100% Wolf/.t.partial.final-path' });
    expect(valueAfter(args, '-o')).toBe('/m/100%% Wolf/.t.partial');
    expect(args).toContain('/m/100%% Wolf/.t.partial.final-path');
    expect(escapeOutputTemplate('%(title)s')).toBe('%%(title)s');
  });

  it('passes cookies, ffmpeg location and extra arguments before the URL', () => {
    const args = downloadArgs({ ...base, cookiesFile: '/config/cookies.txt', ffmpegPath: '/usr/bin/ffmpeg', extraArgs: ['--limit-rate', '5M'] });
    expect(valueAfter(args, '--cookies')).toBe('/config/cookies.txt');
    expect(valueAfter(args, '--ffmpeg-location')).toBe('/usr/bin/ffmpeg');
    expect(args.indexOf('--limit-rate')).toBeLessThan(args.indexOf('--'));
  });

  it('asks for the best audio-only format when only the sound is wanted, with the same limits', () => {
    const args = downloadArgs({ ...base, audioOnly: true });
    expect(valueAfter(args, '-f')).toBe('ba/b[height<=1080]/b');
    expect(args.filter((arg) => arg === '-f')).toHaveLength(1);
    // The conversion is ours (theme-music.ts): yt-dlp must not extract or re-encode audio itself.
    expect(args).not.toContain('-x');
    expect(args).not.toContain('--extract-audio');
    expect(valueAfter(args, '--max-filesize')).toBe('300000000');
    expect(valueAfter(args, '--match-filter')).toBe('!is_live & duration<=?600');
    expect(args.slice(-2)).toEqual(['--', base.url]);
    expect(valueAfter(downloadArgs({ ...base, audioOnly: false }), '-f')).toBe(formatSelector(1080));
  });

  it('format selector and match filter stand alone', () => {
    expect(formatSelector(720)).toBe('bv*[height<=720]+ba/b[height<=720]/b');
    expect(matchFilter(300.7)).toBe('!is_live & duration<=?300');
  });
});

describe('searchArgs', () => {
  it('asks for a flat JSON playlist of N search results, the query after --', () => {
    const args = searchArgs('-The Matrix 1999 trailer', 5);
    expect(args).toEqual(expect.arrayContaining(['--flat-playlist', '-J']));
    expect(args.slice(-2)).toEqual(['--', 'ytsearch5:-The Matrix 1999 trailer']);
    expect(args).not.toContain('--js-runtimes');
    expect(searchArgs('x', 1, ['--js-runtimes', 'deno:/usr/local/bin/deno'])).toContain('--js-runtimes');
  });
});
