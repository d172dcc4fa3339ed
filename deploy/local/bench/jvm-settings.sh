#!/usr/bin/env bash
# ./platform bench jvm [configuration...]: the services' JVM settings against each other. For each
# configuration, a platform of its own started with them (PLATFORM_JVM_OPTS; the JDK on the PATH),
# then: seconds to all healthy, resident memory of the nine components (PostgreSQL, Kafka, the
# identity provider, the gateway and the five services, as ./platform status counts it) once
# settled and again after the benchmarks, and short runs of "bench cases", "bench gateway" and
# "bench analytics". One row per configuration; results: docs/benchmarks/jvm-settings.md.
#
# Runs inside own-platform.sh (a data folder and network of its own). Every configuration starts
# from a copy of one template: a platform started once with today's defaults and settled (its
# first SAP HR load done), then stopped; so each start is a start on existing data, as a
# developer's is, and each benchmark finds the same data. With PLATFORM_BENCH_DATA=<folder> the
# template is kept there for the next run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
PLATFORM=$ROOT/platform
OWN=$ROOT/deploy/local/bench/own-platform.sh
BASE=${PLATFORM_DATA:?runs through ./platform bench jvm}
JDK25=${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
EVENTS=${BENCH_EVENTS:-20000} # for bench analytics
# Short runs (seconds), so two configurations fit in a few minutes: say so beside the figures.
CASES_ENV=(BENCH_DURATION=${BENCH_CASES_DURATION:-10} BENCH_WARMUP=${BENCH_CASES_WARMUP:-5})
GATEWAY_ENV=(BENCH_DURATION=${BENCH_GATEWAY_DURATION:-5} BENCH_WARMUP=${BENCH_GATEWAY_WARMUP:-3})
NINE=(postgres kafka identity-provider gateway case-service content-service care-service sap-adapter analytics-service)

# Each configuration is every service's PLATFORM_JVM_OPTS; PLATFORM_JVM_OPTS_GATEWAY and
# PLATFORM_JVM_OPTS_CASE_SERVICE, if set, add those services' own after it (ADR 43).
# The options every configuration shares; "c1" is the defaults before run 5 (ADR 46),
# "heap-lean" the defaults after it ("lean" adds MALLOC_ARENA_MAX=2, not adopted).
COMMON="-Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m"
declare -A OPTS=(
  [c1]="$COMMON -XX:TieredStopAtLevel=1"
  [c2]="$COMMON"
  # A code cache twice today's, reserved only (memory is committed as it fills): a JFR recording
  # of the gateway under load showed compiled methods swept; run 3 in jvm-settings.md found the
  # gateway using ~20 MB of 64 MB and no cache full, so the default stays.
  [c1-cc128]="${COMMON/ReservedCodeCacheSize=64m/ReservedCodeCacheSize=128m} -XX:TieredStopAtLevel=1"
  [c1-lean]="$COMMON -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Dserver.tomcat.threads.min-spare=2 -Dserver.tomcat.threads.max=32"
  [jdk25-c1]="$COMMON -XX:TieredStopAtLevel=1"
  # A class data sharing archive per service, written when it stops and read on every start after
  # (JDK 19+); the measured start is the second one.
  [jdk25-c1-cds]="$COMMON -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=@DATA@/cds/{component}.jsa"
)
# Run 5: what the platform's memory and start-up are made of besides the services' compiler. Each
# row sets the broker's options and the JVMs' malloc arenas too (the launcher's defaults change
# with run 5, so "c1" pins the earlier ones): KAFKA[name] is PLATFORM_KAFKA_JVM_OPTS, ARENAS[name]
# MALLOC_ARENA_MAX (unset where the row names none: glibc's own, 8 arenas per core).
OLD_KAFKA="-Xmx512m -Xms256m -XX:+UseSerialGC"
LEAN_KAFKA="-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m"
LEAN_HEAP="-Xms32m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40"
OPTS+=(
  [kafka-lean]="$COMMON -XX:TieredStopAtLevel=1"
  [heap-lean]="$COMMON -XX:TieredStopAtLevel=1 $LEAN_HEAP"
  [lean]="$COMMON -XX:TieredStopAtLevel=1 $LEAN_HEAP"
)
# Run 6 (ADR 47): heap-lean with the launcher's class data sharing, the services run from their
# extracted jars; every other row runs the built jars as before (PLATFORM_CDS=off). A "cds" row
# starts twice: the first start extracts the jars and writes the archives when it stops (its
# time is the "1st start s" column), the second maps them (the "start s" column).
OPTS+=([cds]="$COMMON -XX:TieredStopAtLevel=1 $LEAN_HEAP" [jdk25-cds]="$COMMON -XX:TieredStopAtLevel=1 $LEAN_HEAP")
# Run 8: "cds" with the full tiered compiler (C2) for the two JVMs on every submission's path, the
# gateway and case-service (as production runs them, ADR 43); every other service stays C1-only.
OPTS+=([cds-c2]="$COMMON -XX:TieredStopAtLevel=1 $LEAN_HEAP")
declare -A KAFKA=([kafka-lean]=$LEAN_KAFKA [heap-lean]=$LEAN_KAFKA [lean]=$LEAN_KAFKA [cds]=$LEAN_KAFKA [jdk25-cds]=$LEAN_KAFKA [cds-c2]=$LEAN_KAFKA)
declare -A ARENAS=([lean]=2)
declare -A HOT_PATH_C2=([cds-c2]=1) # PLATFORM_JVM_OPTS_GATEWAY and _CASE_SERVICE: -XX:TieredStopAtLevel=4
ORDER=(c1 c2 c1-cc128 c1-lean jdk25-c1 jdk25-c1-cds kafka-lean heap-lean lean cds jdk25-cds cds-c2)
# BENCH_JVM_FRESH=1: every configuration starts on an empty data folder (PostgreSQL's initdb,
# Flyway, the first SAP HR load), not on a copy of the template. BENCH_JVM_LOAD=0: start-up and
# memory only, no benchmarks.
# BENCH_JVM_LATER=<n> (run 7): every configuration starts once, is stopped, then starts n times
# more on the same folder ("start s" lists each; the benchmarks run on the last), so the later
# starts of every row find the same data (no initdb, no migrations) and a cds row its archives.
FRESH=${BENCH_JVM_FRESH:-0}
LOAD=${BENCH_JVM_LOAD:-1}
LATER=${BENCH_JVM_LATER:-0}
# The shell's own per-service options, for every row but those that set their own (HOT_PATH_C2).
SHELL_GATEWAY_OPTS=${PLATFORM_JVM_OPTS_GATEWAY-} SHELL_CASE_SERVICE_OPTS=${PLATFORM_JVM_OPTS_CASE_SERVICE-}
[[ $FRESH == [01] && $LOAD == [01] ]] || { echo "BENCH_JVM_FRESH and BENCH_JVM_LOAD are 0 or 1" >&2; exit 2; }
[[ $LATER =~ ^[0-9]$ ]] || { echo "BENCH_JVM_LATER is a number of starts, 0 to 9" >&2; exit 2; }
CONFIGS=("$@")
((${#CONFIGS[@]})) || CONFIGS=("${ORDER[@]}")
for c in "${CONFIGS[@]}"; do
  [[ -v OPTS[$c] ]] || { echo "Unknown configuration '$c'. Known: ${ORDER[*]}" >&2; exit 2; }
  [[ $c != jdk25-* || -x $JDK25/bin/java ]] || { echo "$c needs a JDK 25 at $JDK25 (BENCH_JDK25)" >&2; exit 2; }
done

say() { printf '%s\n' "$*" >&2; }
# The nine components' resident memory in MB, from ./platform status (RSS MB is the last column).
nine_rss() {
  PLATFORM_DATA=$1 "$PLATFORM" status 2>/dev/null |
    awk -v names="${NINE[*]}" 'BEGIN { split(names, n, " "); for (i in n) want[n[i]] = 1 }
      ($1 in want) && $NF ~ /^[0-9]+$/ { s += $NF } END { print s + 0 }'
}
# Each of the nine's resident MB, "postgres 244 kafka 483 ...", to see where the memory is.
each_rss() {
  PLATFORM_DATA=$1 "$PLATFORM" status 2>/dev/null |
    awk -v names="${NINE[*]}" 'BEGIN { split(names, n, " "); for (i in n) want[n[i]] = 1 }
      ($1 in want) && $NF ~ /^[0-9]+$/ { printf "%s%s %s", sep, $1, $NF; sep = ", " }'
}
# cell <text> <line prefix> <column>: a column of the first table row starting with the prefix.
cell() {
  awk -F'|' -v p="$2" -v c="$3" 'index($2, p) == 2 { gsub(/ /, "", $c); print $c; exit }' <<<"$1"
}

# The gateway's code cache after the benchmarks, and which services' logs say their cache filled.
code_cache() {
  local pid full
  pid=$(cat "$1/run/gateway.pid" 2>/dev/null) || pid=
  [[ -z $pid ]] || say "  gateway $(jcmd "$pid" Compiler.codecache 2>/dev/null | grep -m1 -E '^(CodeCache|CodeHeap)' || echo 'code cache: jcmd failed')"
  full=$(grep -l 'CodeCache is full' "$1"/logs/*.log 2>/dev/null | xargs -r -n1 basename | tr '\n' ' ') || true
  say "  'CodeCache is full' in: ${full:-no log}"
}

CURRENT= # the data folder of the platform running now, stopped on any exit
trap '[[ -z $CURRENT ]] || PLATFORM_DATA=$CURRENT "$PLATFORM" down >/dev/null 2>&1 || true' EXIT

TEMPLATE=$BASE/template
if ((!FRESH)) && [[ ! -f $TEMPLATE/.settled ]]; then
  rm -rf "$TEMPLATE"
  say "Template: a platform with today's defaults, the built jars, started once and settled ($TEMPLATE)"
  CURRENT=$TEMPLATE
  PLATFORM_CDS=off PLATFORM_DATA=$TEMPLATE "$PLATFORM" up -d >&2
  PLATFORM_DATA=$TEMPLATE "$OWN" --settle
  PLATFORM_DATA=$TEMPLATE "$PLATFORM" down >&2
  CURRENT=
  touch "$TEMPLATE/.settled"
fi

ROWS=()
run_config() { # run_config <name>
  local name=$1 dir=$BASE/$1 java_path=$PATH opts up started first= rss_idle rss_after cases gateway analytics cds=off
  rm -rf "$dir"
  if ((FRESH)); then
    mkdir -p "$dir"
  else
    cp -a "$TEMPLATE" "$dir"
    rm -f "$dir"/logs/*.log
  fi
  opts=${OPTS[$name]//@DATA@/$dir}
  export PLATFORM_KAFKA_JVM_OPTS=${KAFKA[$name]:-$OLD_KAFKA}
  if [[ -v ARENAS[$name] ]]; then export MALLOC_ARENA_MAX=${ARENAS[$name]}; else unset MALLOC_ARENA_MAX; fi
  [[ $name == jdk25-* ]] && java_path=$JDK25/bin:$PATH
  [[ $name == cds || $name == jdk25-cds || $name == cds-c2 ]] && cds=on
  if [[ -v HOT_PATH_C2[$name] ]]; then
    export PLATFORM_JVM_OPTS_GATEWAY=-XX:TieredStopAtLevel=4 PLATFORM_JVM_OPTS_CASE_SERVICE=-XX:TieredStopAtLevel=4
  else
    export PLATFORM_JVM_OPTS_GATEWAY=${SHELL_GATEWAY_OPTS-} PLATFORM_JVM_OPTS_CASE_SERVICE=${SHELL_CASE_SERVICE_OPTS-}
  fi
  export PLATFORM_DATA=$dir PLATFORM_CDS=$cds
  CURRENT=$dir
  say ""
  say "== $name: PLATFORM_JVM_OPTS=\"$opts\" PLATFORM_CDS=$cds ($(PATH=$java_path java -version 2>&1 | head -1))"
  say "   PLATFORM_KAFKA_JVM_OPTS=\"$PLATFORM_KAFKA_JVM_OPTS\" MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-unset}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ $cds == on ]] || ((LATER)); then
    # The first start: a cds row's jars extracted, no archive yet; each JVM writes its own when it
    # stops.
    up=$(PATH=$java_path PLATFORM_JVM_OPTS=$opts "$PLATFORM" up -d 2>&1) || { say "$up"; return 1; }
    first=$(sed -n 's/.*all healthy in \([0-9.]*\) s.*/\1/p' <<<"$up")
    say "  first start$([[ $cds == off ]] || echo " (extracting, no archive yet)"): all healthy in $first s ($(awk '$2 == "healthy" && $3 == "in" { printf "%s%s %s", sep, $1, $4; sep = ", " }' <<<"$up"))"
    "$OWN" --settle
    say "  nine components, first start: $(nine_rss "$dir") MB ($(each_rss "$dir"))"
    say "  down: $(PATH=$java_path "$PLATFORM" down 2>&1 | grep -E 'stopped|killing|wrote no' | tr '\n' ' ')"
    [[ $cds == off ]] || say "  archives: $(du -sch "$dir"/apps/*/classes.jsa 2>/dev/null | tail -1 | cut -f1) in $(find "$dir/apps" -name classes.jsa.made | wc -l) sealed ($(find "$dir/apps" -name classes.jsa.made | xargs -rn1 dirname | xargs -rn1 basename | tr '\n' ' ')); extracted jars $(du -sh --exclude='*.jsa' "$dir/apps" | cut -f1)"
    say "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
  fi
  if [[ $name == jdk25-c1-cds ]]; then
    mkdir -p "$dir/cds"
    say "  training start: the archives are written when the services stop"
    PATH=$java_path PLATFORM_JVM_OPTS=$opts "$PLATFORM" up -d >/dev/null
    "$OWN" --settle
    "$PLATFORM" down >/dev/null
    say "  archives: $(du -sh "$dir/cds" | cut -f1) in $(find "$dir/cds" -name '*.jsa' | wc -l) files"
  fi
  local k starts=() rsses=()
  for ((k = 1; k <= (LATER ? LATER : 1); k++)); do
    if ((k > 1)); then
      say "  down: $(PATH=$java_path "$PLATFORM" down 2>&1 | grep -E 'stopped|killing|wrote no' | tr '\n' ' ')"
      say "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
    fi
    up=$(PATH=$java_path PLATFORM_JVM_OPTS=$opts "$PLATFORM" up -d 2>&1) || { say "$up"; return 1; }
    started=$(sed -n 's/.*all healthy in \([0-9.]*\) s.*/\1/p' <<<"$up")
    # Each component's seconds from its own launch (the services wait for PostgreSQL and Kafka).
    say "  start $k: all healthy in $started s ($(awk '$2 == "healthy" && $3 == "in" { printf "%s%s %s", sep, $1, $4; sep = ", " }' <<<"$up"))"
    "$OWN" --settle
    rss_idle=$(nine_rss "$dir")
    say "  nine components: $rss_idle MB ($(each_rss "$dir"))"
    starts+=("$started") rsses+=("$rss_idle")
  done
  started=$(IFS=/; echo "${starts[*]}") rss_idle=$(IFS=/; echo "${rsses[*]}")
  cases= gateway= analytics= rss_after=
  if ((LOAD)); then
    say "  bench cases..."
    cases=$(env "${CASES_ENV[@]}" "$PLATFORM" bench cases 2>/dev/null) || true
    say "  bench gateway..."
    gateway=$(env "${GATEWAY_ENV[@]}" "$PLATFORM" bench gateway 2>/dev/null) || true
    say "  bench analytics $EVENTS..."
    analytics=$("$PLATFORM" bench analytics "$EVENTS" 2>/dev/null) || true
    rss_after=$(nine_rss "$dir")
    say "  after the benchmarks: $rss_after MB ($(each_rss "$dir"))"
  fi
  code_cache "$dir"
  "$PLATFORM" down >/dev/null
  CURRENT=
  # The figures each benchmark prints, by their rows' labels (columns of their own tables).
  ROWS+=("$(printf '| %-12s | %7s | %7s | %8s | %9s | %9s | %9s | %9s | %9s | %9s |' "$name" "$first" "$started" \
    "$rss_idle" "$rss_after" "$(cell "$cases" "submissions through the gateway" 3)" \
    "$(cell "$gateway" "GET /open311/v2/services.json" 5)" \
    "$(cell "$gateway" "GET /open311/v2/services.json" 8)" \
    "$(cell "$gateway" "POST /api/cases" 7)" \
    "$(awk '/analytics rebuild/ { print $(NF-1); exit }' <<<"$analytics")")")
  printf '%s\n' "${ROWS[-1]}" >&2
  ((${PLATFORM_BENCH_KEEP:-0})) || rm -rf "$dir"
}

for c in "${CONFIGS[@]}"; do run_config "$c"; done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
printf '\nMachine: %s, %s cores, %s MB RAM, load average %s; %s\n' "$cpu" "$(nproc)" \
  "$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u '+%F %T UTC')"
printf 'Data: %s%s. ' "$( ((FRESH)) && echo 'a fresh folder per configuration' || echo 'a copy of the template per configuration')" \
  "$( ((LATER)) && echo "; a first start, then $LATER later starts on it (start s)")"
printf 'Runs: bench cases %s, bench gateway %s, bench analytics %s events.\n\n' \
  "${CASES_ENV[*]}" "${GATEWAY_ENV[*]}" "$EVENTS"
printf '| %-12s | %7s | %7s | %8s | %9s | %9s | %9s | %9s | %9s | %9s |\n' configuration "1st start s" "start s" "RSS MB" \
  "RSS after" "cases/s" "read dir" "read gw" "submit gw" "rebuild/s"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "--------------" "---------" "---------" "----------" "-----------" \
  "-----------" "-----------" "-----------" "-----------" "-----------"
printf '%s\n' "${ROWS[@]}"
echo
for c in "${CONFIGS[@]}"; do
  [[ $c == jdk25-* ]] && jdk="JDK 25" || jdk="the JDK on the PATH"
  [[ $c == cds || $c == jdk25-cds || $c == cds-c2 ]] && cds=on || cds=off
  [[ -v HOT_PATH_C2[$c] ]] && cds+="; gateway and case-service -XX:TieredStopAtLevel=4 (C2)"
  printf '%s: %s, %s; PLATFORM_CDS=%s; Kafka: %s; MALLOC_ARENA_MAX=%s\n' "$c" "$jdk" "${OPTS[$c]}" "$cds" "${KAFKA[$c]:-$OLD_KAFKA}" "${ARENAS[$c]:-unset}"
done
