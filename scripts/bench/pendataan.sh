#!/usr/bin/env bash
# The pendataan import benchmark (issue 16): a registry with the demo data, then a KoboToolbox-style CSV export of
# ROWS submissions (default 10.000; scripts/bench/pendataan-export.py) imported twice as the background worker does:
# the first import adds every unit, the second finds every submission by its uuid and adds nothing.
# Prints one JSON line per import and writes them to $IMPORT_OUT (default docs/benchmarks-raw/pendataan-ROWS.jsonl).
#   scripts/bench/pendataan.sh [ROWS]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
rows="${1:-10000}"

bench_registry pendataan 55950

out="${IMPORT_OUT:-$ROOT/docs/benchmarks-raw/pendataan-$rows.jsonl}"
mkdir -p "$(dirname "$out")"
: >"$out"
file="$work/kobo-$rows.csv"
python3 scripts/bench/pendataan-export.py "$rows" "$file"
for pass in first again; do
  log "Mengimpor $file ($pass)"
  line=$("${app[@]}" --import-file "$file" | grep '^{')
  line="${line%\}},\"pass\":\"$pass\",\"load_average\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"commit\":\"$(git rev-parse --short HEAD)\",\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\"}"
  echo "$line" | tee -a "$out"
done
