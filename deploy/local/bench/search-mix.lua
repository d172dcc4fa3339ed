-- wrk script for ./platform bench content: each request is the next line of BENCH_PATHS_FILE (a
-- request path with its query string), round and round, counted as report.lua counts them.
local here = debug.getinfo(1, "S").source:match("^@(.*)/") or "."
dofile(here .. "/report.lua")

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS_FILE")) do
  if line ~= "" then
    paths[#paths + 1] = line
  end
end
local next_path = 0

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end
