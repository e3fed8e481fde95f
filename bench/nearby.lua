-- wrk script of bench/load-bench.sh: cycles through request paths read from a file (one per line), each wrk
-- thread starting at its own offset, and prints the result as one "RESULT key=value ..." line (the same keys as
-- the JVM LoadGenerator). Usage: wrk -t2 -c8 -d60s --latency -s bench/nearby.lua http://host:port -- paths.txt
local paths = {} -- the formatted requests
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = wrk.format("GET", line) -- formatted once here, not per request
    end
  end
  if #paths == 0 then
    error("no request paths in " .. tostring(args[1]))
  end
  counter = ((thread_number or 0) * 7919) % #paths
end

function request()
  counter = counter % #paths + 1
  return paths[counter]
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors_status=%d errors_socket=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
