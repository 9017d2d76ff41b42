-- Sets a drop's terms, keeping the count of claims already accepted.
-- KEYS: 1 meta HASH ({drop:<id>}:meta)
-- ARGV: 1 stock, 2 perUser, 3 opensAt (epoch ms), 4 closesAt (epoch ms; 0 = open-ended), 5 roomId ('' = none)
-- Invariant: 'accepted' is only ever changed by drop-claim.lua, never reset here.
redis.call('HSET', KEYS[1], 'stock', ARGV[1], 'perUser', ARGV[2], 'opensAt', ARGV[3], 'closesAt', ARGV[4], 'roomId', ARGV[5])
redis.call('HSETNX', KEYS[1], 'accepted', 0)
return 1
