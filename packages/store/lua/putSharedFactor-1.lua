--[[
  Stores a shared factor (one news claim, one supplier move) once for all customers, unless a newer
  version of it is already stored.

    KEYS[1] shared factor hash: json, v

    ARGV[1] SharedFactor JSON
    ARGV[2] version: event time, integer ms

  Returns 1 when written, 0 when a newer version is stored.
  Negative codes, returned before any write:
    -2 the version is not a finite integer
    -3 the payload is empty
]]
local version = tonumber(ARGV[2])
if version == nil or version % 1 ~= 0 then return -2 end
if ARGV[1] == nil or ARGV[1] == '' then return -3 end
local stored = tonumber(redis.call('HGET', KEYS[1], 'v'))
if stored ~= nil and stored > version then return 0 end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'v', version)
return 1
