#!/usr/bin/env bash
# ./platform bench content: a published page read straight from content-service and through the
# gateway, beside nginx serving the same JSON as a static file, in one run; then search over
# BENCH_SEARCH_ITEMS (10,000) extra live items: three single queries, then the mix of
# content-search-queries.txt, then a common word no cache has seen, each at 1 and
# BENCH_SEARCH_CONNECTIONS (8) searchers at once.
# Prints a table; see docs/benchmarks/content.md. BENCH_PARTS="search" (or "reads") runs one part.
# BENCH_ROUNDS=N (N > 1) first reads the page from nginx and through the gateway N times over at
# BENCH_CONNECTIONS, back to back, and prints each round's ratio, their median and how many reach
# 15%: one pair of halves is within this shared machine's spread, a series is not.
#
# The search items are written straight into content-service's tables with SQL (psql), made of
# the words the starter pages use, live on web and digital TV, and deleted again at the end: the
# authoring API would take 30,000 requests and 10,000 events to make them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/deploy/local/bench
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-5s}               # before each page-read row
SEARCH_WARMUP=${BENCH_SEARCH_WARMUP:-3s} # before each search row (the JVMs are warm by then)
CONNECTIONS=${BENCH_CONNECTIONS:-32}
ROUNDS=${BENCH_ROUNDS:-1} # > 1: that many nginx/gateway pairs at CONNECTIONS first, each with its ratio
[[ $ROUNDS =~ ^[0-9]+$ ]] || { echo "BENCH_ROUNDS must be a whole number, not '$ROUNDS'" >&2; exit 1; }
SEARCH_CONNECTIONS=${BENCH_SEARCH_CONNECTIONS:-8}
THREADS=${BENCH_THREADS:-2}
ITEMS=${BENCH_SEARCH_ITEMS:-10000}
NGINX_PORT=${BENCH_NGINX_PORT:-18082}
PAGE=${BENCH_PAGE:-/roads/report-a-pothole}
PARTS=${BENCH_PARTS:-reads search}
DIRECT=http://127.0.0.1:8082
GATEWAY=${BENCH_GATEWAY:-http://127.0.0.1:8080} # another gateway build: gateways-side-by-side.sh
export PGHOST=127.0.0.1 PGPORT=${PLATFORM_PG_PORT:-5433} PGUSER=content_service \
  PGPASSWORD=content_service PGDATABASE=content_service

for tool in wrk psql curl; do
  command -v $tool >/dev/null || { echo "$tool is needed: apt-get install wrk postgresql-client curl" >&2; exit 1; }
done
curl -fsS -m 2 "http://127.0.0.1:9080/actuator/health" >/dev/null || {
  echo "The platform is not running: ./platform up -d" >&2
  exit 1
}
# shellcheck source=deploy/local/bench/bench-token.sh
source "$HERE/bench-token.sh"
TOKEN=$(bench_token)
WORK=$(mktemp -d)
NGINX_PID=
cleanup() {
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null
  psql -q -c "DELETE FROM content_revision WHERE item_id IN (SELECT id FROM content_item WHERE path LIKE '/bench/%');
              DELETE FROM content_item WHERE path LIKE '/bench/%';" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

threads_for() { (($1 < THREADS)) && echo "$1" || echo "$THREADS"; } # wrk needs conns >= threads
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
run() { # run <connections> <duration> <url> -> RESULT line (the bench client's token on every request)
  BENCH_TOKEN=$TOKEN wrk -t"$(threads_for "$1")" -c"$1" -d"$2" --timeout 5s -s "$HERE/report.lua" "$3" |
    grep '^RESULT'
}
measure() { # measure <connections> <url> [warm-up]: a warm-up, then the measured run
  run "$1" "${3:-$WARMUP}" "$2" >/dev/null
  run "$1" "$DURATION" "$2"
}
progress() { printf '\r\e[K  %s...' "$*" >&2; }

# --- The page, and nginx serving the same bytes -------------------------------------------------
URL_PATH="/api/content/channels/web/pages?path=$PAGE"
curl -fsS -m 5 "$DIRECT$URL_PATH" -o "$WORK/page.json" || {
  echo "No published page at $PAGE on web: is the starter content there?" >&2
  exit 1
}
NGINX_NOTE=
if [[ $PARTS != *reads* ]]; then
  : # no page reads, so no nginx
elif command -v nginx >/dev/null; then
  mkdir -p "$WORK/www" "$WORK/logs"
  cp "$WORK/page.json" "$WORK/www/page.json"
  chmod -R a+rX "$WORK" # nginx's workers run as nobody
  # As root, the workers stay root: in the benchmark's user namespace "nobody" is not mapped, and
  # nginx cannot hand its temporary folders to it (chown fails and nginx does not start).
  NGINX_USER=
  (($(id -u) == 0)) && NGINX_USER="user root;"
  cat >"$WORK/nginx.conf" <<NGINX
daemon off;
$NGINX_USER
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
  }
}
NGINX
  nginx -e "$WORK/logs/error.log" -p "$WORK" -c "$WORK/nginx.conf" &
  NGINX_PID=$!
  for _ in $(seq 50); do curl -fs -m 1 "http://127.0.0.1:$NGINX_PORT/page.json" >/dev/null 2>&1 && break; sleep 0.1; done
  cmp -s <(curl -fsS "http://127.0.0.1:$NGINX_PORT/page.json") "$WORK/page.json" ||
    { echo "nginx did not serve the page on port $NGINX_PORT (BENCH_NGINX_PORT)" >&2; exit 1; }
else
  NGINX_NOTE="nginx is NOT installed (apt-get install nginx): the nginx row and the ratios to it are missing"
  printf '\n%s*** %s ***%s\n\n' $'\e[1;31m' "$NGINX_NOTE" $'\e[0m' >&2
fi

declare -a ROWS=()
row() { ROWS+=("$1|$2|$(field ok_per_s "$3")|$(field p50_ms "$3")|$(field p99_ms "$3")|$(field other "$3")"); }
[[ $PARTS == *reads* ]] && READ_CONNECTIONS=("$CONNECTIONS" 1) || READ_CONNECTIONS=()
declare -a ROUND_RATIOS=()
if [[ $PARTS == *reads* && -n $NGINX_PID ]] && ((ROUNDS > 1)); then
  # ROUNDS pairs at CONNECTIONS before the table's rows: nginx and the gateway back to back, the
  # order swapped every round, so the ratio is taken from halves seconds apart, many times over.
  for ((i = 1; i <= ROUNDS; i++)); do
    progress "round $i of $ROUNDS, $CONNECTIONS connections: nginx and the gateway"
    if ((i % 2)); then
      n=$(measure "$CONNECTIONS" "http://127.0.0.1:$NGINX_PORT/page.json")
      g=$(measure "$CONNECTIONS" "$GATEWAY$URL_PATH")
    else
      g=$(measure "$CONNECTIONS" "$GATEWAY$URL_PATH")
      n=$(measure "$CONNECTIONS" "http://127.0.0.1:$NGINX_PORT/page.json")
    fi
    ROUND_RATIOS+=("$i|$(field ok_per_s "$n")|$(field ok_per_s "$g")|$(field other "$n")|$(field other "$g")")
  done
fi
for c in "${READ_CONNECTIONS[@]}"; do
  if [[ -n $NGINX_PID ]]; then
    progress "page read, $c connection(s): nginx (static file)"
    NGINX_RESULT[$c]=$(measure "$c" "http://127.0.0.1:$NGINX_PORT/page.json")
    row "nginx, the same JSON as a static file" "$c" "${NGINX_RESULT[$c]}"
  fi
  progress "page read, $c connection(s): content-service direct"
  DIRECT_RESULT[$c]=$(measure "$c" "$DIRECT$URL_PATH")
  row "content-service direct (:8082)" "$c" "${DIRECT_RESULT[$c]}"
  progress "page read, $c connection(s): through the gateway"
  GATEWAY_RESULT[$c]=$(measure "$c" "$GATEWAY$URL_PATH")
  row "through the gateway (:${GATEWAY##*:})" "$c" "${GATEWAY_RESULT[$c]}"
done

MIX_NOTE=
if [[ $PARTS == *search* ]]; then
# --- Search over ITEMS more live items ----------------------------------------------------------
progress "writing $ITEMS live items for search (SQL)"
SEED_START=$(date +%s%N)
psql -q -v ON_ERROR_STOP=1 -v items="$ITEMS" >/dev/null <<'SQL'
DELETE FROM content_revision WHERE item_id IN (SELECT id FROM content_item WHERE path LIKE '/bench/%');
DELETE FROM content_item WHERE path LIKE '/bench/%';
INSERT INTO content_item (id, type, path, status, latest_revision, live_revision, version,
                          published_at, announced_revision, created_at, updated_at)
SELECT gen_random_uuid(), 'service_page', '/bench/item-' || g, 'published', 1, 1, 1, now(), 1, now(), now()
FROM generate_series(1, :items) AS g;
-- Titles of 3 to 6 words, summaries of 12 and bodies of 60 to 180, drawn from the starter
-- pages' own words (search_word), so word frequencies are those of a council site.
CREATE FUNCTION pg_temp.words(vocabulary text[], n int) RETURNS text LANGUAGE sql VOLATILE AS
  $$ SELECT string_agg(vocabulary[1 + floor(random() * cardinality(vocabulary))::int], ' ')
     FROM generate_series(1, n) $$;
WITH vocabulary AS (SELECT array_agg(word ORDER BY word) AS w FROM search_word),
     item AS (SELECT id, pg_temp.words(v.w, 3 + (random() * 3)::int) AS title,
                     pg_temp.words(v.w, 12) AS summary,
                     pg_temp.words(v.w, 60 + (random() * 120)::int) AS body
              FROM content_item, vocabulary v WHERE path LIKE '/bench/%')
INSERT INTO content_revision (item_id, revision, title, summary, body, topics, service_codes, channels,
                              audience, review_by, plain_text, author_staff_id, created_at)
SELECT id, 1, initcap(title), summary || '.', body || '.', '{bench}', '{}', '{web,digital_tv}', 'public',
       DATE '2027-12-31', body || '.', 'platform-bench', now()
FROM item;
ANALYZE content_item;
ANALYZE content_revision;
SQL
SEED_SECONDS=$(awk -v ns=$(($(date +%s%N) - SEED_START)) 'BEGIN { printf "%.1f", ns / 1e9 }')
LIVE=$(psql -tAc "SELECT count(*) FROM content_item WHERE live_revision IS NOT NULL")

declare -a SEARCHES=()
for q in "pothole" "renew a blue badge" "pothloe"; do
  encoded=$(sed 's/ /%20/g' <<<"$q")
  url="$GATEWAY/api/content/channels/web/search?q=$encoded"
  hits=$(curl -fsS -m 5 "$url" | grep -o '"path"' | wc -l)
  for c in 1 "$SEARCH_CONNECTIONS"; do
    progress "search \"$q\", $c connection(s), through the gateway"
    result=$(measure "$c" "$url" "$SEARCH_WARMUP")
    SEARCHES+=("\"$q\" ($hits shown)|$c|$(field ok_per_s "$result")|$(field p50_ms "$result")|$(field p99_ms "$result")|$(field other "$result")")
  done
done

# The mix: a query that finds nothing here (its page not live) is left out, and said so.
grep -v '^#' "$HERE/content-search-queries.txt" | sed '/^$/d; s/ /%20/g; s|^|/api/content/channels/web/search?q=|' \
  >"$WORK/all-search-paths.txt"
: >"$WORK/search-paths.txt"
MIX_NOTE=
while read -r p; do
  if curl -fsS -m 5 -H "Authorization: Bearer $TOKEN" "$GATEWAY$p" | grep -q '"path"'; then
    echo "$p" >>"$WORK/search-paths.txt"
  else
    MIX_NOTE+=" ${p#*q=}"
  fi
done <"$WORK/all-search-paths.txt"
MIX_QUERIES=$(wc -l <"$WORK/search-paths.txt")
MIX_DISTINCT=$(sort -u "$WORK/search-paths.txt" | wc -l)
for c in 1 "$SEARCH_CONNECTIONS"; do
  progress "search, the mix of $MIX_QUERIES queries, $c connection(s), through the gateway"
  run_mix() { BENCH_TOKEN=$TOKEN BENCH_PATHS_FILE="$WORK/search-paths.txt" wrk -t"$(threads_for "$c")" -c"$c" -d"$1" \
    --timeout 5s -s "$HERE/search-mix.lua" "$GATEWAY" | grep '^RESULT'; }
  run_mix "$SEARCH_WARMUP" >/dev/null
  result=$(run_mix "$DURATION")
  SEARCHES+=("mix: $MIX_QUERIES searches, $MIX_DISTINCT distinct|$c|$(field ok_per_s "$result")|$(field p50_ms "$result")|$(field p99_ms "$result")|$(field other "$result")")
done
# A common word asked afresh each time, so no cache has seen the query: what a search costs when
# content-service's search cache (ADR 28) cannot answer it. Two ways: "pothole -w1", "pothole -w2",
# ... (the same matches; ts_rank scores every match the same under the negation, so they are
# listed by title), and "pothole" followed by stop words spelling a number ("pothole of", "pothole
# a the", ...: PostgreSQL drops stop words, so this is the query 'pothol' itself, ranked as a
# reader's "pothole" is). Every wrk run, warm-ups included, has numbers of its own (a block of
# 100,000), so no run meets a query an earlier one put in the cache.
fresh_paths() { # fresh_paths <w|stop> <block> -> the file of that block's paths
  local file=$WORK/fresh-$1-$2.txt
  seq $(($2 * 100000 + 1)) $((($2 + 1) * 100000)) | awk -v kind="$1" '
    BEGIN { split("the a of and to in for on by with", w, " ") }
    { if (kind == "w") q = "pothole%20-w" $1
      else { q = "pothole"; for (i = 1; i <= length($1); i++) q = q "%20" w[substr($1, i, 1) + 1] }
      print "/api/content/channels/web/search?q=" q }' >"$file"
  echo "$file"
}
BLOCK=0
for kind in w stop; do
  [[ $kind == w ]] && label='"pothole -wN", never asked before' || label='"pothole" + stop words, never asked'
  for c in 1 "$SEARCH_CONNECTIONS"; do
    progress "search $label, $c connection(s), through the gateway"
    run_fresh() { BENCH_TOKEN=$TOKEN BENCH_PATHS_FILE="$2" wrk -t"$(threads_for "$c")" -c"$c" -d"$1" \
      --timeout 5s -s "$HERE/search-mix.lua" "$GATEWAY" | grep '^RESULT'; }
    BLOCK=$((BLOCK + 1))
    run_fresh "$SEARCH_WARMUP" "$(fresh_paths "$kind" "$BLOCK")" >/dev/null
    BLOCK=$((BLOCK + 1))
    result=$(run_fresh "$DURATION" "$(fresh_paths "$kind" "$BLOCK")")
    SEARCHES+=("$label|$c|$(field ok_per_s "$result")|$(field p50_ms "$result")|$(field p99_ms "$result")|$(field other "$result")")
  done
done
fi
printf '\r\e[K' >&2

# --- The table -----------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", (b > 0 ? 100 * a / b : 0) }'; }
if [[ $PARTS == *reads* ]]; then
printf '\nContent reads: %s, %s each after a %s warm-up, wrk %s threads (%s cores, %s)\n\n' \
  "$PAGE on web ($(wc -c <"$WORK/page.json") bytes of JSON)" "$DURATION" "$WARMUP" "$THREADS" "$(nproc)" \
  "$(java -version 2>&1 | head -1)"
printf '| %-40s | %5s | %10s | %8s | %8s | %7s |\n' "page read" "conns" "ok/s" "p50 ms" "p99 ms" "non-2xx"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "-------" "------------" "----------" "----------" "---------"
for r in "${ROWS[@]}"; do
  IFS='|' read -r label c ok p50 p99 other <<<"$r"
  printf '| %-40s | %5s | %10s | %8s | %8s | %7s |\n' "$label" "$c" "$ok" "$p50" "$p99" "$other"
done
echo
for c in "$CONNECTIONS" 1; do
  g=$(field ok_per_s "${GATEWAY_RESULT[$c]}")
  d=$(field ok_per_s "${DIRECT_RESULT[$c]}")
  if [[ -n $NGINX_PID ]]; then
    n=$(field ok_per_s "${NGINX_RESULT[$c]}")
    printf '%s connection(s): gateway/nginx %s (goal >= 15%%), gateway/direct %s (goal >= 50%%), direct/nginx %s\n' \
      "$c" "$(ratio "$g" "$n")" "$(ratio "$g" "$d")" "$(ratio "$d" "$n")"
  else
    printf '%s connection(s): gateway/direct %s (goal >= 50%%); gateway/nginx NOT MEASURED\n' "$c" "$(ratio "$g" "$d")"
  fi
done
fi
if ((${#ROUND_RATIOS[@]})); then
  printf '\nRounds at %s connections, nginx and the gateway back to back (order swapped each round)\n\n' "$CONNECTIONS"
  printf '| %5s | %10s | %10s | %13s | %7s |\n' "round" "nginx ok/s" "gateway" "gateway/nginx" "non-2xx"
  printf '|%s|%s|%s|%s|%s|\n' "-------" "------------" "------------" "---------------" "---------"
  for r in "${ROUND_RATIOS[@]}"; do
    IFS='|' read -r i n g no go <<<"$r"
    printf '| %5s | %10s | %10s | %13s | %7s |\n' "$i" "$n" "$g" \
      "$(awk -v a="$g" -v b="$n" 'BEGIN { printf "%.1f%%", (b > 0 ? 100 * a / b : 0) }')" "$((no + go))"
  done
  printf '%s\n' "${ROUND_RATIOS[@]}" | awk -F'|' '{ printf "%.4f\n", ($2 > 0 ? 100 * $3 / $2 : 0) }' | LC_ALL=C sort -n |
    awk '{ r[NR] = $1; if ($1 >= 15) above++ }
      END { m = (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2)
            printf "\ngateway/nginx over %d rounds: median %.1f%%, lowest %.1f%%, highest %.1f%%; %d of %d at or above 15%%\n",
                   NR, m, r[1], r[NR], above, NR }'
fi
if [[ $PARTS == *search* ]]; then
printf '\nSearch through the gateway over %s live items (%s written in %s s), %s each\n\n' \
  "$LIVE" "$ITEMS" "$SEED_SECONDS" "$DURATION"
printf '| %-40s | %5s | %10s | %8s | %8s | %7s |\n' "query" "conns" "ok/s" "p50 ms" "p99 ms" "non-2xx"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "-------" "------------" "----------" "----------" "---------"
for r in "${SEARCHES[@]}"; do
  IFS='|' read -r label c ok p50 p99 other <<<"$r"
  printf '| %-40s | %5s | %10s | %8s | %8s | %7s |\n' "$label" "$c" "$ok" "$p50" "$p99" "$other"
done
echo "(goal: p99 under 100 ms)"
fi
[[ -z $MIX_NOTE ]] || printf '%s*** left out of the mix, no results:%s ***%s\n' $'\e[1;31m' "$MIX_NOTE" $'\e[0m'
[[ -z $NGINX_NOTE ]] || printf '\n%s*** %s ***%s\n' $'\e[1;31m' "$NGINX_NOTE" $'\e[0m'
