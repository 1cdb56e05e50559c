--[[
  Revokes one API key unless it already is: the first revocation time is kept.

    KEYS[1] the key's record hash: json, revokedAt, lastUsedAt

    ARGV[1] revocation time (ISO 8601, non-empty)

  Returns 1 when revoked now, 0 when it already was.
  Negative codes, returned before any write:
    -3 the time is empty
    -6 no such key (nothing is created)
]]
if ARGV[1] == '' then return -3 end
if redis.call('HEXISTS', KEYS[1], 'json') == 0 then return -6 end
return redis.call('HSETNX', KEYS[1], 'revokedAt', ARGV[1])
