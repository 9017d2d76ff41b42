-- The hot seat state of one show, changed atomically. ARGV[1] names the operation; the rest are its arguments.
-- KEYS (one hash tag {show:<id>}, so one cluster slot):
--   1 meta    HASH  roomId ('' = none), holdSeconds, maxSeats, total, available, held, sold, paying (the holds
--                   being paid for: payments in flight; absent = 0), and per section price:<s>, rows:<s>, perRow:<s>
--                   (the map's shape: seat <s>-<row>-<n> exists when in range)
--   2 seats   HASH  seatId -> 'S' (sold) | holdId (held by that hold); a seat of the map that is absent is
--                   AVAILABLE, so a new show costs one hash of meta however many seats it has
--   3 holds   HASH  holdId -> JSON {u: userId, a: amountCents, e: expiresAtMs, s: [seatIds], p: paying, o: offer}
--   4 users   HASH  userId -> seats the user holds or bought
--   5 expiry  ZSET  holdId scored by expiresAtMs: the holds that may lapse (not paying, not waitlist offers)
--   6 live    HASH  answer -> count, of the second of 'now' (LiveCounters.java), kept for an hour: hold's answers
--                   ('held' or the refusal's code), 'paying' and seats 'sold'; given to hold, pay and sell only
--   7 refused ZSET  userId scored by the holds refused to that user (owner statistics' abuse candidates), kept a
--                   week after the last; given to hold only
-- Operations (now is epoch ms from the caller, so Redis and PostgreSQL judge expiry by the same clock):
--   hold    now, userId, holdId, admittedRoom, seatId...  -> {'held', amount, expiresAt} | {'refused', code} | {'unknown'}
--   counts  now                                           -> {total, available, held, sold, paying} | {'unknown'}
--   pay     now, holdId  -> 'paying' | 'expired' | 'absent'   (a paying hold never lapses)
--   unpay   now, holdId  -> 'ok' | 'absent'                    (payment refused by the database: may lapse again)
--   release now, holdId  -> (as text, like every answer below) number of seats returned to AVAILABLE (only seats this hold still has)
--   sell    now, holdId  -> number of seats now SOLD
--   place   now, holdJson(with id in field i)  -> seats now held by it, whatever they were (the database decided)
--   free    now, userId, seatId...  -> seats returned from SOLD to AVAILABLE (a cancelled order)
-- Invariants: available + held + sold = total; paying = the holds whose p is true; a seat is held by at most one
-- hold; users[u] counts the seats of u's live holds and purchases, and a hold is refused when it would take users[u]
-- over maxSeats.
local META, SEATS, HOLDS, USERS, EXPIRY, LIVE = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local op, now = ARGV[1], tonumber(ARGV[2])

local function live(answer, n)
  if LIVE then
    redis.call('HINCRBY', LIVE, answer, n or 1)
    redis.call('EXPIRE', LIVE, 3600)
  end
end

local function kind(v)
  if not v or v == 'A' then return 'available' elseif v == 'S' then return 'sold' else return 'held' end
end

-- Moves one seat to a new value ('A' for available) and keeps the three counts in step.
local function setSeat(seat, value)
  local old = redis.call('HGET', SEATS, seat) or 'A'
  if old == value then return end
  if value == 'A' then redis.call('HDEL', SEATS, seat) else redis.call('HSET', SEATS, seat, value) end
  local from, to = kind(old), kind(value)
  if from ~= to then
    redis.call('HINCRBY', META, from, -1)
    redis.call('HINCRBY', META, to, 1)
  end
end

-- Returns a hold's seats that it still has to AVAILABLE and forgets the hold. Answers how many.
local function releaseHold(holdId)
  local raw = redis.call('HGET', HOLDS, holdId)
  if not raw then return 0 end
  local h = cjson.decode(raw)
  local n = 0
  for _, seat in ipairs(h.s) do
    if redis.call('HGET', SEATS, seat) == holdId then
      setSeat(seat, 'A')
      n = n + 1
    end
  end
  if n > 0 then redis.call('HINCRBY', USERS, h.u, -n) end
  if h.p then redis.call('HINCRBY', META, 'paying', -1) end
  redis.call('HDEL', HOLDS, holdId)
  redis.call('ZREM', EXPIRY, holdId)
  return n
end

-- Lazy expiry: every hold due by now lapses before anything is decided or read.
local function expireDue()
  local due = redis.call('ZRANGEBYSCORE', EXPIRY, '-inf', now, 'LIMIT', 0, 500)
  for _, holdId in ipairs(due) do releaseHold(holdId) end
end

if redis.call('EXISTS', META) == 0 then
  if op == 'hold' or op == 'counts' then return {'unknown'} end
  return 'absent'
end

local function hold()
  local user, holdId, admitted = ARGV[3], ARGV[4], ARGV[5]
  local m = redis.call('HMGET', META, 'roomId', 'holdSeconds', 'maxSeats')
  if m[1] and m[1] ~= '' and m[1] ~= admitted then return {'refused', 'not-admitted'} end
  expireDue()
  local seats, amount = {}, 0
  for i = 6, #ARGV do
    local seat = ARGV[i]
    local section, row, n = string.match(seat, '^([^-]+)-([1-9]%d*)-([1-9]%d*)$')
    if not section then return {'refused', 'unknown-seat'} end
    local shape = redis.call('HMGET', META, 'price:' .. section, 'rows:' .. section, 'perRow:' .. section)
    if not shape[1] or tonumber(row) > tonumber(shape[2]) or tonumber(n) > tonumber(shape[3]) then
      return {'refused', 'unknown-seat'}
    end
    if redis.call('HEXISTS', SEATS, seat) == 1 then return {'refused', 'seat-unavailable'} end
    amount = amount + tonumber(shape[1])
    seats[#seats + 1] = seat
  end
  local mine = tonumber(redis.call('HGET', USERS, user) or '0')
  if mine + #seats > tonumber(m[3]) then return {'refused', 'limit-reached'} end
  local expiresAt = now + tonumber(m[2]) * 1000
  for _, seat in ipairs(seats) do setSeat(seat, holdId) end
  redis.call('HSET', HOLDS, holdId, cjson.encode({u = user, a = amount, e = expiresAt, s = seats, p = false, o = false}))
  redis.call('HINCRBY', USERS, user, #seats)
  redis.call('ZADD', EXPIRY, expiresAt, holdId)
  return {'held', tostring(amount), tostring(expiresAt)}
end

if op == 'hold' then
  local reply = hold()
  live(reply[1] == 'refused' and reply[2] or reply[1])
  if reply[1] == 'refused' and KEYS[7] then
    redis.call('ZINCRBY', KEYS[7], 1, ARGV[3])
    redis.call('EXPIRE', KEYS[7], 604800)
  end
  return reply
end

if op == 'counts' then
  expireDue()
  local c = redis.call('HMGET', META, 'total', 'available', 'held', 'sold', 'paying')
  return {c[1], c[2], c[3], c[4], c[5] or '0'}
end

if op == 'pay' then
  expireDue()
  local raw = redis.call('HGET', HOLDS, ARGV[3])
  if not raw then return 'absent' end
  local h = cjson.decode(raw)
  if not h.p and h.e <= now then return 'expired' end
  if not h.p then redis.call('HINCRBY', META, 'paying', 1) end
  h.p = true
  redis.call('HSET', HOLDS, ARGV[3], cjson.encode(h))
  redis.call('ZREM', EXPIRY, ARGV[3])
  live('paying')
  return 'paying'
end

if op == 'unpay' then
  local raw = redis.call('HGET', HOLDS, ARGV[3])
  if not raw then return 'absent' end
  local h = cjson.decode(raw)
  if h.p then redis.call('HINCRBY', META, 'paying', -1) end
  h.p = false
  redis.call('HSET', HOLDS, ARGV[3], cjson.encode(h))
  if not h.o then redis.call('ZADD', EXPIRY, h.e, ARGV[3]) end
  return 'ok'
end

if op == 'release' then
  return tostring(releaseHold(ARGV[3]))
end

if op == 'sell' then
  local raw = redis.call('HGET', HOLDS, ARGV[3])
  if not raw then return '0' end
  local h = cjson.decode(raw)
  local n = 0
  for _, seat in ipairs(h.s) do
    if redis.call('HGET', SEATS, seat) == ARGV[3] then
      setSeat(seat, 'S')
      n = n + 1
    end
  end
  if h.p then redis.call('HINCRBY', META, 'paying', -1) end
  redis.call('HDEL', HOLDS, ARGV[3])
  redis.call('ZREM', EXPIRY, ARGV[3])
  if n > 0 then live('sold', n) end
  return tostring(n)
end

if op == 'place' then
  local h = cjson.decode(ARGV[3])
  local holdId = h.i
  h.i = nil
  if redis.call('HEXISTS', HOLDS, holdId) == 1 then return '0' end
  for _, seat in ipairs(h.s) do setSeat(seat, holdId) end
  redis.call('HSET', HOLDS, holdId, cjson.encode(h))
  redis.call('HINCRBY', USERS, h.u, #h.s)
  if h.p then redis.call('HINCRBY', META, 'paying', 1) end
  if not h.o and not h.p then redis.call('ZADD', EXPIRY, h.e, holdId) end
  return tostring(#h.s)
end

if op == 'free' then
  local n = 0
  for i = 4, #ARGV do
    if redis.call('HGET', SEATS, ARGV[i]) == 'S' then -- only sold seats; any other value is not this order's
      setSeat(ARGV[i], 'A')
      n = n + 1
    end
  end
  if n > 0 then redis.call('HINCRBY', USERS, ARGV[3], -n) end
  return tostring(n)
end

return redis.error_reply('unknown operation ' .. tostring(op))
