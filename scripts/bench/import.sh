#!/usr/bin/env bash
# The import benchmark (issue 6): a registry with the demo data (4.133 units), then a generated field-data file of
# ROWS new units (default 100.000) as xlsx and as CSV, each imported exactly as the background worker does
# (checks, streaming reader and validation, staging with binary COPY, set-based matching, one-transaction commit).
# Prints one JSON line per file and writes them to $IMPORT_OUT (default docs/benchmarks-raw/import-ROWS.jsonl),
# which scripts/bench/report.py turns into the import table of docs/benchmarks.md.
#   scripts/bench/import.sh [ROWS]
# Uses its own throwaway PostgreSQL (fsync off: benchmark data only) and stops it on exit. Publishes Release.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
rows="${1:-100000}"

bench_registry import 55900

out="${IMPORT_OUT:-$ROOT/docs/benchmarks-raw/import-$rows.jsonl}"
mkdir -p "$(dirname "$out")"
: >"$out"
# The third file is laid out as the agency's own sheets (issue 13): title rows, a two-row header, a JUMLAH row every 100 units.
for file in "pendataan-$rows.xlsx" "pendataan-$rows.csv" "pendataan-dinas-$rows.xlsx"; do
  log "Membuat $file"
  start=$(date +%s%N)
  "${app[@]}" --import-sample "$rows" "$work/$file" >/dev/null
  made_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  log "Mengimpor $file"
  line=$("${app[@]}" --import-file "$work/$file" | grep '^{')
  line="${line%\}},\"generate_ms\":$made_ms,\"load_average\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"commit\":\"$(git rev-parse --short HEAD)\",\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\"}"
  echo "$line" | tee -a "$out"
done
