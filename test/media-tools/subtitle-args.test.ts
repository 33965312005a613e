// The pure subtitle pieces: which languages pass, how they are tagged, and the exact yt-dlp and
// ffmpeg arguments built from them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SUBTITLE_CODECS,
  subtitleDemuxer,
  subtitleDownloadArgs,
  subtitleInputOptions,
  subtitleOutputOptions,
} from '../../src/media-tools/subtitle-args.ts';
import { iso639_2, subtitleLanguageProblem, subtitleTitle } from '../../src/media-tools/subtitle-language.ts';
import { downloadArgs } from '../../src/media-tools/ytdlp-args.ts';
import { readSubtitleFiles } from '../../src/media-tools/ytdlp-subtitle-files.ts';

describe('subtitleLanguageProblem', () => {
  it.each(['en', 'de', 'pt-BR', 'zh-Hant', 'fil', 'es-419', 'sr-Latn-RS'])('accepts %j', (code) => {
    expect(subtitleLanguageProblem(code)).toBeUndefined();
  });

  it.each([
    ['all', 'keyword'],
    ['-en', 'not a language tag'],
    ['-all', 'not a language tag'],
    ['en.*', 'not a language tag'],
    ['.*', 'not a language tag'],
    ['en|de', 'not a language tag'],
    ['en,de', 'not a language tag'],
    ['EN', 'not a language tag'],
    ['en_US', 'not a language tag'],
    ['live_chat', 'not a language tag'],
    ['en\n', 'not a language tag'],
    ['en-', 'not a language tag'],
    ['e', 'not a language tag'],
    ['engl', 'not a language tag'],
    ['', 'non-empty'],
    [`en-${'a1b2c3d4-'.repeat(4)}x1`, 'too long'],
  ])('refuses %j (%s)', (code, why) => {
    expect(subtitleLanguageProblem(code)).toContain(why);
  });
});

describe('iso639_2 and subtitleTitle', () => {
  it.each([
    ['en', 'eng', 'English'],
    ['de', 'ger', 'German'],
    ['fr', 'fre', 'French'],
    ['pt-BR', 'por', 'Brazilian Portuguese'],
    ['zh-Hant', 'chi', 'Traditional Chinese'],
    ['nl', 'dut', 'Dutch'],
    ['fil', 'fil', 'Filipino'],
    ['qq', 'und', 'qq'],
  ])('%j → %j, titled %j', (code, tag, title) => {
    expect(iso639_2(code)).toBe(tag);
    expect(subtitleTitle(code)).toBe(title);
  });
});

describe('subtitleDownloadArgs', () => {
  const listFile = '/srv/dl/100%/.x.subtitle-list';

  it('asks for uploaded subtitles only, unless automatic captions are allowed', () => {
    const uploaded = subtitleDownloadArgs({ languages: ['en', 'de'], automatic: false }, listFile);
    expect(uploaded).toEqual([
      '--write-subs',
      '--sub-langs=en,de',
      '--sub-format',
      'vtt/srt/best',
      '--ignore-errors',
      '--print-to-file',
      'after_move:%(requested_subtitles)j',
      '/srv/dl/100%%/.x.subtitle-list',
    ]);
    expect(uploaded).not.toContain('--write-auto-subs');

    const automatic = subtitleDownloadArgs({ languages: ['en'], automatic: true }, listFile);
    expect(automatic.slice(0, 3)).toEqual(['--write-subs', '--write-auto-subs', '--sub-langs=en']);
  });

  it('asks for nothing when no language is wanted', () => {
    expect(subtitleDownloadArgs({ languages: [], automatic: true }, listFile)).toEqual([]);
  });

  it('goes before the `--` that ends the options, so the URL stays the last argument', () => {
    const subtitleArgs = subtitleDownloadArgs({ languages: ['en'], automatic: false }, listFile);
    const args = downloadArgs({
      url: 'https://example.com/-x',
      outputPath: '/srv/dl/.x',
      finalPathFile: '/srv/dl/.x.final-path',
      maxHeight: 720,
      maxFilesizeBytes: 1000,
      maxDurationSeconds: 60,
      subtitleArgs,
      extraArgs: ['--limit-rate', '1M'],
    });
    expect(args.slice(-2)).toEqual(['--', 'https://example.com/-x']);
    expect(args.indexOf('--sub-langs=en')).toBeLessThan(args.indexOf('--'));
    expect(args.indexOf('--sub-langs=en')).toBeLessThan(args.indexOf('--limit-rate'));
  });
});

describe('ffmpeg subtitle arguments', () => {
  const subtitles = [
    { language: 'en', path: '/w/.t.en.vtt' },
    { language: 'de', path: '/w/.t.de.vtt' },
  ];

  it('maps each file as a subtitle stream in the container codec, tagged, titled, not default', () => {
    expect(subtitleOutputOptions('mkv', subtitles)).toEqual([
      ...['-map', '1:s:0', '-c:s:0', 'srt', '-metadata:s:s:0', 'language=eng', '-metadata:s:s:0', 'title=English'],
      ...['-disposition:s:0', '0'],
      ...['-map', '2:s:0', '-c:s:1', 'srt', '-metadata:s:s:1', 'language=ger', '-metadata:s:s:1', 'title=German'],
      ...['-disposition:s:1', '0'],
    ]);
    expect(subtitleOutputOptions('mp4', subtitles)).toContain('mov_text');
    expect(subtitleOutputOptions('webm', subtitles, 3).slice(0, 4)).toEqual(['-map', '3:s:0', '-c:s:0', 'webvtt']);
    expect(subtitleOutputOptions('mkv', [])).toEqual([]);
    expect(SUBTITLE_CODECS).toEqual({ mkv: 'srt', webm: 'webvtt', mp4: 'mov_text' });
  });

  it('reads a subtitle file with the demuxer its extension names', () => {
    expect(subtitleDemuxer('/w/a.en.vtt')).toBe('webvtt');
    expect(subtitleDemuxer('/w/a.en.SRT')).toBe('srt');
    expect(subtitleDemuxer('/w/a.en.ass')).toBe('ass');
    expect(subtitleDemuxer('/w/a.en.json3')).toBeUndefined();
    expect(subtitleInputOptions('/w/a.en.vtt')).toEqual(['-f', 'webvtt']);
    expect(subtitleInputOptions('/w/a.en')).toEqual([]);
  });
});

describe('readSubtitleFiles', () => {
  it('lists only files yt-dlp wrote beside the download, with a cue, in the order asked', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'previewarr-subtitle-list-'));
    try {
      const file = (name: string) => path.join(dir, name);
      await writeFile(file('.d.en.vtt'), 'WEBVTT\n');
      await writeFile(file('.d.de.vtt'), 'WEBVTT\n');
      await writeFile(file('.d.es.vtt'), '');
      await writeFile(file('elsewhere.vtt'), 'WEBVTT\n');
      const listed = {
        de: { ext: 'vtt', filepath: file('.d.de.vtt') },
        en: { ext: 'vtt', filepath: file('.d.en.vtt') },
        es: { ext: 'vtt', filepath: file('.d.es.vtt') },
        fr: { ext: 'vtt', filepath: file('elsewhere.vtt') },
        it: { ext: 'vtt' },
        ja: 'nonsense',
      };
      const listFile = file('.d.subtitle-list');
      await writeFile(listFile, `${JSON.stringify(listed)}\n`);
      const created = ['.d.en.vtt', '.d.de.vtt', '.d.es.vtt'].map(file);

      expect(await readSubtitleFiles(listFile, created, ['en', 'de', 'es', 'fr', 'it', 'ja', 'constructor'])).toEqual([
        { language: 'en', path: file('.d.en.vtt') },
        { language: 'de', path: file('.d.de.vtt') },
      ]);

      await writeFile(listFile, '"NA"\n');
      expect(await readSubtitleFiles(listFile, created, ['en'])).toEqual([]);
      await writeFile(listFile, 'not json\n');
      expect(await readSubtitleFiles(listFile, created, ['en'])).toEqual([]);
      expect(await readSubtitleFiles(file('missing'), created, ['en'])).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
