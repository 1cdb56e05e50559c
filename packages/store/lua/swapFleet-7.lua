--[[
  Swaps a customer's staged fleet in for the live one in O(1): the caller staged the new assets and
  component index in small HSET batches, and this script only renames keys, so even a fleet of
  100,000 assets never blocks Redis. The replaced fleet is kept under the "previous" keys for the
  caller to diff against and then UNLINK (freed in the background). An import older than the stored
  one is refused (a delayed re-import must not roll a fleet back).

    KEYS[1] assets              hash: assetId -> Asset JSON
    KEYS[2] components          hash: component field -> JSON array of asset ids
    KEYS[3] fleet meta          hash: version, vendors (JSON vendor -> asset count)
    KEYS[4] staged assets       (written by the caller, with a TTL)
    KEYS[5] staged components   (written by the caller, with a TTL)
    KEYS[6] previous assets     (must not exist: a fresh name per import)
    KEYS[7] previous components (must not exist: a fresh name per import)

    ARGV[1] version: import time, integer ms
    ARGV[2] number of assets staged (checked against the staged hash, so a partly staged or expired
            stage is never swapped in)
    ARGV[3] vendors JSON (vendor -> asset count)

  Returns {1, previous vendors JSON} when swapped, {0} when a newer fleet is stored.
  Negative codes, returned before any write:
    -2 a numeric argument is not a non-negative integer
    -3 the vendors JSON is empty
    -4 the staged fleet is incomplete (its size differs from ARGV[2])
]]
local version, count = tonumber(ARGV[1]), tonumber(ARGV[2])
if version == nil or count == nil or version % 1 ~= 0 or count % 1 ~= 0 or count < 0 then return {-2} end
if ARGV[3] == nil or ARGV[3] == '' then return {-3} end
if redis.call('HLEN', KEYS[4]) ~= count then return {-4} end

local stored = tonumber(redis.call('HGET', KEYS[3], 'version'))
if stored ~= nil and stored > version then return {0} end
local previousVendors = redis.call('HGET', KEYS[3], 'vendors') or '{}'

-- RENAME onto a name that does not exist is O(1); the old data is freed later by the caller's UNLINK.
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[6]) end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[7]) end
if count > 0 then
  redis.call('RENAME', KEYS[4], KEYS[1])
  redis.call('PERSIST', KEYS[1])
end
if redis.call('EXISTS', KEYS[5]) == 1 then
  redis.call('RENAME', KEYS[5], KEYS[2])
  redis.call('PERSIST', KEYS[2])
end
redis.call('HSET', KEYS[3], 'version', version, 'vendors', ARGV[3])
return {1, previousVendors}
