#!/usr/bin/env python3
"""Writes docs/benchmarks.md from the raw files of scripts/bench.sh (results.tsv, load.tsv, meta*.tsv, notes.tsv).

Each page run's throughput is divided by the mean of the nearest B1 runs of its kind (anonymous B1 for public pages,
signed-in B1-auth for the others) before and after it in the same round; the tables show medians over rounds. Each
baseline's spread over the run is reported, and a run whose baseline moved by more than 20 % is marked unreliable. Text below the FINDINGS marker of an existing report is kept (hand-written analysis).
"""
import csv
import json
import os
import statistics
import sys
from collections import defaultdict

from soak_report import soak_section

FINDINGS = "<!-- Findings: written by hand; scripts/bench.sh keeps everything below this line. -->"

PAGES = [
    ("B0", "B0: plain text, no database (anonymous)"),
    ("B0-auth", "B0 signed in (the sign-in cookie checked, renewed like a browser)"),
    ("B1", "B1: one raw Npgsql query (30 kelurahan), small HTML (anonymous)"),
    ("B1-auth", "B1 signed in"),
    ("B2", "B2: the directory's first page from one raw Npgsql round trip, hand-written HTML of the same content (anonymous)"),
    ("directory", "Public directory `/Directory` (anonymous, output cache on)"),
    ("directory-nocache", "Public directory, output cache bypassed"),
    ("sentra", "Sentra page `/Directory/Sentra/{slug}` (every active sentra in turn; anonymous, output cache on)"),
    ("sentra-nocache", "Sentra page, output cache bypassed"),
    ("products-nocache", "Product search `/Directory/Products?q=…` (six searches in turn: amplang, kerupuk, amplank, krupuk, rotan, batik in Menteng; anonymous, output cache bypassed)"),
    ("dashboard", "Coverage dashboard `/Dashboard` (signed in)"),
    ("units", "Staff unit search, one word `/Registry/Units?q=amplang` (signed in)"),
    ("units-words", "Staff unit search, two words `/Registry/Units?q=kerupuk haruan` (signed in)"),
    ("units-nib", "Staff unit search, the first ten digits of a NIB `/Registry/Units?q=9100000…` (signed in)"),
    ("units-typo", "Staff unit search, a misspelt word `/Registry/Units?q=amplag` (signed in)"),
    ("unit", "Unit page `/Registry/Units/Details/{id}` (200 units in turn, signed in)"),
]
GOALS = {"directory": 0.6, "sentra": 0.7}
BASELINES = ["B0", "B0-auth", "B1", "B1-auth", "B2"]
PUBLIC = ("directory", "sentra", "products", "B0", "B1", "B2")
B2_GOAL = 0.7  # the uncached directory against B2 at 32 connections (issue 15)
SPREAD_LIMIT = 0.20  # a baseline that moves more than this over a run makes the run unreliable


def reference(name):
    """The B1 a run is divided by: anonymous for public pages and baselines, signed in for the others."""
    return "B1" if name.startswith(PUBLIC) and not name.endswith("-auth") else "B1-auth"
P99_GOAL_MS = 50  # at 32 connections, for the directory and the sentra page
DASHBOARD_GOAL_MS = {100000: 50, 1000000: 200}


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def read_pairs(path):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)


def number(value, digits=0):
    return f"{value:,.{digits}f}"


def ms(value):
    return "–" if value is None else (f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}")


def main(raw, out):
    meta = read_pairs(os.path.join(raw, "meta.tsv")) | read_pairs(os.path.join(raw, "meta-end.tsv"))
    results = read_tsv(os.path.join(raw, "results.tsv"))
    loads = read_tsv(os.path.join(raw, "load.tsv"))
    after_write = read_tsv(os.path.join(raw, "after-write.tsv"))
    missing = defaultdict(dict)
    if os.path.exists(os.path.join(raw, "notes.tsv")):
        with open(os.path.join(raw, "notes.tsv"), encoding="utf-8") as f:
            for line in f:
                size, page, note = line.rstrip("\n").split("\t", 2)
                missing[int(size)][page] = note

    # Ratios to the neighbouring B1 runs, per round.
    runs = defaultdict(list)
    for r in results:
        runs[(int(r["size"]), int(r["level"]), int(r["round"]))].append(r)
    figures = defaultdict(lambda: defaultdict(list))  # (size, level, name) -> field -> values
    for (size, level, _), sequence in runs.items():
        sequence.sort(key=lambda r: int(r["seq"]))
        for i, r in enumerate(sequence):
            key = (size, level, r["name"])
            rps = float(r["rps"])
            figures[key]["rps"].append(rps)
            # A run in which no request finished has no latency (wrk prints 0): shown as "> run length" instead.
            if int(r["requests"]) > 0:
                figures[key]["p50"].append(float(r["p50_ms"]))
                figures[key]["p99"].append(float(r["p99_ms"]))
            else:
                figures[key]["unfinished"].append(1)
            figures[key]["errors"].append(int(r["non2xx"]) + int(r["socket_errors"]))
            def nearest(target):
                before = next((float(n["rps"]) for n in reversed(sequence[:i]) if n["name"] == target), None)
                after = next((float(n["rps"]) for n in sequence[i + 1:] if n["name"] == target), None)
                values = [v for v in (before, after) if v is not None]
                return statistics.mean(values) if values else None

            ref = reference(r["name"])
            if r["name"] == ref:
                figures[key]["ratio"].append(1.0)
            elif (base := nearest(ref)) is not None:
                figures[key]["ratio"].append(rps / base)
            if r["name"].startswith("directory") and (b2 := nearest("B2")) is not None:
                figures[key]["ratio_b2"].append(rps / b2)
            figures[key]["renewed"].append(int(r.get("renewed") or 0))

    def med(size, level, name, field):
        values = figures.get((size, level, name), {}).get(field)
        return statistics.median(values) if values else None

    def errors(size, name):
        return sum(sum(figures[(size, level, name)]["errors"]) for level in (1, 32, 64) if (size, level, name) in figures)

    sizes = sorted({int(r["size"]) for r in results} | {int(r["size"]) for r in loads})
    lines = []
    w = lines.append
    w("# Benchmarks")
    w("")
    w("Written by `scripts/bench.sh` (see the README). Every figure comes from one run on one machine that other")
    w("engineers were using at the same time, so absolute figures are noisy: judge a page by its **ratio to B1 measured")
    w("in the same run**, interleaved (baselines, page, B1, page, B1, ...). B0, B1 and B2 are baseline endpoints of the same")
    w("app, mapped only when `Benchmark:Baselines=true` (`Benchmarking/Baselines.cs`). Public pages are divided by the")
    w("anonymous B1, signed-in pages by B1-auth (the same endpoint with the staff cookie). Signed-in runs take renewed")
    w("sign-in cookies like a browser (`scripts/bench/wrk-summary.lua`): without that, every request after the first minute")
    w("carried a stale cookie and was checked against the database, and signed-in figures measured that check.")
    w("")
    spreads = {}
    for size in sorted({k[0] for k in figures}):
        for level in (1, 32, 64):
            for name in BASELINES:
                values = figures.get((size, level, name), {}).get("rps")
                if values and len(values) > 1:
                    mid = statistics.median(values)
                    spreads[(size, level, name)] = (min(values), mid, max(values), (max(values) - min(values)) / mid if mid else 0.0)
    unreliable = sorted({(size, level) for (size, level, _), (_, _, _, spread) in spreads.items() if spread > SPREAD_LIMIT})
    if unreliable:
        w("**Unreliable run:** a baseline moved by more than 20 % during " + ", ".join(f"{size:,} units at {level} conn." for size, level in unreliable)
          + " (see \"Baselines over the run\"). Ratios there are less certain than elsewhere; compare with a run on a quiet machine.")
        w("")
    if meta.get("quick") == "1":
        w("**Quick mode** (2 s a measurement, one round): a check of the plumbing, not figures to compare.")
        w("")
    w("| Run | |")
    w("|---|---|")
    w(f"| Date | {meta.get('date', '?')} |")
    w(f"| Git commit | `{meta.get('commit', '?')}` |")
    w(f"| Command | `{meta.get('command', '?')}` |")
    w(f"| Machine | {meta.get('nproc', '?')} cores, {meta.get('memory', '?')} memory, {meta.get('cpu', '?')}; {meta.get('os', '?')} |")
    w(f"| Load average (1, 5, 15 min) | {meta.get('load_before', '?')} before, {meta.get('load_after', '?')} after (2 cores: the machine was shared) |")
    w(f"| Software | .NET SDK {meta.get('dotnet', '?')}, {meta.get('postgresql', '?')}, {meta.get('wrk', '?')} |")
    w(f"| PostgreSQL | throwaway cluster, benchmark data only: {meta.get('postgresql_settings', '?')} |")
    w(f"| App | Release build, `ASPNETCORE_ENVIRONMENT=Benchmark` (Production's settings; Production itself refuses the benchmark switches), on loopback; request logging on as in production; the directory's per-client rate limit raised for the run (wrk is one client); directory and sentra pages loaded without signing in, the other pages as the signed-in admin; `-nocache` rows send `X-Benchmark-No-Output-Cache` (honoured only with `Benchmark:Baselines=true`) |")
    w(f"| wrk | {meta.get('duration', '?')} s a run, 2 threads (1 at 1 connection), timeout 10 s; {meta.get('rounds', '?')} rounds at 32 and at 64 connections, 1 round at 1 connection; a short warm-up of every endpoint first |")
    w("")
    w("Figures: req/s, p50 and p99 latency in ms are medians over the rounds; **÷B1** is the page's throughput divided by")
    w("the nearest B1 runs of its kind before and after it (median over rounds); errors count non-2xx answers and socket errors (connect,")
    w("read, write, timeout) over every run of that page. The 1-connection p50 is the page's own time without queueing.")
    w("\"N× none finished\" means that in N rounds no request finished within the run (each took longer than the run")
    w("but less than wrk's 10 s timeout, so they are not errors); the latency shown is the median of the other rounds.")
    w("")

    w("## Goals")
    w("")
    w("| Size | Directory ≥ 0.6 × B1 (32 / 64 conn.), p99 at 32 < 50 ms | Sentra page ≥ 0.7 × B1 (32 / 64 conn.), p99 at 32 < 50 ms | Coverage dashboard median | Uncached directory ≥ 0.7 × B2 at 32 conn. | Dashboard after a write (median, max of 50) | Errors (must be 0) |")
    w("|---|---|---|---|---|---|---|")
    for size in sizes:
        cells = []
        for name, goal in GOALS.items():
            r32, r64, p99 = med(size, 32, name, "ratio"), med(size, 64, name, "ratio"), med(size, 32, name, "p99")
            if r32 is None or r64 is None:
                cells.append("not measured")
            else:
                verdict = "met" if min(r32, r64) >= goal and p99 is not None and p99 < P99_GOAL_MS else "**not met**"
                cells.append(f"{r32:.2f} / {r64:.2f}, p99 {ms(p99)} ms: {verdict}")
        if "dashboard" in missing.get(size, {}):
            cells.append(missing[size]["dashboard"])
        elif (p50 := med(size, 1, "dashboard", "p50")) is None:
            cells.append("not measured")
        else:
            goal = DASHBOARD_GOAL_MS.get(size)
            verdict = "" if goal is None else (f": under {goal} ms, met" if p50 < goal else f": goal {goal} ms, **not met**")
            cells.append(f"{ms(p50)} ms at 1 conn., {ms(med(size, 32, 'dashboard', 'p50'))} ms (p99 {ms(med(size, 32, 'dashboard', 'p99'))}) at 32{verdict}")
        b2 = med(size, 32, "directory-nocache", "ratio_b2")
        cells.append("not measured" if b2 is None else f"{b2:.2f}: " + ("met" if b2 >= B2_GOAL else "**not met**"))
        writes = [float(r["dashboard_ms"]) for r in after_write if int(r["size"]) == size]
        if writes:
            goal = 50 if size >= 100000 else None
            verdict = "" if goal is None else (": met" if statistics.median(writes) < goal else f": goal {goal} ms, **not met**")
            cells.append(f"{ms(statistics.median(writes))} ms, {ms(max(writes))} ms{verdict}")
        else:
            cells.append("not measured")
        total = sum(errors(size, name) for name, _ in PAGES)
        cells.append("0: met" if total == 0 else f"**{total}: not met**")
        w(f"| {size:,} units | " + " | ".join(cells) + " |")
    w("")

    for size in sizes:
        w(f"## {size:,} units")
        w("")
        w("| Page | req/s 32 | p50 32 | p99 32 | ÷B1 32 | req/s 64 | p50 64 | p99 64 | ÷B1 64 | p50 1 conn. | Errors |")
        w("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for name, label in PAGES:
            if name in missing.get(size, {}):
                w(f"| {label} | {missing[size][name]} |" + " |" * 9)
                continue
            if not any((size, level, name) in figures for level in (1, 32, 64)):
                continue
            row = [label]
            for level in (32, 64):
                rps, p50, p99, ratio = (med(size, level, name, f) for f in ("rps", "p50", "p99", "ratio"))
                unfinished = len(figures.get((size, level, name), {}).get("unfinished", []))
                latency = [ms(p50), ms(p99)] if not unfinished else [f"{ms(p50)}, {unfinished}× none finished", ms(p99)]
                row += ["–" if rps is None else number(rps), *latency, "–" if ratio is None else f"{ratio:.2f}"]
            row += [ms(med(size, 1, name, "p50")), str(errors(size, name))]
            w("| " + " | ".join(row) + " |")
        w("")
        b2_rows = [(level, med(size, level, name, "ratio_b2")) for name in ("directory", "directory-nocache") for level in (32, 64)]
        if any(v is not None for _, v in b2_rows):
            w("The directory divided by B2 (the same page from raw Npgsql and hand-written HTML, nearest B2 runs): "
              + "; ".join(f"{name} at {level} conn. {med(size, level, name, 'ratio_b2'):.2f}"
                          for name in ("directory", "directory-nocache") for level in (32, 64)
                          if med(size, level, name, "ratio_b2") is not None) + ".")
            w("")
        rows = [(level, name, spreads[(size, level, name)]) for level in (32, 64, 1) for name in BASELINES if (size, level, name) in spreads]
        if rows:
            w("Baselines over the run (every run of each baseline at that level, req/s; spread = (max − min) ÷ median, over 20 % marks the run unreliable):")
            w("")
            w("| Baseline | Connections | Runs | Min | Median | Max | Spread | |")
            w("|---|--:|--:|--:|--:|--:|--:|---|")
            for level, name, (lo, mid, hi, spread) in rows:
                n = len(figures[(size, level, name)]["rps"])
                w(f"| {name} | {level} | {n} | {number(lo)} | {number(mid)} | {number(hi)} | {spread * 100:.0f} % | {'**unreliable**' if spread > SPREAD_LIMIT else 'steady'} |")
            renewed = sum(sum(figures[k].get("renewed", [])) for k in figures if k[0] == size)
            w("")
            w(f"Renewed sign-in cookies taken by wrk during the signed-in runs at this size: {renewed:,}.")
            w("")
        writes = [r for r in after_write if int(r["size"]) == size]
        if writes:
            edit = [float(r["edit_ms"]) for r in writes]
            dash = [float(r["dashboard_ms"]) for r in writes]
            w(f"After a write: {len(writes)} single-unit edits through the real edit form (`scripts/bench/after_write.py`), each followed by one dashboard request: "
              f"edit median {ms(statistics.median(edit))} ms (max {ms(max(edit))}); next dashboard request median {ms(statistics.median(dash))} ms, "
              f"max {ms(max(dash))} ms.")
            w("")

    w("## Data load and import")
    w("")
    w("The demo generator (`Data/DemoData.cs`, binary COPY) run as `--prepare-only --demo-units N` on an empty database:")
    w("")
    w("| Size | Units | Sentra | Memberships | Generator time | Units per second | Whole process (migrate, seed, load) |")
    w("|---|--:|--:|--:|--:|--:|--:|")
    for load in loads:
        seconds = float(load["generator_s"])
        w(f"| {int(load['size']):,} | {int(load['units']):,} | {load['sentra']} | {int(load['memberships']):,} | {seconds:.1f} s | "
          f"{number(int(load['units']) / seconds) if seconds > 0 else '–'} | {float(load['prepare_wall_s']):.1f} s |")
    w("")
    imports = []
    for name in sorted(os.listdir(raw)):
        if name.startswith("import-") and name.endswith(".jsonl"):
            with open(os.path.join(raw, name), encoding="utf-8") as f:
                imports += [json.loads(line) for line in f if line.strip()]
    if imports:
        w("Import (issue 6, `scripts/bench/import.sh`): a generated field-data file of new units into a registry with the demo data,")
        w("through the same code as the background worker (checks, streaming read and validation, staging by binary COPY,")
        w("set-based matching; then the one-transaction commit with audit entries). Goals: read and validate under 10 s,")
        w("commit under 10 s, peak working set under 500 MB. The CSV file is imported second, into a registry that then holds")
        w("104,133 units.")
        w("")
        w("| File | Size | Rows | Read, validate, stage, match | Commit | Peak working set | Status | Load average | Commit, date |")
        w("|---|--:|--:|--:|--:|--:|---|---|---|")
        for i in imports:
            w(f"| {i['format']} | {i['bytes'] / 1024 / 1024:.1f} MB | {i['rows']:,} | {i['read_s']:.1f} s | {i['commit_s']:.1f} s | "
              f"{i['peak_working_set_mb']} MB | {i['status']} ({i['inserted']:,} new) | {i['load_average']} | {i['commit']}, {i['date']} |")
    else:
        w("Import (issue 6): not measured in this run (`scripts/bench/import.sh`).")
    w("")
    w("Raw wrk outputs, one file per size, and the figures as TSV: [benchmarks-raw/](benchmarks-raw/).")
    w("")

    lines.extend(soak_section(raw))
    findings = ""
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            text = f.read()
        if FINDINGS in text:
            findings = text.split(FINDINGS, 1)[1]
    w(FINDINGS)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + (findings if findings else "\n"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
