#!/bin/sh
# Renders alertmanager.yml with the Discord webhook URL, then execs Alertmanager. POSIX sh + sed (busybox image).
#
#   DISCORD_WEBHOOK_URL       the webhook, or
#   DISCORD_WEBHOOK_URL_FILE  a file holding it (Docker/Railway secret; wins over the variable when it exists)
#   TEMPLATE                  default /etc/alertmanager/flashcastr/alertmanager.yml
#   OUTPUT                    default /tmp/alertmanager/alertmanager.yml
#   RENDER_ONLY=1             render and exit (tests)
set -eu

TEMPLATE="${TEMPLATE:-/etc/alertmanager/flashcastr/alertmanager.yml}"
OUTPUT="${OUTPUT:-/tmp/alertmanager/alertmanager.yml}"
ALERTMANAGER_BIN="${ALERTMANAGER_BIN:-/bin/alertmanager}"

if [ -n "${DISCORD_WEBHOOK_URL_FILE:-}" ] && [ -f "$DISCORD_WEBHOOK_URL_FILE" ]; then
  DISCORD_WEBHOOK_URL="$(tr -d '\r\n' < "$DISCORD_WEBHOOK_URL_FILE")"
fi
if [ -z "${DISCORD_WEBHOOK_URL:-}" ]; then
  echo "entrypoint: set DISCORD_WEBHOOK_URL or DISCORD_WEBHOOK_URL_FILE (a Discord channel webhook)" >&2
  exit 1
fi

escaped="$(printf '%s' "$DISCORD_WEBHOOK_URL" | sed -e 's/[\\&|]/\\&/g')"
mkdir -p "$(dirname "$OUTPUT")"
# Readable by Alertmanager only: the file holds the webhook secret.
umask 077
sed -e "s|\${DISCORD_WEBHOOK_URL}|${escaped}|g" "$TEMPLATE" > "$OUTPUT"

if [ "${RENDER_ONLY:-0}" = "1" ]; then
  exit 0
fi
exec "$ALERTMANAGER_BIN" --config.file="$OUTPUT" "$@"
