--[[
  Creates or updates one API key and binds its hash to it, in one step, so a lookup by hash never
  finds a half-written key. An update keeps the key's first creation time. Revocation and last use are separate fields this script never touches,
  so re-putting a revoked key (a bootstrap key seeded at every start) leaves it revoked.

    KEYS[1] the key's record hash: json, revokedAt, lastUsedAt
    KEYS[2] hash: SHA-256 hex -> key id
    KEYS[3] sorted set of key ids by creation time (ms)

    ARGV[1] key id (non-empty)
    ARGV[2] SHA-256 hex of the key (non-empty)
    ARGV[3] record JSON (id, name, subject, role, hash, createdAt)
    ARGV[4] creation time (integer ms)

  Returns 1 when created, 0 when an existing key was updated.
  Negative codes, returned before any write:
    -2 the creation time is not an integer
    -3 the id, hash or JSON is empty
    -4 the hash already belongs to another key id
]]
local id, hash, json = ARGV[1], ARGV[2], ARGV[3]
local created = tonumber(ARGV[4])
if created == nil or created % 1 ~= 0 then return -2 end
if id == '' or hash == '' or json == '' then return -3 end
local owner = redis.call('HGET', KEYS[2], hash)
if owner and owner ~= id then return -4 end
local previous = redis.call('HGET', KEYS[1], 'json')
if previous then
  local old = cjson.decode(previous)
  if old.hash ~= hash and redis.call('HGET', KEYS[2], old.hash) == id then redis.call('HDEL', KEYS[2], old.hash) end
  -- An update keeps the first creation time, as the sorted set (ZADD NX) does.
  local new = cjson.decode(json)
  new.createdAt = old.createdAt
  json = cjson.encode(new)
end
redis.call('HSET', KEYS[1], 'json', json)
redis.call('HSET', KEYS[2], hash, id)
redis.call('ZADD', KEYS[3], 'NX', created, id)
if previous then return 0 end
return 1
