--[[
  Leases up to N due units of the alert outbox to one worker. A unit stays in the due set while leased,
  scored at its lease expiry, so a worker that crashed mid-send loses it automatically: the next claim
  after expiry re-offers it (same id, so the receiver can deduplicate) and records a `lease-expired`
  attempt. Units recorded sent, dead or disabled are not in the due set and are never offered again.

    KEYS[1] due sorted set: score = due (ms), member = unit id

    ARGV[1] now, ms (integer)
    ARGV[2] limit (integer 1-1000)
    ARGV[3] lease, ms (integer > 0)
    ARGV[4] owner id (non-empty)
    ARGV[5] unit key prefix: a unit's hash is ARGV[5] .. id. It shares KEYS[1]'s hash tag, so every key
            touched is in KEYS[1]'s Cluster slot (the bullmq pattern for per-job keys).

  Returns a flat array, 6 entries per claimed unit: id, unit JSON, status, due, attempts JSON, updated.
  Negative codes, returned before any write:
    -2 a numeric argument is not a positive integer in range
    -3 the owner or the prefix is empty
]]
local now, limit, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if now == nil or limit == nil or lease == nil then return -2 end
if now % 1 ~= 0 or limit % 1 ~= 0 or lease % 1 ~= 0 or limit < 1 or limit > 1000 or lease < 1 then return -2 end
if ARGV[4] == '' or ARGV[5] == '' then return -3 end
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)
local out = {}
for _, id in ipairs(ids) do
  local key = ARGV[5] .. id
  local f = redis.call('HMGET', key, 'unit', 'status', 'attempts', 'owner')
  if f[1] == false or (f[2] ~= 'pending' and f[2] ~= 'failed') then
    -- A unit recorded terminal (or deleted) does not belong in the due set.
    redis.call('ZREM', KEYS[1], id)
  else
    local attempts = f[3]
    if f[4] ~= '' then
      local list = cjson.decode(attempts)
      table.insert(list, { at = now, outcome = 'lease-expired' })
      while #list > 20 do table.remove(list, 1) end
      attempts = cjson.encode(list)
    end
    local due = now + lease
    redis.call('HSET', key, 'owner', ARGV[4], 'due', due, 'attempts', attempts, 'updated', now)
    redis.call('ZADD', KEYS[1], due, id)
    for _, v in ipairs({ id, f[1], f[2], tostring(due), attempts, tostring(now) }) do table.insert(out, v) end
  end
end
return out
