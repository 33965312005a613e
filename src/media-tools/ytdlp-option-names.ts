// Every long option name yt-dlp knows, in the Debian build here (2023.03.04) and in the newest
// release (yt_dlp/options.py, create_parser()), without the leading `--`. Used only to resolve an
// abbreviation the way yt-dlp's optparse does, so that `--exec-before-downloa` is named as the
// option yt-dlp would run. Regenerate from both versions' `create_parser()._get_all_options()`
// when yt-dlp adds options; an option missing here is refused anyway (allowlist).
const NAMES = `
S-force abort-on-error abort-on-unavailable-fragments add-chapters add-headers add-metadata age-limit alias
all-formats all-subs allow-dynamic-mpd allow-unplayable-formats ap-list-mso ap-mso ap-password ap-username
audio-format audio-multistreams audio-quality autonumber-size autonumber-start avconv-location batch-file
bidi-workaround break-match-filters break-on-existing break-on-reject break-per-input buffer-size cache-dir
call-home check-all-formats check-formats clean-info-json clean-infojson client-certificate
client-certificate-key client-certificate-password cn-verification-proxy color compat-options concat-playlist
concurrent-fragments config-locations console-title continue convert-sub convert-subs convert-subtitles
convert-thumbnails cookies cookies-from-browser date dateafter datebefore default-search download-archive
download-sections downloader downloader-args dump-headers dump-intermediate-pages dump-json dump-pages
dump-single-json dump-user-agent embed-chapters embed-info-json embed-metadata embed-subs embed-thumbnail
enable-file-urls encoding exec exec-before-download external-downloader external-downloader-args extract-audio
extractor-args extractor-descriptions extractor-retries ffmpeg-location file-access-retries fixup
flat-playlist force-download-archive force-generic-extractor force-ipv4 force-ipv6 force-keyframes-at-cuts
force-overwrites force-write-archive force-write-download-archive format format-sort format-sort-force
format-sort-reset fragment-retries geo-bypass geo-bypass-country geo-bypass-ip-block geo-verification-proxy
get-comments get-description get-duration get-filename get-format get-id get-thumbnail get-title get-url help
hls-prefer-ffmpeg hls-prefer-native hls-split-discontinuity hls-use-mpegts http-chunk-size id ies
ignore-config ignore-dynamic-mpd ignore-errors ignore-no-formats-error impersonate include-ads js-runtimes
keep-fragments keep-video lazy-playlist legacy-server-connect limit-rate list-extractors list-formats
list-formats-as-table list-formats-old list-impersonate-targets list-subs list-thumbnails live-from-start
load-info load-info-json load-pages mark-watched match-filters match-title max-downloads max-filesize
max-sleep-interval max-views merge-output-format metadata-from-title min-filesize min-sleep-interval min-views
mtime netrc netrc-cmd netrc-location newline no-abort-on-error no-abort-on-unavailable-fragments
no-add-chapters no-add-metadata no-allow-dynamic-mpd no-allow-unplayable-formats no-audio-multistreams
no-batch-file no-break-match-filters no-break-on-existing no-break-per-input no-cache-dir no-call-home
no-check-certificates no-check-formats no-clean-info-json no-clean-infojson no-colors no-colours no-config
no-config-locations no-continue no-cookies no-cookies-from-browser no-download no-download-archive
no-embed-chapters no-embed-info-json no-embed-metadata no-embed-subs no-embed-thumbnail no-exec
no-exec-before-download no-flat-playlist no-force-keyframes-at-cuts no-force-overwrites no-format-sort-force
no-geo-bypass no-get-comments no-hls-split-discontinuity no-hls-use-mpegts no-ignore-dynamic-mpd
no-ignore-errors no-ignore-no-formats-error no-include-ads no-js-runtimes no-keep-fragments no-keep-video
no-lazy-playlist no-list-formats-as-table no-live-from-start no-mark-watched no-match-filter no-match-filters
no-mtime no-overwrites no-part no-playlist no-playlist-reverse no-plugin-dirs no-post-overwrites
no-prefer-avconv no-prefer-ffmpeg no-prefer-free-formats no-progress no-quiet no-remote-components
no-remove-chapters no-resize-buffer no-restrict-filenames no-simulate no-skip-unavailable-fragments
no-split-chapters no-split-tracks no-sponskrub no-sponskrub-cut no-sponskrub-force no-sponsorblock no-update
no-video-multistreams no-wait-for-video no-warnings no-windows-filenames no-write-annotations
no-write-auto-subs no-write-automatic-subs no-write-comments no-write-description no-write-info-json
no-write-playlist-metafiles no-write-srt no-write-subs no-write-thumbnail no-youtube-include-dash-manifest
no-youtube-include-hls-manifest no-youtube-skip-dash-manifest no-youtube-skip-hls-manifest output
output-na-placeholder parse-metadata part password paths playlist-end playlist-items playlist-random
playlist-reverse playlist-start plugin-dirs post-overwrites postprocessor-args ppa prefer-avconv prefer-ffmpeg
prefer-free-formats prefer-insecure prefer-unsecure preset-alias print print-json print-to-file print-traffic
progress progress-delta progress-template proxy quiet rate-limit recode-video referer reject-title
remote-components remove-chapters remux-video replace-in-metadata resize-buffer restrict-filenames retries
retry-sleep rm-cache-dir simulate skip-download skip-playlist-after-errors skip-unavailable-fragments
sleep-interval sleep-requests sleep-subtitles socket-timeout source-address split-chapters split-tracks
sponskrub sponskrub-args sponskrub-cut sponskrub-force sponskrub-location sponsorblock-api
sponsorblock-chapter-title sponsorblock-mark sponsorblock-remove srt-langs sub-format sub-langs test
throttled-rate trim-file-names trim-filenames twofactor update update-to use-extractors use-postprocessor
user-agent username verbose version video-multistreams video-password wait-for-video windows-filenames
write-all-thumbnails write-annotations write-auto-subs write-automatic-subs write-comments write-description
write-desktop-link write-info-json write-link write-pages write-playlist-metafiles write-srt write-subs
write-thumbnail write-url-link write-webloc-link xattr xattr-set-filesize xattrs xff yes-overwrites
yes-playlist youtube-include-dash-manifest youtube-include-hls-manifest youtube-print-sig-code
youtube-skip-dash-manifest youtube-skip-hls-manifest
`;

export const YTDLP_LONG_OPTION_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter((name) => name !== ''));
