-- wrk script of bench/http_nearby.sh: GET /api/v1/stations/nearby at random points near the
-- cities of tools/gen_national_stations.cpp, or GET /healthz, with the same client-side work.
--
--   YZ_TARGET=nearby|healthz  YZ_CITIES=FILE (lines "lng lat weight")  wrk -s bench/http_nearby.lua …
--
-- Each wrk thread draws its points from a fixed seed (20240613 + thread number) into a ring of
-- pre-formatted requests, so the client spends its time on the network, not in Lua. done() prints
-- one machine-readable line: "RESULT rps=… p50_us=… p99_us=… requests=… non2xx=… errors=…".

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

local ring = {}
local ring_size = 4096
local next_index = 0

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
  math.randomseed(20240613 + (thread_number or 0))
  local target = os.getenv("YZ_TARGET") or "nearby"
  if target == "healthz" then
    ring_size = 1
    ring[1] = wrk.format("GET", "/healthz")
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
    ring[i] = wrk.format("GET", string.format("/api/v1/stations/nearby?lat=%.6f&lng=%.6f", lat, lng))
  end
end

function request()
  next_index = next_index % ring_size + 1
  return ring[next_index]
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
