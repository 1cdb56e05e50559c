--[[
  Records a story after its classification was published: the per-story record (kept only if it lists
  at least as many copies as the stored one) and the story's claim-ledger entries. Idempotent per story:
  an assertion already recorded for the story keeps its sequence number, so a re-sent record changes
  nothing and a story is never counted twice.

    KEYS[1] story record hash (fields: json, copies)
    KEYS[2] ledger sequence counter string (orders assertions across instances)

    ARGV[1] story id
    ARGV[2] the story's independence group
    ARGV[3] copies the published classification listed (integer >= 1)
    ARGV[4] StoryRecord JSON
    ARGV[5] record retention, seconds (integer > 0)
    ARGV[6] ledger retention, seconds (integer > 0), renewed on every write to an entity's ledger
    ARGV[7] ledger key prefix: an entity's ledger hash is ARGV[7] .. encoded entity id; it shares
            KEYS[1]'s hash tag, so every key touched is in one Cluster slot (as claimOutbox-1 does)
    ARGV[8..] ledger writes, 3 per write: encoded entity id, type, claim kind. Types: `a` the story
            asserts the kind (field `a|<kind>|<story id>` = `<seq>|<group>`), `d` a denial (field
            `d|<kind>`, or `d|` for the entity outright), `r` a retraction or clearing audit (field `r|`)

  Returns the number of ledger fields added. Negative codes, returned before any write:
    -1 the ledger writes are not triples
    -2 copies or a retention is not a positive integer
    -3 the story id, group, JSON, prefix, an entity or a write type is empty or unknown
]]
local copies, retention, ledgerRetention = tonumber(ARGV[3]), tonumber(ARGV[5]), tonumber(ARGV[6])
if copies == nil or retention == nil or ledgerRetention == nil then return -2 end
if copies % 1 ~= 0 or retention % 1 ~= 0 or ledgerRetention % 1 ~= 0 then return -2 end
if copies < 1 or retention < 1 or ledgerRetention < 1 then return -2 end
if ARGV[1] == '' or ARGV[2] == '' or ARGV[4] == '' or ARGV[7] == '' then return -3 end
if (#ARGV - 7) % 3 ~= 0 then return -1 end
local fields = {}
for i = 8, #ARGV, 3 do
  local entity, kind, what = ARGV[i], ARGV[i + 2], ARGV[i + 1]
  if entity == '' then return -3 end
  local field
  if what == 'a' and kind ~= '' then field = 'a|' .. kind .. '|' .. ARGV[1]
  elseif what == 'd' then field = 'd|' .. kind
  elseif what == 'r' then field = 'r|'
  else return -3 end
  table.insert(fields, { ARGV[7] .. entity, field })
end

-- Reads: which ledger fields are new, and whether the stored record lists fewer copies.
local fresh = {}
for _, f in ipairs(fields) do
  if redis.call('HEXISTS', f[1], f[2]) == 0 then table.insert(fresh, f) end
end
local stored = tonumber(redis.call('HGET', KEYS[1], 'copies'))

-- Writes.
if stored == nil or stored <= copies then
  redis.call('HSET', KEYS[1], 'json', ARGV[4], 'copies', copies)
  redis.call('EXPIRE', KEYS[1], retention)
end
local added = 0
for _, f in ipairs(fresh) do
  local value = '1'
  if string.sub(f[2], 1, 2) == 'a|' then value = redis.call('INCR', KEYS[2]) .. '|' .. ARGV[2] end
  added = added + redis.call('HSETNX', f[1], f[2], value)
end
for _, f in ipairs(fields) do redis.call('EXPIRE', f[1], ledgerRetention) end
return added
