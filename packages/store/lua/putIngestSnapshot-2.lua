--[[
  Stores one snapshot under each of its keys, each with its own version, unless any key already holds
  a newer version; then releases the caller's leases on those keys (see claimIngestSnapshot-2). An
  equal version rewrites the entry, so repeating a put after a lost reply is harmless. All keys are
  checked before the first write, so a refused put leaves every key as it was.

    KEYS[1] snapshot hash: snapshot key -> "<version>:<payload>"
    KEYS[2] lease hash: snapshot key -> "<expires at, ms>:<owner>"

    ARGV[1] owner whose leases are released (may be empty: releases nothing)
    ARGV[2] payload (non-empty, opaque to this script)
    ARGV[3..] pairs of snapshot key and version (integer, decimal digits, optional leading -)

  Returns 1 when written, 0 when a key holds a newer version (nothing written, no lease released).
  Negative codes, returned before any write:
    -1 no pair given, or a key without its version
    -2 a version is not an integer
    -3 the payload or a snapshot key is empty
]]
if #ARGV < 4 or (#ARGV - 2) % 2 ~= 0 then return -1 end
if ARGV[2] == '' then return -3 end
for i = 3, #ARGV, 2 do
  if ARGV[i] == '' then return -3 end
  -- Digits only: tonumber would also take "1e3" or "0x10", which would not read back as the same prefix.
  if string.match(ARGV[i + 1], '^%-?%d+$') == nil then return -2 end
end
for i = 3, #ARGV, 2 do
  local stored = redis.call('HGET', KEYS[1], ARGV[i])
  if stored then
    local storedVersion = tonumber(string.match(stored, '^(%-?%d+):'))
    if storedVersion ~= nil and storedVersion > tonumber(ARGV[i + 1]) then return 0 end
  end
end
for i = 3, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1] .. ':' .. ARGV[2])
  local lease = redis.call('HGET', KEYS[2], ARGV[i])
  if lease and ARGV[1] ~= '' and string.match(lease, '^%d+:(.*)$') == ARGV[1] then
    redis.call('HDEL', KEYS[2], ARGV[i])
  end
end
return 1
