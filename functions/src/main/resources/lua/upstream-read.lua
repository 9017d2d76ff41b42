-- Cached upstream entries and the upstream's shared breaker, in one round trip (all keys share {upstream}).
-- KEYS[1]: {upstream}:open-until (epoch ms until which every environment treats the upstream as open)
-- KEYS[2k], KEYS[2k+1]: an entry (hash: v = JSON, soft = epoch ms after which it is due a refresh; the key's own TTL
--   is the hard expiry), and its refresh mark (set while a refresh is queued, so one reader in a crowd asks).
-- ARGV[1]: now (epoch ms); ARGV[2]: how long a refresh mark lasts (ms).
-- Returns {openUntil or "0", value or "", "1" if this reader must queue a refresh else "0", ...}.
-- While the upstream is open nobody queues: readers serve what they have, and ask again once it closes.
local now = tonumber(ARGV[1])
local open = tonumber(redis.call('GET', KEYS[1]) or '0')
if open <= now then open = 0 end
local out = {tostring(open)}
for i = 2, #KEYS, 2 do
  local entry = redis.call('HMGET', KEYS[i], 'v', 'soft')
  local value, soft = entry[1], entry[2]
  local due = (not value) or tonumber(soft) <= now
  local refresh = '0'
  if due and open == 0 and redis.call('SET', KEYS[i + 1], '1', 'NX', 'PX', ARGV[2]) then refresh = '1' end
  out[#out + 1] = value or ''
  out[#out + 1] = refresh
end
return out
