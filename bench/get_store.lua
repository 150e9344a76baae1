-- GET /api/stores/{id} with an id picked at random from the seeded set (BENCH_IDS file).
package.path = (debug.getinfo(1, "S").source:match("^@?(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

common.auth()
local ids = common.lines(os.getenv("BENCH_IDS"))
local paths = {}
for i, id in ipairs(ids) do paths[i] = "/api/stores/" .. id end

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end

function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

done = common.done
