--[[
  Raises the resume offset of one topic partition (never lowering it, as recordProgress-1 does), but
  only when every customer of the batch's last applies holds the batch's dedupe marker: a position
  must never say a record was applied while one of its customers did not get its effects. It runs in
  the same pipeline right after those applies, so it costs no round trip of its own.

  The marker is what an applyEffects-8 call leaves when the event reached the customer (applied now or
  before: a duplicate); a call that came back conflict (the customer moved on since it was read) or
  failed leaves none. Another writer applying the same event to that customer meanwhile leaves the
  same marker, and then the customer did get the event, so the position is still true.

  Variable key count (the `-n`): the caller passes 1 + M first.
    KEYS[1]      topic progress hash: partition -> last applied offset
    KEYS[2..M+1] dedupe markers of the last applies (applyEffects-8's KEYS[1]), one per customer
                 (they span customers' hash tags: on a Redis Cluster this call is refused with
                 CROSSSLOT and the caller records the position with recordProgress-1 instead)

    ARGV[1] partition (integer >= 0)
    ARGV[2] offset of the last applied record (integer >= 0)

  Returns 1 when raised, 0 when the stored offset is already at least as high, 2 when a marker is
  missing (nothing written).
  Negative codes, returned before any write:
    -2 an argument is not a non-negative integer
]]
local partition, offset = tonumber(ARGV[1]), tonumber(ARGV[2])
if partition == nil or offset == nil or partition % 1 ~= 0 or offset % 1 ~= 0 then return -2 end
if partition < 0 or offset < 0 then return -2 end
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then return 2 end
end
local stored = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if stored ~= nil and stored >= offset then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
