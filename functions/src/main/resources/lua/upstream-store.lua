-- Stores a fresh upstream entry and lifts its refresh mark, so the next reader past the soft expiry asks again.
-- KEYS[1]: the entry (hash: v, soft); KEYS[2]: its refresh mark.
-- ARGV[1]: the JSON; ARGV[2]: soft expiry (epoch ms); ARGV[3]: hard expiry (ms from now, the key's TTL).
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'soft', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('DEL', KEYS[2])
return 1
