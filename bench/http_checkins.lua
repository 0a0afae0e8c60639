-- wrk script of bench/http_checkins.sh: POST /api/v1/stations/{code}/checkins without a device id,
-- to random open stations of the national registry, with a random worker category.
--
--   YZ_CODES=FILE (one open station code a line)  wrk -s bench/http_checkins.lua …
--
-- Each wrk thread draws from a fixed seed (20240613 + thread number) into a ring of pre-formatted
-- requests. done() prints "RESULT rps=… p50_us=… p99_us=… requests=… non2xx=… errors=…"; every
-- answer should be 201, so non2xx must be 0.

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

local ring = {}
local ring_size = 4096
local next_index = 0
local categories = {"sanitation", "landscaping", "courier", "delivery", "driver", "traffic_police",
                    "construction", "domestic", "other"}

function init(args)
  math.randomseed(20240613 + (thread_number or 0))
  local codes = {}
  local path = assert(os.getenv("YZ_CODES"), "YZ_CODES is not set")
  for line in io.lines(path) do
    if #line > 0 then table.insert(codes, line) end
  end
  local headers = {["Content-Type"] = "application/json"}
  for i = 1, ring_size do
    local code = codes[math.random(#codes)]
    local body = string.format('{"worker_category":"%s"}', categories[math.random(#categories)])
    ring[i] = wrk.format("POST", "/api/v1/stations/" .. code .. "/checkins", headers, body)
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
