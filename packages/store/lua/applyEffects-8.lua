--[[
  Applies one input event's effects to one customer, at most once, never letting an older event
  overwrite newer state, and records the Kafka position with the state it produced.

  All keys share the customer's hash tag.
    KEYS[1] dedupe marker for this event (string with TTL)
    KEYS[2] factors   hash: factorId -> Factor JSON
    KEYS[3] versions  hash: factorId | "s:"..factorId -> version (ms)
    KEYS[4] shared    hash: shared factorId -> FactorExposure JSON
    KEYS[5] summary   hash: json, at, rev (the customer's revision: +1 on every applied call)
    KEYS[6] history   sorted set: summary time (ms) -> summary JSON
    KEYS[7] feed      stream: field e = TrustChanged JSON
    KEYS[8] progress  hash: "<topic>/<partition>" -> offset

    ARGV[1]  event id (must be non-empty; KEYS[1] is derived from it)
    ARGV[2]  version: event time, integer ms
    ARGV[3]  dedupe TTL, integer ms (> 0)
    ARGV[4]  number of factors F
    ARGV[5]  number of exposures X
    ARGV[6]  summary JSON, or "" for none
    ARGV[7]  summary time, integer ms (ignored without a summary)
    ARGV[8]  feed entry JSON, or "" for none
    ARGV[9]  feed cap, entries (> 0)
    ARGV[10] now, integer ms: the feed entry's id time (the caller's clock, so ids and age caps
             follow one clock in both adapters)
    ARGV[11] feed age cap, ms (> 0): entries older than now minus this are trimmed
    ARGV[12] history cap, entries (> 0)
    ARGV[13] progress field "<topic>/<partition>", or "" for none
    ARGV[14] progress offset: the applied record's Kafka offset (integer)
    ARGV[15] expected revision (integer), or "" to apply whatever the revision: the revision the caller
             read the customer at; the effects (a summary above all) were computed from that state
    ARGV[16..] F pairs (factorId, Factor JSON), then X pairs (factorId, FactorExposure JSON)

  Returns {1, stale, feedId} when applied (stale = items skipped because newer state is stored;
  feedId = "" without a feed entry), {0, feedId} when the event was already applied (the feed id it
  produced then, so a caller that crashed before publishing the change can still publish it),
  {2, revision} when the customer moved on since the caller read it (nothing written: re-read and
  compute again). The dedupe check comes first: a redelivery is a duplicate, never a conflict.
  Negative codes, returned before any write:
    -1 argument count does not match F and X
    -2 a numeric argument is not a finite integer
    -3 an id or payload is empty
]]
local function int(v)
  local n = tonumber(v)
  if n == nil or n ~= n or n == math.huge or n == -math.huge or n % 1 ~= 0 then return nil end
  return n
end

-- Validate everything first: Lua has no rollback.
local version, ttl, nf, nx = int(ARGV[2]), int(ARGV[3]), int(ARGV[4]), int(ARGV[5])
local summaryAt, feedMax, now, maxAge = int(ARGV[7]), int(ARGV[9]), int(ARGV[10]), int(ARGV[11])
local historyMax, offset = int(ARGV[12]), int(ARGV[14])
if not (version and ttl and nf and nx and summaryAt and feedMax and now and maxAge and historyMax and offset) then
  return {-2}
end
local expected = nil
if ARGV[15] ~= '' then
  expected = int(ARGV[15])
  if expected == nil then return {-2} end
end
if ttl <= 0 or feedMax <= 0 or maxAge <= 0 or historyMax <= 0 or nf < 0 or nx < 0 then return {-2} end
if #ARGV ~= 15 + 2 * (nf + nx) then return {-1} end
if ARGV[1] == '' then return {-3} end
for i = 16, #ARGV do
  if ARGV[i] == '' then return {-3} end
end

-- Dedupe inside the script: a resent or redelivered call finds the marker and changes nothing.
local prior = redis.call('GET', KEYS[1])
if prior then return {0, prior} end

-- Optimistic concurrency: another engine instance applied to this customer since the caller read it.
local revision = tonumber(redis.call('HGET', KEYS[5], 'rev')) or 0
if expected ~= nil and expected ~= revision then return {2, revision} end

-- Read: which items are older than what is stored.
local stale = 0
local writes = {}
for i = 0, nf + nx - 1 do
  local id, json = ARGV[16 + 2 * i], ARGV[17 + 2 * i]
  local field = id
  if i >= nf then field = 's:' .. id end
  local stored = tonumber(redis.call('HGET', KEYS[3], field))
  if stored ~= nil and stored > version then
    stale = stale + 1
  else
    writes[#writes + 1] = {i >= nf, id, field, json}
  end
end
local storedAt = tonumber(redis.call('HGET', KEYS[5], 'at'))
local feedId = ''
if ARGV[8] ~= '' then
  -- Ids strictly increase even if the caller's clock stalls or steps back.
  feedId = string.format('%d-0', now)
  local last = redis.call('XREVRANGE', KEYS[7], '+', '-', 'COUNT', 1)[1]
  if last then
    local lastMs, lastSeq = string.match(last[1], '^(%d+)-(%d+)$')
    if tonumber(lastMs) >= now then feedId = lastMs .. '-' .. (tonumber(lastSeq) + 1) end
  end
end

-- Write last.
for _, w in ipairs(writes) do
  if w[1] then
    redis.call('HSET', KEYS[4], w[2], w[4])
  else
    redis.call('HSET', KEYS[2], w[2], w[4])
  end
  redis.call('HSET', KEYS[3], w[3], version)
end
if ARGV[6] ~= '' then
  if storedAt == nil or storedAt <= summaryAt then
    redis.call('HSET', KEYS[5], 'json', ARGV[6], 'at', summaryAt)
  else
    stale = stale + 1
  end
  redis.call('ZADD', KEYS[6], summaryAt, ARGV[6])
  redis.call('ZREMRANGEBYRANK', KEYS[6], 0, -historyMax - 1)
end
if feedId ~= '' then
  redis.call('XADD', KEYS[7], 'MAXLEN', '=', feedMax, feedId, 'e', ARGV[8])
  redis.call('XTRIM', KEYS[7], 'MINID', '=', string.format('%d-0', now - maxAge))
end
if ARGV[13] ~= '' then
  redis.call('HSET', KEYS[8], ARGV[13], ARGV[14])
end
redis.call('HINCRBY', KEYS[5], 'rev', 1)
redis.call('SET', KEYS[1], feedId, 'PX', ttl)
return {1, stale, feedId}
