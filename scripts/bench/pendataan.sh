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

work=$(mktemp -d /tmp/ikm-bench-pendataan.XXXXXX)
chmod 755 "$work"
port=$(free_port 55950)
cleanup() { local status=$?; trap - EXIT; pg_stop "$work/pg"; rm -rf "$work"; exit "$status"; }
trap cleanup EXIT
IKM_PG_NOSYNC=1 pg_start "$work/pg" "$port" "-c fsync=off -c synchronous_commit=off -c max_wal_size=4GB"

dotnet build src/IkmRegistry.Web -c Release -nologo -v q >/dev/null
app=(dotnet src/IkmRegistry.Web/bin/Release/net10.0/IkmRegistry.Web.dll)
export ConnectionStrings__Registry="Host=127.0.0.1;Port=$port;Username=postgres;Database=ikm_bench_pendataan"
export ASPNETCORE_ENVIRONMENT=Benchmark Import__Folder="$work/imports" Serilog__MinimumLevel__Default=Warning
"${app[@]}" --prepare-only --demo >/dev/null

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
