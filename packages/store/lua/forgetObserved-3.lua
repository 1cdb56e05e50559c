--[[
  Forgets the last-observation times of assets a fleet import removed, so the `observed` hash does not
  grow with every board a customer ever retired. Runs after swapFleet-7, with the ids its diff found
  removed; it keeps swapFleet O(1) (renames only) and decides from the state it finds, so it is safe
  to run at any time and again:

  An entry is dropped when its asset is not listed now AND its time is not after the stored import
  version. While the asset stays unlisted the import version then refuses every observation the entry
  would refuse (upsertObservedAsset-4 refuses an unlisted asset's observation older than the import).
  An entry newer than the import is kept: it still refuses older observations that would re-add the
  asset. An asset re-added meanwhile (by an observation or a newer import) is listed, and keeps its.

  All keys share the customer's hash tag.
    KEYS[1] assets            hash: assetId -> Asset JSON
    KEYS[2] observed versions hash: assetId -> observedAt (ms) of the last observation written
    KEYS[3] fleet meta        hash: version (last import, ms), vendors

    ARGV[1..] asset ids the import removed

  Returns the number of entries dropped (0 without a stored import version).
]]
local imported = tonumber(redis.call('HGET', KEYS[3], 'version'))
if imported == nil then return 0 end
local dropped = 0
for i = 1, #ARGV do
  local last = tonumber(redis.call('HGET', KEYS[2], ARGV[i]))
  if last ~= nil and last <= imported and redis.call('HEXISTS', KEYS[1], ARGV[i]) == 0 then
    redis.call('HDEL', KEYS[2], ARGV[i])
    dropped = dropped + 1
  end
end
return dropped
