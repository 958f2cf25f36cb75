-- wrk script: POST /v1/segments with realistic, valid bodies and ids of their own, so that every create is new.
-- Environment: BENCH_KEY, BENCH_TAG (see patch.lua); BENCH_POST_TAG: a tag of this run's creates.
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
package.path = dir .. "lib/?.lua;" .. package.path
local bodies = require("bodies")
local report = require("report")

local pool, head, prefix
local sent = 0

function setup(thread)
  report.setup(thread)
end

function init(args)
  local key = assert(os.getenv("BENCH_KEY"), "BENCH_KEY is not set")
  local tag = assert(os.getenv("BENCH_POST_TAG"), "BENCH_POST_TAG is not set")
  math.randomseed(os.time() * 100 + (tid or 0))
  pool = bodies.pool(512, (tid or 0) * 100000)
  -- One prefix per wrk thread: ids never collide between threads or with the seeded ones.
  prefix = '{"id":"seg_p' .. tag .. string.format("%02d", tid or 0)
  head = "POST /v1/segments HTTP/1.1\r\nHost: " .. wrk.headers["Host"]
    .. "\r\nAuthorization: Bearer " .. key
    .. "\r\nContent-Type: application/json\r\nContent-Length: "
end

function request()
  sent = sent + 1
  local body = prefix .. string.format("%010d", sent) .. '",' .. pool[sent % #pool + 1] .. "}"
  return head .. #body .. "\r\n\r\n" .. body
end

function response(status, headers, body)
  report.count(status, body)
end

function done(summary, latency, requests)
  report.done(summary, latency, os.getenv("BENCH_LABEL") or "post")
end
