--[[
  Claims the snapshot keys of one product or feed for one service instance and reads its stored
  snapshot, so two instances sharing Redis never diff and publish the same product at the same time.
  A lease held by another instance that has not expired makes the claim busy; the caller's own lease
  is renewed. Leases expire by the server's clock, so instances need no agreement on time.

    KEYS[1] snapshot hash: snapshot key -> "<version>:<payload>"
    KEYS[2] lease hash: snapshot key -> "<expires at, ms since the epoch>:<owner>"

    ARGV[1] owner: the claiming instance's id (non-empty)
    ARGV[2] lease, ms (integer > 0)
    ARGV[3..] the snapshot keys, in lookup order (at least one)

  Returns {1} when claimed and nothing is stored under any key, {1, key, "<version>:<payload>"} when
  claimed, with the first key that holds a snapshot, and {0, owner} when another instance holds a live
  lease on one of the keys (nothing written).
  Negative codes, returned before any write:
    -1 no snapshot key given
    -2 the lease is not a positive integer
    -3 the owner or a snapshot key is empty
]]
if #ARGV < 3 then return -1 end
if string.match(ARGV[2], '^%d+$') == nil or tonumber(ARGV[2]) < 1 then return -2 end
if ARGV[1] == '' then return -3 end
for i = 3, #ARGV do
  if ARGV[i] == '' then return -3 end
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for i = 3, #ARGV do
  local lease = redis.call('HGET', KEYS[2], ARGV[i])
  if lease then
    local expires, holder = string.match(lease, '^(%d+):(.*)$')
    if expires ~= nil and tonumber(expires) > now and holder ~= ARGV[1] then return {0, holder} end
  end
end
local found = nil
for i = 3, #ARGV do
  local stored = redis.call('HGET', KEYS[1], ARGV[i])
  if stored and found == nil then found = {1, ARGV[i], stored} end
end
local lease = tostring(now + tonumber(ARGV[2])) .. ':' .. ARGV[1]
for i = 3, #ARGV do redis.call('HSET', KEYS[2], ARGV[i], lease) end
return found or {1}
