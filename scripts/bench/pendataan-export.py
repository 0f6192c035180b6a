#!/usr/bin/env python3
"""Writes a KoboToolbox-style CSV export of N pendataan submissions (issue 16) for scripts/bench/pendataan.sh.

Columns as Kobo names them for the registry's generated form: group/question paths, the geopoint split into
_lokasi_latitude/_longitude/_altitude/_precision, _id, _uuid, _submission_time, _submitted_by. Positions lie near
each kelurahan's centroid (shared/DOMAIN.md). Deterministic (seeded).
Usage: scripts/bench/pendataan-export.py N PATH
"""
import csv
import random
import sys
import uuid

KELURAHAN = [
    ("62.71.01.1001", -2.19975, 113.95033), ("62.71.01.1002", -2.25370, 113.94895), ("62.71.01.1003", -2.23897, 113.92512),
    ("62.71.02.1001", -2.09250, 113.78500), ("62.71.02.1003", -1.99572, 113.72758), ("62.71.03.1001", -2.20503, 113.89407),
    ("62.71.03.1002", -2.24352, 113.89744), ("62.71.04.1002", -2.28973, 114.01153), ("62.71.05.1001", -1.85217, 113.67990),
]
PATHS = ["petugas", "identitas/business_name", "identitas/nib", "identitas/legal_form", "identitas/year_started",
         "pemilik/owner_name", "pemilik/nik", "pemilik/owner_sex", "pemilik/phone", "lokasi_usaha/kecamatan",
         "lokasi_usaha/kelurahan", "lokasi_usaha/lokasi", "lokasi_usaha/address", "produk/kategori", "produk/main_products",
         "produk/kbli_code", "produk/kbli_edition", "produk/workers_male", "produk/workers_female", "persetujuan/public_consent"]
SYSTEM = ["_lokasi_latitude", "_lokasi_longitude", "_lokasi_altitude", "_lokasi_precision", "_id", "_uuid", "_submission_time", "_submitted_by"]


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(16)
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f, delimiter=";")
        out.writerow(PATHS + SYSTEM)
        for i in range(n):
            code, lat, lon = KELURAHAN[i % len(KELURAHAN)]
            lat += rng.uniform(-0.002, 0.002)
            lon += rng.uniform(-0.002, 0.002)
            acc = round(rng.uniform(3, 15), 1)
            nik = "627101450885%04d" % (i % 9000 + 1) if i % 3 else ""
            out.writerow([
                "Petugas %d" % (i % 12), "Usaha Pendataan %05d" % i, "", "Perorangan", str(2000 + i % 25),
                "Pemilik %05d" % i, nik, "Perempuan" if i % 2 else "LakiLaki", "0812%08d" % i, code[:8],
                code, "%.6f %.6f 35 %.1f" % (lat, lon, acc), "Jl. Pendataan No. %d" % i, "pangan", "amplang, kerupuk",
                "10750", "2020", str(i % 4), str(i % 5), "ya" if i % 4 else "tidak",
                "%.6f" % lat, "%.6f" % lon, "35", "%.1f" % acc, str(100000 + i), str(uuid.UUID(int=rng.getrandbits(128))),
                "2026-11-%02dT0%d:15:00" % (1 + i % 27, i % 10), "kobo_dinas",
            ])


main()
