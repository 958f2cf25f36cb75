-- wrk script: creates BENCH_SEGMENTS segments through POST /v1/segments with dense ids, then ends wrk.
-- Run it with one thread (-t1): the count of requests is only known to one Lua state.
-- Environment: BENCH_KEY, BENCH_SEGMENTS, BENCH_TAG (see patch.lua).
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
package.path = dir .. "lib/?.lua;" .. package.path
local bodies = require("bodies")
local report = require("report")

local segments, tag, pool, post, probe
local sent, answered, verified = 0, 0, false

function setup(thread)
  report.setup(thread)
end

function init(args)
  local key = assert(os.getenv("BENCH_KEY"), "BENCH_KEY is not set")
  segments = tonumber(os.getenv("BENCH_SEGMENTS") or "10000")
  tag = assert(os.getenv("BENCH_TAG"), "BENCH_TAG is not set")
  math.randomseed(os.time())
  pool = bodies.pool(512, 0)
  local host = "Host: " .. wrk.headers["Host"] .. "\r\n"
  post = "POST /v1/segments HTTP/1.1\r\n" .. host .. "Authorization: Bearer " .. key
    .. "\r\nContent-Type: application/json\r\nContent-Length: "
  -- Once every segment is sent, idle connections ask a cheap question until the last answers arrive.
  probe = "GET /health/live HTTP/1.1\r\n" .. host .. "\r\n"
end

function request()
  -- wrk calls request() once before the run only to parse it: that call must not use up an id.
  if not verified or sent >= segments then
    verified = true
    return probe
  end
  sent = sent + 1
  local body = '{"id":"' .. bodies.id(tag, sent) .. '",' .. pool[sent % #pool + 1] .. "}"
  return post .. #body .. "\r\n\r\n" .. body
end

function response(status, headers, body)
  report.count(status, body)
  -- Creates answer 201 (or an error); the probes answer 200.
  if status ~= 200 then
    answered = answered + 1
    if answered == segments then
      wrk.thread:stop()
      -- wrk's main thread sleeps for the whole duration unless interrupted: end the run now.
      -- SIGINT is repeated until wrk exits, as wrk ignores it until its threads are started.
      -- (popen, not os.execute: system() ignores SIGINT in the caller while the command runs.)
      io.popen("(while kill -INT $PPID; do sleep 0.2; done) >/dev/null 2>&1 &"):close()
    end
  end
end

function done(summary, latency, requests)
  report.done(summary, latency, "seed")
end
