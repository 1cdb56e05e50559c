--[[
  The minimal per-event apply of the bare references (R_redis, R_bare): a dedupe marker and one state
  write, the least any at-least-once consumer must do per event. Not used by Trustwatch itself.

  KEYS[1] state hash of the entity the event is about
  KEYS[2] dedupe marker of the event
  ARGV[1] event id
  ARGV[2] payload to store (the event's data, as sent)
  ARGV[3] dedupe marker lifetime, seconds

  Returns 1 when applied, 0 when the event was applied before (duplicate). No negative codes.
]]
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) == false then
  return 0
end
redis.call('HSET', KEYS[1], 'last', ARGV[1], 'data', ARGV[2])
return 1
