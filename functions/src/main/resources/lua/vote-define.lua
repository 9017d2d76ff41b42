-- Sets a poll's terms in the cache; votes already accepted are kept.
-- KEYS (hash tag {poll:<id>}): 1 meta HASH (opensAt, closesAt, roomId), 2 tally HASH (optionId -> votes)
-- ARGV: 1 opensAt, 2 closesAt (epoch ms), 3 roomId ('' = none), 4.. option ids
-- Invariant: every option of the poll is a field of tally, so a vote for anything else is refused.
redis.call('HSET', KEYS[1], 'opensAt', ARGV[1], 'closesAt', ARGV[2], 'roomId', ARGV[3])
for i = 4, #ARGV do
  redis.call('HSETNX', KEYS[2], ARGV[i], 0)
end
return 1
