--[[
  Adds one article to the news story desk: a URL seen before returns its story unchanged, near-duplicate
  text joins the most similar live story as a syndicated copy, anything else starts a new story. The URL
  check and the similarity search both run here, so two ingest instances adding the same article (or a
  re-sent one) never make two stories, and a re-sent copy changes nothing.

    KEYS[1] URL marker string of the article's canonical URL: value = story id, TTL = retention
    KEYS[2] story hash the article would start (fields: meta, sig, copies, bands, u:<canonical URL>)

    ARGV[1] story id the article would start (KEYS[2] is ARGV[8] .. ARGV[1])
    ARGV[2] canonical URL
    ARGV[3] story meta JSON (storyId, canonicalUrl, title, text, language)
    ARGV[4] MinHash signature: 8 lower-case hex digits per 32-bit value
    ARGV[5] copy JSON (url, canonicalUrl, outletName, rating, publishedAt)
    ARGV[6] minimum number of equal signature positions for two texts to be one story (integer > 0)
    ARGV[7] retention, seconds (integer > 0): a story, its URL markers and its bands are forgotten this
            long after its last copy arrived
    ARGV[8] story key prefix; ARGV[9] band key prefix. Both share KEYS[1]'s hash tag, so the candidate
            story and band keys built from them stay in KEYS[1]'s Cluster slot (as claimOutbox-1 does).
    ARGV[10..] LSH band names of the signature (at least one)

  Returns { outcome, story id, meta JSON, signature, copies JSON, equal positions } with outcome 0 new,
  1 syndicated, 2 same URL. Negative codes, returned before any write:
    -2 the threshold or the retention is not a positive integer
    -3 the story id, canonical URL, a JSON payload, the signature, a prefix or the bands are empty
]]
local threshold, retention = tonumber(ARGV[6]), tonumber(ARGV[7])
if threshold == nil or retention == nil then return -2 end
if threshold % 1 ~= 0 or retention % 1 ~= 0 or threshold < 1 or retention < 1 then return -2 end
for i = 1, 9 do if i ~= 6 and i ~= 7 and ARGV[i] == '' then return -3 end end
if #ARGV < 10 then return -3 end
local storyPrefix, bandPrefix, sig = ARGV[8], ARGV[9], ARGV[4]

local known = redis.call('GET', KEYS[1])
if known then
  local s = redis.call('HMGET', storyPrefix .. known, 'meta', 'sig', 'copies')
  if s[1] then return { 2, known, s[1], s[2], s[3], 0 } end
end

-- Reads: every live story sharing a band, scored by equal signature positions; ties go to the smaller
-- id, so every instance picks the same story.
local best, bestScore, seen, stale = nil, -1, {}, {}
local positions = math.floor(#sig / 8)
for i = 10, #ARGV do
  for _, id in ipairs(redis.call('SMEMBERS', bandPrefix .. ARGV[i])) do
    if not seen[id] then
      seen[id] = true
      local other = redis.call('HGET', storyPrefix .. id, 'sig')
      if not other then
        table.insert(stale, id)
      else
        local same = 0
        for p = 0, positions - 1 do
          if string.sub(sig, p * 8 + 1, p * 8 + 8) == string.sub(other, p * 8 + 1, p * 8 + 8) then same = same + 1 end
        end
        if same >= threshold and (same > bestScore or (same == bestScore and id < best)) then
          best, bestScore = id, same
        end
      end
    end
  end
end

local outcome
if best then
  local storyKey = storyPrefix .. best
  if redis.call('HEXISTS', storyKey, 'u:' .. ARGV[2]) == 1 then
    -- The URL marker expired before the story: still the same article.
    local s = redis.call('HMGET', storyKey, 'meta', 'sig', 'copies')
    return { 2, best, s[1], s[2], s[3], 0 }
  end
  -- Writes: append the copy and keep the story, its bands and this URL alive for another retention.
  local s = redis.call('HMGET', storyKey, 'meta', 'sig', 'copies', 'bands')
  local copies = string.sub(s[3], 1, -2) .. ',' .. ARGV[5] .. ']'
  redis.call('HSET', storyKey, 'copies', copies, 'u:' .. ARGV[2], '1')
  redis.call('EXPIRE', storyKey, retention)
  redis.call('SET', KEYS[1], best, 'EX', retention)
  for band in string.gmatch(s[4], '%S+') do redis.call('EXPIRE', bandPrefix .. band, retention) end
  outcome = { 1, best, s[1], s[2], copies, bestScore }
else
  local bands = table.concat(ARGV, ' ', 10)
  local copies = '[' .. ARGV[5] .. ']'
  redis.call('HSET', KEYS[2], 'meta', ARGV[3], 'sig', sig, 'copies', copies, 'bands', bands, 'u:' .. ARGV[2], '1')
  redis.call('EXPIRE', KEYS[2], retention)
  redis.call('SET', KEYS[1], ARGV[1], 'EX', retention)
  for i = 10, #ARGV do
    redis.call('SADD', bandPrefix .. ARGV[i], ARGV[1])
    redis.call('EXPIRE', bandPrefix .. ARGV[i], retention)
  end
  outcome = { 0, ARGV[1], ARGV[3], sig, copies, 0 }
end
-- Expired stories leave their ids in band sets; drop them from the bands this article touched.
for _, id in ipairs(stale) do
  for i = 10, #ARGV do redis.call('SREM', bandPrefix .. ARGV[i], id) end
end
return outcome
