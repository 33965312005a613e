// Runs before `npm start` and `npm test`: checks that the external programs Previewarr drives are
// installed, installs them from Debian's packages when running as root on Debian/Ubuntu, and
// otherwise says exactly what to install. Plain JS so it runs before anything is compiled.
import { execFileSync, spawnSync } from 'node:child_process';

const forTests = process.argv.includes('--tests') || process.env.npm_lifecycle_event === 'test';
const wanted = [
  { command: process.env.FFMPEG_PATH || 'ffmpeg', pkg: 'ffmpeg' },
  { command: process.env.FFPROBE_PATH || 'ffprobe', pkg: 'ffmpeg' },
  { command: process.env.YTDLP_PATH || 'yt-dlp', pkg: 'yt-dlp' },
  ...(forTests ? [{ command: 'chromium', pkg: 'chromium' }, { command: 'shellcheck', pkg: 'shellcheck' }] : []),
];

function found(command) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

const missing = [...new Set(wanted.filter((w) => !found(w.command)).map((w) => w.pkg))];
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && found('apt-get')) {
  console.log(`Installing ${missing.join(', ')} from Debian packages…`);
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    process.exit(0);
  } catch {
    console.error(`Could not install ${missing.join(', ')} with apt-get.`);
    process.exit(1);
  }
}
console.error(
  `Previewarr needs these programs, which are not on PATH: ${missing.join(', ')}.\n` +
    `Install them (Debian/Ubuntu: sudo apt-get install --no-install-recommends ${missing.join(' ')}), ` +
    'or point FFMPEG_PATH / FFPROBE_PATH / YTDLP_PATH at them.',
);
process.exit(1);
