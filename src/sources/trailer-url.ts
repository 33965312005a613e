// Pure: turning a video id into the URL yt-dlp downloads (TRAILER_URL_TEMPLATE, so tests and
// mirrors can point elsewhere), and recognising YouTube links a user pastes.

/** `https://www.youtube.com/watch?v={id}` + `abc` → `https://www.youtube.com/watch?v=abc`. */
export function urlForVideoId(template: string, videoId: string): string {
  return template.replaceAll('{id}', encodeURIComponent(videoId));
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{6,20}$/;

/** The video id of a YouTube link (watch, youtu.be, shorts, embed, live), else undefined. */
export function youtubeIdFromUrl(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/^(www|m|music)\./, '');
  let id: string | undefined;
  if (host === 'youtu.be') id = url.pathname.split('/')[1];
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const [, first, second] = url.pathname.split('/');
    id = first === 'watch' ? (url.searchParams.get('v') ?? undefined) : ['shorts', 'embed', 'live', 'v'].includes(first ?? '') ? second : undefined;
  }
  return id !== undefined && YOUTUBE_ID.test(id) ? id : undefined;
}

/** Whether text is an http(s) link rather than a bare video id. */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text);
}

/** The id under which a pasted link is stored and blocklisted. */
export function videoIdForPastedUrl(link: string): string {
  return youtubeIdFromUrl(link) ?? link;
}
