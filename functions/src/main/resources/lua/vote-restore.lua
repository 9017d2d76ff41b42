-- Rebuilds a poll the cache lost from its stored votes, in steps, unless someone already has.
-- KEYS (one hash tag {poll:<id>}): 1 meta HASH, 2 tally HASH, 3 voters HASH (as vote-cast.lua), 4 quiet STRING
--   (cache-recovery.lua)
-- ARGV: 1 the step:
--   'voters', then per stored vote three values: userId, voteId, idempotency key ('' for none). Any number of such
--     steps may run, by one rebuilder or by two at once: each writes the same stored truth.
--   'finish', then opensAt, closesAt (epoch ms), roomId ('' = none), then per option two values: optionId, the
--     number of voters who chose it. It makes the poll known, so it comes last.
-- Only called once count-votes has consumed every vote of the topic for long enough (cache-recovery.lua): every vote
-- accepted before the loss is then stored. Until 'finish', vote-cast.lua finds no meta and answers 'unknown', so no
-- vote is decided on a half-rebuilt poll; once the poll is known, both steps do nothing, so a slower rebuilder never
-- overwrites what votes decided since.
-- Invariant kept: sum(tally) = HLEN(voters), given the voters of the 'voters' steps are those 'finish' counts.
-- Returns 1 when it wrote, 0 when the poll was already known.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
if ARGV[1] == 'voters' then
  for i = 2, #ARGV, 3 do
    redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1] .. '|' .. ARGV[i + 2])
  end
  return 1
end
redis.call('DEL', KEYS[2])
for i = 5, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
redis.call('HSET', KEYS[1], 'opensAt', ARGV[2], 'closesAt', ARGV[3], 'roomId', ARGV[4])
redis.call('DEL', KEYS[4])
return 1
