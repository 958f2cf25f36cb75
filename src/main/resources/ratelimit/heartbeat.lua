-- Announces one instance and counts the live ones (ratelimit/Fleet): KEYS[1] is a sorted set of instance ids scored
-- by the Redis time of their last heartbeat; ids silent for longer than ARGV[2] ms are dropped.
-- ARGV[1] this instance's id; ARGV[2] how long an instance counts as alive after its heartbeat, in ms.
-- Returns the number of live instances, this one included.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
redis.call('PEXPIRE', KEYS[1], ttl * 10)
return redis.call('ZCARD', KEYS[1])
