#!/usr/bin/env bash
# Every "./platform bench <verb>" comes through here: the benchmark runs against a platform of its
# own, never the user's, and leaves nothing behind.
#
#   - Data: a new folder, <data>/bench.XXXXXX beside the user's own data (the same disk, so
#     PostgreSQL's and Kafka's fsyncs cost what they cost there), deleted afterwards.
#     PLATFORM_BENCH_KEEP=1 keeps it; PLATFORM_BENCH_DATA=<folder> uses (and keeps) that one.
#   - Network: a network namespace of its own (unshare --user --net, no root needed), with a
#     loopback of its own: the same port numbers as always, so nothing in the platform's
#     configuration changes, and a platform already running on this machine is neither reached
#     nor in the way. Where the kernel does not allow unprivileged namespaces (or
#     PLATFORM_BENCH_NETWORK=shared), the benchmark runs on this machine's loopback and refuses
#     while anything listens on the platform's ports.
#   - Start and stop: "./platform up -d" on that folder, a wait until the new platform's first-start
#     work (the SAP HR load, Kafka's group joins) has died down, the benchmark, "./platform down".
#     "bench tracing" and "bench jvm" start and stop their platforms themselves; "bench sap-hr"
#     times the first start, so it starts beside "up".
#
# ./platform calls it as: own-platform.sh <verb> [arguments]. The same isolation for any command:
#   own-platform.sh --run [--no-up] <command> [arguments]   (PLATFORM_DATA names the folder)
# and "own-platform.sh --settle" waits until the platform on PLATFORM_DATA has settled.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
PLATFORM=$ROOT/platform
SELF=$ROOT/deploy/local/bench/own-platform.sh
# The ports ./platform listens on (deploy/local/README.md); checked only without a namespace.
PLATFORM_PORTS=(5433 9092 9093 9000 8080 8081 8082 8083 8084 8085 8090 8091 9080 9090 9187 9404)
SETTLE_CPU=${PLATFORM_BENCH_SETTLE_CPU:-30} # % of one core: below it over 5 s, the platform is idle
SETTLE_LIMIT=${PLATFORM_BENCH_SETTLE_LIMIT:-180}

say() { printf '%s\n' "$*" >&2; }
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

# --- Inside: the namespace (or the shared loopback) ---------------------------------------------

# CPU time (clock ticks) used so far by the platform's processes: every PID file's process and
# PostgreSQL's backends.
platform_ticks() {
  local pids=() f pid pm total=0 stat
  for f in "$PLATFORM_DATA"/run/*.pid; do
    [[ -f $f ]] && pids+=("$(<"$f")")
  done
  if [[ -f $PLATFORM_DATA/postgres/postmaster.pid ]]; then
    pm=$(head -1 "$PLATFORM_DATA/postgres/postmaster.pid")
    # shellcheck disable=SC2207 # one PID per word
    pids+=("$pm" $(pgrep -P "$pm" || true))
  fi
  for pid in "${pids[@]}"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    read -r -a fields <<<"$stat"
    total=$((total + fields[11] + fields[12])) # utime and stime (fields 14 and 15 of stat)
  done
  echo "$total"
}

# A fresh platform keeps working after it says healthy (sap-adapter's first HR load puts 7,000
# staff through Kafka into two directories; consumers join their groups): wait until its processes
# use less than SETTLE_CPU % of one core over 5 s, so that work is not measured as the benchmark's.
settle() {
  local hz start before after used
  hz=$(getconf CLK_TCK)
  start=$(now_ms)
  while true; do
    before=$(platform_ticks)
    sleep 5
    after=$(platform_ticks)
    used=$(((after - before) * 100 / (5 * hz)))
    if ((used < SETTLE_CPU)); then
      say "  settled after $((($(now_ms) - start) / 1000)) s (the platform used ${used}% of a core over the last 5 s)"
      return 0
    fi
    if (($(now_ms) - start > SETTLE_LIMIT * 1000)); then
      say "  not settled after $SETTLE_LIMIT s (still ${used}% of a core); benchmarking anyway, expect noise"
      return 0
    fi
    say "  settling: the platform used ${used}% of a core over the last 5 s"
  done
}

inside() { # inside <data folder> <keep 0|1> <mode up|none|during> <command...>
  BENCH_DIR=$1 BENCH_KEEP=$2
  local mode=$3 rc=0 bench
  shift 3
  export PLATFORM_DATA=$BENCH_DIR PLATFORM_BENCH_PLATFORM=$BENCH_DIR
  # shellcheck disable=SC2317 # called by the trap
  cleanup() {
    "$PLATFORM" down >/dev/null 2>&1 || true
    if ((BENCH_KEEP)); then
      say "The benchmark's platform is stopped; its data is kept in $BENCH_DIR"
    else
      rm -rf "$BENCH_DIR"
    fi
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  case $mode in
    none) "$@" || rc=$? ;;
    up)
      "$PLATFORM" up -d >&2 || exit 1
      settle
      "$@" || rc=$?
      ;;
    during) # the command watches the start-up itself
      "$@" &
      bench=$!
      "$PLATFORM" up -d >&2 || { kill "$bench" 2>/dev/null; exit 1; }
      wait "$bench" || rc=$?
      ;;
  esac
  return "$rc"
}

if [[ ${1:-} == --settle ]]; then # used by jvm-settings.sh on each platform it starts
  settle
  exit 0
fi

if [[ ${1:-} == --inside ]]; then
  shift
  # In the namespace the loopback starts down; bring it up, then (when not root) become the
  # caller's own user again in a nested namespace, since PostgreSQL refuses to run as root.
  if [[ ${1:-} == --net ]]; then
    shift
    ip link set lo up
    uid=$1 gid=$2
    shift 2
    if ((uid != 0)); then
      exec unshare --user --map-user="$uid" --map-group="$gid" -- "$SELF" --inside "$@"
    fi
  fi
  inside "$@"
  exit $?
fi

# --- Outside: choose the folder and the network, then go in -------------------------------------

mode=up build=1 what="starting a platform of its own"
if [[ ${1:-} == --run ]]; then
  shift
  build=0
  [[ ${1:-} == --no-up ]] && { mode=none what="running with a data folder of its own"; shift; }
  (($#)) || { say "usage: own-platform.sh --run [--no-up] <command> [arguments]"; exit 2; }
  command=("$@")
else
  verb=${1:-}
  # Only a verb ./platform's help lists starts anything; the rest gets the usage straight away.
  if [[ -z $verb ]] || ! "$PLATFORM" help | grep -qE "^  bench $verb( |$)"; then
    PLATFORM_BENCH_PLATFORM=none exec "$PLATFORM" bench "$@"
  fi
  case $verb in
    tracing | jvm) mode=none what="running with a data folder of its own" ;; # they start and stop their platforms
    sap-hr) mode=during ;;      # it times the first start
    cases)
      # The submission path as production runs it (ADR 43's second amendment): the gateway and
      # case-service with the full tiered compiler, warmed 240 s (C2 still compiles a little in the
      # measured run: the table's JIT line says how much). The level goes first, so a level in the
      # caller's own options wins. BENCH_COMPILER=local measures the local C1-only default instead.
      case ${BENCH_COMPILER:-production} in
        production)
          export PLATFORM_JVM_OPTS_GATEWAY="-XX:TieredStopAtLevel=4 ${PLATFORM_JVM_OPTS_GATEWAY:-}"
          export PLATFORM_JVM_OPTS_CASE_SERVICE="-XX:TieredStopAtLevel=4 ${PLATFORM_JVM_OPTS_CASE_SERVICE:-}"
          export BENCH_WARMUP=${BENCH_WARMUP:-240} BENCH_PGBENCH_WARMUP=${BENCH_PGBENCH_WARMUP:-15} ;;
        local) ;;
        *) say "BENCH_COMPILER is production (the default) or local, not '$BENCH_COMPILER'"; exit 2 ;;
      esac ;;
  esac
  command=("$PLATFORM" bench "$@")
fi

data=${PLATFORM_DATA:-$ROOT/data}
[[ $data == /* ]] || data=$PWD/$data
keep=${PLATFORM_BENCH_KEEP:-0}
if [[ -n ${PLATFORM_BENCH_DATA:-} ]]; then
  dir=$PLATFORM_BENCH_DATA
  [[ $dir == /* ]] || dir=$PWD/$dir
  [[ $dir != "$data" ]] || { say "PLATFORM_BENCH_DATA is the platform's own data folder; name another."; exit 2; }
  mkdir -p "$dir"
  keep=1
else
  mkdir -p "$data"
  dir=$(mktemp -d "$data/bench.XXXXXX")
fi

if ((build)); then
  # Build what is missing here, where Maven can reach its repositories; the namespace has no network.
  PLATFORM_DATA=$dir "$PLATFORM" build >&2 || { ((keep)) || rm -rf "$dir"; exit 1; }
fi

namespace() { # can this user have a network namespace with a working loopback?
  [[ ${PLATFORM_BENCH_NETWORK:-own} == own ]] && command -v unshare >/dev/null && command -v ip >/dev/null &&
    unshare --user --map-root-user --net -- ip link set lo up 2>/dev/null
}

if namespace; then
  say "${what^} in $dir, in a network namespace of its own: the usual ports (gateway 8080,"
  say "Kafka 9092, PostgreSQL 5433, ...) on a loopback only it sees; a platform running on this"
  say "machine is not touched."
  exec unshare --user --map-root-user --net -- \
    "$SELF" --inside --net "$(id -u)" "$(id -g)" "$dir" "$keep" "$mode" "${command[@]}"
fi

busy=()
for port in "${PLATFORM_PORTS[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then busy+=("$port"); fi
done
if ((${#busy[@]})); then
  ((keep)) || rm -rf "$dir"
  say "A platform (or another program) is listening on port(s) ${busy[*]} of this machine, and the"
  say "benchmark cannot have a network of its own here (unshare --user --net is not allowed, or"
  say "PLATFORM_BENCH_NETWORK=shared). Stop it first (./platform down); the benchmark then runs on"
  say "the same ports with a data folder of its own, and deletes it afterwards."
  exit 1
fi
say "${what^} in $dir, on this machine's usual ports (gateway 8080,"
say "Kafka 9092, PostgreSQL 5433, ...): no network namespace here, and nothing else listens on them."
exec "$SELF" --inside "$dir" "$keep" "$mode" "${command[@]}"
