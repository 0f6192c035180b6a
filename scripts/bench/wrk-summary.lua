-- wrk script for scripts/bench.sh.
--  * Counts every answer outside 2xx (wrk itself counts only 4xx and 5xx, so a redirect to the sign-in page would
--    pass unnoticed).
--  * BENCH_PATHS (paths separated by spaces), when set, makes each request take the next path in turn, so that a
--    page is measured over several records instead of one.
--  * BENCH_COOKIE, when set, is sent as the Cookie header and renewed like a browser renews it: a Set-Cookie in an
--    answer (the sign-in cookie re-issued after the security-stamp check, once a minute) replaces that cookie in the
--    thread's later requests. Without this, every request after the first minute would carry a stale cookie and be
--    checked against the database again (wrk's -H header never changes), which is not what a browser costs the app.
--    BENCH_COOKIE_OUT names a file that receives the newest cookie when the run ends, for the next run.
--  * Prints one line starting with "BENCH " that the script reads: throughput, latency percentiles in ms, errors,
--    and how many renewed cookies were taken.

local threads = {}
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do
  table.insert(paths, path)
end
local start_cookie = os.getenv("BENCH_COOKIE")
if start_cookie == "" then start_cookie = nil end

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

local jar, names, cached = {}, {}, {}

local function cookie_header()
  local parts = {}
  for _, name in ipairs(names) do
    table.insert(parts, name .. "=" .. jar[name])
  end
  return table.concat(parts, "; ")
end

local function put(name, value)
  if jar[name] == nil then table.insert(names, name) end
  jar[name] = value
end

function init(args)
  non2xx = 0
  renewed = 0
  counter = offset or 0
  if start_cookie then
    for name, value in string.gmatch(start_cookie, "([^=;%s]+)=([^;]*)") do put(name, value) end
    cookie = cookie_header()
  end
end

if #paths > 0 or start_cookie then
  function request()
    counter = counter + 1
    local path = #paths > 0 and paths[(counter % #paths) + 1] or wrk.path
    local key = path .. "\0" .. (cookie or "")
    local r = cached[key]
    if r == nil then
      -- A formatted request is kept until the cookie changes: formatting every request would slow wrk itself.
      r = wrk.format(nil, path, cookie and { ["Cookie"] = cookie } or nil)
      cached[key] = r
    end
    return r
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if start_cookie then
    local set = headers["Set-Cookie"] or headers["set-cookie"]
    if set then
      local name, value = string.match(set, "^%s*([^=;%s]+)=([^;]*)")
      if name and jar[name] ~= value then
        put(name, value)
        cookie = cookie_header()
        cached = {}
        renewed = renewed + 1
      end
    end
  end
end

function done(summary, latency, requests)
  local non2xx_total, renewed_total = 0, 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    renewed_total = renewed_total + thread:get("renewed")
  end
  local out = os.getenv("BENCH_COOKIE_OUT")
  if out and out ~= "" and #threads > 0 then
    local newest = threads[1]:get("cookie")
    if newest then
      local f = io.open(out, "w")
      f:write(newest)
      f:close()
    end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.2f p50_ms=%.3f p99_ms=%.3f mean_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d bytes=%d renewed=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    non2xx_total, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, summary.bytes, renewed_total))
end
