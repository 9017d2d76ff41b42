-- Sets a drop's terms, keeping the count of claims already accepted.
-- KEYS: 1 meta HASH ({drop:<id>}:meta)
-- ARGV: 1 stock, 2 perUser, 3 opensAt (epoch ms), 4 closesAt (epoch ms; 0 = open-ended), 5 roomId ('' = none),
--       6 '1' to create the drop when the cache does not know it (a new drop: nothing can have been claimed), '0' to
--         change only a drop it knows (a drop the cache lost is rebuilt from storage by drop-restore.lua, never
--         created here with a count of 0)
-- Returns 1 when the terms were set, 0 when the drop is unknown and was left so.
-- Invariant: 'accepted' is only ever changed by drop-claim.lua and drop-restore.lua, never reset here.
if ARGV[6] == '0' and redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'stock', ARGV[1], 'perUser', ARGV[2], 'opensAt', ARGV[3], 'closesAt', ARGV[4], 'roomId', ARGV[5])
redis.call('HSETNX', KEYS[1], 'accepted', 0)
return 1
