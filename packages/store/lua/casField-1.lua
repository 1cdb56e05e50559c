--[[
  Compare-and-set of one hash field: writes the new value only if the field still holds the value the
  caller read, so read-modify-write edits (expiring a silence, creating one under a size bound) never
  overwrite a concurrent edit.

    KEYS[1] hash

    ARGV[1] field
    ARGV[2] expected value; '' = the field must be absent
    ARGV[3] new value; '' = delete the field
    ARGV[4] most fields the hash may hold after an insert (integer >= 0; 0 = no bound)

  Returns 1 when written, 0 when the field no longer holds the expected value (nothing written).
  Negative codes, returned before any write:
    -2 a numeric argument is not a finite integer
    -3 the field is empty
    -5 inserting would exceed the bound in ARGV[4]
]]
local bound = tonumber(ARGV[4])
if bound == nil or bound % 1 ~= 0 or bound < 0 then return -2 end
if ARGV[1] == '' then return -3 end

local current = redis.call('HGET', KEYS[1], ARGV[1])
if current == false then current = '' end
if current ~= ARGV[2] then return 0 end
if current == '' and ARGV[3] ~= '' and bound > 0 and redis.call('HLEN', KEYS[1]) >= bound then
  return -5
end

if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
end
return 1
