--[[
  R_fan: updates many customers in one call, each a score field and a capped feed entry, the least a
  fan-out must write per customer. Called with up to 1,000 customers per call. Reference only: its keys
  span customers, so it is not Redis-Cluster-safe, which is why Trustwatch itself does not do this.

  KEYS[1..n]     score hash of each customer
  KEYS[n+1..2n]  feed list of each customer (same order)
  ARGV[1]        score to store
  ARGV[2]        feed entry to push
  ARGV[3]        feed cap (entries kept)

  Returns the number of customers updated. No negative codes.
]]
local n = #KEYS / 2
for i = 1, n do
  redis.call('HSET', KEYS[i], 'score', ARGV[1])
  redis.call('LPUSH', KEYS[n + i], ARGV[2])
  redis.call('LTRIM', KEYS[n + i], 0, tonumber(ARGV[3]) - 1)
end
return n
