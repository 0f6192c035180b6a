# Shared helpers for the scripts in this folder. Source it; it changes nothing by itself.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/src/IkmRegistry.Web"

log() { printf '[ikm] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  log "Memasang paket Debian: $*"
  if [ -z "${IKM_APT_UPDATED:-}" ]; then
    as_root apt-get update -qq >/dev/null
    IKM_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# Prints the bin folder of the newest PostgreSQL server on the machine, installing Debian's package if none is there.
pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    apt_install postgresql postgresql-contrib
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  # pg_trgm ships in postgresql-contrib on older Debian releases.
  local version
  version=$(basename "$(dirname "$bin")")
  if [ ! -f "/usr/share/postgresql/$version/extension/pg_trgm.control" ]; then
    apt_install postgresql-contrib
  fi
  echo "$bin"
}

# pg_start DIR PORT [extra postgres options]: starts (creating if needed) a cluster owned by the postgres user.
# initdb refuses to run as root, hence runuser.
# publish_app OUT: the Release app in OUT, compiled ahead of time (ReadyToRun) for this machine's platform and
# framework-dependent, as scripts/run.sh, scripts/bench.sh, the import benchmarks and the Dockerfile publish it: after
# a restart the first requests and the first import run compiled code instead of waiting for the JIT (a cold
# 100,000-row import spent 2 to 3 s compiling). Documented switches, so a newer SDK cannot drop it silently.
publish_app() {
  dotnet publish "$WEB/IkmRegistry.Web.csproj" -c Release -o "$1" --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true --nologo -v quiet >/dev/null
}

pg_start() {
  local dir="$1" port="$2" opts="${3:-}" bin
  bin=$(pg_bin)
  run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  if [ "$(id -u)" -eq 0 ]; then install -d -o postgres -g postgres "$dir"; else mkdir -p "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "Membuat klaster PostgreSQL di $dir/data"
    run_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 ${IKM_PG_NOSYNC:+--no-sync} >/dev/null
  fi
  if run_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    log "PostgreSQL sudah berjalan di port $port"
    return 1
  fi
  run_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $opts" start >/dev/null
  log "PostgreSQL berjalan di 127.0.0.1:$port"
}

pg_stop() {
  local dir="$1" bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    else
      "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    log "PostgreSQL dihentikan"
  fi
}

# A free TCP port on loopback, starting from $1.
free_port() {
  local port="$1"
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

ensure_nginx() {
  if ! command -v nginx >/dev/null; then
    apt_install nginx-light
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
}

ensure_dotnet_tools() {
  (cd "$ROOT" && dotnet tool restore >/dev/null)
}

# PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD from an Npgsql connection string (ConnectionStrings__Registry,
# else the database scripts/run.sh uses), for pg_dump, pg_restore and psql.
pg_env_from_connection() {
  local conn="${ConnectionStrings__Registry:-Host=127.0.0.1;Port=${IKM_PG_PORT:-5433};Database=ikm_registry;Username=postgres}"
  local pair key value
  export PGHOST=127.0.0.1 PGPORT=5432 PGDATABASE=ikm_registry PGUSER=postgres
  IFS=';' read -ra pairs <<<"$conn"
  for pair in "${pairs[@]}"; do
    key="${pair%%=*}"; value="${pair#*=}"
    case "${key,,}" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database) export PGDATABASE="$value" ;;
      username|user\ id|userid|user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
    esac
  done
}

# bench_registry NAME BASE_PORT: the set-up both import benchmarks share (scripts/bench/import.sh, pendataan.sh).
# A work folder $work, a throwaway PostgreSQL in it (fsync off: benchmark data only) on a free port from BASE_PORT,
# the published Release app as "${app[@]}" on database ikm_bench_NAME with the demo data in place. Stops the
# server and removes $work when the script exits, keeping its exit status.
bench_registry() {
  work=$(mktemp -d "/tmp/ikm-bench-$1.XXXXXX")
  chmod 755 "$work"
  local port
  port=$(free_port "$2")
  trap bench_registry_cleanup EXIT
  IKM_PG_NOSYNC=1 pg_start "$work/pg" "$port" "-c fsync=off -c synchronous_commit=off -c max_wal_size=4GB"

  # Published as scripts/run.sh and the Dockerfile publish it (ReadyToRun), so the import runs the code a server runs.
  publish_app "$work/app"
  app=(dotnet "$work/app/IkmRegistry.Web.dll")
  export ConnectionStrings__Registry="Host=127.0.0.1;Port=$port;Username=postgres;Database=ikm_bench_$1"
  export ASPNETCORE_ENVIRONMENT=Benchmark Import__Folder="$work/imports" Serilog__MinimumLevel__Default=Warning
  "${app[@]}" --prepare-only --demo >/dev/null
}

bench_registry_cleanup() {
  local status=$?
  trap - EXIT
  pg_stop "$work/pg"
  rm -rf "$work"
  exit "$status"
}
