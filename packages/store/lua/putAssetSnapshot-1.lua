--[[
  Stores an asset's last known firmware inventory unless a newer one is stored. An equal version
  rewrites the entry, so a redelivered snapshot is a harmless repeat.

    KEYS[1] the customer's snapshot hash: assetId -> "<version>:<entry JSON>"

    ARGV[1] asset id (the hash field)
    ARGV[2] version: the snapshot's observedAt, integer ms (decimal digits, optional leading -)
    ARGV[3] AssetSnapshotEntry JSON

  Returns 1 when written, 0 when a newer version is stored.
  Negative codes, returned before any write:
    -2 the version is not an integer
    -3 the asset id or the payload is empty
]]
-- Digits only: tonumber would also take "1e3" or "0x10", which would not read back as the same prefix.
if ARGV[2] == nil or string.match(ARGV[2], '^%-?%d+$') == nil then return -2 end
if ARGV[1] == nil or ARGV[1] == '' or ARGV[3] == nil or ARGV[3] == '' then return -3 end
local version = tonumber(ARGV[2])
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if stored then
  local storedVersion = tonumber(string.match(stored, '^(%-?%d+):'))
  if storedVersion ~= nil and storedVersion > version then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
return 1
