-- Says whether an event the cache lost (a drop, a poll) may be rebuilt from storage now.
-- KEYS (one hash tag, the event's, e.g. {drop:<id>}): 1 meta HASH (its presence means the cache knows the event),
--   2 quiet STRING (epoch ms since which the event's way to storage was seen empty)
-- ARGV: 1 now (epoch ms), 2 '1' when the way to storage (a queue and its dead-letter queue, a topic's consumers and
--       their on-failure queue) was just seen empty, else '0',
--       3 settle (ms): how long it must have been seen empty, so that everything accepted before the cache lost the
--         event has been stored (SQS's counts may lag; a send may still be under way)
-- Returns 'known' (the event is back: someone rebuilt it), 'rebuild', or 'wait'.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'known'
end
local now, settle = tonumber(ARGV[1]), tonumber(ARGV[3])
if ARGV[2] ~= '1' then
  redis.call('DEL', KEYS[2])
  return 'wait'
end
local since = tonumber(redis.call('GET', KEYS[2]) or '')
if not since then
  since = now
  redis.call('SET', KEYS[2], now, 'PX', 600000)
end
if now - since >= settle then
  return 'rebuild'
end
return 'wait'
