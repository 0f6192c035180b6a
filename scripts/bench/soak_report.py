"""The "Load and soak" section of docs/benchmarks.md, from soak.tsv and soak-memory-SIZE.tsv (scripts/bench/soak.sh)."""
import csv
import os


def _rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _bytes(value):
    """Log bytes per 1,000 requests; runs from before the column existed show a dash."""
    return f"{int(value):,}" if value else "–"


def soak_section(raw):
    runs = _rows(os.path.join(raw, "soak.tsv"))
    if not runs:
        return []
    lines = [
        "## Load and soak",
        "",
        "`scripts/bench/soak.sh` (part of every run; `scripts/bench.sh --soak` runs only this): public visitors "
        "without a cookie (home, directory with and without a search, coverage, open data JSON and CSV, every sentra "
        "page in turn) and signed-in staff (unit list with and without a search, sentra list, dashboard, 200 unit "
        "pages in turn, each view audited) at the same time, half the connections each, on the same data and app as "
        "the tables above, after a warm-up of the same mix (60 s by default). The app's resident memory (VmRSS) is sampled every 5 s. Errors are answers outside 2xx "
        "(a redirect to sign-in counts) and socket errors. Memory verdict: least-squares slope over the samples "
        "of the second half of the run; \"growing\" when it would add more than 5 % of the mean (at least 16 MB) "
        "a minute. Log: bytes the app wrote to its log folder during the measured run per 1,000 requests (one "
        "request line each, plus any warnings); the file sink rolls at 50 MB and keeps 40 files, so this says how fast "
        "that 2 GB cap is reached, never that logging stops.",
        "",
        "| Units | Duration | Connections | Public req/s (p99) | Staff req/s (p99) | Errors | VmRSS first → last (max) | Slope | Memory | Log bytes / 1,000 req | Load before → after |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for r in runs:
        lines.append(
            f"| {int(r['size']):,} | {r['duration_s']} s | {r['connections']} | "
            f"{float(r['public_rps']):,.0f} ({float(r['public_p99_ms']):.0f} ms) | {float(r['staff_rps']):,.0f} ({float(r['staff_p99_ms']):.0f} ms) | "
            f"**{r['errors']}** | {r['rss_first_mb']} → {r['rss_last_mb']} MB ({r['rss_max_mb']}) | {r['rss_slope_mb_per_min']} MB/min | "
            f"{r['verdict']} | {_bytes(r.get('log_bytes_per_1000_requests'))} | {r['load_before']} → {r['load_after']} |")
    lines.append("")
    for r in runs:
        samples = _rows(os.path.join(raw, f"soak-memory-{r['size']}.tsv"))
        if samples:
            lines.append(f"VmRSS at {int(r['size']):,} units, MB by second: "
                         + ", ".join(f"{s['t_s']} s {int(s['rss_kb']) // 1024}" for s in samples) + ".")
            lines.append("")
    return lines
