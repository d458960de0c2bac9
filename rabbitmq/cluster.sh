#!/usr/bin/env bash
# A three-node RabbitMQ cluster on this machine, beside (never instead of) the local rabbit@localhost on 5672:
# the broker the cluster tests, the devstack's cluster mode and the fault tests use. Debian's rabbitmq-server only.
#
#   rabbitmq/cluster.sh start        start the nodes that are not running, join fresh ones, wait for all three
#   rabbitmq/cluster.sh stop         stop the three nodes and remove their data (the next start is a fresh cluster)
#   rabbitmq/cluster.sh status       which nodes run, their ports, the cluster's members (exit 1 unless all 3 run)
#   rabbitmq/cluster.sh kill-9 N     SIGKILL node N (1-3): a crash, for fault tests
#   rabbitmq/cluster.sh restart N    stop node N gracefully (if it runs) and start it again; it rejoins by itself
#   rabbitmq/cluster.sh start-node N start node N alone (after kill-9) and wait for it
#   rabbitmq/cluster.sh url          the RABBITMQ_URL of the cluster
#   rabbitmq/cluster.sh ctl N ARGS   rabbitmqctl against node N (e.g. `ctl 1 list_queues name leader`)
#
# Node N is flashcastrN@localhost: AMQP 570N, distribution 2570N, management 1570N, Prometheus 1571N, all on
# 127.0.0.1. These ports are a contract with the tests and the Prometheus configs; change them together.
# The nodes run as the calling user (root in CI) from the package's own scripts under /usr/lib/rabbitmq, with a
# cookie of their own in the cluster directory: the machine's node, its cookie and its epmd are left alone (the
# nodes register with the running epmd, or start one that stays, as any Erlang node does).
set -euo pipefail

BASE="${FLASHCASTR_CLUSTER_DIR:-${TMPDIR:-/tmp}/flashcastr-rabbit-cluster}"
SBIN="${RABBITMQ_SBIN:-/usr/lib/rabbitmq/bin}"
NODES=(1 2 3)
START_TIMEOUT=120

log() { printf '[cluster] %s\n' "$*"; }
die() { printf '[cluster] %s\n' "$*" >&2; exit 1; }

node_name() { echo "flashcastr$1@localhost"; }
amqp_port() { echo $((5700 + $1)); }
dist_port() { echo $((25700 + $1)); }
management_port() { echo $((15700 + $1)); }
prometheus_port() { echo $((15710 + $1)); }
node_dir() { echo "$BASE/node$1"; }

check_node_number() {
  case "${1:-}" in 1 | 2 | 3) ;; *) die "node number must be 1, 2 or 3 (got '${1:-}')" ;; esac
}

require_package() {
  [ -x "$SBIN/rabbitmq-server" ] && [ -x "$SBIN/rabbitmqctl" ] ||
    die "rabbitmq-server not installed ($SBIN/rabbitmq-server missing): apt-get install rabbitmq-server"
}

# The environment every server and CLI call of node N gets. HOME holds the cluster's cookie; our own env file
# replaces the machine's rabbitmq-env.conf (which names rabbit@localhost).
node_env() {
  local n=$1 dir
  dir=$(node_dir "$n")
  printf '%s\n' \
    "HOME=$BASE" \
    "RABBITMQ_CONF_ENV_FILE=$BASE/rabbitmq-env.conf" \
    "RABBITMQ_NODENAME=$(node_name "$n")" \
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1" \
    "RABBITMQ_NODE_PORT=$(amqp_port "$n")" \
    "RABBITMQ_DIST_PORT=$(dist_port "$n")" \
    "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf" \
    "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config" \
    "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins" \
    "RABBITMQ_MNESIA_BASE=$dir/mnesia" \
    "RABBITMQ_LOG_BASE=$dir/log" \
    "RABBITMQ_PID_FILE=$dir/beam.pid" \
    "RABBITMQ_LOGS=$dir/log/node.log"
}

ctl() {
  local n=$1
  shift
  env $(node_env "$n") "$SBIN/rabbitmqctl" -n "$(node_name "$n")" "$@"
}

queues() {
  local n=$1
  shift
  env $(node_env "$n") "$SBIN/rabbitmq-queues" -n "$(node_name "$n")" "$@"
}

prepare() {
  mkdir -p "$BASE"
  if [ ! -f "$BASE/.erlang.cookie" ]; then
    # A cookie of the cluster's own, so the machine's node and its cookie are never involved.
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' >"$BASE/.erlang.cookie")
    chmod 400 "$BASE/.erlang.cookie"
  fi
  cat >"$BASE/rabbitmq-env.conf" <<'EOF'
# Written by rabbitmq/cluster.sh: the cluster nodes read this instead of /etc/rabbitmq/rabbitmq-env.conf.
ERL_EPMD_ADDRESS=127.0.0.1
EOF
  for n in "${NODES[@]}"; do
    local dir
    dir=$(node_dir "$n")
    mkdir -p "$dir/mnesia" "$dir/log"
    cat >"$dir/rabbitmq.conf" <<EOF
# Written by rabbitmq/cluster.sh for $(node_name "$n").
listeners.tcp.default = 127.0.0.1:$(amqp_port "$n")
management.tcp.ip = 127.0.0.1
management.tcp.port = $(management_port "$n")
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $(prometheus_port "$n")
cluster_name = flashcastr-local
cluster_formation.peer_discovery_backend = classic_config
cluster_formation.classic_config.nodes.1 = $(node_name 1)
cluster_formation.classic_config.nodes.2 = $(node_name 2)
cluster_formation.classic_config.nodes.3 = $(node_name 3)
# Fault tests kill nodes: the survivors keep serving whatever the partition looks like.
cluster_partition_handling = ignore
log.file.level = info
log.console = false
EOF
    # Bind distribution to loopback like the machine's node (rabbitmq-env.conf's ERL_FLAGS there).
    echo '[{kernel, [{inet_dist_use_interface, {127,0,0,1}}]}].' >"$dir/advanced.config"
    echo '[rabbitmq_management,rabbitmq_prometheus].' >"$dir/enabled_plugins"
  done
}

# The node's own process (by its pid file and environment, never by name: the machine's node shares the binary).
node_pid() {
  local n=$1 pid
  pid=$(cat "$(node_dir "$n")/beam.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qx "RABBITMQ_NODENAME=$(node_name "$n")"; then
    echo "$pid"
  fi
}

# Running = its process lives and its AMQP listener answers (cheap: a CLI call costs seconds on a busy machine).
running() {
  [ -n "$(node_pid "$1")" ] && port_taken "$(amqp_port "$1")"
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

launch() {
  local n=$1 dir
  dir=$(node_dir "$n")
  for port in $(amqp_port "$n") $(dist_port "$n") $(management_port "$n") $(prometheus_port "$n"); do
    port_taken "$port" && die "port $port is taken by another process: node $n cannot start (see \`ss -ltnp | grep $port\`)"
  done
  log "starting $(node_name "$n") (AMQP $(amqp_port "$n"), management $(management_port "$n"), Prometheus $(prometheus_port "$n"))"
  # In the background with its output kept: `rabbitmq-server -detached` would hide a failed start.
  (cd "$BASE" && exec setsid env $(node_env "$n") "$SBIN/rabbitmq-server" >"$dir/log/startup.log" 2>&1 </dev/null &)
}

await_node() {
  local n=$1 since=$SECONDS
  # await_startup fails at once while the node is not yet registered with epmd: ask again until it answers.
  while [ $((SECONDS - since)) -lt "$START_TIMEOUT" ]; do
    if ctl "$n" -q await_startup --timeout "$START_TIMEOUT" >/dev/null 2>&1; then
      return 0
    fi
    if [ -z "$(node_pid "$n")" ] && [ $((SECONDS - since)) -gt 20 ]; then
      break
    fi
    sleep 1
  done
  log "$(node_name "$n") did not start; last lines of $(node_dir "$n")/log:"
  tail -n 20 "$(node_dir "$n")/log/startup.log" >&2 || true
  tail -n 20 "$(node_dir "$n")/log/node.log" >&2 || true
  exit 1
}

members_running() {
  # Nodes the cluster sees running, from the first running node's view.
  local n
  for n in "${NODES[@]}"; do
    if running "$n"; then
      # JSON read with grep: a fresh machine may have no python or jq.
      ctl "$n" -q cluster_status --formatter json 2>/dev/null | tr -d ' \n' |
        grep -o '"running_nodes":\[[^]]*\]' | grep -o '@' | wc -l | tr -d ' '
      return
    fi
  done
  echo 0
}

clustered() {
  # Whether node N already belongs to node 1's cluster (its data says so).
  ctl "$1" -q cluster_status --formatter json 2>/dev/null | tr -d ' \n' |
    grep -q "\"disk_nodes\":\[[^]]*\"$(node_name 1)\""
}

start() {
  require_package
  prepare
  local n all=true
  for n in "${NODES[@]}"; do running "$n" || all=false; done
  if $all && [ "$(members_running)" = "${#NODES[@]}" ]; then
    log "already running: 3 nodes, AMQP $(url)"
    return 0
  fi
  local fresh=false
  [ -d "$(node_dir 1)/mnesia/$(node_name 1)" ] || fresh=true
  if $fresh; then
    # A new cluster: node 1 first, then the others find it through classic peer discovery and join it as they
    # boot (cheaper than booting, stopping and joining them); join_cluster below is the fallback.
    launch 1
    await_node 1
    for n in 2 3; do launch "$n"; done
    for n in 2 3; do await_node "$n"; done
  else
    # Nodes with data from an earlier run: start together, as they wait for their peers at boot.
    local started=()
    for n in "${NODES[@]}"; do
      if running "$n"; then
        log "$(node_name "$n") already runs"
      else
        launch "$n"
        started+=("$n")
      fi
    done
    for n in "${started[@]}"; do await_node "$n"; done
  fi
  for n in 2 3; do
    if ! clustered "$n"; then
      log "joining $(node_name "$n") to $(node_name 1)"
      {
        ctl "$n" -q stop_app && ctl "$n" -q reset && ctl "$n" -q join_cluster "$(node_name 1)" && ctl "$n" -q start_app
      } >>"$(node_dir "$n")/log/join.log" 2>&1 || die "join failed: see $(node_dir "$n")/log/join.log"
      await_node "$n"
    fi
  done
  local count
  count=$(members_running)
  [ "$count" = "${#NODES[@]}" ] || die "cluster has $count running nodes, expected ${#NODES[@]}: rabbitmq/cluster.sh status"
  await_http
  log "ready: 3 nodes, AMQP $(url)"
}

await_http() {
  # The management and Prometheus listeners open after the node reports started.
  local n port
  for n in "${NODES[@]}"; do
    for port in $(management_port "$n") $(prometheus_port "$n"); do
      for _ in $(seq 1 60); do port_taken "$port" && break; sleep 0.5; done
    done
  done
}

stop_node() {
  local n=$1 pid
  pid=$(node_pid "$n")
  [ -n "$pid" ] || return 0
  log "stopping $(node_name "$n")"
  ctl "$n" -q stop >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
}

stop() {
  require_package
  if [ ! -d "$BASE" ]; then
    log "not running (no $BASE)"
    return 0
  fi
  for n in "${NODES[@]}"; do stop_node "$n"; done
  rm -rf "$BASE"
  log "stopped; $BASE removed"
}

kill9() {
  local n=$1 pid
  check_node_number "$n"
  pid=$(node_pid "$n")
  [ -n "$pid" ] || die "$(node_name "$n") is not running"
  kill -9 "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  log "killed $(node_name "$n") (pid $pid) with SIGKILL"
}

start_node() {
  local n=$1
  check_node_number "$n"
  [ -d "$(node_dir "$n")/mnesia" ] || die "no cluster here ($BASE): rabbitmq/cluster.sh start"
  if running "$n"; then
    log "$(node_name "$n") already runs"
    return 0
  fi
  launch "$n"
  await_node "$n"
  log "$(node_name "$n") running again"
}

restart() {
  local n=$1
  check_node_number "$n"
  stop_node "$n"
  start_node "$n"
}

status() {
  require_package
  [ -f "$BASE/.erlang.cookie" ] || { log "not running (no cluster in $BASE): rabbitmq/cluster.sh start"; return 1; }
  local up=0
  for n in "${NODES[@]}"; do
    if running "$n"; then
      up=$((up + 1))
      log "$(node_name "$n") running: AMQP $(amqp_port "$n"), management $(management_port "$n"), Prometheus $(prometheus_port "$n")"
    else
      log "$(node_name "$n") not running"
    fi
  done
  if [ "$up" -gt 0 ]; then
    log "cluster sees $(members_running) running nodes"
  fi
  [ "$up" = "${#NODES[@]}" ]
}

url() {
  echo "amqp://guest:guest@127.0.0.1:$(amqp_port 1),127.0.0.1:$(amqp_port 2),127.0.0.1:$(amqp_port 3)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill-9) kill9 "${2:-}" ;;
  restart) restart "${2:-}" ;;
  start-node) start_node "${2:-}" ;;
  url) url ;;
  ctl) check_node_number "${2:-}"; n=$2; shift 2; ctl "$n" "$@" ;;
  queues) check_node_number "${2:-}"; n=$2; shift 2; queues "$n" "$@" ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
