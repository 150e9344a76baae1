-- POST /api/stores with a unique code per request: "Z" + BENCH_SALT (3 upper-case letters or
-- digits, unique per run) + the wrk thread number, "-", a per-thread counter. "Z…" codes sort
-- after the seeded "SD-…" ones, so the seeded list pages stay as they were.
package.path = (debug.getinfo(1, "S").source:match("^@?(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

common.auth()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local salt = os.getenv("BENCH_SALT") or "AAA"

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end

local counter = 0
local prefix
local body_head = '{"code":"'
local body_tail = '","name":"Benchmark store","type":"express",' ..
  '"location":{"address":"1 Bench Rd","city":"Berlin","region":"BE","country":"DE",' ..
  '"postalCode":"10115","timezone":"Europe/Berlin","latitude":52.52,"longitude":13.4},' ..
  '"openingDate":"2027-06-01","contact":{"manager":"Bench Mark","email":"bench@example.com",' ..
  '"phone":"+49 30 5550100"},"tags":["bench","pilot"],' ..
  '"hardwarePlan":{"pos_terminal":4,"router":1,"switch":1,"access_point":2,"printer":1},' ..
  '"networkPlan":[{"purpose":"pos","vlanId":10,"cidr":"10.99.0.0/24"}]}'

function init(args)
  prefix = "Z" .. salt .. tostring(tid or 0)
end

function request()
  counter = counter + 1
  local code = string.format("%s-%06d", prefix, counter)
  return wrk.format(nil, nil, nil, body_head .. code .. body_tail)
end

done = common.done
