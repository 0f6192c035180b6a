#!/usr/bin/env bash
# Sets up everything and serves the registry on http://127.0.0.1:5080 (IKM_URLS overrides it).
#   scripts/run.sh                 serve; PostgreSQL from ConnectionStrings__Registry, or a local one started here
#   scripts/run.sh --demo          also load the demo data (4.133 units, 23 sentra) if it is not there yet
#   scripts/run.sh --remove-demo   remove the demo data and exit
# The first start creates an admin: IKM_ADMIN_EMAIL / IKM_ADMIN_PASSWORD, or a generated password printed once.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

urls="${IKM_URLS:-http://127.0.0.1:5080}"
pg_dir="${IKM_PG_DIR:-$ROOT/.data/postgres}"
pg_port="${IKM_PG_PORT:-5433}"
started_pg=""
app_pid=""

cleanup() {
  # A second Ctrl-C or SIGTERM (e.g. from a supervisor and its child) must not cut the clean-up short.
  trap "" INT TERM
  trap - EXIT
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$started_pg" ]; then pg_stop "$pg_dir"; fi
}
trap cleanup INT TERM EXIT

if [ -z "${ConnectionStrings__Registry:-}" ]; then
  # A local PostgreSQL whose data survives restarts (in .data/, ignored by git).
  if pg_start "$pg_dir" "$pg_port"; then started_pg=1; fi
  export ConnectionStrings__Registry="Host=127.0.0.1;Port=$pg_port;Database=ikm_registry;Username=postgres"
fi

"$ROOT/scripts/frontend.sh"
log "Membangun aplikasi (Release)"
publish_app "$ROOT/artifacts/app"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
# Production cookies are Secure only; served over plain http (the loopback default), they follow the request.
case "$urls" in
  https://*) ;;
  *) export Sessions__CookieSecurePolicy="${Sessions__CookieSecurePolicy:-SameAsRequest}" ;;
esac
cd "$ROOT/artifacts/app"
case " $* " in
  *" --remove-demo "*|*" --prepare-only "*)
    dotnet IkmRegistry.Web.dll "$@"
    exit $?
    ;;
esac
log "Registri IKM akan tersedia di $urls (Ctrl-C untuk berhenti)"
dotnet IkmRegistry.Web.dll --urls "$urls" "$@" &
app_pid=$!
wait "$app_pid"
