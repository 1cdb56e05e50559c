--[[
  Drops entries from a vendor's shared-factor index that a read found stale: the factor is gone, or a
  newer version attributes it to another vendor. An entry is dropped only if its score (the factor
  version it was filed at) is still the one the read saw: a put that re-filed the factor under this
  vendor meanwhile (ZADD GT, after storing the factor) raised the score, and its entry stays.

    KEYS[1] vendor's shared-factor index: sorted set, factorId -> version filed at (ms)

    ARGV[1..] pairs: factorId, the score the read saw for it

  Returns the number of entries dropped.
  Negative codes, returned before any write:
    -1 the arguments are not pairs
    -2 a score is not a number
]]
if #ARGV % 2 ~= 0 then return -1 end
for i = 2, #ARGV, 2 do
  if tonumber(ARGV[i]) == nil then return -2 end
end
local dropped = 0
for i = 1, #ARGV, 2 do
  local score = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[i]))
  if score ~= nil and score == tonumber(ARGV[i + 1]) then
    redis.call('ZREM', KEYS[1], ARGV[i])
    dropped = dropped + 1
  end
end
return dropped
