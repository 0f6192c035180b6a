#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the database of ConnectionStrings__Registry (else the one
# scripts/run.sh uses). The database is created when missing; one that already holds tables is refused unless
# --force is given, which replaces what it holds. Stop the app first. An encrypted backup (.gpg) needs
# IKM_BACKUP_SECRET_KEY=/path/to/secret-key.asc (the secret key matching backup.sh's IKM_BACKUP_PUBLIC_KEY).
#   scripts/restore.sh FILE [--force]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

file="" force=""
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    *) file="$arg" ;;
  esac
done
[ -n "$file" ] && [ -f "$file" ] || { log "Pemakaian: scripts/restore.sh FILE [--force] (berkas tidak ditemukan: ${file:-tidak ada})"; exit 2; }

umask 077
backup="$file"
if [[ "$file" == *.gpg ]]; then
  secret="${IKM_BACKUP_SECRET_KEY:-}"
  [ -n "$secret" ] && [ -f "$secret" ] || { log "Cadangan terenkripsi: isi IKM_BACKUP_SECRET_KEY dengan berkas kunci rahasianya"; exit 2; }
  work=$(mktemp -d)
  trap 'gpgconf --homedir "$work" --kill gpg-agent 2>/dev/null; rm -rf "$work"' EXIT
  gpg --homedir "$work" --batch --quiet --no-tty --import "$secret"
  gpg --homedir "$work" --batch --quiet --no-tty --pinentry-mode loopback --passphrase "${IKM_BACKUP_SECRET_PASSPHRASE:-}" --output "$work/backup.dump" --decrypt "$file"
  file="$work/backup.dump"
fi

pg_env_from_connection
bin=$(pg_bin)
target="$PGDATABASE"
exists=$("$bin/psql" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${target//\'/\'\'}'")
if [ -z "$exists" ]; then
  "$bin/createdb" "$target"
fi

tables=$("$bin/psql" -d "$target" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" != "0" ] && [ -z "$force" ]; then
  log "Basis data $target tidak kosong ($tables tabel): pemulihan dibatalkan. Pakai --force untuk menggantinya."
  exit 1
fi

if [ -n "$force" ]; then
  "$bin/pg_restore" --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction -d "$target" "$file"
else
  "$bin/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction -d "$target" "$file"
fi
log "Cadangan $backup dipulihkan ke $target"
