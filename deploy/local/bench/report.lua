-- wrk script shared by the benchmarks: optional method/body/headers from the environment, and one
-- machine-readable summary line at the end. Only 2xx answers count as throughput.
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local token = os.getenv("BENCH_TOKEN")

wrk.method = method
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  other = 0
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local ok_total, other_total = 0, 0
  for _, thread in ipairs(threads) do
    ok_total = ok_total + thread:get("ok")
    other_total = other_total + thread:get("other")
  end
  local seconds = summary.duration / 1000000
  io.write(string.format(
    "RESULT ok=%d other=%d errors=%d seconds=%.3f ok_per_s=%.1f p50_ms=%.3f p99_ms=%.3f\n",
    ok_total, other_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    seconds, ok_total / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
