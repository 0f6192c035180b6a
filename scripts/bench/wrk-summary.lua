-- wrk script for scripts/bench.sh.
--  * Counts every answer outside 2xx (wrk itself counts only 4xx and 5xx, so a redirect to the sign-in page would
--    pass unnoticed).
--  * BENCH_PATHS (paths separated by spaces), when set, makes each request take the next path in turn, so that a
--    page is measured over several records instead of one.
--  * Prints one line starting with "BENCH " that the script reads: throughput, latency percentiles in ms, errors.

local threads = {}
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do
  table.insert(paths, path)
end

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  counter = offset or 0
end

if #paths > 0 then
  function request()
    counter = counter + 1
    return wrk.format(nil, paths[(counter % #paths) + 1])
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.2f p50_ms=%.3f p99_ms=%.3f mean_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d bytes=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    non2xx_total, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, summary.bytes))
end
