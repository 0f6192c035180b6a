#!/usr/bin/env bash
# The production topology, tried: the app (Release build, Production environment) behind Debian's nginx with the
# site in deploy/nginx and a throwaway self-signed certificate, on loopback ports. Checks HTTP/2 and HSTS, Secure
# cookies, a wrong Host refused with 400, absolute links on the public address, and that the anonymous rate limit
# counts each real client (the address nginx saw) while a forged X-Forwarded-For changes nothing.
# Ends with one line "N passed, N failed". Needs a Release build (scripts/test.sh builds one).
#   PostgreSQL: IKM_TEST_CONNECTION when set (a database of its own is created there), else a throwaway cluster.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

work=$(mktemp -d /tmp/ikm-proxy.XXXXXX)
chmod 755 "$work"
pg_dir="" app_pid="" nginx_pid="" pghost="" pgport="" database="ikm_proxy_$$"
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "${IKM_TEST_CONNECTION:-}" ] && [ -z "$pg_dir" ]; then
    PGCONNECT_TIMEOUT=5 "$(pg_bin)/psql" -q -h "$pghost" -p "$pgport" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
  fi
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir"; rm -rf "$pg_dir"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_nginx
dll="$WEB/bin/Release/net10.0/IkmRegistry.Web.dll"
[ -f "$dll" ] || { log "Belum ada build Release ($dll): jalankan dotnet build -c Release"; echo "0 passed, 1 failed"; exit 1; }

if [ -z "${IKM_TEST_CONNECTION:-}" ]; then
  pg_dir=$(mktemp -d /tmp/ikm-proxy-pg.XXXXXX)
  chmod 755 "$pg_dir"
  port=$(free_port 55480)
  IKM_PG_NOSYNC=1 pg_start "$pg_dir" "$port" "-c fsync=off -c synchronous_commit=off"
  pghost=127.0.0.1 pgport=$port
else
  pghost=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$IKM_TEST_CONNECTION")
  pgport=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$IKM_TEST_CONNECTION")
  pgport=${pgport:-5432}
  "$(pg_bin)/psql" -q -h "$pghost" -p "$pgport" -U postgres -d postgres -c "CREATE DATABASE $database" >/dev/null
fi

app_port=$(free_port 55490)
tls_port=$(free_port $((app_port + 1)))
http_port=$(free_port $((tls_port + 1)))
host=ikm.test

# The app as production runs it: it believes forwarded headers from the proxy's address only.
(
  export ASPNETCORE_ENVIRONMENT=Production
  export ConnectionStrings__Registry="Host=$pghost;Port=$pgport;Database=$database;Username=postgres"
  export AllowedHosts="$host;127.0.0.1"
  export ReverseProxy__KnownProxies__0=127.0.0.1
  export ReverseProxy__PublicBaseUrl="https://$host:$tls_port"
  export RateLimiting__AnonymousPerClient__PermitLimit=5 RateLimiting__AnonymousPerClient__WindowSeconds=60
  export IKM_ADMIN_PASSWORD="kata-sandi-admin-uji-proksi"
  export Serilog__WriteTo__1__Args__path="$work/logs/app-.log"
  exec dotnet "$dll" --contentRoot "$WEB" --urls "http://127.0.0.1:$app_port"
) >"$work/app.out" 2>&1 &
app_pid=$!

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$host" -addext "subjectAltName=DNS:$host" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
IKM_SERVER_NAME=$host IKM_UPSTREAM="127.0.0.1:$app_port" IKM_TLS_CERT="$work/cert.pem" IKM_TLS_KEY="$work/key.pem" \
  envsubst '${IKM_SERVER_NAME} ${IKM_UPSTREAM} ${IKM_TLS_CERT} ${IKM_TLS_KEY}' <deploy/nginx/ikm-registry.conf.template \
  | sed -e "s/listen 80;/listen 127.0.0.1:$http_port;/" -e "s/listen 443 ssl http2;/listen 127.0.0.1:$tls_port ssl http2;/" -e '/listen \[::\]/d' \
  >"$work/site.conf"
mkdir -p "$work/tmp"
cat >"$work/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  include $work/site.conf;
}
CONF
nginx -t -q -c "$work/nginx.conf" -p "$work"
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!

for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$app_port/health/ready" && break
  kill -0 "$app_pid" 2>/dev/null || { log "Aplikasi berhenti:"; tail -20 "$work/app.out" >&2; echo "0 passed, 1 failed"; exit 1; }
  sleep 0.5
done

site="https://$host:$tls_port"
curl_site() { curl -sk --resolve "$host:$tls_port:127.0.0.1" "$@"; }
passed=0 failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); log "ok: $name"; else failed=$((failed + 1)); log "GAGAL: $name"; fi
}
status() { curl_site -o /dev/null -w '%{http_code}' "$@"; }

check "HTTP/2 melalui TLS" test "$(curl_site --http2 -o /dev/null -w '%{http_version}' "$site/")" = 2
check "HSTS dikirim" grep -qi '^strict-transport-security: max-age=' <(curl_site -D - -o /dev/null "$site/")
cookies=$(curl_site -D - -o /dev/null "$site/Account/Login" | grep -i '^set-cookie:' || true)
check "ada cookie di halaman masuk" test -n "$cookies"
check "setiap cookie Secure" test -z "$(grep -vi '; secure' <<<"$cookies" || true)"
check "Host yang salah dijawab 400" test "$(status -H 'Host: penyerang.example' "$site/")" = 400
check "tautan sitemap memakai alamat publik" grep -q "<loc>$site/" <(curl_site "$site/sitemap.xml")

# Anonymous limit 5 per minute per client. Client A is 127.0.0.1, client B 127.0.0.2 (both reach nginx on loopback).
for _ in 1 2 3 4 5; do status "$site/Directory" >/dev/null; done
check "klien A melewati batas: 429" test "$(status "$site/Directory")" = 429
check "klien A dengan X-Forwarded-For palsu tetap 429" test "$(status -H 'X-Forwarded-For: 10.1.2.3' "$site/Directory")" = 429
check "klien B punya kuota sendiri" test "$(status --interface 127.0.0.2 "$site/Directory")" = 200

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
