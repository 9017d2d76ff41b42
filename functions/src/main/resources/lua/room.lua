-- The waiting room of one room, every operation one atomic call. Admission is computed lazily from time:
-- each call first advances the room to ARGV 'now', so no scheduler is needed for correctness.
-- KEYS (one hash tag {room:<id>}, so one cluster slot):
--   1 meta      HASH  rate (admissions/s), ttlMs, abandonMs, opensAt (ms), userPerMinute, ipPerMinute,
--                     credit (admissions owed, fractional), at (ms credit was last accrued), tail (last
--                     position given), servingUpTo, admitted, abandoned, expired, shuffled (0|1),
--                     obsAt, obsCount, obsRate (observed admissions/s over the last window),
--                     refusedUser, refusedIp, holes (members of 'holes'; absent in rooms made before it was),
--                     resumeRate (the rate a pause stopped, which 'resume' restores; absent until a first pause)
--   2 users     HASH  userId -> entryId (one entry per user)
--   3 entries   HASH  entryId -> userId|position|state|stateAtMs|seenMs  (state W waiting, A admitted, U used,
--                     E expired; seenMs the owner's last poll, kept while waiting; older rooms lack it)
--   4 queue     ZSET  waiting entries that have a position, scored by position
--   5 seen      ZSET  waiting entries, each scored by its owner's last poll as of when the score was written:
--                     never later than the poll in the entry. Only those scored older than the abandon limit
--                     are looked at, and rescored from the entry if their owner has polled since; so a poll
--                     writes only its own entry, not a sorted set of every waiting entry
--   6 admitted  ZSET  admitted, not yet used entries scored by admission time (ms)
--   7 pre       SET   entries made before opensAt, all equal until they are shuffled at opensAt
--   8 revoked   SET   revoked admission ids (jti = entryId)
--   9 rlUser    STRING entries tried by this user in the minute of 'now' (the minute is in the key name)
--  10 rlIp      STRING entries tried from this source address in that minute
--  12 live      HASH  answer -> count, of the second of 'now' (LiveCounters.java), kept for an hour: entered,
--                     existing, rate-limited (with those the calling environment refused from memory), polls, and
--                     the room's own admitted, abandoned and expired
--  11 holes     ZSET  entries that left the queue by abandoning, above servingUpTo, scored by position: with
--                     them an entry's place in line is counted from servingUpTo without a rank in the queue
-- ARGV: 1 op (define|rate|enter|polls|view|use|revoke), 2 now (ms), 3 shuffle seed (1..2147483646), then per op:
--   define: 4 rate, 5 ttlMs, 6 abandonMs, 7 opensAt, 8 userPerMinute (0 = no limit), 9 ipPerMinute (0 = no limit)
--   rate:   4 'pause' | 'resume' | a rate (an operator's control: only the rate changes, the time so far counting at
--           the old one). Answers rated,<before>,<after> then the room line; not-paused,<rate> for a resume of a
--           room that admits; no-rate,0 for a resume of a room never paused from a rate above 0
--   revoke: 4 jti, or '' and 5 a userId whose entry's admission is revoked. Answers revoked,<jti> | unknown-entry
--   enter:  4 userId, 5 new entryId, 6 refusals over the per-user limit that the calling environment answered
--           from memory since its last call (added to refusedUser; '' or absent for none)       use/revoke: 4 jti
--   polls:  from 4, triples userId, entryId, now (ms): owners' polls of one room in one call; each poll is
--           answered exactly as it would be if the polls ran one call each, in that order, at their own 'now'
-- Every answer is one string of lines of comma-separated fields (ids are hex, numbers plain), so a batch of
-- polls comes back as one bulk string rather than hundreds of nested replies for the client to decode:
--   room,<14 fields of roomLine>        the room's state, for the entry lines after it
--   <verdict>,entryId,position,state,stateAtMs,aheadOfYou (-1 when not in the ordered line; empty when it is
--   position - servingUpTo - 1, servingUpTo from the room line before it),preQueued
--   or one line: unknown-room | unknown-entry | rate-limited,<ms>,user|ip | created | updated | revoked,<jti> | ok
-- Invariants: positions are 1..tail, each given once; an entry is in at most one of queue/admitted;
-- admission pops the lowest positions, so every position up to servingUpTo has left the queue, and one
-- above it has left only by abandoning (it is then in 'holes');
-- admissions only ever grow; admissions per second follow 'rate' with places of abandoned entries
-- (stopped polling, or admitted and unused past ttl) handed to the next in line; unused credit is not
-- banked while nobody waits, so an idle room cannot later admit a burst.
local meta, users, entries, queue, seen, admitted, pre, revoked, holes = KEYS[1], KEYS[2], KEYS[3], KEYS[4],
  KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[11]
local op, now, seed = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local BATCH = 2000
-- Owners checked per tick for abandonment. Most are rescored (about 2.5 µs each on 100,000 entries), and a
-- crowd that entered together comes due together one abandon-time later: 1,000 a tick keeps up with 20,000
-- a second while adding at most a few milliseconds to the call that does it.
local SWEEP = 1000
-- A room advances at most once per TICK_MS: credit accrues from the time elapsed, so skipping a call loses
-- nothing, and a poll that finds the room advanced a moment ago only reads. Polls are most of the traffic.
local TICK_MS = 50

-- The meta hash, read once per call; every write below goes to both Redis and this copy.
local M = {}
do
  local flat = redis.call('HGETALL', meta)
  for i = 1, #flat, 2 do M[flat[i]] = flat[i + 1] end
end

local function num(field)
  return tonumber(M[field] or '0')
end

local function setMeta(...)
  local kv = {...}
  for i = 1, #kv, 2 do M[kv[i]] = tostring(kv[i + 1]) end
  redis.call('HSET', meta, ...)
end

local function incrMeta(field, by)
  M[field] = tostring(redis.call('HINCRBY', meta, field, by))
  return tonumber(M[field])
end

-- This call's live counts, written once when it answers (one HINCRBY a count and one EXPIRE).
local L = {}
local function live(field, by)
  L[field] = (L[field] or 0) + (by or 1)
end

-- An entry's stored fields after its owner: position, state, stateAt, seen (stateAt where not stored), then
-- where seen starts in the text (nil where not stored).
local function tail(e, from)
  local pos, state, at, seenFrom, seenAt = string.match(e, '^(%d+)|(%a)|(%d+)|()(%d+)$', from)
  if pos then return pos, state, at, seenAt, seenFrom end
  pos, state, at = string.match(e, '^(%d+)|(%a)|(%d+)$', from)
  return pos, state, at, at, nil
end

-- The owner too, then what tail reads; an owner's id may itself hold '|', so it ends where the fields begin.
local function fields(e)
  local user = string.match(e, '^(.*)|%d+|%a|%d+|%d+$') or string.match(e, '^(.*)|%d+|%a|%d+$')
  return user, tail(e, #user + 2)
end

local function store(id, user, pos, state, at, seenAt)
  redis.call('HSET', entries, id, user .. '|' .. pos .. '|' .. state .. '|' .. at .. '|' .. seenAt)
end

-- stateAt is when the entry got its state; 'keepTime' keeps the admission time when it is used
local function setState(id, state, keepTime)
  local user, pos, _, at, seenAt = fields(redis.call('HGET', entries, id))
  if not keepTime then at = now end
  store(id, user, pos, state, at, seenAt)
end

-- Park-Miller: the shuffle's randomness comes from the caller, so the script stays deterministic.
local function shuffle(seed)
  local ids = redis.call('SMEMBERS', pre)
  table.sort(ids)
  local x = seed
  for i = #ids, 2, -1 do
    x = (16807 * x) % 2147483647
    local j = (x % i) + 1
    ids[i], ids[j] = ids[j], ids[i]
  end
  local last = num('tail')
  for i = 1, #ids do
    local id = ids[i]
    local user, _, state, at, seenAt = fields(redis.call('HGET', entries, id))
    if state == 'W' then
      last = last + 1
      store(id, user, last, 'W', at, seenAt)
      redis.call('ZADD', queue, last, id)
    end
  end
  redis.call('DEL', pre)
  setMeta('tail', last, 'shuffled', 1)
end

-- 'force' advances even within a tick: before the rate changes, so the time so far counts at the old rate.
-- True when the room may have changed (what op polls needs to know to send the room's state again).
local function advance(force)
  local opensAt = num('opensAt')
  if now < opensAt then return false end
  local shuffled = num('shuffled') == 0
  if shuffled then shuffle(seed) end
  local at = math.max(num('at'), opensAt)
  if not force and now - at < TICK_MS then return shuffled end
  local credit = num('credit')
  if now > at then credit = credit + num('rate') * (now - at) / 1000 end
  -- Owners who stopped polling: their places go to whoever is behind them. A candidate whose owner has
  -- polled since its score was written is rescored instead.
  local cutoff = now - num('abandonMs')
  local candidates = redis.call('ZRANGEBYSCORE', seen, '-inf', '(' .. cutoff, 'LIMIT', 0, SWEEP)
  local gone = 0
  for _, id in ipairs(candidates) do
    local user, pos, _, at, seenAt = fields(redis.call('HGET', entries, id))
    if tonumber(seenAt) < cutoff then
      gone = gone + 1
      store(id, user, pos, 'E', now, seenAt)
      if redis.call('ZREM', queue, id) == 1 and M['holes'] then redis.call('ZADD', holes, pos, id) end
      redis.call('ZREM', seen, id)
      redis.call('SREM', pre, id)
    else
      redis.call('ZADD', seen, seenAt, id)
    end
  end
  -- Admitted but unused within the ttl: expired, and the place is given to the next in line.
  local expired = redis.call('ZRANGEBYSCORE', admitted, '-inf', '(' .. (now - num('ttlMs')), 'LIMIT', 0, BATCH)
  for _, id in ipairs(expired) do
    setState(id, 'E')
    redis.call('ZREM', admitted, id)
  end
  -- while paused (rate 0) nobody is let in, not even into an expired admission's place
  if num('rate') > 0 then credit = credit + #expired end
  local due = math.min(math.floor(credit), BATCH)
  local popped = {}
  if due > 0 then popped = redis.call('ZPOPMIN', queue, due) end
  local n = #popped / 2
  local servingUpTo = num('servingUpTo')
  for i = 1, #popped, 2 do
    local id, pos = popped[i], tonumber(popped[i + 1])
    setState(id, 'A')
    redis.call('ZREM', seen, id)
    redis.call('ZADD', admitted, now, id)
    if pos > servingUpTo then servingUpTo = pos end
  end
  credit = credit - n
  if M['holes'] and (gone > 0 or n > 0) then
    redis.call('ZREMRANGEBYSCORE', holes, '-inf', servingUpTo)
    setMeta('holes', redis.call('ZCARD', holes))
  end
  if redis.call('ZCARD', queue) == 0 then credit = 0 end
  local obsAt, obsCount = num('obsAt'), num('obsCount') + n
  if obsAt == 0 then obsAt = opensAt end
  if now - obsAt >= 10000 then
    setMeta('obsRate', tostring(obsCount * 1000 / (now - obsAt)))
    obsAt, obsCount = now, 0
  end
  setMeta('credit', tostring(credit), 'at', math.max(now, at), 'servingUpTo', servingUpTo,
    'obsAt', obsAt, 'obsCount', obsCount)
  if n > 0 then incrMeta('admitted', n); live('admitted', n) end
  if gone > 0 then incrMeta('abandoned', gone); live('abandoned', gone) end
  if #expired > 0 then incrMeta('expired', #expired); live('expired', #expired) end
  return true
end

-- The room's line: what every answer about the room carries, as strings so that fractions survive.
-- 'preCount' is the pre-queue's size when the caller has just counted it.
local ROOM_FIELDS = {'rate', 'servingUpTo', 'admitted', 'obsRate', 'obsCount', 'obsAt', 'opensAt', 'ttlMs',
  'abandoned', 'expired', 'refusedUser', 'refusedIp', 'abandonMs'}
local function roomLine(preCount)
  local waiting = redis.call('ZCARD', queue) + (preCount or redis.call('SCARD', pre))
  local out = {'room'}
  for i = 1, #ROOM_FIELDS do out[i + 1] = M[ROOM_FIELDS[i]] or '0' end
  out[#out + 1] = tostring(waiting)
  return table.concat(out, ',')
end

-- The entry's line, and the pre-queue's size, from its stored fields. The owner is not in the line: whoever
-- asked knows who they are. Where nobody between servingUpTo and this entry has abandoned, its place in line
-- is left empty for the client to count from the room's line: Lua formats every number it writes with
-- sprintf, which was a tenth of a poll's time here.
local function entryLine(verdict, id, pos, state, at)
  local ahead = '-1'
  if state == 'W' and pos ~= '0' then
    if M['holes'] == '0' then
      ahead = ''
    elseif M['holes'] then
      -- the positions between servingUpTo and this one, less those that abandoned
      local p, from = tonumber(pos), num('servingUpTo')
      local gone = redis.call('ZCOUNT', holes, '(' .. from, '(' .. p)
      ahead = gone == 0 and '' or p - from - 1 - gone
    else
      ahead = redis.call('ZRANK', queue, id)
    end
  end
  -- the pre-queue is emptied by the shuffle at opensAt and never refilled
  local preCount = 0
  if M['shuffled'] ~= '1' then preCount = redis.call('SCARD', pre) end
  -- one concatenation, not a table: this runs once per poll. The usual empty pre-queue goes as a literal.
  return verdict .. ',' .. id .. ',' .. pos .. ',' .. state .. ',' .. at .. ',' .. ahead .. ','
    .. (preCount == 0 and '0' or preCount), preCount
end

local function answer(verdict, id)
  local _, pos, state, at = fields(redis.call('HGET', entries, id))
  local line, preCount = entryLine(verdict, id, pos, state, at)
  return roomLine(preCount) .. '\n' .. line
end

local function main()
  if op == 'define' then
    local created = next(M) == nil
    if not created then advance(true) end
    if not created and ARGV[4] == '0' and num('rate') > 0 then setMeta('resumeRate', num('rate')) end
    setMeta('rate', ARGV[4], 'ttlMs', ARGV[5], 'abandonMs', ARGV[6], 'opensAt', ARGV[7],
      'userPerMinute', ARGV[8], 'ipPerMinute', ARGV[9])
    if created then setMeta('at', ARGV[7], 'holes', 0) end
    return (created and 'created' or 'updated') .. '\n' .. roomLine()
  end

  if next(M) == nil then
    return 'unknown-room'
  end

  if op == 'view' then
    advance()
    return roomLine()
  end

  if op == 'rate' then
    local before, after = num('rate'), tonumber(ARGV[4])
    if ARGV[4] == 'pause' then
      after = 0
    elseif ARGV[4] == 'resume' then
      if before > 0 then return 'not-paused,' .. before end
      after = num('resumeRate')
      if after == 0 then return 'no-rate,0' end
    end
    advance(true)
    if after == 0 and before > 0 then setMeta('resumeRate', before) end
    setMeta('rate', after)
    return 'rated,' .. before .. ',' .. after .. '\n' .. roomLine()
  end

  if op == 'revoke' then
    local jti = ARGV[4]
    if jti == '' then
      jti = redis.call('HGET', users, ARGV[5])
      if not jti then return 'unknown-entry' end
    end
    redis.call('SADD', revoked, jti)
    return 'revoked,' .. jti
  end

  if op == 'use' then
    if redis.call('SISMEMBER', revoked, ARGV[4]) == 1 then return 'revoked' end
    if redis.call('ZREM', admitted, ARGV[4]) == 1 then setState(ARGV[4], 'U', true) end
    return 'ok'
  end

  if op == 'enter' then
    local user, newId = ARGV[4], ARGV[5]
    local minute = math.floor(now / 60000)
    local remembered = tonumber(ARGV[6] or '') or 0
    if remembered > 0 then incrMeta('refusedUser', remembered); live('rate-limited', remembered) end
    local tried = redis.call('INCR', KEYS[9])
    if tried == 1 then redis.call('PEXPIRE', KEYS[9], 120000) end
    local perUser = num('userPerMinute')
    -- over the limit, a user stays refused until the minute ends, whatever else happens: so an environment may
    -- answer the rest of that minute's entries itself (RememberedLimits) and only report how many it refused
    if perUser > 0 and tried > perUser then
      incrMeta('refusedUser', 1)
      live('rate-limited')
      return 'rate-limited,' .. ((minute + 1) * 60000 - now) .. ',user'
    end
    local perIp = num('ipPerMinute')
    if perIp > 0 then
      local fromIp = redis.call('INCR', KEYS[10])
      if fromIp == 1 then redis.call('PEXPIRE', KEYS[10], 120000) end
      if fromIp > perIp then
        incrMeta('refusedIp', 1)
        live('rate-limited')
        return 'rate-limited,' .. ((minute + 1) * 60000 - now) .. ',ip'
      end
    end
    advance()
    local existing = redis.call('HGET', users, user)
    if existing then
      live('existing')
      return answer('existing', existing)
    end
    local pos = 0
    if now < num('opensAt') then
      redis.call('SADD', pre, newId)
    else
      pos = incrMeta('tail', 1)
      redis.call('ZADD', queue, pos, newId)
    end
    store(newId, user, pos, 'W', now, now)
    redis.call('HSET', users, user, newId)
    redis.call('ZADD', seen, now, newId)
    live('entered')
    return answer('entered', newId)
  end

  -- The entry's line, or nil when the entry is not this user's. 'nowText' is the poll's time as it came.
  local BAR = string.byte('|')
  local function poll(user, id, nowText)
    local e = redis.call('HGET', entries, id)
    if not e or string.sub(e, 1, #user) ~= user or string.byte(e, #user + 1) ~= BAR then return nil end
    local pos, state, at, _, seenFrom = tail(e, #user + 2)
    -- The owner of an entry still waiting is still here. Only the stored last poll changes, so the entry is
    -- rewritten from its own text rather than rebuilt field by field (where the earlier format has it).
    if state == 'W' then
      if seenFrom then redis.call('HSET', entries, id, string.sub(e, 1, seenFrom - 1) .. nowText)
      else store(id, user, pos, state, at, nowText) end
    end
    return entryLine('entry', id, pos, state, at)
  end

  -- One line per poll, each entry line after the room's line as that poll saw it. Only advancing changes the
  -- room's line, and polls mostly find the room advanced a moment ago, so it is sent once per change.
  if op == 'polls' then
    local out, fresh, advancedAt = {}, true, nil
    live('polls', (#ARGV - 3) / 3)
    for i = 4, #ARGV, 3 do
      -- every function above reads 'now', so each poll runs at its own time; advancing twice at one time
      -- changes nothing, and many polls of a batch share their millisecond
      now = tonumber(ARGV[i + 2])
      if now ~= advancedAt then
        if advance() then fresh = true end
        advancedAt = now
      end
      local line, preCount = poll(ARGV[i], ARGV[i + 1], ARGV[i + 2])
      if line then
        if fresh then
          out[#out + 1] = roomLine(preCount)
          fresh = false
        end
        out[#out + 1] = line
      else
        out[#out + 1] = 'unknown-entry'
      end
    end
    return table.concat(out, '\n')
  end

  return redis.error_reply('unknown op ' .. tostring(op))
end

local reply = main()
if next(L) ~= nil and KEYS[12] then
  for field, by in pairs(L) do redis.call('HINCRBY', KEYS[12], field, by) end
  redis.call('EXPIRE', KEYS[12], 3600)
end
return reply
