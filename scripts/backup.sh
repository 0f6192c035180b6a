#!/usr/bin/env bash
# Backs up the registry database with pg_dump (custom format) into FOLDER (default ./backups), as
# ikm-registry-YYYYMMDD-HHMMSSZ.dump; prints the file's path. The database is the one in
# ConnectionStrings__Registry, else the one scripts/run.sh uses (127.0.0.1, port IKM_PG_PORT or 5433).
# The dump holds NIKs, phone numbers and password hashes: it is written readable by its owner only (umask 077).
# With IKM_BACKUP_PUBLIC_KEY=/path/to/public-key.asc (an OpenPGP public key, kept outside FOLDER) the dump is
# encrypted with gpg to that key and named .dump.gpg; only the matching secret key, kept off this machine, opens it
# (scripts/restore.sh with IKM_BACKUP_SECRET_KEY).
#   scripts/backup.sh [FOLDER]
set -euo pipefail
umask 077
source "$(dirname "$0")/lib.sh"

folder="${1:-./backups}"
key="${IKM_BACKUP_PUBLIC_KEY:-}"
pg_env_from_connection
bin=$(pg_bin)
mkdir -p "$folder"
chmod 700 "$folder"
file="$folder/ikm-registry-$(date -u +%Y%m%d-%H%M%SZ).dump"
if [ -n "$key" ]; then
  [ -f "$key" ] || { log "IKM_BACKUP_PUBLIC_KEY: berkas kunci $key tidak ditemukan"; exit 2; }
  case "$(realpath "$key")/" in
    "$(realpath "$folder")"/*) log "IKM_BACKUP_PUBLIC_KEY: simpan kunci di luar folder cadangan ($folder)"; exit 2 ;;
  esac
  command -v gpg >/dev/null || { log "gpg tidak terpasang (apt-get install -y gnupg)"; exit 2; }
  file="$file.gpg"
  gnupg_home=$(mktemp -d)
  trap 'gpgconf --homedir "$gnupg_home" --kill gpg-agent 2>/dev/null; rm -rf "$gnupg_home"' EXIT
  # Written under another name first, so that a failed dump never looks like a backup.
  "$bin/pg_dump" --format=custom --no-owner --no-privileges "$PGDATABASE" \
    | gpg --homedir "$gnupg_home" --batch --quiet --no-tty --trust-model always --recipient-file "$key" --encrypt --output "$file.partial"
else
  "$bin/pg_dump" --format=custom --no-owner --no-privileges --file="$file.partial" "$PGDATABASE"
fi
mv "$file.partial" "$file"
log "Cadangan $PGDATABASE tersimpan di $file"
echo "$file"
