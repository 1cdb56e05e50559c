--[[
  Raises the resume offset of one topic partition, never lowering it (a late, redelivered batch
  must not move a restart point backwards).

    KEYS[1] topic progress hash: partition -> next offset to consume

    ARGV[1] partition (integer >= 0)
    ARGV[2] next offset to consume (integer >= 0)

  Returns 1 when raised, 0 when the stored offset is already at least as high.
  Negative codes, returned before any write:
    -2 an argument is not a non-negative integer
]]
local partition, offset = tonumber(ARGV[1]), tonumber(ARGV[2])
if partition == nil or offset == nil or partition % 1 ~= 0 or offset % 1 ~= 0 then return -2 end
if partition < 0 or offset < 0 then return -2 end
local stored = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if stored ~= nil and stored >= offset then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
