-- wrk script of ops/fleet-rate-limit.sh: GET /v1/segments?limit=1 with one API key, at a steady total rate whatever
-- the answers (an open loop: each request leaves at its slot), counting the answers per 100 ms of wall-clock time:
-- 2xx, 429, 5xx, other. Environment: FLEET_KEY (API key), FLEET_RATE (requests a second, all threads together),
-- FLEET_THREADS (wrk's -t). done() prints "fleet_bucket <epoch ms / 100> <2xx> <429> <5xx> <other>" lines and the
-- harness's wrk_result line (bench/lib/report.lua).
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
package.path = dir .. "../../bench/lib/?.lua;" .. package.path
local report = require("report")
local ffi = require("ffi")

ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } fleet_timespec;
  int clock_gettime(int clock, fleet_timespec *now);
]]
local clock = ffi.new("fleet_timespec")

-- Wall-clock milliseconds (CLOCK_REALTIME): the shell script's timeline is in the same clock.
local function now_ms()
  ffi.C.clock_gettime(0, clock)
  return tonumber(clock.tv_sec) * 1000 + math.floor(tonumber(clock.tv_nsec) / 1000000)
end

local threads = {}
local period, next_at, request_text

function setup(thread)
  report.setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local key = assert(os.getenv("FLEET_KEY"), "FLEET_KEY is not set")
  local rate = assert(tonumber(os.getenv("FLEET_RATE")), "FLEET_RATE is not set")
  local count = assert(tonumber(os.getenv("FLEET_THREADS")), "FLEET_THREADS is not set")
  period = 1000 * count / rate
  next_at = now_ms()
  request_text = wrk.format("GET", "/v1/segments?limit=1", { ["Authorization"] = "Bearer " .. key })
  counts = {}
end

-- Called before each request of any of this thread's connections: each takes the next slot of the thread's schedule.
function delay()
  next_at = next_at + period
  local wait = next_at - now_ms()
  if wait <= 0 then
    return 0
  end
  return math.floor(wait)
end

function request()
  return request_text
end

-- One flat table per thread (wrk copies flat tables between its Lua states, not nested ones): the count of answers of
-- column c (0: 2xx, 1: 429, 2: 5xx, 3: other) in the 100 ms numbered at is counts[at * 4 + c].
function response(status, headers, body)
  report.count(status, body)
  local column = 3
  if status >= 200 and status < 300 then
    column = 0
  elseif status == 429 then
    column = 1
  elseif status >= 500 then
    column = 2
  end
  local slot = math.floor(now_ms() / 100) * 4 + column
  counts[slot] = (counts[slot] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for slot, n in pairs(thread:get("counts")) do
      local at = math.floor(slot / 4)
      local row = all[at] or { 0, 0, 0, 0 }
      row[slot - at * 4 + 1] = row[slot - at * 4 + 1] + n
      all[at] = row
    end
  end
  local order = {}
  for at in pairs(all) do
    order[#order + 1] = at
  end
  table.sort(order)
  for _, at in ipairs(order) do
    local row = all[at]
    io.write(string.format("fleet_bucket %d %d %d %d %d\n", at, row[1], row[2], row[3], row[4]))
  end
  report.done(summary, latency, "fleet")
end
