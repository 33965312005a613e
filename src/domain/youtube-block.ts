// Pure: what the dashboard tells the user when YouTube blocks downloads. The cool-off itself is
// already applied by the rate-limit gate; this says what else helps, by the kind of block that
// started it (the reason comes from download-error.ts).

export type YoutubeBlockKind = 'bot-check' | 'rate-limit' | 'content-withheld';

export type YoutubeBlockAdvice = { kind: YoutubeBlockKind; headline: string; steps: string[] };

const COOKIES = 'Upload a cookies.txt exported from a browser signed in to YouTube (Settings → Downloads → Cookies).';
const SLOWER = 'Download fewer at a time: set parallel downloads to 1 (Settings → Downloads).';
const UPDATE = 'Keep yt-dlp current: YTDLP_UPDATES=stable (the container image does this) or nightly; an old yt-dlp is blocked sooner.';
const PO_TOKEN = 'If it keeps happening, add a PO-token provider plugin for yt-dlp and point YTDLP_PLUGIN_DIR at its folder.';

export function kindOfBlock(reason: string | undefined): YoutubeBlockKind {
  if (reason !== undefined && /not a bot|robot/i.test(reason)) return 'bot-check';
  if (reason !== undefined && /isn[’']t available|unusual traffic|withh[eo]ld/i.test(reason)) return 'content-withheld';
  return 'rate-limit';
}

export function youtubeBlockAdvice(reason: string | undefined): YoutubeBlockAdvice {
  const kind = kindOfBlock(reason);
  switch (kind) {
    case 'bot-check':
      return { kind, headline: 'YouTube asks to confirm this is not a bot.', steps: [COOKIES, SLOWER, UPDATE, PO_TOKEN] };
    case 'content-withheld':
      return { kind, headline: 'YouTube hides videos from this network for now, usually after many downloads.', steps: [SLOWER, COOKIES, UPDATE] };
    case 'rate-limit':
      return { kind, headline: 'YouTube is answering with "Too Many Requests".', steps: [SLOWER, UPDATE, COOKIES] };
  }
}
