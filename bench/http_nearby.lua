-- wrk script of bench/http_nearby.sh: GET /api/v1/stations/nearby at random points near the
-- cities of tools/gen_national_stations.cpp, or GET /healthz, with the same client-side work.
--
--   YZ_TARGET=nearby|healthz  YZ_CITIES=FILE (lines "lng lat weight")  wrk -s bench/http_nearby.lua …
--
-- Seeds, the request ring and the RESULT line: bench/wrk_common.lua.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk_common.lua")

local ring_size = 4096

local function read_cities(path)
  local cities, total = {}, 0
  for line in io.lines(path) do
    local lng, lat, weight = line:match("^(%S+)%s+(%S+)%s+(%S+)$")
    if lng then
      total = total + tonumber(weight)
      table.insert(cities, {lng = tonumber(lng), lat = tonumber(lat), cumulative = total})
    end
  end
  return cities, total
end

-- A standard normal deviate (Box–Muller).
local function normal()
  local u1, u2 = math.random(), math.random()
  if u1 < 1e-12 then u1 = 1e-12 end
  return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
end

function init(args)
  common.seed()
  local target = os.getenv("YZ_TARGET") or "nearby"
  if target == "healthz" then
    common.ring[1] = wrk.format("GET", "/healthz")
    return
  end
  local cities, total = read_cities(assert(os.getenv("YZ_CITIES"), "YZ_CITIES is not set"))
  for i = 1, ring_size do
    local pick = math.random() * total
    local city = cities[#cities]
    for _, c in ipairs(cities) do
      if pick < c.cumulative then city = c break end
    end
    -- Within about 10 km of the centre (sigma 8 km), where the generator puts most stations.
    local north_m, east_m = normal() * 8000, normal() * 8000
    local lat = city.lat + north_m / 111320
    local lng = city.lng + east_m / (111320 * math.cos(math.rad(city.lat)))
    common.ring[i] = wrk.format("GET", string.format("/api/v1/stations/nearby?lat=%.6f&lng=%.6f", lat, lng))
  end
end
