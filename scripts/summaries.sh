#!/usr/bin/env bash
# Checks or repairs the dashboard's summary tables (migration DashboardSummaries, docs/dashboards.md "Figures"):
# every summary is recounted from the units, memberships and KBLI mapping, and compared with what the triggers kept.
#   scripts/summaries.sh --check    print the rows that differ per summary; exit 1 when any does (nothing is changed)
#   scripts/summaries.sh --repair   the same, then keep the recount (the dashboards' cached figures are renewed)
# The database is the one in ConnectionStrings__Registry, else the one scripts/run.sh uses (127.0.0.1, port
# IKM_PG_PORT or 5433). Writers wait for the recount (about a second per 100,000 units); readers do not.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case "${1:-}" in
  --check) repair=false ;;
  --repair) repair=true ;;
  *) log "Pemakaian: scripts/summaries.sh --check|--repair"; exit 2 ;;
esac

pg_env_from_connection
bin=$(pg_bin)
result=$("$bin/psql" -v ON_ERROR_STOP=1 -X -q -A -F ' ' -t -c "SELECT summary, missing, extra FROM summaries_check($repair)")
differences=0
while read -r summary missing extra; do
  [ -n "$summary" ] || continue
  printf '%-22s %8s hilang %8s lebih\n' "$summary" "$missing" "$extra"
  differences=$((differences + missing + extra))
done <<<"$result"

if [ "$differences" -eq 0 ]; then
  log "Ringkasan dasbor sesuai dengan hitungan ulang di $PGDATABASE"
elif [ "$repair" = true ]; then
  log "Ringkasan dasbor diperbaiki di $PGDATABASE ($differences baris berbeda)"
else
  log "Ringkasan dasbor berbeda dari hitungan ulang di $PGDATABASE ($differences baris); perbaiki dengan scripts/summaries.sh --repair"
  exit 1
fi
