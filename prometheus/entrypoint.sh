#!/bin/sh
# Renders prometheus.yml from its template with the environment, then execs Prometheus.
# POSIX sh + sed only: the Prometheus image is busybox-based and has no envsubst (upstream 36bf966).
#
#   TEMPLATE_DIR  folder with prometheus.yml (template) and rules/     default /etc/prometheus/flashcastr
#   OUTPUT_DIR    where the rendered config and a copy of rules/ go    default /tmp/prometheus
#   RENDER_ONLY=1 render and exit (used by the tests and for debugging: `RENDER_ONLY=1 ./entrypoint.sh`)
#   any arguments are passed to Prometheus after --config.file
set -eu

TEMPLATE_DIR="${TEMPLATE_DIR:-/etc/prometheus/flashcastr}"
OUTPUT_DIR="${OUTPUT_DIR:-/tmp/prometheus}"
PROMETHEUS_BIN="${PROMETHEUS_BIN:-/bin/prometheus}"

# Defaults fit docker-compose.yml; Railway sets e.g. INVADERS_BOT_TARGET=producer.railway.internal:9090.
: "${INVADERS_BOT_TARGET:=producer:9090}"
: "${INVADERS_CONSUMER_TARGET:=consumer:9091}"
: "${FLASHCASTR_API_TARGET:=api:9092}"
: "${INVADERS_BOT_SCHEME:=http}"
: "${INVADERS_CONSUMER_SCHEME:=http}"
: "${FLASHCASTR_API_SCHEME:=http}"
: "${RABBITMQ_PROMETHEUS_TARGET:=rabbitmq:15692}"
: "${RABBITMQ_VHOST:=/}"
: "${POSTGRES_EXPORTER_TARGET:=postgres-exporter:9187}"
: "${ALERTMANAGER_TARGET:=alertmanager:9093}"
: "${PROMETHEUS_SELF_TARGET:=localhost:9090}"
: "${FLASHCASTR_ENVIRONMENT:=local}"
# How the services' replicas are found (prometheus.yml says more): static, dns or file.
: "${SCRAPE_DISCOVERY:=static}"
: "${SCRAPE_DNS_TYPE:=A}"
: "${SCRAPE_TARGETS_DIR:=/etc/prometheus/targets}"

case "$SCRAPE_DISCOVERY" in
  static|dns|file) ;;
  *) echo "entrypoint: SCRAPE_DISCOVERY must be static, dns or file (was '$SCRAPE_DISCOVERY')" >&2; exit 1 ;;
esac
# dns_sd_configs takes the name and the port apart: split host:port.
for name in INVADERS_BOT INVADERS_CONSUMER FLASHCASTR_API; do
  eval "target=\${${name}_TARGET}"
  eval "${name}_HOST=\${target%:*}"
  eval "${name}_PORT=\${target##*:}"
done

# Every node of a RabbitMQ cluster is a target (its raft and node metrics are per node): a comma-separated list
# becomes one quoted entry each inside the template's ['…'].
RABBITMQ_PROMETHEUS_TARGET=$(printf '%s' "$RABBITMQ_PROMETHEUS_TARGET" | sed -e "s/ *, */', '/g")

# Escapes what sed treats specially in a replacement (\ & and the | delimiter).
escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

mkdir -p "$OUTPUT_DIR"
rm -rf "$OUTPUT_DIR/rules"
cp -R "$TEMPLATE_DIR/rules" "$OUTPUT_DIR/rules"

script=""
for name in INVADERS_BOT_TARGET INVADERS_CONSUMER_TARGET FLASHCASTR_API_TARGET INVADERS_BOT_SCHEME \
  INVADERS_CONSUMER_SCHEME FLASHCASTR_API_SCHEME RABBITMQ_PROMETHEUS_TARGET RABBITMQ_VHOST \
  POSTGRES_EXPORTER_TARGET ALERTMANAGER_TARGET PROMETHEUS_SELF_TARGET FLASHCASTR_ENVIRONMENT \
  SCRAPE_DNS_TYPE SCRAPE_TARGETS_DIR INVADERS_BOT_HOST INVADERS_BOT_PORT INVADERS_CONSUMER_HOST \
  INVADERS_CONSUMER_PORT FLASHCASTR_API_HOST FLASHCASTR_API_PORT; do
  eval "value=\${$name}"
  script="${script}s|\${${name}}|$(escape "$value")|g;"
done
# Keep the lines of the chosen discovery (their marker dropped), delete the other discoveries' lines.
for kind in static dns file; do
  if [ "$kind" = "$SCRAPE_DISCOVERY" ]; then
    script="${script}s| *# discovery: ${kind}\$||;"
  else
    script="${script}/# discovery: ${kind}\$/d;"
  fi
done
sed -e "$script" "$TEMPLATE_DIR/prometheus.yml" > "$OUTPUT_DIR/prometheus.yml"

# Optional remote_write (Grafana Cloud / Mimir): only when a URL is given; the password is read from a file
# (a Docker/Railway secret), never written into the rendered config.
if [ -n "${PROMETHEUS_REMOTE_WRITE_URL:-}" ]; then
  {
    echo ""
    echo "remote_write:"
    echo "  - url: '${PROMETHEUS_REMOTE_WRITE_URL}'"
    if [ -n "${PROMETHEUS_REMOTE_WRITE_USERNAME:-}" ]; then
      echo "    basic_auth:"
      echo "      username: '${PROMETHEUS_REMOTE_WRITE_USERNAME}'"
      echo "      password_file: '${PROMETHEUS_REMOTE_WRITE_PASSWORD_FILE:-/run/secrets/remote_write_password}'"
    fi
  } >> "$OUTPUT_DIR/prometheus.yml"
fi

# A variable left as ${...} would become a literal, silently broken target: refuse to start instead.
if grep -n -v "^ *#" "$OUTPUT_DIR/prometheus.yml" | grep "\${" >&2; then
  echo "entrypoint: unreplaced variables above in $OUTPUT_DIR/prometheus.yml" >&2
  exit 1
fi

if [ "${RENDER_ONLY:-0}" = "1" ]; then
  exit 0
fi

exec "$PROMETHEUS_BIN" --config.file="$OUTPUT_DIR/prometheus.yml" "$@"
