--[[
  Writes one observed asset into a customer's fleet without touching any other asset, so observations
  of different boards never refuse or undo each other, and an import swapped in between is never
  rolled back. The caller read the stored asset and vendor counts, built the new entry from them
  (vendor and model of a known asset stay the fleet's) and passes what it read: if either changed
  since, nothing is written and the caller reads again (compare-and-set).

    KEYS[1] assets              hash: assetId -> Asset JSON
    KEYS[2] components          hash: component field -> JSON array of asset ids
    KEYS[3] fleet meta          hash: version (last import, ms), vendors (JSON vendor -> asset count)
    KEYS[4] observed versions   hash: assetId -> observedAt (ms) of the last observation written

    ARGV[1] asset id
    ARGV[2] version: the observation's observedAt, integer ms (decimal digits, optional leading -)
    ARGV[3] the asset JSON the caller read ('' when the fleet did not list the asset)
    ARGV[4] the new asset JSON
    ARGV[5] the vendors JSON the caller read ('' when none was stored)
    ARGV[6] the new vendors JSON
    ARGV[7] n: how many component fields follow that no longer list this asset
    ARGV[8 .. 7+n]  component fields to remove the asset id from
    ARGV[8+n ..]    component fields to add the asset id to

  Returns 1 when written, 2 when the asset or the vendor counts changed since the caller read them,
  0 when refused: the asset's last observation is newer, or the fleet does not list the asset and the
  last import is newer (the import is the later statement of what the customer owns).
  Negative codes, returned before any write:
    -1 ARGV[7] is not a count of the fields that follow
    -2 the version is not an integer
    -3 the asset id or the new asset JSON is empty
]]
local removed = tonumber(ARGV[7])
if removed == nil or removed % 1 ~= 0 or removed < 0 or 7 + removed > #ARGV then return -1 end
-- Digits only: tonumber would also take "1e3" or "0x10".
if ARGV[2] == nil or string.match(ARGV[2], '^%-?%d+$') == nil then return -2 end
if ARGV[1] == nil or ARGV[1] == '' or ARGV[4] == nil or ARGV[4] == '' then return -3 end
local id, version = ARGV[1], tonumber(ARGV[2])

local stored = redis.call('HGET', KEYS[1], id)
if (stored or '') ~= ARGV[3] or (redis.call('HGET', KEYS[3], 'vendors') or '') ~= ARGV[5] then return 2 end
local last = tonumber(redis.call('HGET', KEYS[4], id))
if last ~= nil and last > version then return 0 end
if not stored then
  local imported = tonumber(redis.call('HGET', KEYS[3], 'version'))
  if imported ~= nil and imported > version then return 0 end
end

-- Reads done, writes last (no rollback in Lua).
for i = 8, 7 + removed do
  local ids = redis.call('HGET', KEYS[2], ARGV[i])
  if ids then
    local kept = {}
    for _, other in ipairs(cjson.decode(ids)) do
      if other ~= id then kept[#kept + 1] = other end
    end
    -- cjson encodes an empty table as {}, not []: an empty entry is deleted instead.
    if #kept == 0 then redis.call('HDEL', KEYS[2], ARGV[i]) else redis.call('HSET', KEYS[2], ARGV[i], cjson.encode(kept)) end
  end
end
for i = 8 + removed, #ARGV do
  local ids = redis.call('HGET', KEYS[2], ARGV[i])
  local list = ids and cjson.decode(ids) or {}
  local present = false
  for _, other in ipairs(list) do
    if other == id then present = true end
  end
  if not present then
    list[#list + 1] = id
    redis.call('HSET', KEYS[2], ARGV[i], cjson.encode(list))
  end
end
redis.call('HSET', KEYS[1], id, ARGV[4])
redis.call('HSET', KEYS[3], 'vendors', ARGV[6])
redis.call('HSET', KEYS[4], id, ARGV[2])
return 1
