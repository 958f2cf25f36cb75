-- Shared wrk callbacks: per-thread status counting and one machine-readable result line.
local M = {}

local threads = {}

-- setup() runs in the main Lua state once per thread; done() reads the threads back.
function M.setup(thread)
  thread:set("tid", #threads + 1)
  threads[#threads + 1] = thread
end

-- response() runs in each thread's own Lua state: these globals are per thread.
non2xx = 0
statuses = {}
sample = nil

function M.count(status, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if sample == nil then
      sample = status .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 300)
    end
  end
end

local function ms(us)
  return string.format("%.2f", us / 1000)
end

function M.done(summary, latency, label)
  local bad, counts, samples = 0, {}, {}
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    for status, n in pairs(t:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
    local s = t:get("sample")
    if s then
      samples[#samples + 1] = s
    end
  end
  local list = {}
  for status, n in pairs(counts) do
    list[#list + 1] = status .. ":" .. n
  end
  table.sort(list)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "wrk_result label=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s"
      .. " non2xx=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d statuses=%s\n",
    label, summary.requests, seconds, summary.requests / seconds,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
    bad, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout,
    table.concat(list, ",")))
  for _, s in ipairs(samples) do
    io.write("wrk_error_sample " .. s .. "\n")
  end
end

return M
