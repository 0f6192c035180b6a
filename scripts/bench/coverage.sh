#!/usr/bin/env bash
# Coverage at a date (issue 14, speed goal: under 50 ms for any date at 1.000.000 units). Loads SIZE demo units
# (default 1.000.000) into its own throwaway PostgreSQL, serves the app, signs in, then times REQUESTS requests one
# after another (1 connection) of each of:
#   api        GET /api/v1/coverage?date=... , every request another date (31 December and mid-year since 2015, and a few days);
#   history    the dashboard's history section, the table "Cakupan dari waktu ke waktu" (GET /Dashboard/Export?tabel=sentra-per-tahun&format=csv);
# and the first dashboard request after the load (it computes every figure; later ones reuse them until the registry changes).
# Prints one JSON line (median, p95 and max in ms per kind) and appends it to $COVERAGE_OUT
# (default docs/benchmarks-raw/coverage-SIZE.jsonl).
#   scripts/bench/coverage.sh [SIZE] [REQUESTS]
# The machine's load is recorded with the figures: measure on a quiet machine.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
size="${1:-1000000}"
requests="${2:-200}"

work=$(mktemp -d /tmp/ikm-bench-coverage.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/run"
port=$(free_port 55980)
app_pid=""
cleanup() {
  local status=$?
  trap - EXIT
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  pg_stop "$work/pg"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
IKM_PG_NOSYNC=1 pg_start "$work/pg" "$port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c maintenance_work_mem=512MB -c max_wal_size=8GB"

dotnet build src/IkmRegistry.Web -c Release -nologo -v q >/dev/null
app=(dotnet "$ROOT/src/IkmRegistry.Web/bin/Release/net10.0/IkmRegistry.Web.dll")
admin_email="bench-admin@dpkukmp.test"
admin_password="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-2026"
# As scripts/bench.sh: Production behaviour with the benchmark switches, plain http on loopback, no rate limit on the API.
export ConnectionStrings__Registry="Host=127.0.0.1;Port=$port;Username=postgres;Database=ikm_bench_coverage"
export ASPNETCORE_ENVIRONMENT=Benchmark Serilog__MinimumLevel__Default=Warning Sessions__CookieSecurePolicy=SameAsRequest
export IKM_ADMIN_EMAIL="$admin_email" IKM_ADMIN_PASSWORD="$admin_password"
export RateLimiting__OpenData__PermitLimit=1000000000 RateLimiting__AnonymousPerClient__PermitLimit=1000000000
export DOTNET_hostBuilder__reloadConfigOnChange=false

log "Memuat data demo: $size unit"
(cd "$work/run" && exec "${app[@]}" --prepare-only --demo-units "$size") >"$work/prepare.log" 2>&1 \
  || { cat "$work/prepare.log" >&2; exit 1; }

app_port=$(free_port 56300)
base="http://127.0.0.1:$app_port"
(cd "$work/run" && exec "${app[@]}" --urls "$base") >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" || true)" = 200 ] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; log "Aplikasi berhenti sebelum siap"; exit 1; }
  sleep 0.5
done
cookie=$(python3 scripts/bench/signin.py "$base" "$admin_email" "$admin_password" "bench-staff@dpkukmp.test" "$admin_password") \
  || { log "Masuk gagal"; exit 1; }

# time_ms KIND PATH: one request, its time in ms appended to $work/KIND.txt; anything but 200 stops the run.
time_ms() {
  local answer
  answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $cookie" "$base$2")
  [ "${answer% *}" = 200 ] || { log "$2 menjawab HTTP ${answer% *}"; exit 1; }
  awk -v t="${answer#* }" 'BEGIN { printf "%.2f\n", t * 1000 }' >>"$work/$1.txt"
}

first_dashboard=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/Dashboard" | awk '{ printf "%.1f", $1 * 1000 }')
today=$(TZ=Asia/Jakarta date +%F)
mapfile -t dates < <(python3 - "$today" <<'EOF'
import datetime, sys
today = datetime.date.fromisoformat(sys.argv[1])
dates = [datetime.date(y, m, d) for y in range(2015, today.year + 1) for (m, d) in ((6, 30), (12, 31))]
dates += [today, today - datetime.timedelta(days=1), datetime.date(2024, 2, 29), datetime.date(2020, 1, 1)]
print("\n".join(sorted(d.isoformat() for d in set(dates) if d <= today)))
EOF
)

log "Pemanasan"
for i in $(seq 1 20); do
  time_ms warmup "/api/v1/coverage?date=${dates[i % ${#dates[@]}]}"
  time_ms warmup "/Dashboard/Export?tabel=sentra-per-tahun&format=csv"
done
log "Mengukur $requests permintaan per jenis"
for i in $(seq 0 $((requests - 1))); do
  time_ms api "/api/v1/coverage?date=${dates[i % ${#dates[@]}]}"
done
for i in $(seq 1 "$requests"); do
  time_ms history "/Dashboard/Export?tabel=sentra-per-tahun&format=csv"
done

units=$(grep -o 'Data demo dimuat: [0-9]*' "$work/prepare.log" | grep -o '[0-9]*$' || echo "$size")
out="${COVERAGE_OUT:-$ROOT/docs/benchmarks-raw/coverage-$size.jsonl}"
mkdir -p "$(dirname "$out")"
python3 - "$work" "$size" "$units" "$requests" "${#dates[@]}" "$first_dashboard" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "$(git rev-parse --short HEAD)" "$(date -u +%Y-%m-%dT%H:%MZ)" <<'EOF' | tee -a "$out"
import json, statistics, sys
work, size, units, requests, dates, first, load, commit, when = sys.argv[1:]
def figures(kind):
    times = sorted(float(t) for t in open(f"{work}/{kind}.txt"))
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "max_ms": round(times[-1], 2)}
print(json.dumps({"bench": "coverage", "size": int(size), "units": int(units), "requests": int(requests), "connections": 1, "dates": int(dates),
                  "api_coverage_at_date": figures("api"), "dashboard_history": figures("history"), "dashboard_first_request_ms": float(first),
                  "load_average": load, "commit": commit, "date": when}, separators=(",", ":")))
EOF
