-- Decides one vote on a poll, atomically.
-- KEYS (one hash tag {poll:<id>}, so one cluster slot):
--   1 meta    HASH  opensAt, closesAt (epoch ms), roomId ('' = none)
--   2 tally   HASH  optionId -> votes accepted; its fields are the poll's valid options
--   3 voters  HASH  userId -> voteId|idempotencyKey
--   4 outbox  ZSET  voteId|userId|optionId|acceptedAtMs scored by acceptedAtMs, until the vote is on Kafka
--   5 live    HASH  answer -> count, of the second of 'now' (LiveCounters.java): every answer but 'unknown' is
--                   counted here, kept for an hour
--   6 refused ZSET  userId scored by the refusals this script gave that user (owner statistics' abuse candidates),
--                   kept a week after the last; optional (absent: not counted)
-- ARGV: 1 userId, 2 new voteId, 3 optionId, 4 now (epoch ms), 5 the room the caller holds a checked admission
--       to ('' for none), 6 idempotency key ('' for none), 7 refusals the calling environment answered from memory
--       since its last call, 'code=n,…' ('' for none)
-- Returns {'accepted', voteId} | {'replay', voteId} | {'refused', code} | {'unknown'}
-- Order: room, option, closed (without a key), the voter's earlier vote (replay, already-voted), window.
-- Invariant: one vote per user and poll; sum(tally) = HLEN(voters); every accepted vote is in outbox until
-- settled, so an accepted vote always reaches Kafka.
local function decide()
  if redis.call('EXISTS', KEYS[1]) == 0 then
    return {'unknown'}
  end
  local user, voteId, option, now, idem = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[6]
  local m = redis.call('HMGET', KEYS[1], 'opensAt', 'closesAt', 'roomId')
  -- a gated poll: only those the poll's own room admitted may vote
  if m[3] and m[3] ~= '' and m[3] ~= ARGV[5] then
    return {'refused', 'not-admitted'}
  end
  if redis.call('HEXISTS', KEYS[2], option) == 0 then
    return {'refused', 'unknown-option'}
  end
  -- a closed poll refuses everyone who is not replaying a vote with its key: an answer that depends only on the poll's
  -- terms, which an execution environment may therefore give from memory (RememberedClosures)
  if idem == '' and now >= tonumber(m[2]) then
    return {'refused', 'closed'}
  end
  local prior = redis.call('HGET', KEYS[3], user)
  if prior then
    local bar = string.find(prior, '|', 1, true)
    if idem ~= '' and string.sub(prior, bar + 1) == idem then
      return {'replay', string.sub(prior, 1, bar - 1)}
    end
    return {'refused', 'already-voted'}
  end
  if now < tonumber(m[1]) then
    return {'refused', 'not-open'}
  end
  if now >= tonumber(m[2]) then
    return {'refused', 'closed'}
  end
  redis.call('HSET', KEYS[3], user, voteId .. '|' .. idem)
  redis.call('HINCRBY', KEYS[2], option, 1)
  redis.call('ZADD', KEYS[4], now, voteId .. '|' .. user .. '|' .. option .. '|' .. now)
  return {'accepted', voteId}
end

local reply = decide()
if reply[1] ~= 'unknown' then
  for code, n in string.gmatch(ARGV[7] or '', '([^=,]+)=(%d+)') do
    redis.call('HINCRBY', KEYS[5], code, n)
  end
  redis.call('HINCRBY', KEYS[5], reply[1] == 'refused' and reply[2] or reply[1], 1)
  redis.call('EXPIRE', KEYS[5], 3600)
  if reply[1] == 'refused' and KEYS[6] then
    redis.call('ZINCRBY', KEYS[6], 1, ARGV[1])
    redis.call('EXPIRE', KEYS[6], 604800)
  end
end
return reply
