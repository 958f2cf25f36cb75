-- Realistic, valid, varied segment bodies for the load scripts (seed.lua, patch.lua).
-- A body is built from a pool at init so that each request only joins a few strings.
local M = {}

local function pick(list)
  return list[math.random(#list)]
end

local function str(s)
  return '"' .. s .. '"'
end

local function int(n)
  return string.format("%.0f", n)
end

-- Field -> function returning relation and value (JSON text). Every value is valid for its
-- relation, so a body never draws a 400; each group uses a field once, so no warning either.
local conditions = {
  country = function()
    return pick({ "==", "==", "EQUALS", "!=" }),
      str(pick({ "PL", "DE", "FR", "US", "GB", "ES", "IT", "NL", "SE", "BR", "IN", "JP", "UK" }))
  end,
  language = function()
    return pick({ "==", "EQ" }), str(pick({ "eng", "pol", "deu", "fra", "spa", "ita" }))
  end,
  timezone = function()
    return "==", str(pick({ "Europe/Warsaw", "Europe/Berlin", "America/New_York", "Asia/Tokyo" }))
  end,
  type = function()
    return pick({ "==", "!=" }), str(pick({ "phone", "tablet", "smartwatch", "desktop" }))
  end,
  lastSession = function()
    return pick({ ">=", ">", "GTE" }), int(1771000000000 + math.random(0, 900000000))
  end,
  firstSession = function()
    return pick({ "<=", "<", "LESS_THAN" }), int(1700000000000 + math.random(0, 70000000000))
  end,
  appVersionCode = function()
    return pick({ ">", ">=", "GREATER_THAN" }), int(math.random(1, 5000))
  end,
  sessionCount = function()
    return pick({ ">=", "<", "==" }), int(math.random(0, 500))
  end,
  tags = function()
    return pick({ "contains", "==", "!=" }), str(pick({ "premium", "beta", "churn-risk", "vip", "trial" }))
  end,
  deviceManufacturer = function()
    return pick({ "starts_with", "STARTS_WITH", "==" }), str(pick({ "Sams", "Xiaomi", "Goog", "Apple", "OnePlus" }))
  end,
  deviceModel = function()
    return pick({ "contains", "ends_with" }), str(pick({ "Note", "Pro", "Galaxy S23", "Pixel 8", "Ultra" }))
  end,
  osVersion = function()
    return pick({ "==", "starts_with" }), str(pick({ "13", "14", "15", "17.2" }))
  end,
  appVersion = function()
    return "starts_with", str(pick({ "5.", "6.1", "7.0.3" }))
  end,
  email = function()
    return "ends_with", str(pick({ "@example.com", "@example.org" }))
  end,
  pushToken = function()
    return "exists", pick({ "true", "false" })
  end,
}

-- The fields a group draws from; the first three of each list are the typical ones.
local andFields = { "country", "type", "lastSession", "language", "timezone", "firstSession", "osVersion", "pushToken" }
local orFields = { "appVersionCode", "tags", "deviceManufacturer", "sessionCount", "deviceModel", "appVersion", "email" }

local function condition(field)
  local relation, value = conditions[field]()
  -- Clients send keys in any order; the seed's own example puts value before relation.
  if math.random(4) == 1 then
    return '{"field":' .. str(field) .. ',"value":' .. value .. ',"relation":' .. str(relation) .. '}'
  end
  return '{"field":' .. str(field) .. ',"relation":' .. str(relation) .. ',"value":' .. value .. '}'
end

local function distinct(fields, n)
  local chosen, seen = {}, {}
  -- Mostly the typical three, sometimes others, so that the stored rows differ in shape.
  if math.random(2) == 1 then
    for i = 1, n do
      chosen[i] = fields[i]
    end
    return chosen
  end
  while #chosen < n do
    local f = pick(fields)
    if not seen[f] then
      seen[f] = true
      chosen[#chosen + 1] = f
    end
  end
  return chosen
end

local function group(kind, fields)
  local parts = {}
  for i, f in ipairs(distinct(fields, 3)) do
    parts[i] = condition(f)
  end
  return '{"type":"' .. kind .. '","constraints":[' .. table.concat(parts, ",") .. "]}"
end

local words = { "Android", "iOS", "phones", "tablets", "active", "returning", "premium", "users",
  "in", "Poland", "Germany", "Europe", "new", "loyal", "beta", "testers", "campaign", "spring" }

local function name(n)
  local w = {}
  for i = 1, math.random(3, 6) do
    w[i] = pick(words)
  end
  return table.concat(w, " ") .. " " .. n
end

-- The part of a body after the id: name, sometimes a description, and two groups.
function M.rest(n)
  local parts = { '"name":' .. str(name(n)) }
  if math.random(4) == 1 then
    parts[#parts + 1] = '"description":' .. str("Load-test segment " .. n .. ", updated by the bench harness")
  end
  parts[#parts + 1] = '"constraints":[' .. group("AND", andFields) .. "," .. group(pick({ "OR", "AND" }), orFields) .. "]"
  return table.concat(parts, ",")
end

-- Seeded ids are dense so that pgbench can address the same rows: seg_b<tag><8 digits>.
function M.id(tag, n)
  return string.format("seg_b%s%08d", tag, n)
end

-- A pool of body tails, built once per wrk thread.
function M.pool(size, from)
  local pool = {}
  for i = 1, size do
    pool[i] = M.rest(from + i)
  end
  return pool
end

return M
