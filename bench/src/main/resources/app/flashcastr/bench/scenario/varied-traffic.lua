-- The api-varied traffic: every request's arguments drawn here (see VariedTraffic.java). The bench writes before
-- this part: literal (true: arguments in the document; false: one named document, arguments as variables, as
-- Apollo-style clients send), traffic ("flashes", "globalFlash", "globalFlashes", "getLeaderboard" or "mix"),
-- fids and fid_weights (each user's links: busy users open their pages more), flash_starts and flash_counts (runs
-- of consecutive flash ids, every id alike), cities and players (filter values, JSON- and GraphQL-safe), and
-- mix_queries and mix_weights (the load generator's realistic weights).
-- Runs on wrk's LuaJIT (Lua 5.1) and on luaj (Lua 5.2, the bench's check and tests): keep to what both run.

local function sums_of(weights)
  local sums, sum = {}, 0
  for i, weight in ipairs(weights) do
    sum = sum + weight
    sums[i] = sum
  end
  return sums
end

local fid_sums = sums_of(fid_weights)
local flash_sums = sums_of(flash_counts)
local mix_sums = sums_of(mix_weights)

-- An index drawn with probability weight / total: binary search of the running sums.
local function weighted(sums)
  local r = math.random(sums[#sums])
  local lo, hi = 1, #sums
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if sums[mid] >= r then
      hi = mid
    else
      lo = mid + 1
    end
  end
  return lo
end

local function pick(list)
  return list[math.random(#list)]
end

local function fid()
  return fids[weighted(fid_sums)]
end

local function flash_id()
  local run = weighted(flash_sums)
  return flash_starts[run] + math.random(flash_counts[run]) - 1
end

-- s as a JSON string.
local function quoted(s)
  return '"' .. (s:gsub('\\', '\\\\'):gsub('"', '\\"')) .. '"'
end

local function literal_body(document)
  return '{"query":' .. quoted(document) .. '}'
end

local function variables_body(quoted_document, variables)
  return '{"query":' .. quoted_document .. ',"variables":{' .. variables .. '}}'
end

local FLASH_FIELDS = 'id flash_id cast_hash flash { city ipfs_cid timestamp }'
local FLASHES = quoted('query UserFlashes($fid: Int!) { flashes(fid: $fid, limit: 20) { ' .. FLASH_FIELDS .. ' } }')

local function flashes()
  local user = fid()
  if literal then
    return literal_body(string.format('{ flashes(fid: %d, limit: 20) { %s } }', user, FLASH_FIELDS))
  end
  return variables_body(FLASHES, string.format('"fid":%d', user))
end

local ONE_FLASH_FIELDS = 'flash_id city player img ipfs_cid text timestamp flash_count'
local GLOBAL_FLASH = quoted('query OneFlash($id: String!) { globalFlash(flash_id: $id) { ' .. ONE_FLASH_FIELDS .. ' } }')

local function global_flash()
  local id = flash_id()
  if literal then
    return literal_body(string.format('{ globalFlash(flash_id: "%d") { %s } }', id, ONE_FLASH_FIELDS))
  end
  return variables_body(GLOBAL_FLASH, string.format('"id":"%d"', id))
end

local PAGE_FIELDS = 'flash_id city player img ipfs_cid timestamp'
local GLOBAL_FLASHES = quoted('query FlashPage($page: Int, $city: String, $player: String) '
  .. '{ globalFlashes(page: $page, limit: 20, city: $city, player: $player) { ' .. PAGE_FIELDS .. ' } }')

-- 60 % a page of 1-50 of everyone's flashes, 20 % a city's (pages 1-2), 20 % a player's first page.
local function global_flashes()
  local draw = math.random(100)
  local page, filter, name = math.random(50), nil, nil
  if draw > 80 then
    page, filter, name = 1, 'player', pick(players)
  elseif draw > 60 then
    page, filter, name = math.random(2), 'city', pick(cities)
  end
  if literal then
    local argument = filter and string.format(', %s: "%s"', filter, name) or ''
    return literal_body(string.format('{ globalFlashes(page: %d, limit: 20%s) { %s } }', page, argument, PAGE_FIELDS))
  end
  local variable = filter and string.format(',"%s":"%s"', filter, name) or ''
  return variables_body(GLOBAL_FLASHES, string.format('"page":%d%s', page, variable))
end

local LEADERBOARD = quoted('query Leaderboard($limit: Int) '
  .. '{ getLeaderboard(limit: $limit) { username flash_count city_count } }')

-- limit 10, 20, ... 100 unless given.
local function leaderboard(limit)
  limit = limit or 10 * math.random(10)
  if literal then
    return literal_body(string.format('{ getLeaderboard(limit: %d) { username flash_count city_count } }', limit))
  end
  return variables_body(LEADERBOARD, string.format('"limit":%d', limit))
end

local TRENDING = quoted('query TrendingCities($excludeParis: Boolean, $hours: Int) '
  .. '{ getTrendingCities(excludeParis: $excludeParis, hours: $hours) { city count } }')
local TRENDING_HOURS = { 1, 6, 24 }

local function trending_cities()
  local exclude = (math.random(2) == 1) and 'true' or 'false'
  local hours = pick(TRENDING_HOURS)
  if literal then
    return literal_body(string.format('{ getTrendingCities(excludeParis: %s, hours: %d) { city count } }', exclude,
      hours))
  end
  return variables_body(TRENDING, string.format('"excludeParis":%s,"hours":%d', exclude, hours))
end

local UNIFIED_FIELDS = 'flash_id city player farcaster_user { username }'
local UNIFIED = quoted('query UnifiedFlashes($page: Int) { unifiedFlashes(page: $page, limit: 20) { '
  .. UNIFIED_FIELDS .. ' } }')

local function unified_flashes()
  local page = math.random(50)
  if literal then
    return literal_body(string.format('{ unifiedFlashes(page: %d, limit: 20) { %s } }', page, UNIFIED_FIELDS))
  end
  return variables_body(UNIFIED, string.format('"page":%d', page))
end

local SUMMARY = quoted('query FlashesSummary($fid: Int!) { flashesSummary(fid: $fid) { flashCount cities } }')

local function flashes_summary()
  local user = fid()
  if literal then
    return literal_body(string.format('{ flashesSummary(fid: %d) { flashCount cities } }', user))
  end
  return variables_body(SUMMARY, string.format('"fid":%d', user))
end

local PROGRESS = quoted('query Progress($fid: Int!, $days: Int!) { progress(fid: $fid, days: $days) { date count } }')
local PROGRESS_DAYS = { 7, 30 }

local function progress()
  local user, days = fid(), pick(PROGRESS_DAYS)
  if literal then
    return literal_body(string.format('{ progress(fid: %d, days: %d) { date count } }', user, days))
  end
  return variables_body(PROGRESS, string.format('"fid":%d,"days":%d', user, days))
end

local USERS = quoted('query Users { users { fid username } }')

local function users()
  if literal then
    return literal_body('{ users { fid username } }')
  end
  return variables_body(USERS, '')
end

local ALL_CITIES = quoted('query AllCities { getAllCities }')

local function all_cities()
  if literal then
    return literal_body('{ getAllCities }')
  end
  return variables_body(ALL_CITIES, '')
end

local single = {
  flashes = flashes,
  globalFlash = global_flash,
  globalFlashes = global_flashes,
  getLeaderboard = function() return leaderboard() end
}

local mix = {
  globalFlashes = global_flashes,
  flashes = flashes,
  globalFlash = global_flash,
  getLeaderboard = function() return leaderboard(100) end,
  getTrendingCities = trending_cities,
  unifiedFlashes = unified_flashes,
  flashesSummary = flashes_summary,
  progress = progress,
  users = users,
  getAllCities = all_cities
}

for _, query in ipairs(mix_queries) do
  assert(mix[query], 'no body for the mix query ' .. query)
end

local draw
if traffic == 'mix' then
  draw = function() return mix[mix_queries[weighted(mix_sums)]]() end
else
  draw = single[traffic]
end
assert(draw, 'unknown traffic ' .. tostring(traffic))

function request()
  return wrk.format(nil, nil, nil, draw())
end
