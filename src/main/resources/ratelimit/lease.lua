-- Leases up to ARGV[3] tokens from one API key's bucket, shared by every instance (ratelimit/SharedLimiter).
-- The bucket is GCRA: KEYS[1] holds its "theoretical arrival time" (TAT) in microseconds on Redis's own clock, the
-- one clock of the fleet, so instances' clocks never matter. Fewer tokens than asked are granted when the bucket
-- holds fewer.
-- KEYS[1] the bucket; ARGV[1] tokens a second (may be fractional); ARGV[2] burst (>= 1); ARGV[3] tokens wanted.
-- Returns { granted, remaining, retry_us, full_us }: the tokens granted, those left in the bucket, microseconds
-- until the bucket holds a token again (0 when it holds one) and until it is full again.
local rate  = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want  = tonumber(ARGV[3])
local interval  = 1000000 / rate
local tolerance = burst * interval
local time = redis.call('TIME')
-- Counted from 2023-11-14 rather than 1970: a double then keeps the TAT to a few hundredths of a microsecond.
local now = (tonumber(time[1]) - 1700000000) * 1000000 + tonumber(time[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
  tat = now
end
local available = math.floor((now + tolerance - tat) / interval + 1e-6)
if available < 0 then
  available = 0
end
local granted = math.min(want, available)
if granted > 0 then
  tat = tat + granted * interval
  -- '%.3f', not tostring: Lua prints 14 digits, which would round the TAT. A full bucket is a missing key.
  redis.call('SET', KEYS[1], string.format('%.3f', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
end
local remaining = available - granted
local retry = 0
if remaining < 1 then
  retry = math.max(0, math.ceil(tat + interval - tolerance - now))
end
return { granted, remaining, retry, math.ceil(tat - now) }
