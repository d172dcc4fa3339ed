-- wrk script for ./platform bench content: each request is the next line of BENCH_PATHS_FILE (a
-- request path with its query string), round and round, counted as report.lua counts them. Each
-- wrk thread starts at its own share of the file, so with a file of distinct queries no two
-- requests ask the same thing.
local here = debug.getinfo(1, "S").source:match("^@(.*)/") or "."
dofile(here .. "/report.lua")

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS_FILE")) do
  if line ~= "" then
    paths[#paths + 1] = line
  end
end

local count = 0
local shared_setup = setup
function setup(thread)
  thread:set("share", count)
  count = count + 1
  shared_setup(thread)
end

local next_path
function request()
  if next_path == nil then
    next_path = math.floor((share or 0) * #paths / 64)
  end
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end
