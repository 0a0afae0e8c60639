-- Shared by the wrk scripts of bench/ (loaded with dofile): each wrk thread draws from a fixed
-- seed (20240613 + thread number) into a ring of pre-formatted requests, so the client spends its
-- time on the network, not in Lua; done() prints one machine-readable line:
-- "RESULT rps=… p50_us=… p99_us=… requests=… non2xx=… errors=…".
--
-- A script sets its init(args) to call common.seed() and fill common.ring; request() and done()
-- come from here.
local common = {ring = {}}

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

function common.seed()
  math.randomseed(20240613 + (thread_number or 0))
end

local next_index = 0
local size = 0  -- the ring's length, taken once it is filled
function request()
  if size == 0 then size = #common.ring end
  next_index = next_index % size + 1
  return common.ring[next_index]
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end

return common
