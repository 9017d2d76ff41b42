-- Decides one claim on a drop, atomically.
-- KEYS (one hash tag {drop:<id>}, so one cluster slot):
--   1 meta    HASH  stock, perUser, opensAt, closesAt (epoch ms; 0 = open-ended), roomId ('' = none), accepted
--   2 users   HASH  userId -> claims accepted for that user
--   3 claims  HASH  claimId -> userId|acceptedAtMs   (accepted claims, for status reads and resends)
--   4 idem    HASH  idempotencyKey|userId -> claimId
--   5 outbox  ZSET  claimId scored by acceptedAtMs, until the claim is on the queue
--   6 live    HASH  answer -> count, of the second of 'now' (LiveCounters.java): every answer but 'unknown' is
--                   counted here, kept for an hour
--   7 refused ZSET  userId scored by the refusals this script gave that user (owner statistics' abuse candidates),
--                   kept a week after the last; optional (absent: not counted)
-- ARGV: 1 userId, 2 new claimId, 3 now (epoch ms), 4 idempotency key ('' for none),
--       5 the room the caller holds a checked admission to ('' for none),
--       6 refusals the calling environment answered from memory since its last call, 'code=n,…' ('' for none)
-- Returns {'accepted', claimId} | {'replay', claimId} | {'refused', code} | {'unknown'}
-- Invariant: meta.accepted <= meta.stock, users[u] <= meta.perUser, and every accepted claim is in
-- claims and, until settled, in outbox.
local function decide()
  if redis.call('EXISTS', KEYS[1]) == 0 then
    return {'unknown'}
  end
  local user, claimId, now, idem = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
  local idemField = idem .. '|' .. user
  if idem ~= '' then
    local prior = redis.call('HGET', KEYS[4], idemField)
    if prior then
      return {'replay', prior}
    end
  end
  local m = redis.call('HMGET', KEYS[1], 'stock', 'perUser', 'opensAt', 'closesAt', 'accepted', 'roomId')
  local stock, perUser = tonumber(m[1]), tonumber(m[2])
  local opensAt, closesAt, accepted = tonumber(m[3]), tonumber(m[4]), tonumber(m[5] or '0')
  -- a gated drop: only those the drop's own room admitted may claim
  if m[6] and m[6] ~= '' and m[6] ~= ARGV[5] then
    return {'refused', 'not-admitted'}
  end
  if now < opensAt then
    return {'refused', 'not-open'}
  end
  if closesAt > 0 and now >= closesAt then
    return {'refused', 'closed'}
  end
  if tonumber(redis.call('HGET', KEYS[2], user) or '0') >= perUser then
    return {'refused', 'limit-reached'}
  end
  if accepted >= stock then
    return {'refused', 'sold-out'}
  end
  redis.call('HINCRBY', KEYS[1], 'accepted', 1)
  redis.call('HINCRBY', KEYS[2], user, 1)
  redis.call('HSET', KEYS[3], claimId, user .. '|' .. now)
  redis.call('ZADD', KEYS[5], now, claimId)
  if idem ~= '' then
    redis.call('HSET', KEYS[4], idemField, claimId)
  end
  return {'accepted', claimId}
end

local reply = decide()
if reply[1] ~= 'unknown' then
  for code, n in string.gmatch(ARGV[6] or '', '([^=,]+)=(%d+)') do
    redis.call('HINCRBY', KEYS[6], code, n)
  end
  redis.call('HINCRBY', KEYS[6], reply[1] == 'refused' and reply[2] or reply[1], 1)
  redis.call('EXPIRE', KEYS[6], 3600)
  if reply[1] == 'refused' and KEYS[7] then
    redis.call('ZINCRBY', KEYS[7], 1, ARGV[1])
    redis.call('EXPIRE', KEYS[7], 604800)
  end
end
return reply
