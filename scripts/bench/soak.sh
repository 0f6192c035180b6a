#!/usr/bin/env bash
# The load and soak run of scripts/bench.sh: public visitors and signed-in staff at once for a while (default 60 s,
# 64 connections: half public without a cookie, half staff with theirs), the app's resident memory (VmRSS from
# /proc/PID/status) sampled every few seconds, and a verdict on whether memory keeps growing.
#   scripts/bench/soak.sh SIZE BASE_URL APP_PID OUT_DIR STAFF_COOKIE
#   env: SOAK_DURATION (s, default 60), SOAK_CONNECTIONS (default 64), SOAK_SAMPLE (s, default 5),
#        SOAK_WARMUP (s of the same mix before the measured run, default 60: JIT, pools and caches fill there, and
#        the server GC reaches its first full collection, which a 20 s warm-up left inside the measured minute),
#        SOAK_SENTRA and SOAK_UNITS (paths of sentra and unit pages to take in turn),
#        SOAK_LOG_DIR (the app's log folder: the bytes written there during the measured run, per 1,000 requests)
# Writes OUT_DIR/soak-SIZE.txt (wrk outputs), OUT_DIR/soak-memory-SIZE.tsv (samples) and a line of OUT_DIR/soak.tsv.
# Exits 1 when a request failed (any answer outside 2xx, or a socket error) or memory kept growing.
set -euo pipefail
size="$1" base="$2" pid="$3" out="$4" cookie="$5"
duration="${SOAK_DURATION:-60}" connections="${SOAK_CONNECTIONS:-64}" every="${SOAK_SAMPLE:-5}" warmup="${SOAK_WARMUP:-60}"
here="$(cd "$(dirname "$0")" && pwd)"

# Public: the home page, the directory with and without a search, the coverage page, open data, every sentra page.
public_paths="/ /Directory /Directory?q=amplang /Directory/Overview /api/v1/sentra /api/v1/kelurahan.csv ${SOAK_SENTRA:-}"
# Staff: the unit list with and without a search, the sentra list, the dashboard, unit pages (each view is audited).
staff_paths="/Registry/Units /Registry/Units?q=amplang /Registry/Sentra /Dashboard ${SOAK_UNITS:-}"
half=$(( connections / 2 ))

# run_mix SECONDS PREFIX: public visitors and staff at once, half the connections each, in the background.
run_mix() {
  BENCH_PATHS="$public_paths" wrk -t 1 -c "$half" -d "$1s" --timeout 10s \
    -s "$here/wrk-summary.lua" "$base/" >"$out/$2-public.tmp" 2>&1 &
  public_pid=$!
  # Staff renew their cookie like a browser (wrk-summary.lua): the soak lasts longer than the security-stamp interval.
  BENCH_PATHS="$staff_paths" BENCH_COOKIE="$cookie" wrk -t 1 -c "$(( connections - half ))" -d "$1s" --timeout 10s \
    -s "$here/wrk-summary.lua" "$base/Registry/Units" >"$out/$2-staff.tmp" 2>&1 &
  staff_pid=$!
}

if [ "$warmup" -gt 0 ]; then
  run_mix "$warmup" soak-warmup
  wait "$public_pid" || true
  wait "$staff_pid" || true
  rm -f "$out/soak-warmup-public.tmp" "$out/soak-warmup-staff.tmp"
fi

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }
# Bytes of every file in the app's log folder (the file sink rolls on size, so a sum over files, not one file).
log_bytes() {
  if [ -n "${SOAK_LOG_DIR:-}" ] && [ -d "$SOAK_LOG_DIR" ]; then
    find "$SOAK_LOG_DIR" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d\n", s }'
  else
    echo ""
  fi
}
memory="$out/soak-memory-$size.tsv"
printf 't_s\trss_kb\n' >"$memory"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

logs_before=$(log_bytes)
run_mix "$duration" soak
start=$(date +%s)
while kill -0 "$public_pid" 2>/dev/null || kill -0 "$staff_pid" 2>/dev/null; do
  printf '%s\t%s\n' "$(( $(date +%s) - start ))" "$(rss_kb)" >>"$memory"
  sleep "$every"
done
wait "$public_pid" || true
wait "$staff_pid" || true
printf '%s\t%s\n' "$(( $(date +%s) - start ))" "$(rss_kb)" >>"$memory"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
logs_after=$(log_bytes)
{
  printf '### size=%s soak public connections=%s paths=%s\n%s\n\n' "$size" "$half" "$public_paths" "$(cat "$out/soak-public.tmp")"
  printf '### size=%s soak staff connections=%s paths=%s\n%s\n\n' "$size" "$(( connections - half ))" "$staff_paths" "$(cat "$out/soak-staff.tmp")"
} >"$out/soak-$size.txt"

field() { sed -n "s/^BENCH.* $2=\([^ ]*\).*/\1/p" "$1"; }
for who in public staff; do
  grep -q '^BENCH ' "$out/soak-$who.tmp" || { cat "$out/soak-$who.tmp" >&2; echo "wrk ($who) gagal" >&2; exit 1; }
done
errors=$(( $(field "$out/soak-public.tmp" non2xx) + $(field "$out/soak-public.tmp" socket_errors) \
         + $(field "$out/soak-staff.tmp" non2xx) + $(field "$out/soak-staff.tmp" socket_errors) ))

# Memory: least-squares slope over the second half of the samples (the heap settles in the first),
# in MB a minute. "Growing" when it would add more than 5 % of the mean (at least 16 MB) every minute.
read -r rss_first rss_last rss_max slope verdict < <(awk -F '\t' -v skip="$(( duration / 2 ))" '
  NR == 1 { next }
  { mb = $2 / 1024; if (first == "") first = mb; last = mb; if (mb > max) max = mb
    if ($1 >= skip) { n++; sx += $1; sy += mb; sxx += $1 * $1; sxy += $1 * mb } }
  END {
    slope = (n > 1 && n * sxx - sx * sx != 0) ? (n * sxy - sx * sy) / (n * sxx - sx * sx) * 60 : 0
    limit = sy / n * 0.05; if (limit < 16) limit = 16
    printf "%.0f %.0f %.0f %.1f %s\n", first, last, max, slope, (slope > limit ? "growing" : "stable")
  }' "$memory")

# Log bytes written during the measured run per 1,000 requests (empty without SOAK_LOG_DIR). The total kept is
# capped (appsettings.json: 40 files of 50 MB): what this figure says is how fast that cap is reached.
requests=$(( $(field "$out/soak-public.tmp" requests) + $(field "$out/soak-staff.tmp" requests) ))
log_per_1000=""
if [ -n "$logs_before" ] && [ -n "$logs_after" ] && [ "$requests" -gt 0 ]; then
  log_per_1000=$(( (logs_after - logs_before) * 1000 / requests ))
fi

[ -f "$out/soak.tsv" ] || printf 'size\tduration_s\tconnections\tpublic_requests\tpublic_rps\tpublic_p99_ms\tstaff_requests\tstaff_rps\tstaff_p99_ms\terrors\trss_first_mb\trss_last_mb\trss_max_mb\trss_slope_mb_per_min\tverdict\tload_before\tload_after\tlog_bytes_per_1000_requests\n' >"$out/soak.tsv"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$duration" "$connections" \
  "$(field "$out/soak-public.tmp" requests)" "$(field "$out/soak-public.tmp" rps)" "$(field "$out/soak-public.tmp" p99_ms)" \
  "$(field "$out/soak-staff.tmp" requests)" "$(field "$out/soak-staff.tmp" rps)" "$(field "$out/soak-staff.tmp" p99_ms)" \
  "$errors" "$rss_first" "$rss_last" "$rss_max" "$slope" "$verdict" "$load_before" "$load_after" "$log_per_1000" >>"$out/soak.tsv"
rm -f "$out/soak-public.tmp" "$out/soak-staff.tmp"

echo "soak $size: $errors galat; memori ${rss_first} -> ${rss_last} MB (maks ${rss_max}), kemiringan ${slope} MB/menit: $verdict; log ${log_per_1000:-?} byte per 1.000 permintaan"
[ "$errors" = 0 ] && [ "$verdict" = stable ]
