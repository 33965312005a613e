// Pure: which yt-dlp options a user may add from settings. An allowlist, because yt-dlp accepts
// abbreviations (`--exec-before-downloa`), `--alias` to define new options, config files and
// plugins: a blocklist of exact names let shell commands through. Each argument is resolved the
// way yt-dlp's optparse does (an exact name, else the one option an abbreviation starts) and the
// result is written back in full, so yt-dlp never has to guess what an abbreviation means.
import { YTDLP_LONG_OPTION_NAMES } from './ytdlp-option-names.ts';

interface AllowedOption {
  /** Long names (without `--`) that yt-dlp treats as this one option. */
  names: readonly string[];
  short?: string;
  takesValue: boolean;
}

/**
 * Options that only shape how a download is made: format sorting, rate and sleep, retries,
 * network route, geo, request headers and extractor arguments. Nothing that runs a command,
 * reads or writes a file, defines options or changes what is downloaded or where.
 */
const ALLOWED_OPTIONS: readonly AllowedOption[] = [
  { names: ['format-sort'], short: 'S', takesValue: true },
  { names: ['format-sort-force', 'S-force'], takesValue: false },
  { names: ['no-format-sort-force'], takesValue: false },
  { names: ['prefer-free-formats'], takesValue: false },
  { names: ['no-prefer-free-formats'], takesValue: false },
  { names: ['check-formats'], takesValue: false },
  { names: ['check-all-formats'], takesValue: false },
  { names: ['no-check-formats'], takesValue: false },
  { names: ['limit-rate', 'rate-limit'], short: 'r', takesValue: true },
  { names: ['throttled-rate'], takesValue: true },
  { names: ['retries'], short: 'R', takesValue: true },
  { names: ['fragment-retries'], takesValue: true },
  { names: ['extractor-retries'], takesValue: true },
  { names: ['retry-sleep'], takesValue: true },
  { names: ['skip-unavailable-fragments', 'no-abort-on-unavailable-fragments'], takesValue: false },
  { names: ['abort-on-unavailable-fragments', 'no-skip-unavailable-fragments'], takesValue: false },
  { names: ['concurrent-fragments'], short: 'N', takesValue: true },
  { names: ['http-chunk-size'], takesValue: true },
  { names: ['sleep-requests'], takesValue: true },
  { names: ['sleep-interval', 'min-sleep-interval'], takesValue: true },
  { names: ['max-sleep-interval'], takesValue: true },
  { names: ['socket-timeout'], takesValue: true },
  { names: ['proxy'], takesValue: true },
  { names: ['source-address'], takesValue: true },
  { names: ['force-ipv4'], short: '4', takesValue: false },
  { names: ['force-ipv6'], short: '6', takesValue: false },
  { names: ['geo-verification-proxy'], takesValue: true },
  { names: ['geo-bypass'], takesValue: false },
  { names: ['no-geo-bypass'], takesValue: false },
  { names: ['geo-bypass-country'], takesValue: true },
  { names: ['geo-bypass-ip-block'], takesValue: true },
  { names: ['xff'], takesValue: true },
  { names: ['user-agent'], takesValue: true },
  { names: ['referer'], takesValue: true },
  { names: ['add-headers'], takesValue: true },
  { names: ['legacy-server-connect'], takesValue: false },
  { names: ['impersonate'], takesValue: true },
  { names: ['age-limit'], takesValue: true },
  { names: ['extractor-args'], takesValue: true },
  { names: ['allow-dynamic-mpd', 'no-ignore-dynamic-mpd'], takesValue: false },
  { names: ['ignore-dynamic-mpd', 'no-allow-dynamic-mpd'], takesValue: false },
  { names: ['hls-split-discontinuity'], takesValue: false },
  // Harmless: without progress lines the size ceiling is enforced by measuring the file on disk.
  { names: ['no-progress'], takesValue: false },
  { names: ['no-hls-split-discontinuity'], takesValue: false },
];

const BY_LONG_NAME = new Map(ALLOWED_OPTIONS.flatMap((option) => option.names.map((name) => [name, option] as const)));
const BY_SHORT = new Map(ALLOWED_OPTIONS.flatMap((option) => (option.short ? [[option.short, option] as const] : [])));
const KNOWN_NAMES = new Set([...YTDLP_LONG_OPTION_NAMES, ...BY_LONG_NAME.keys()]);

/** The long names of every allowed option, for the settings page and the README. */
export const allowedYtdlpOptions: readonly string[] = ALLOWED_OPTIONS.map((option) => `--${option.names[0]}`);

export type ExtraArgsCheck = { ok: true; args: string[] } | { ok: false; message: string };

type Resolved = { ok: true; option: AllowedOption; name: string } | { ok: false; message: string };

const notAllowed = (what: string) => `${what} is not allowed in the yt-dlp extra arguments (allowed: ${allowedYtdlpOptions.join(', ')})`;

/** A long name or an abbreviation of one, as optparse resolves it; refused unless allowed. */
function resolveLong(typed: string): Resolved {
  const candidates = KNOWN_NAMES.has(typed) ? [typed] : [...KNOWN_NAMES].filter((name) => name.startsWith(typed));
  if (candidates.length === 0) return { ok: false, message: `--${typed} is not a yt-dlp option` };
  const options = new Set(candidates.map((name) => BY_LONG_NAME.get(name)));
  const [option] = options;
  if (options.size === 1 && option !== undefined) return { ok: true, option, name: option.names[0] ?? typed };
  const forbidden = candidates.filter((name) => !BY_LONG_NAME.has(name));
  if (candidates.length === 1 || forbidden.length === 1) return { ok: false, message: notAllowed(`--${forbidden[0] ?? typed}`) };
  return { ok: false, message: `--${typed} is ambiguous (it could be ${candidates.map((name) => `--${name}`).join(', ')}); write the full option name` };
}

function resolve(arg: string): Resolved & { inlineValue?: string } {
  if (arg === '--') return { ok: false, message: '"--" is not allowed in the yt-dlp extra arguments' };
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    const typed = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    const resolved = resolveLong(typed);
    return equals === -1 || !resolved.ok ? resolved : { ...resolved, inlineValue: arg.slice(equals + 1) };
  }
  if (arg.startsWith('-') && arg.length > 1) {
    const option = arg.length === 2 ? BY_SHORT.get(arg.slice(1)) : undefined;
    if (option !== undefined) return { ok: true, option, name: option.names[0] ?? '' };
    return { ok: false, message: notAllowed(`"${arg}" (short options other than ${[...BY_SHORT.keys()].map((s) => `-${s}`).join(' ')}, each on its own)`) };
  }
  return { ok: false, message: `"${arg}" is not an option; the yt-dlp extra arguments hold options and their values only` };
}

/**
 * Checks extra arguments against the allowlist. On success, `args` is what to pass to yt-dlp:
 * every option written in full (`--name` then its value as its own argument).
 */
export function checkYtdlpExtraArgs(extraArgs: readonly string[]): ExtraArgsCheck {
  const args: string[] = [];
  for (let i = 0; i < extraArgs.length; i += 1) {
    const arg = extraArgs[i] ?? '';
    const resolved = resolve(arg);
    if (!resolved.ok) return resolved;
    const { option, name, inlineValue } = resolved;
    if (!option.takesValue) {
      if (inlineValue !== undefined) return { ok: false, message: `--${name} takes no value` };
      args.push(`--${name}`);
      continue;
    }
    const value = inlineValue ?? extraArgs[i + 1];
    if (value === undefined) return { ok: false, message: `--${name} needs a value` };
    if (inlineValue === undefined) i += 1;
    args.push(`--${name}`, value);
  }
  return { ok: true, args };
}
