#!/bin/sh
# Container entrypoint: apply UMASK, make the config volume writable for PUID/PGID, then run the
# service as that user (like the linuxserver.io images Radarr and Sonarr usually run from), so
# trailers land in the media folders with the same owner as the media.
set -eu

PUID="${PUID:-1000}"
PGID="${PGID:-1000}"
UMASK="${UMASK:-022}"
CONFIG_DIR="${PREVIEWARR_CONFIG_DIR:-/config}"

is_id() {
  case "$1" in
    '' | *[!0-9]*) return 1 ;;
    *) return 0 ;;
  esac
}

if ! is_id "$PUID" || ! is_id "$PGID"; then
  echo "entrypoint: PUID and PGID must be numeric user/group ids (got PUID='$PUID' PGID='$PGID')" >&2
  exit 1
fi
case "$UMASK" in
  [0-7][0-7][0-7] | 0[0-7][0-7][0-7]) ;;
  *)
    echo "entrypoint: UMASK must be an octal mask like 022 or 002 (got '$UMASK')" >&2
    exit 1
    ;;
esac
umask "$UMASK"
export PUID PGID UMASK

if [ "$(id -u)" = "0" ]; then
  mkdir -p "$CONFIG_DIR"
  # Only the config folder is ours to chown; media folders belong to the user.
  if [ "$(stat -c %u:%g "$CONFIG_DIR")" != "$PUID:$PGID" ]; then
    chown -R "$PUID:$PGID" "$CONFIG_DIR"
  fi
  if [ "$PUID" != "0" ]; then
    exec setpriv --reuid="$PUID" --regid="$PGID" --clear-groups -- "$@"
  fi
fi
exec "$@"
