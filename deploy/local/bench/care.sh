#!/usr/bin/env bash
# ./platform bench care: the same number of care referrals through the gateway two ways, in one
# run: FHIR R4 ServiceRequests as a partner agency posts them (POST /fhir/r4/ServiceRequest, each
# with its own identifier, so each one is a new referral), and native JSON referrals as staff
# record them (POST /api/care/referrals). Both carry the same child protection referral about the
# same (fictional) child; each one is sealed, hashed, audited, clocked and evented by care-service.
# Prints referrals per second and p50/p99 for each, and how many referrals care-service stored.
# See docs/benchmarks/care.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/deploy/local/bench
COUNT=${BENCH_REFERRALS:-2000}
WARMUP=${BENCH_WARMUP_REFERRALS:-400}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
GATEWAY=http://127.0.0.1:8080
export PGHOST=127.0.0.1 PGPORT=${PLATFORM_PG_PORT:-5433} PGUSER=care_service PGPASSWORD=care_service PGDATABASE=care_service

for tool in wrk curl psql; do
  command -v $tool >/dev/null || { echo "$tool is needed: apt-get install wrk curl postgresql-client" >&2; exit 1; }
done
# The gateway's health is on its management port.
curl -fsS -m 2 "http://127.0.0.1:9080/actuator/health" >/dev/null || {
  echo "The platform is not running: ./platform up -d" >&2
  exit 1
}
# shellcheck source=deploy/local/bench/bench-token.sh
source "$HERE/bench-token.sh"
AGENT_TOKEN=$(bench_token)
# The partner twin of the load-test client (agency "bench"): the gateway's local profile gives its
# azp the same room above the load as platform-bench's.
PARTNER_TOKEN=$(curl -fsS -m 10 -u platform-bench-partner:platform-bench-partner-local-secret \
  -d grant_type=client_credentials http://127.0.0.1:9000/partners/oauth2/token |
  sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[[ -n $PARTNER_TOKEN ]] || { echo "The identity provider did not issue a platform-bench-partner token" >&2; exit 1; }

SITE=https://fhir.hertfordshire.gov.uk
FHIR_REFERRAL='{"resourceType":"ServiceRequest",
 "contained":[{"resourceType":"Patient","id":"p",
   "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}],
   "name":[{"family":"Featherstonehaugh","given":["Imogen"]}],"birthDate":"2016-04-02",
   "address":[{"line":["1 Pegs Lane"],"city":"Hertford","postalCode":"SG13 8DE"}]}],
 "extension":[
   {"url":"'$SITE'/StructureDefinition/consent-to-share","valueCode":"not_sought"},
   {"url":"'$SITE'/StructureDefinition/lawful-basis-article-6","valueCode":"6(1)(e)"},
   {"url":"'$SITE'/StructureDefinition/lawful-basis-article-9","valueCode":"9(2)(g)"},
   {"url":"'$SITE'/StructureDefinition/dpa-2018-schedule-1-condition","valueCode":"para-18"}],
 "identifier":[{"system":"https://bench.example/referrals","value":"{{n}}"}],
 "status":"active","intent":"order",
 "category":[{"coding":[{"system":"'$SITE'/CodeSystem/care-referral-category","code":"child_protection"}]}],
 "priority":"urgent",
 "subject":{"reference":"#p"},
 "requester":{"display":"Dr Rowena Quill"},
 "reasonCode":[{"coding":[{"system":"'$SITE'/CodeSystem/care-risk-indicator","code":"physical_abuse"}]}],
 "note":[{"text":"Bruising noticed at the clinic; the child was withdrawn."}]}'
NATIVE_REFERRAL='{"source":"public","category":"child_protection","priority":"urgent",
 "person":{"givenName":"Imogen","familyName":"Featherstonehaugh","birthDate":"2016-04-02",
   "nhsNumber":"9434765919","address":"1 Pegs Lane, Hertford","postcode":"SG13 8DE"},
 "referrerName":"Dr Rowena Quill","concerns":"Bruising noticed at the clinic; the child was withdrawn.",
 "riskIndicators":["physical_abuse"],"consent":"not_sought","article6":"6(1)(e)",
 "article9":"9(2)(g)","schedule1Condition":"para-18"}'

stored() { psql -tAq -c "SELECT count(*) FROM referral WHERE agency_id = '$1'"; }
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

counted() { # counted <count> <path> <content-type> <body> <token> -> RESULT line
  local count=$1 marks out pid waited=0
  marks=$(mktemp -d)
  out=$marks/wrk.out
  BENCH_COUNT_PER_THREAD=$((count / THREADS)) BENCH_MARK=$marks/done BENCH_RUN="$(date +%s%N)" \
    BENCH_CONTENT_TYPE=$3 BENCH_BODY=$4 BENCH_TOKEN=$5 BENCH_METHOD=POST \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d600s --timeout 10s -s "$HERE/counted.lua" "$GATEWAY$2" >"$out" 2>&1 &
  pid=$!
  # wrk waits out -d even when every thread has stopped; SIGINT makes it report at once.
  while (($(find "$marks" -name 'done.*' | wc -l) < THREADS)) && kill -0 "$pid" 2>/dev/null; do
    sleep 0.2
    waited=$((waited + 1))
    ((waited < 3000)) || break
  done
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" || true
  grep '^RESULT' "$out" || { cat "$out" >&2; rm -rf "$marks"; return 1; }
  rm -rf "$marks"
}

declare -a ROWS=()
measure() { # measure <label> <path> <content-type> <body> <token> <agency>
  local before after result
  before=$(stored "$6")
  printf '  %-36s %s referrals...\r' "$1" "$COUNT" >&2
  result=$(counted "$COUNT" "$2" "$3" "$4" "$5")
  after=$(stored "$6")
  printf '\r\e[K' >&2
  ROWS+=("$1|$(field ok "$result")|$((after - before))|$(field seconds "$result")|$(field ok_per_s "$result")|$(field p50_ms "$result")|$(field p99_ms "$result")|$(field other "$result")")
}

echo "Benchmark: $COUNT care referrals each way through the gateway (:8080), $CONNECTIONS connections, wrk $THREADS threads; warm-up $WARMUP each" >&2
printf '  warming up...\r' >&2
counted "$WARMUP" /fhir/r4/ServiceRequest application/fhir+json "$FHIR_REFERRAL" "$PARTNER_TOKEN" >/dev/null
counted "$WARMUP" /api/care/referrals application/json "$NATIVE_REFERRAL" "$AGENT_TOKEN" >/dev/null
measure "FHIR ServiceRequest (partner)" /fhir/r4/ServiceRequest application/fhir+json "$FHIR_REFERRAL" "$PARTNER_TOKEN" bench
measure "native JSON (staff)" /api/care/referrals application/json "$NATIVE_REFERRAL" "$AGENT_TOKEN" public

printf '\n| %-30s | %9s | %8s | %9s | %12s | %8s | %8s | %7s |\n' \
  "intake" "answered" "stored" "seconds" "referrals/s" "p50 ms" "p99 ms" "non-2xx"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "--------------------------------" "-----------" "----------" \
  "-----------" "--------------" "----------" "----------" "---------"
for row in "${ROWS[@]}"; do
  IFS='|' read -r label ok kept seconds rate p50 p99 other <<<"$row"
  printf '| %-30s | %9s | %8s | %9s | %12s | %8s | %8s | %7s |\n' \
    "$label" "$ok" "$kept" "$seconds" "$rate" "$p50" "$p99" "$other"
done
IFS='|' read -r _ _ _ _ fhir _ <<<"${ROWS[0]}"
IFS='|' read -r _ _ _ _ native _ <<<"${ROWS[1]}"
awk -v f="$fhir" -v n="$native" 'BEGIN { printf "\nFHIR throughput is %.0f%% of native JSON.\n", (n > 0 ? 100 * f / n : 0) }'
