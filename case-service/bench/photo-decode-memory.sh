#!/usr/bin/env bash
# How much of a case-service heap the rest of the service may hold while photos are cleaned.
# Forks JVMs with ./platform's service flags (JVM_OPTS: -Xmx256m, SerialGC), each holding the given
# megabytes of small live objects, and cleans a single-colour 24-megapixel JPEG with EXIF
# orientation 6: with the real PhotoSanitiser, four at once, three rounds; and turned the way it was
# before (drawn into a second full-size image), one. Prints a Markdown table.
# Run from the repository root: case-service/bench/photo-decode-memory.sh [MB ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(32 48 64 72 80 88 96)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mvnw -B -ntp -q -pl case-service -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"
cp="case-service/target/test-classes:case-service/target/classes:$(cat "$work/classpath")"
main=uk.gov.hertfordshire.cases.photos.DecodeUnderSmallHeap
read -r -a flags <<<"$(sed -n 's/^JVM_OPTS=\${PLATFORM_JVM_OPTS:-\(.*\)}$/\1/p' platform)"
java -cp "$cp" "$main" write "$work/phone.jpg"
echo "JVM: ${flags[*]} -XX:+ExitOnOutOfMemoryError"
echo
echo "| rest of service held | turned in place: 4 at once, 3 rounds | turned by copy: 1 |"
echo "|---|---|---|"
for mb in "${sizes[@]}"; do
  row="| $mb MB |"
  for how in "sanitiser 4 3" "copy 1 1"; do
    set -- $how
    rm -f "$work/outcomes"
    start=$(date +%s%N)
    rc=0
    java "${flags[@]}" -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -cp "$cp" "$main" \
      "$work/phone.jpg" "$work/outcomes" "$2" "$3" "$1" "$mb" >/dev/null 2>&1 || rc=$?
    seconds=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.1f", ns / 1e9 }')
    stored=$(grep -c '^stored' "$work/outcomes" 2>/dev/null || true)
    case $rc in
      0) row="$row ${stored:-0} stored, JVM up ($seconds s) |" ;;
      3) row="$row out of memory after ${stored:-0} stored |" ;;
      *) row="$row exit $rc |" ;;
    esac
  done
  echo "$row"
done
