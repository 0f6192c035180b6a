#!/usr/bin/env bash
# Backs up the registry database with pg_dump (custom format) into FOLDER (default ./backups), as
# ikm-registry-YYYYMMDD-HHMMSSZ.dump; prints the file's path. The database is the one in
# ConnectionStrings__Registry, else the one scripts/run.sh uses (127.0.0.1, port IKM_PG_PORT or 5433).
#   scripts/backup.sh [FOLDER]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

folder="${1:-./backups}"
pg_env_from_connection
bin=$(pg_bin)
mkdir -p "$folder"
file="$folder/ikm-registry-$(date -u +%Y%m%d-%H%M%SZ).dump"
# Written under another name first, so that a failed dump never looks like a backup.
"$bin/pg_dump" --format=custom --no-owner --no-privileges --file="$file.partial" "$PGDATABASE"
mv "$file.partial" "$file"
log "Cadangan $PGDATABASE tersimpan di $file"
echo "$file"
