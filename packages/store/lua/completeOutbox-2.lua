--[[
  Records the outcome of one attempt on a leased outbox unit, only if the caller still owns the lease:
  a worker whose lease expired and was taken over must not overwrite the newer worker's record. The
  status `defer` releases the lease until ARGV[4] without an attempt and without changing the status
  (a local rate limit held the unit back; nothing was sent).

    KEYS[1] unit hash
    KEYS[2] due sorted set

    ARGV[1] owner id that claimed the unit
    ARGV[2] new status: sent | failed | dead | disabled, or defer
    ARGV[3] attempt JSON (appended to the history, which keeps the last 20); ignored for defer
    ARGV[4] next due, ms (integer; used for failed and defer)
    ARGV[5] now, ms (integer)
    ARGV[6] unit id (the due set's member)
    ARGV[7] retention, ms (integer > 0): a unit recorded sent, dead or disabled expires after it

  Returns 1 when recorded, 0 when the caller does not own the lease (nothing written).
  Negative codes, returned before any write:
    -2 a numeric argument is not an integer
    -3 the status is not one of the five, or the owner or (except for defer) the attempt is empty
]]
local due, now, retention = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[7])
if due == nil or now == nil or due % 1 ~= 0 or now % 1 ~= 0 then return -2 end
if retention == nil or retention % 1 ~= 0 or retention < 1 then return -2 end
local status = ARGV[2]
if status ~= 'sent' and status ~= 'failed' and status ~= 'dead' and status ~= 'disabled' and status ~= 'defer' then
  return -3
end
if ARGV[1] == '' or (ARGV[3] == '' and status ~= 'defer') then return -3 end
local f = redis.call('HMGET', KEYS[1], 'owner', 'attempts')
if f[1] ~= ARGV[1] then return 0 end
if status == 'defer' then
  redis.call('HSET', KEYS[1], 'due', due, 'owner', '', 'updated', now)
  redis.call('ZADD', KEYS[2], due, ARGV[6])
  return 1
end
local list = cjson.decode(f[2])
table.insert(list, cjson.decode(ARGV[3]))
while #list > 20 do table.remove(list, 1) end
local nextDue = now
if status == 'failed' then nextDue = due end
redis.call('HSET', KEYS[1], 'status', status, 'due', nextDue, 'attempts', cjson.encode(list), 'owner', '',
  'updated', now)
if status == 'failed' then
  redis.call('ZADD', KEYS[2], due, ARGV[6])
else
  redis.call('ZREM', KEYS[2], ARGV[6])
  redis.call('PEXPIRE', KEYS[1], retention)
end
return 1
