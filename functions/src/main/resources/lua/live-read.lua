-- Reads seconds of one event's live counters (LiveCounters.java) in one call.
-- KEYS: the seconds' hashes, all of the event's one hash tag (one cluster slot).
-- Returns one array per key, {answer, count, answer, count, ...}, empty for a second with no answers.
local out = {}
for i = 1, #KEYS do
  out[i] = redis.call('HGETALL', KEYS[i])
end
return out
