#!/usr/bin/env bash
# Breach readiness: whose personal data one account opened or exported in a time window, from the audit log.
# Prints CSV: every unit whose detail page (NIK, phone, address) the account opened, with the owner's name and how
# often, then every export the account made (its table, filters, row count, whether private columns were in it:
# every unit matching those filters at that time left the registry). Needs the database of
# ConnectionStrings__Registry (else the one scripts/run.sh uses); prints personal data, so send it nowhere else.
#   scripts/access-trail.sh EMAIL FROM TO      e.g. scripts/access-trail.sh staf@dpkukmp.go.id 2026-11-01 2026-12-01
# FROM is included, TO is not; both in UTC (a date, or a timestamp such as 2026-11-30T08:00).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ $# -eq 3 ] || { log "Pemakaian: scripts/access-trail.sh EMAIL DARI SAMPAI"; exit 2; }
pg_env_from_connection
bin=$(pg_bin)
"$bin/psql" -X -q --csv -v ON_ERROR_STOP=1 -v email="$1" -v from="$2" -v to="$3" <<'SQL'
WITH account AS (
  SELECT id FROM app_user WHERE normalized_email = upper(:'email')
), entries AS (
  SELECT a.* FROM audit_entry a JOIN account ON a.user_id = account.id
  WHERE a.occurred_at >= (:'from'::timestamp AT TIME ZONE 'UTC') AND a.occurred_at < (:'to'::timestamp AT TIME ZONE 'UTC')
)
SELECT 'dibuka' AS jenis, min(e.occurred_at) AT TIME ZONE 'UTC' AS pertama_utc, max(e.occurred_at) AT TIME ZONE 'UTC' AS terakhir_utc, count(*) AS kali,
       u.id AS unit_id, u.business_name AS nama_usaha, u.owner_name AS nama_pemilik, NULL AS rincian
FROM entries e JOIN industrial_unit u ON e.entity_id = u.id::text
WHERE e.action = 'View' AND e.entity_type = 'IndustrialUnit'
GROUP BY u.id, u.business_name, u.owner_name
UNION ALL
SELECT 'ekspor', e.occurred_at AT TIME ZONE 'UTC', e.occurred_at AT TIME ZONE 'UTC', 1, NULL, e.entity_type, e.entity_id, e.changes::text
FROM entries e WHERE e.action = 'Export'
ORDER BY jenis, pertama_utc;
SQL
