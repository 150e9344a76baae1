-- GET /api/stores?pageSize=100&… picking at random from a mix of pages, filters and sorts
-- (BENCH_PAGES file, one path+query per line, written by bench/seed.mjs).
package.path = (debug.getinfo(1, "S").source:match("^@?(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

common.auth()
local pages = common.lines(os.getenv("BENCH_PAGES"))

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end

function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
end

function request()
  return wrk.format("GET", pages[math.random(#pages)])
end

done = common.done
