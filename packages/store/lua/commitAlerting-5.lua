--[[
  Commits one customer's alerting step atomically: the rules' memory, the notification groups, the new
  alert versions, the notified times and the notifications on their way to the outbox, if and only if
  nobody committed since the caller read revision ARGV[1] and (when an event is named) that trust change
  has not been applied yet. All keys carry the customer's hash tag.

    KEYS[1] meta hash (rev, state, dispatch)
    KEYS[2] applied marker of the trust change (string with TTL); unused when ARGV[4] is 0
    KEYS[3] alerts hash (fingerprint -> Alert JSON)
    KEYS[4] notified hash (fingerprint -> ms)
    KEYS[5] pending hash (notification id -> Notification JSON)

    ARGV[1] expected revision (integer >= 0; 0 = nothing committed yet)
    ARGV[2] state JSON
    ARGV[3] dispatch JSON
    ARGV[4] applied marker TTL, seconds (integer >= 0; 0 = a timer flush, no marker)
    ARGV[5] now, ms (integer): the notified time
    ARGV[6] A = number of alerts, then A pairs: fingerprint, Alert JSON
    then    N = number of notified fingerprints, then N fingerprints
    then    P = number of pending notifications, then P pairs: id, Notification JSON

  Returns the new revision (>= 1), 0 when the revision moved (nothing written), -4 when the trust
  change was applied already (nothing written).
  Negative codes, returned before any write:
    -1 argument count does not match the declared item counts
    -2 a numeric argument is not a finite integer
    -3 a required identifier or payload is empty
]]
local function int(value)
  local n = tonumber(value)
  if n == nil or n % 1 ~= 0 or n < 0 then return nil end
  return n
end

local expected, ttl, now = int(ARGV[1]), int(ARGV[4]), int(ARGV[5])
if expected == nil or ttl == nil or now == nil then return -2 end
if ARGV[2] == '' or ARGV[3] == '' then return -3 end

local i = 6
local alerts = int(ARGV[i])
if alerts == nil then return -2 end
local alertsAt = i + 1
i = alertsAt + 2 * alerts
local notified = int(ARGV[i])
if notified == nil then return -2 end
local notifiedAt = i + 1
i = notifiedAt + notified
local pending = int(ARGV[i])
if pending == nil then return -2 end
local pendingAt = i + 1
if pendingAt + 2 * pending - 1 ~= #ARGV then return -1 end
for j = alertsAt, pendingAt + 2 * pending - 1 do
  if ARGV[j] == '' then return -3 end
end

-- Read everything first, write last: Lua has no rollback.
local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if rev ~= expected then return 0 end
if ttl > 0 and redis.call('EXISTS', KEYS[2]) == 1 then return -4 end

rev = rev + 1
redis.call('HSET', KEYS[1], 'rev', rev, 'state', ARGV[2], 'dispatch', ARGV[3])
for j = 0, alerts - 1 do
  redis.call('HSET', KEYS[3], ARGV[alertsAt + 2 * j], ARGV[alertsAt + 2 * j + 1])
end
for j = 0, notified - 1 do
  redis.call('HSET', KEYS[4], ARGV[notifiedAt + j], now)
end
for j = 0, pending - 1 do
  redis.call('HSET', KEYS[5], ARGV[pendingAt + 2 * j], ARGV[pendingAt + 2 * j + 1])
end
if ttl > 0 then redis.call('SET', KEYS[2], now, 'EX', ttl) end
return rev
