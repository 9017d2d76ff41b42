-- Sets a poll's terms in the cache; votes already accepted are kept.
-- KEYS (hash tag {poll:<id>}): 1 meta HASH (opensAt, closesAt, roomId), 2 tally HASH (optionId -> votes)
-- ARGV: 1 '1' to amend only a poll the cache knows, '0' to define it either way, 2 opensAt, 3 closesAt (epoch ms),
--       4 roomId ('' = none), 5.. option ids
-- Invariant: every option of the poll is a field of tally, so a vote for anything else is refused. A poll the cache
-- lost is not defined again by an amendment: it may have votes, so it is rebuilt from the stored ones
-- (vote-restore.lua).
-- Returns 1 when the terms were set, 0 when an amendment found the poll unknown.
if ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'opensAt', ARGV[2], 'closesAt', ARGV[3], 'roomId', ARGV[4])
for i = 5, #ARGV do
  redis.call('HSETNX', KEYS[2], ARGV[i], 0)
end
return 1
