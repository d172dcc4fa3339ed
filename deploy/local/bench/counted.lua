-- wrk script for a fixed number of requests rather than a fixed time: each thread sends
-- BENCH_COUNT_PER_THREAD requests, then stops and leaves a marker file (BENCH_MARK.<thread>) so the
-- caller can end wrk with SIGINT once every thread is done (wrk itself always waits out -d).
-- "{{n}}" in BENCH_BODY becomes a value unique to the request (run, thread and sequence), e.g. a
-- partner's own referral identifier. Elapsed time runs from the first request sent to the last
-- answer received, on the monotonic clock; only 2xx answers count as throughput.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local function now_us()
  local ts = ffi.new("bench_timespec")
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local method = os.getenv("BENCH_METHOD") or "POST"
local body = os.getenv("BENCH_BODY") or ""
local token = os.getenv("BENCH_TOKEN")
local content_type = os.getenv("BENCH_CONTENT_TYPE") or "application/json"
local per_thread = tonumber(os.getenv("BENCH_COUNT_PER_THREAD") or "100")
local mark = os.getenv("BENCH_MARK") or "/tmp/bench-mark"
local run = os.getenv("BENCH_RUN") or tostring(os.time())

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  other = 0
  sent = 0
  answered = 0
  first_us = 0
  last_us = 0
  headers = { ["Content-Type"] = content_type }
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
end

function request()
  sent = sent + 1
  if first_us == 0 then
    first_us = now_us()
  end
  local unique = run .. "-" .. id .. "-" .. sent
  return wrk.format(method, nil, headers, (body:gsub("{{n}}", unique)))
end

function response(status, headers, body)
  answered = answered + 1
  last_us = now_us()
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    other = other + 1
  end
  if answered >= per_thread then
    local done_mark = io.open(mark .. "." .. id, "w")
    done_mark:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local ok_total, other_total, first, last = 0, 0, nil, 0
  for _, thread in ipairs(threads) do
    ok_total = ok_total + thread:get("ok")
    other_total = other_total + thread:get("other")
    local f, l = thread:get("first_us"), thread:get("last_us")
    if f > 0 and (first == nil or f < first) then first = f end
    if l > last then last = l end
  end
  local seconds = first and (last - first) / 1000000 or 0
  io.write(string.format(
    "RESULT ok=%d other=%d errors=%d seconds=%.3f ok_per_s=%.1f p50_ms=%.3f p99_ms=%.3f\n",
    ok_total, other_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    seconds, seconds > 0 and ok_total / seconds or 0,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
