#!/usr/bin/env bash
# Database migrations for production, as a script a DBA can read before it runs.
#   scripts/migrate.sh script [FILE]   write the idempotent SQL of every migration (default artifacts/migrate.sql)
#   scripts/migrate.sh apply  [FILE]   write it, then apply it (in its own transaction) to the database of
#                                      ConnectionStrings__Registry (else the one scripts/run.sh uses)
# The script checks ef_migrations_history itself, so running it twice, or on a database already up to date,
# changes nothing. Take a backup first (scripts/backup.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

mode="${1:-script}"
file="${2:-$ROOT/artifacts/migrate.sql}"
case "$mode" in
  script|apply) ;;
  *) log "Pemakaian: scripts/migrate.sh script|apply [FILE]"; exit 2 ;;
esac

ensure_dotnet_tools
mkdir -p "$(dirname "$file")"
log "Menulis skrip migrasi idempoten ke $file"
dotnet ef migrations script --idempotent --project "$ROOT/src/IkmRegistry.Web" --output "$file" >/dev/null

if [ "$mode" = apply ]; then
  pg_env_from_connection
  bin=$(pg_bin)
  # The script opens and commits its own transaction.
  PGOPTIONS="-c client_min_messages=warning" "$bin/psql" -v ON_ERROR_STOP=1 -q -f "$file" >/dev/null
  log "Migrasi diterapkan ke $PGDATABASE"
fi
