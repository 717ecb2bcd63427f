-- wrk script for scripts/bench: a request carrying the session cookie and,
-- for writes, the CSRF header, as the browser app sends them. Settings come
-- from the environment (BENCH_METHOD, BENCH_PATH, BENCH_COOKIE, BENCH_CSRF,
-- BENCH_ORIGIN, BENCH_BODY); the summary line is parsed by bench.mjs.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.path = os.getenv("BENCH_PATH") or "/"
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
if wrk.method ~= "GET" then
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-CSRF-Token"] = os.getenv("BENCH_CSRF")
  wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
  wrk.body = os.getenv("BENCH_BODY")
end

-- Each wrk thread has its own Lua state: count per thread, sum in done().
local threads = {}
setup = function(thread) table.insert(threads, thread) end
ok, failed, last_failed = 0, 0, 0
response = function(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else failed = failed + 1; last_failed = status end
end

done = function(summary, latency, requests)
  local good, bad, last = 0, 0, 0
  for _, thread in ipairs(threads) do
    good = good + thread:get("ok")
    bad = bad + thread:get("failed")
    if thread:get("last_failed") ~= 0 then last = thread:get("last_failed") end
  end
  local codes = "2xx:" .. good .. (bad > 0 and (",other:" .. bad .. "(last " .. last .. ")") or "")
  io.write(string.format("BENCH rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d statuses=%s\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout, codes))
end
