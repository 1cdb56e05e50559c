--[[
  Records the last use of one API key, never moving it backwards (requests finish out of order).

    KEYS[1] the key's record hash: json, revokedAt, lastUsedAt

    ARGV[1] time of use (ISO 8601 UTC as Date#toISOString writes it, so text order is time order)

  Returns 1 when recorded, 0 when a later use is already recorded.
  Negative codes, returned before any write:
    -3 the time is empty
    -6 no such key (nothing is created)
]]
if ARGV[1] == '' then return -3 end
if redis.call('HEXISTS', KEYS[1], 'json') == 0 then return -6 end
local last = redis.call('HGET', KEYS[1], 'lastUsedAt')
if last and last >= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[1])
return 1
