#!/usr/bin/env bash
# Sets up everything and runs every test project, then scripts/test-proxy.sh (the app behind nginx). Ends with one
# line "N passed, N failed" counting both.
#   PostgreSQL: IKM_TEST_CONNECTION when set, else a throwaway cluster started here (Testcontainers is used
#   by the tests themselves only where a Docker engine answers and neither of these is there).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir"; rm -rf "$pg_dir"; pg_dir=""; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${IKM_TEST_CONNECTION:-}" ]; then
  pg_dir=$(mktemp -d /tmp/ikm-test-pg.XXXXXX)
  chmod 755 "$pg_dir"
  port=$(free_port "${IKM_TEST_PG_PORT:-55432}")
  # Throwaway data: no fsync (never for real data).
  IKM_PG_NOSYNC=1 pg_start "$pg_dir" "$port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  export IKM_TEST_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
fi

# Each test app would watch its files through inotify (128 instances per user on these machines): a few test runs
# at once ran out ("The configured user limit (128) on the number of inotify instances has been reached").
# Tests change no file under watch, so nothing needs reloading.
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=true

ensure_chromium
"$ROOT/scripts/frontend.sh"
"$ROOT/tests/IkmRegistry.BrowserTests/odk/build.sh"
ensure_dotnet_tools

log "Restore dan build (peringatan = kesalahan)"
dotnet restore IkmRegistry.sln --nologo -v quiet
dotnet build IkmRegistry.sln -c Release --no-restore --nologo -v quiet -warnaserror

log "Memeriksa bahwa migrasi sesuai dengan model"
dotnet ef migrations has-pending-model-changes --project src/IkmRegistry.Web --no-build --configuration Release >/dev/null \
  || { log "Model berubah tanpa migrasi: jalankan dotnet ef migrations add"; cleanup; echo "0 passed, 1 failed"; exit 1; }

log "Menjalankan tes"
out=$(mktemp)
set +e
dotnet test IkmRegistry.sln -c Release --no-build --nologo 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one summary per project: "Passed!  - Failed:     0, Passed:    12, Skipped: ...".
read -r passed failed projects < <(awk '/(Passed|Failed)! +- Failed:/ {
    for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1) }
    n++ } END { printf "%d %d %d\n", p, f, n }' "$out")
rm -f "$out"
# A project that crashed before its summary counts as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$projects" -lt 2 ] && [ "$failed" -eq 0 ]; then failed=1; log "Tidak semua proyek tes melapor"; fi

log "Menjalankan tes topologi produksi (nginx di depan aplikasi)"
set +e
proxy_out=$("$ROOT/scripts/test-proxy.sh")
proxy_status=$?
set -e
read -r proxy_passed proxy_failed < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 } END { printf "%d %d\n", p, f }' <<<"$proxy_out")
if [ "$proxy_status" -ne 0 ] && [ "$proxy_failed" -eq 0 ]; then proxy_failed=1; fi
passed=$((passed + proxy_passed))
failed=$((failed + proxy_failed))

# Stop what was started before the summary, so that the summary is the last line.
cleanup
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ] && [ "$proxy_status" -eq 0 ]
