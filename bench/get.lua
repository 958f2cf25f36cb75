-- wrk script: GET /v1/segments/{id} on random seeded segments.
-- Environment: BENCH_KEY (API key), BENCH_SEGMENTS (count seeded), BENCH_TAG (id tag of the seed run).
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
package.path = dir .. "lib/?.lua;" .. package.path
local bodies = require("bodies")
local report = require("report")

local requests

function setup(thread)
  report.setup(thread)
end

function init(args)
  local key = assert(os.getenv("BENCH_KEY"), "BENCH_KEY is not set")
  local segments = tonumber(os.getenv("BENCH_SEGMENTS") or "10000")
  local tag = assert(os.getenv("BENCH_TAG"), "BENCH_TAG is not set")
  math.randomseed(os.time() * 100 + (tid or 0))
  local tail = " HTTP/1.1\r\nHost: " .. wrk.headers["Host"] .. "\r\nAuthorization: Bearer " .. key .. "\r\n\r\n"
  requests = {}
  for n = 1, segments do
    requests[n] = "GET /v1/segments/" .. bodies.id(tag, n) .. tail
  end
end

function request()
  return requests[math.random(#requests)]
end

function response(status, headers, body)
  report.count(status, body)
end

function done(summary, latency, requests)
  report.done(summary, latency, os.getenv("BENCH_LABEL") or "get")
end
