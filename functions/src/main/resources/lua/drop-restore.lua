-- Rebuilds a drop the cache lost from its stored claims, unless someone already has.
-- KEYS (one hash tag {drop:<id>}): 1 meta HASH, 2 users HASH, 3 claims HASH, 4 idem HASH, 5 outbox ZSET, 6 quiet
-- ARGV: 1 stock, 2 perUser, 3 opensAt, 4 closesAt, 5 roomId (as drop-define.lua), then per stored claim four values:
--       claimId, userId, acceptedAt (epoch ms), idempotency key ('' for none)
-- Only called once the claims queue has been empty long enough (cache-recovery.lua): every accepted claim is then
-- stored, except claims still in the outbox (their send failed), which the cache may still hold and which count too.
-- Returns 1 when it rebuilt the drop, 0 when the drop was already known.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local accepted = 0
local stored = {}
for i = 6, #ARGV, 4 do
  local claimId, user, at, idem = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  stored[claimId] = true
  accepted = accepted + 1
  redis.call('HSET', KEYS[3], claimId, user .. '|' .. at)
  if idem ~= '' then
    redis.call('HSET', KEYS[4], idem .. '|' .. user, claimId)
  end
end
-- users: recounted from the claims, stored ones and those still waiting in the outbox
redis.call('DEL', KEYS[2])
for i = 6, #ARGV, 4 do
  redis.call('HINCRBY', KEYS[2], ARGV[i + 1], 1)
end
for _, claimId in ipairs(redis.call('ZRANGE', KEYS[5], 0, -1)) do
  local value = redis.call('HGET', KEYS[3], claimId)
  if value and not stored[claimId] then
    accepted = accepted + 1
    redis.call('HINCRBY', KEYS[2], string.match(value, '^(.*)|[^|]*$'), 1)
  end
end
redis.call('HSET', KEYS[1], 'stock', ARGV[1], 'perUser', ARGV[2], 'opensAt', ARGV[3], 'closesAt', ARGV[4],
  'roomId', ARGV[5], 'accepted', accepted)
redis.call('DEL', KEYS[6])
return 1
