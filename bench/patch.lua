-- wrk script: PATCH /v1/segments on random seeded segments with realistic, valid, varied bodies.
-- Environment: BENCH_KEY (API key), BENCH_SEGMENTS (count seeded), BENCH_TAG (id tag of the seed run),
-- BENCH_PREFER (optional: a Prefer header, e.g. return=minimal), BENCH_IDEMPOTENCY (optional: 1 to send every
-- PATCH with a new Idempotency-Key, as a retrying client does; the service then records each one).
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
package.path = dir .. "lib/?.lua;" .. package.path
local bodies = require("bodies")
local report = require("report")

local ids, pool, head, keyPrefix
local sent = 0

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
  if os.getenv("BENCH_IDEMPOTENCY") == "1" then
    -- UUID-shaped and never repeated: the thread, the start time and a random part, then a counter.
    keyPrefix = string.format("\r\nIdempotency-Key: \"%08x-%04x-4%03x-%04x-", os.time() % 0x100000000,
      (tid or 0) % 0x10000, math.random(0, 0xfff), math.random(0, 0xffff))
  end
  local prefer = os.getenv("BENCH_PREFER")
  head = "PATCH /v1/segments HTTP/1.1\r\nHost: " .. wrk.headers["Host"]
    .. (prefer and prefer ~= "" and ("\r\nPrefer: " .. prefer) or "")
    .. "\r\nAuthorization: Bearer " .. key
    .. "\r\nContent-Type: application/json\r\nContent-Length: "
end

function request()
  local body = ids[math.random(#ids)] .. pool[math.random(#pool)] .. "}"
  if keyPrefix then
    sent = sent + 1
    return head .. #body .. keyPrefix .. string.format("%012x\"", sent) .. "\r\n\r\n" .. body
  end
  return head .. #body .. "\r\n\r\n" .. body
end

function response(status, headers, body)
  report.count(status, body)
end

function done(summary, latency, requests)
  report.done(summary, latency, os.getenv("BENCH_LABEL") or "patch")
end
