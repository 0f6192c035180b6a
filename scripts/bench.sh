#!/usr/bin/env bash
# Measures the app against its own baselines at 4.133, 100.000 and 1.000.000 units; writes docs/benchmarks.md and
# the raw wrk outputs in docs/benchmarks-raw/.
#   scripts/bench.sh                         all three sizes
#   scripts/bench.sh 4133                    one size (or several: scripts/bench.sh 4133 100000)
#   scripts/bench.sh --sizes 4133,100000     the same with a list
#   scripts/bench.sh --quick                 2 s a measurement, one round (a check of the plumbing, not figures)
#   --duration S   seconds a wrk run (default 5)    --rounds N   rounds at 32 and 64 connections (default 2)
# After the sizes it runs scripts/bench/import.sh (the 100.000-row import, xlsx and CSV).
#   --keep         keep the work folder (the database, stopped) for EXPLAIN ANALYZE afterwards
#   --soak         only the load and soak run (scripts/bench/soak.sh; part of every run otherwise)
# It builds Release, starts a throwaway PostgreSQL (own folder, free port; fsync off: benchmark data only), loads
# each size with the demo generator, serves the app in Production mode with the baseline endpoints on
# (Benchmark:Baselines=true) on a free loopback port, signs in once through the real forms (the admin sets up
# two-factor sign-in and creates a staff account; scripts/bench/signin.py) as that staff member, and loads
# every page with wrk. Rounds are interleaved (baselines, page, B1, page, B1, ...) and each page's throughput is
# divided by the B1 runs of its kind just before and after it (anonymous B1 for public pages, signed-in B1-auth for
# the others), so that the drift of a shared machine cancels out; signed-in runs take renewed cookies like a browser.
# Everything it started is stopped on exit, failure included.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

sizes=()
duration=5
rounds=2
quick=""
keep=""
levels="32 64 1"
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) IFS=',' read -r -a more <<<"$2"; sizes+=("${more[@]}"); shift 2 ;;
    --sizes=*) IFS=',' read -r -a more <<<"${1#*=}"; sizes+=("${more[@]}"); shift ;;
    --quick) quick=1; duration=2; rounds=1; shift ;;
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --soak) levels=""; shift ;;
    -h|--help) usage; exit 0 ;;
    *[!0-9]*|"") echo "Argumen tidak dikenal: $1" >&2; usage >&2; exit 64 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(4133 100000 1000000)
for size in "${sizes[@]}"; do
  if ! [[ "$size" =~ ^[0-9]+$ ]] || [ "$size" -lt 1000 ]; then
    echo "Ukuran data harus bilangan >= 1000 (generator demo): $size" >&2; exit 64
  fi
done

command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl
pg_bin_dir=$(pg_bin)

work=$(mktemp -d /tmp/ikm-bench.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/raw" "$work/run"
results="$work/raw/results.tsv"
loads="$work/raw/load.tsv"
printf 'size\tlevel\tround\tseq\tname\tconnections\trps\tp50_ms\tp99_ms\trequests\tnon2xx\tsocket_errors\trenewed\n' >"$results"
printf 'size\tunits\tsentra\tmemberships\tgenerator_s\tprepare_wall_s\n' >"$loads"
printf 'size\tunit_id\tedit_ms\tdashboard_ms\n' >"$work/raw/after-write.tsv"
app_pid=""
pg_started=""

stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_app
  if [ -n "$pg_started" ]; then pg_stop "$work/pg"; fi
  if [ "$status" -ne 0 ] && [ -f "$work/app.log" ]; then
    log "Bagian akhir log aplikasi:"; tail -n 30 "$work/app.log" >&2 || true
  fi
  if [ -n "$keep" ]; then log "Folder kerja disimpan: $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Facts of the run, read before the report changes the worktree.
commit=$(git rev-parse --short HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then commit="$commit (with uncommitted changes)"; fi
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'commit\t%s\n' "$commit"
  printf 'command\t%s\n' "scripts/bench.sh${quick:+ --quick} --sizes $(IFS=,; echo "${sizes[*]}") --duration $duration --rounds $rounds"
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'memory\t%s\n' "$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  printf 'cpu\t%s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  printf 'os\t%s\n' "$(. /etc/os-release && echo "$PRETTY_NAME")"
  printf 'dotnet\t%s\n' "$(dotnet --version)"
  printf 'postgresql\t%s\n' "$("$pg_bin_dir/postgres" --version)"
  printf 'wrk\t%s\n' "$(wrk -v 2>&1 | head -n 1 | awk '{print $1, $2}')"
  printf 'load_before\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'duration\t%s\n' "$duration"
  printf 'rounds\t%s\n' "$rounds"
  printf 'quick\t%s\n' "${quick:-0}"
} >"$work/raw/meta.tsv"

"$ROOT/scripts/frontend.sh"
log "Membangun aplikasi (Release)"
publish_app "$work/app"

# Throwaway PostgreSQL for benchmark data only: no fsync, no full-page writes (never for real data), room for a
# million-row load without checkpoints in the middle.
pg_port=$(free_port 56100)
IKM_PG_NOSYNC=1 pg_start "$work/pg" "$pg_port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=512MB -c maintenance_work_mem=512MB -c max_wal_size=8GB"
pg_started=1
printf 'postgresql_settings\t%s\n' "fsync=off, synchronous_commit=off, full_page_writes=off, shared_buffers=512MB, maintenance_work_mem=512MB, max_wal_size=8GB, max_connections=200" >>"$work/raw/meta.tsv"

admin_email="bench-admin@dpkukmp.test"
admin_password="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-2026"
# "Benchmark" behaves as Production (no appsettings of its own, no developer pages, Secure cookies, HSTS) but is allowed
# the benchmark switches, which Production refuses at start (Infrastructure/ProductionGuard.cs).
export ASPNETCORE_ENVIRONMENT=Benchmark
# The benchmark serves plain http on loopback: cookies follow the request (Secure only over HTTPS).
export Sessions__CookieSecurePolicy=SameAsRequest
export IKM_ADMIN_EMAIL="$admin_email" IKM_ADMIN_PASSWORD="$admin_password"
export Benchmark__Baselines=true
# The directory's per-client search limit (60 a minute) would answer wrk with 429: raised for the benchmark only.
export RateLimiting__DirectorySearch__PermitLimit=1000000000 RateLimiting__OpenData__PermitLimit=1000000000 RateLimiting__AnonymousPerClient__PermitLimit=1000000000

psql_db() { "$pg_bin_dir/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -Atq -c "$2"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# measure SIZE LEVEL ROUND SEQ NAME CONNECTIONS PATH...: one wrk run; its output goes to the raw log, its figures to results.
measure() {
  local size="$1" level="$2" round="$3" seq="$4" name="$5" connections="$6"; shift 6
  local threads=2 out line
  [ "$connections" -ge 2 ] || threads=1
  # The public pages and the anonymous baselines are loaded as the public sees them: without signing in. The other
  # pages and the "-auth" baselines carry the staff cookie, renewed like a browser renews it (wrk-summary.lua), and
  # the newest cookie is kept for the next run. "-nocache" pages bypass the output cache (a header honoured only with
  # Benchmark:Baselines=true), to show the pages with and without it.
  local headers=() signed_in=1
  case "$name" in directory*|sentra*|products*|B0|B1|B2) signed_in="" ;; esac
  case "$name" in *-nocache) headers+=(-H "X-Benchmark-No-Output-Cache: 1") ;; esac
  local rotate=""
  [ $# -lt 2 ] || rotate="$*"
  rm -f "$work/cookie.txt"
  out=$(BENCH_PATHS="$rotate" BENCH_COOKIE="${signed_in:+$cookie}" BENCH_COOKIE_OUT="${signed_in:+$work/cookie.txt}" \
        wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 10s \
        "${headers[@]}" -s "$ROOT/scripts/bench/wrk-summary.lua" "$base$1" 2>&1) || true
  if [ -n "$signed_in" ] && [ -s "$work/cookie.txt" ]; then cookie=$(cat "$work/cookie.txt"); fi
  {
    printf '### size=%s level=%s round=%s seq=%s name=%s connections=%s paths=%s\n' "$size" "$level" "$round" "$seq" "$name" "$connections" "$*"
    printf '%s\n\n' "$out"
  } >>"$work/raw/wrk-$size.txt"
  line=$(grep '^BENCH ' <<<"$out" || true)
  if [ -z "$line" ]; then log "wrk gagal untuk $name:"; echo "$out" >&2; return 1; fi
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$level" "$round" "$seq" "$name" "$connections" \
    "$(field rps)" "$(field p50_ms)" "$(field p99_ms)" "$(field requests)" "$(field non2xx)" "$(field socket_errors)" "$(field renewed)" >>"$results"
  log "  $(printf '%-10s' "$name") c=$connections  $(field rps) req/s  p50 $(field p50_ms) ms  p99 $(field p99_ms) ms  galat $(( $(field non2xx) + $(field socket_errors) ))"
}

status_of() { curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$1"; }

write_report() {
  printf 'load_after\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >"$work/raw/meta-end.tsv"
  mkdir -p "$ROOT/docs/benchmarks-raw"
  # --soak alone replaces only the soak figures and keeps the others. A full run replaces what this script writes
  # (wrk outputs, its TSVs, the soak) and keeps what other scripts wrote there (scripts/bench/import.sh,
  # coverage.sh, pendataan.sh and older sessions' import files).
  if [ -n "$levels" ]; then
    find "$ROOT/docs/benchmarks-raw" -maxdepth 1 -type f \( -name 'wrk-*.txt' -o -name '*.tsv' -o -name 'soak*' \) -delete
    cp "$work/raw/"* "$ROOT/docs/benchmarks-raw/"
  else cp "$work/raw/"soak* "$ROOT/docs/benchmarks-raw/"; fi
  python3 "$ROOT/scripts/bench/report.py" "$ROOT/docs/benchmarks-raw" "$ROOT/docs/benchmarks.md"
}

for size in "${sizes[@]}"; do
  db="ikm_bench_$size"
  export ConnectionStrings__Registry="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres"

  log "[$size] Memuat data demo: $size unit"
  start=$(now_ms)
  (cd "$work/run" && exec dotnet "$work/app/IkmRegistry.Web.dll" --prepare-only --demo-units "$size") >"$work/prepare-$size.log" 2>&1 \
    || { cat "$work/prepare-$size.log" >&2; exit 1; }
  wall_ms=$(( $(now_ms) - start ))
  wall="$(( wall_ms / 1000 )).$(( wall_ms % 1000 / 100 ))"
  # "Data demo dimuat: N unit usaha, S sentra, M keanggotaan dalam X detik." (X in the process's culture: 1,5 or 1.5)
  loaded=$(grep 'Data demo dimuat' "$work/prepare-$size.log" | sed 's/.*dimuat: \([0-9]*\) unit usaha, \([0-9]*\) sentra, \([0-9]*\) keanggotaan dalam \([0-9.,]*\) detik.*/\1 \2 \3 \4/' | tr ',' '.')
  read -r units sentra memberships seconds <<<"$loaded"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$units" "$sentra" "$memberships" "$seconds" "$wall" >>"$loads"
  log "[$size] $units unit dalam $seconds detik (proses seluruhnya $wall detik)"
  # Large loads build the trigram indexes after the COPY: check that all three are there again.
  trigram=$(psql_db "$db" "SELECT count(*) FROM pg_indexes WHERE tablename = 'industrial_unit' AND indexname LIKE '%\_trgm'")
  [ "$trigram" = 3 ] || { log "Indeks trigram industrial_unit tidak lengkap setelah memuat ($trigram dari 3)"; exit 1; }

  app_port=$(free_port 56200)
  base="http://127.0.0.1:$app_port"
  (cd "$work/run" && exec dotnet "$work/app/IkmRegistry.Web.dll" --urls "$base") >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" || true)" = 200 ] && break
    kill -0 "$app_pid" 2>/dev/null || { log "Aplikasi berhenti sebelum siap"; exit 1; }
    sleep 0.5
  done

  # Sign in once through the real forms (antiforgery tokens, the admin's two-factor set-up, a staff account) and hand the cookies to wrk.
  cookie=$(python3 "$ROOT/scripts/bench/signin.py" "$base" "$admin_email" "$admin_password" "bench-staff@dpkukmp.test" "$admin_password") \
    || { log "Masuk gagal"; exit 1; }

  # What to load: every active sentra page in turn, and 200 units in turn (the unit page writes an audit entry
  # per view, so one unit opened thousands of times would not be a unit page as staff see it).
  sentra_paths=$(psql_db "$db" "SELECT '/Directory/Sentra/' || slug FROM sentra WHERE status = 'Aktif' ORDER BY slug" | tr '\n' ' ')
  unit_paths=$(psql_db "$db" "SELECT '/Registry/Units/Details/' || id FROM industrial_unit ORDER BY md5(id::text) LIMIT 200" | tr '\n' ' ')
  # The public product search (issue 17): common and rare words, a typo and a spelling variant, in turn, without the output cache.
  product_paths="/Directory/Products?q=amplang /Directory/Products?q=kerupuk /Directory/Products?q=amplank /Directory/Products?q=krupuk /Directory/Products?q=rotan /Directory/Products?q=batik&kelurahan=menteng"
  # The staff search, one row per kind of term: one common word, two words, the first ten digits of a NIB (a random
  # unit's), and a misspelt word (no unit holds it: similar words count).
  nib_prefix=$(psql_db "$db" "SELECT left(nib, 10) FROM industrial_unit WHERE nib IS NOT NULL ORDER BY md5(id::text) LIMIT 1")
  pages=("directory|/Directory" "directory-nocache|/Directory" "sentra|$sentra_paths" "sentra-nocache|$sentra_paths" "products-nocache|$product_paths"
    "units|/Registry/Units?q=amplang" "units-words|/Registry/Units?q=kerupuk%20haruan" "units-nib|/Registry/Units?q=$nib_prefix" "units-typo|/Registry/Units?q=amplag"
    "unit|$unit_paths")
  # The first dashboard request computes the figures; later ones reuse them until the registry changes: timed apart.
  printf '%s\t%s\n' "$size" "$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/Dashboard")" >>"$work/raw/dashboard-first-request.tsv"
  dashboard=$(status_of /Dashboard)
  case "$dashboard" in
    200) pages=("${pages[@]:0:4}" "dashboard|/Dashboard" "${pages[@]:4}") ;;
    404) printf '%s\tdashboard\tnot present in this build\n' "$size" >>"$work/raw/notes.tsv" ;;
    *) log "/Dashboard menjawab HTTP $dashboard"; exit 1 ;;
  esac
  for page in "/benchmark/b0" "/benchmark/b1" "/benchmark/b2" "${pages[@]#*|}"; do
    read -r first _ <<<"$page"
    code=$(status_of "$first")
    [ "$code" = 200 ] || { log "$first menjawab HTTP $code"; exit 1; }
  done

  log "[$size] Pemanasan"
  saved_duration=$duration; duration=$(( quick ? 1 : 2 ))
  for page in "B0|/benchmark/b0" "B0-auth|/benchmark/b0" "B1|/benchmark/b1" "B1-auth|/benchmark/b1" "B2|/benchmark/b2" "${pages[@]}"; do
    read -r -a paths <<<"${page#*|}"
    measure "$size" warmup 0 0 "${page%%|*}" 32 "${paths[@]}" >/dev/null 2>&1
  done
  duration=$saved_duration
  sed -i '/\twarmup\t/d' "$results"

  # Rounds: the baselines anonymous and signed in (B0, B0-auth, B1, B1-auth, B2), then every page followed by the B1
  # of its kind (public pages by B1, signed-in pages by B1-auth; the uncached directory also by B2), and B0 and
  # B0-auth again at the end, so that each baseline's spread over the run shows. At 1 connection one round.
  for level in $levels; do
    level_rounds=$rounds; [ "$level" != 1 ] || level_rounds=1
    for round in $(seq 1 "$level_rounds"); do
      log "[$size] $level koneksi, putaran $round/$level_rounds"
      seq=0
      for baseline in "B0|/benchmark/b0" "B0-auth|/benchmark/b0" "B1|/benchmark/b1" "B1-auth|/benchmark/b1" "B2|/benchmark/b2"; do
        measure "$size" "$level" "$round" $((seq += 1)) "${baseline%%|*}" "$level" "${baseline#*|}"
      done
      for page in "${pages[@]}"; do
        read -r -a paths <<<"${page#*|}"
        name="${page%%|*}"
        measure "$size" "$level" "$round" $((seq += 1)) "$name" "$level" "${paths[@]}"
        case "$name" in
          directory*|sentra*|products*) measure "$size" "$level" "$round" $((seq += 1)) B1 "$level" /benchmark/b1 ;;
          *) measure "$size" "$level" "$round" $((seq += 1)) B1-auth "$level" /benchmark/b1 ;;
        esac
        [ "$name" != directory-nocache ] || measure "$size" "$level" "$round" $((seq += 1)) B2 "$level" /benchmark/b2
      done
      measure "$size" "$level" "$round" $((seq += 1)) B0 "$level" /benchmark/b0
      measure "$size" "$level" "$round" $((seq += 1)) B0-auth "$level" /benchmark/b0
    done
  done

  # After a write (issue 15): 50 single-unit edits through the real edit form, each followed by one timed dashboard
  # request (the first after a change is the one an official waits for).
  if [ -z "$quick" ] && [ "$dashboard" = 200 ]; then
    log "[$size] Dasbor setelah penyuntingan: 50 kali"
    edit_ids=$(psql_db "$db" "SELECT id FROM industrial_unit WHERE status = 'Aktif' ORDER BY md5(id::text || 'edit') LIMIT 50" | tr '\n' ' ')
    python3 "$ROOT/scripts/bench/after_write.py" "$base" "$cookie" "$size" $edit_ids >>"$work/raw/after-write.tsv" \
      || { log "Penyuntingan untuk uji dasbor gagal"; exit 1; }
  fi

  log "[$size] Uji beban dan ketahanan (soak)"
  SOAK_SENTRA="$sentra_paths" SOAK_UNITS="$unit_paths" SOAK_LOG_DIR="$work/run/logs" "$ROOT/scripts/bench/soak.sh" "$size" "$base" "$app_pid" "$work/raw" "$cookie" || soak_failed=1
  stop_app
  write_report
  log "[$size] selesai; laporan: docs/benchmarks.md"
done
# The import (issue 6): 100.000-row xlsx and CSV files into a registry with the demo data, on its own throwaway
# PostgreSQL (so this run's loaded sizes do not change its figures). Skipped with --soak and --quick.
if [ -n "$levels" ] && [ -z "$quick" ]; then
  log "Impor: berkas 100.000 baris (xlsx dan CSV)"
  IMPORT_OUT="$work/raw/import-100000.jsonl" "$ROOT/scripts/bench/import.sh" 100000
  write_report
fi
log "Selesai: docs/benchmarks.md"
[ -z "${soak_failed:-}" ] || { log "Uji soak: ada galat atau memori terus naik (docs/benchmarks.md)"; exit 1; }
