--[[
  Adds one delivery unit to the alert outbox unless its id (the idempotency key) is already there, so
  re-enqueueing a notification after a crash never duplicates a unit or resets its status.

    KEYS[1] unit hash (fields: unit, status, due, attempts, owner, updated)
    KEYS[2] due sorted set: score = when the unit is next due (ms), member = unit id
    KEYS[3] log sorted set of every unit: score = created (ms), member = unit id
    KEYS[4] log sorted set of the unit's customer
    KEYS[5] log sorted set of the unit's receiver

    ARGV[1] unit id
    ARGV[2] immutable unit JSON (id, notification, receiver, customer, payload, created)
    ARGV[3] created, ms since the epoch (integer); the unit is due at once
    ARGV[4] log retention, ms (integer > 0): log entries created before created - retention are
            trimmed here, so the logs stay bounded without a separate sweeper (their unit hashes
            expire on their own once terminal, see completeOutbox-2)

  Returns 1 when added, 0 when the id was already present (nothing written).
  Negative codes, returned before any write:
    -2 created or retention is not a non-negative (retention: positive) integer
    -3 the id or the JSON is empty
]]
local created = tonumber(ARGV[3])
local retention = tonumber(ARGV[4])
if created == nil or created % 1 ~= 0 or created < 0 then return -2 end
if retention == nil or retention % 1 ~= 0 or retention < 1 then return -2 end
if ARGV[1] == '' or ARGV[2] == '' then return -3 end
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'unit', ARGV[2], 'status', 'pending', 'due', ARGV[3], 'attempts', '[]',
  'owner', '', 'updated', ARGV[3])
redis.call('ZADD', KEYS[2], created, ARGV[1])
redis.call('ZADD', KEYS[3], created, ARGV[1])
redis.call('ZADD', KEYS[4], created, ARGV[1])
redis.call('ZADD', KEYS[5], created, ARGV[1])
for i = 3, 5 do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. (created - retention)) end
return 1
