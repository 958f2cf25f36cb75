-- wrk script: PATCH /v1/segments on random seeded segments with realistic, valid, varied bodies.
-- Environment: BENCH_KEY (API key), BENCH_SEGMENTS (count seeded), BENCH_TAG (id tag of the seed run),
-- BENCH_PREFER (optional: a Prefer header, e.g. return=minimal).
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
package.path = dir .. "lib/?.lua;" .. package.path
local bodies = require("bodies")
local report = require("report")

local ids, pool, head

function setup(thread)
  report.setup(thread)
end

function init(args)
  local key = assert(os.getenv("BENCH_KEY"), "BENCH_KEY is not set")
  local segments = tonumber(os.getenv("BENCH_SEGMENTS") or "10000")
  local tag = assert(os.getenv("BENCH_TAG"), "BENCH_TAG is not set")
  math.randomseed(os.time() * 100 + (tid or 0))
  ids = {}
  for n = 1, segments do
    ids[n] = '{"id":"' .. bodies.id(tag, n) .. '",'
  end
  pool = bodies.pool(512, (tid or 0) * 100000)
  local prefer = os.getenv("BENCH_PREFER")
  head = "PATCH /v1/segments HTTP/1.1\r\nHost: " .. wrk.headers["Host"]
    .. (prefer and prefer ~= "" and ("\r\nPrefer: " .. prefer) or "")
    .. "\r\nAuthorization: Bearer " .. key
    .. "\r\nContent-Type: application/json\r\nContent-Length: "
end

function request()
  local body = ids[math.random(#ids)] .. pool[math.random(#pool)] .. "}"
  return head .. #body .. "\r\n\r\n" .. body
end

function response(status, headers, body)
  report.count(status, body)
end

function done(summary, latency, requests)
  report.done(summary, latency, os.getenv("BENCH_LABEL") or "patch")
end
