-- wrk script of bench/http_checkins.sh: POST /api/v1/stations/{code}/checkins without a device id,
-- to random open stations of the national registry, with a random worker category.
--
--   YZ_CODES=FILE (one open station code a line)  wrk -s bench/http_checkins.lua …
--
-- Seeds, the request ring and the RESULT line: bench/wrk_common.lua. Every answer should be 201,
-- so non2xx must be 0.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk_common.lua")

local ring_size = 4096
local categories = {"sanitation", "landscaping", "courier", "delivery", "driver", "traffic_police",
                    "construction", "domestic", "other"}

function init(args)
  common.seed()
  local codes = {}
  local path = assert(os.getenv("YZ_CODES"), "YZ_CODES is not set")
  for line in io.lines(path) do
    if #line > 0 then table.insert(codes, line) end
  end
  local headers = {["Content-Type"] = "application/json"}
  for i = 1, ring_size do
    local code = codes[math.random(#codes)]
    local body = string.format('{"worker_category":"%s"}', categories[math.random(#categories)])
    common.ring[i] = wrk.format("POST", "/api/v1/stations/" .. code .. "/checkins", headers, body)
  end
end
