import { describe, expect, it } from 'vitest';
import { parseSearchOutput } from '../../src/media-tools/ytdlp-search-result.ts';

// Shaped like `yt-dlp --flat-playlist -J "ytsearch3:The Matrix 1999 trailer"` output.
const output = JSON.stringify({
  _type: 'playlist',
  id: 'The Matrix 1999 trailer',
  entries: [
    {
      _type: 'url',
      ie_key: 'Youtube',
      id: 'vKQi3bBA1y8',
      url: 'https://www.youtube.com/watch?v=vKQi3bBA1y8',
      title: 'The Matrix (1999) Official Trailer',
      duration: 147.0,
      channel: 'Warner Bros.',
      view_count: 12345678,
      description: null,
    },
    { _type: 'url', ie_key: 'Youtube', id: 'abc123', title: null, duration: null, uploader: 'Fan', view_count: 'n/a' },
    { _type: 'url', ie_key: 'Youtube', title: 'no id at all' },
    'garbage',
    { _type: 'url', ie_key: 'Vimeo', id: '42', url: 'vimeo:42' },
  ],
});

describe('parseSearchOutput', () => {
  it('keeps good entries, fills what is derivable, and skips what is unusable', () => {
    expect(parseSearchOutput(output)).toEqual([
      {
        id: 'vKQi3bBA1y8',
        url: 'https://www.youtube.com/watch?v=vKQi3bBA1y8',
        title: 'The Matrix (1999) Official Trailer',
        durationSeconds: 147,
        channel: 'Warner Bros.',
        viewCount: 12345678,
      },
      { id: 'abc123', url: 'https://www.youtube.com/watch?v=abc123', title: '', channel: 'Fan' },
    ]);
  });

  it('returns nothing for a search without results', () => {
    expect(parseSearchOutput(JSON.stringify({ _type: 'playlist', entries: [] }))).toEqual([]);
    expect(parseSearchOutput(JSON.stringify({ _type: 'playlist' }))).toEqual([]);
  });

  it('throws on output that is not a playlist', () => {
    expect(() => parseSearchOutput('ERROR: oops')).toThrow();
    expect(() => parseSearchOutput(JSON.stringify({ entries: 'x' }))).toThrow();
  });
});
