-- Says whether a drop the cache lost may be rebuilt from storage now.
-- KEYS (one hash tag {drop:<id>}): 1 meta HASH, 2 quiet STRING (epoch ms since which the claims queue was seen empty)
-- ARGV: 1 now (epoch ms), 2 '1' when the claims queue and its dead-letter queue were just seen empty, else '0',
--       3 settle (ms): how long they must have been seen empty, so that every claim accepted before the cache lost
--         the drop has been stored (SQS's counts may lag; a claim's send may still be under way)
-- Returns 'known' (the drop is back: someone rebuilt it), 'rebuild', or 'wait'.
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
