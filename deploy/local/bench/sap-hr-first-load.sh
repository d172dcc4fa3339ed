#!/usr/bin/env bash
# ./platform bench sap-hr: how long the first full load of the organisation takes to reach the
# directories, on a FRESH data folder (the load happens once, at sap-adapter's first start). Start
# it before or while "./platform up" runs; it waits for the components, then times from
# sap-adapter's first healthy answer (its HR read starts 2 s after start-up) to the moment
# case-service's officer directory holds every active officer SAP holds (read from the simulator's
# own User entity). Polls every 0.5 s. Results: docs/benchmarks/sap-hr-first-load.md.
#
#   rm -rf /tmp/hr; (PLATFORM_DATA=/tmp/hr ./platform bench sap-hr &) ; PLATFORM_DATA=/tmp/hr ./platform up -d
#
# care-service's practitioner directory consumes the same events: its list of active
# practitioners (CARE_PRACTITIONERS_URL, default care-service's own /api/care/practitioners, read
# as caremanager-heidi) is timed the same way against SAP's active PRACTITIONERs. Set
# CARE_PRACTITIONERS_URL= (empty) to time case-service alone.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SAP=http://127.0.0.1:8090
ADAPTER=http://127.0.0.1:8084
CASES=http://127.0.0.1:8081
CARE_URL=${CARE_PRACTITIONERS_URL-http://127.0.0.1:8083/api/care/practitioners}
LIMIT=${BENCH_LIMIT:-600} # seconds to wait for everything
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
up() { curl -fsS -m 1 "$1/actuator/health" 2>/dev/null | grep -q '"UP"'; }

start=$(now_ms)
deadline=$((start + LIMIT * 1000))
until up "$ADAPTER"; do
  (($(now_ms) < deadline)) || { echo "sap-adapter never became healthy" >&2; exit 1; }
  sleep 0.5
done
adapter_up=$(now_ms)

# Who SAP says should arrive: active staff with the role, from SuccessFactors' User entity (a query
# that names no status returns active users only, status t).
active_with_role() {
  curl -fsS -m 30 -u HERTS_PLATFORM:local-sap-secret "$SAP/odata/v2/User?\$top=100000" |
    grep -o '"custom01":"[^"]*","custom02":"[^"]*","status":"[a-zA-Z_]*"' |
    grep "\"custom01\":\"[^\"]*\\b$1\\b" | grep -c '"status":"t"'
}
officers_expected=$(active_with_role OFFICER)
practitioners_expected=$(active_with_role PRACTITIONER)

token=""
officers_at="" officers=0
practitioners_at="" practitioners=0
while (($(now_ms) < deadline)); do
  [[ -n $token ]] || token=$("$ROOT/platform" token officer-dan 2>/dev/null) || token=""
  if [[ -n $token && -z $officers_at ]]; then
    officers=$(curl -fsS -m 5 -H "Authorization: Bearer $token" "$CASES/api/officers" 2>/dev/null |
      grep -o '"staffId"' | wc -l) || officers=0
    ((officers == officers_expected)) && officers_at=$(now_ms)
  fi
  if [[ -n $CARE_URL && -z $practitioners_at ]]; then
    care_token=$("$ROOT/platform" token caremanager-heidi 2>/dev/null) || care_token=""
    practitioners=$(curl -fsS -m 5 -H "Authorization: Bearer $care_token" "$CARE_URL" 2>/dev/null |
      grep -o '"staffId"' | wc -l) || practitioners=0
    ((practitioners == practitioners_expected)) && practitioners_at=$(now_ms)
  fi
  [[ -n $officers_at && ( -z $CARE_URL || -n $practitioners_at ) ]] && break
  sleep 0.5
done

published=$(curl -fsS -m 5 "$ADAPTER/actuator/prometheus" | sed -n 's/^sap_hr_staff_published_total \(.*\)/\1/p')
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
printf '%-32s %10s %10s %22s\n' directory expected arrived 's after sap-adapter up'
printf '%-32s %10s %10s %22s\n' "case-service officers" "$officers_expected" "$officers" \
  "${officers_at:+$(secs $((officers_at - adapter_up)))}"
if [[ -n $CARE_URL ]]; then
  printf '%-32s %10s %10s %22s\n' "care-service practitioners" "$practitioners_expected" "$practitioners" \
    "${practitioners_at:+$(secs $((practitioners_at - adapter_up)))}"
else
  printf '%-32s %10s %10s %22s\n' "care-service practitioners" "$practitioners_expected" "-" "not measured"
fi
echo "sap-adapter published ${published:-?} staff-member-changed events (sap_hr_staff_published_total)"
[[ -n $officers_at ]] && (((officers_at - adapter_up) <= 30000)) || { echo "NOT within 30 s" >&2; exit 1; }
if [[ -n $CARE_URL ]]; then
  [[ -n $practitioners_at ]] && (((practitioners_at - adapter_up) <= 30000)) ||
    { echo "care-service's practitioners NOT within 30 s" >&2; exit 1; }
fi
echo "Within 30 s."
