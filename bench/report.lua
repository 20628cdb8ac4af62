-- wrk script of the load benchmark (bench/run.py): rotates through the paths of one page and
-- prints the results as one JSON line that starts with "BENCH ".
--
--   wrk -t1 -c8 -d8s --latency -s bench/report.lua http://127.0.0.1:8765 -- PATHS_FILE
--
-- PATHS_FILE holds one path a line (a search mix has several, a page one). Every answer that is
-- not 2xx counts as a status error, redirects included: a redirect (to the login or the TOTP
-- set-up) means the page itself was not measured. wrk alone counts only 4xx and 5xx.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   prepared = {}
   for line in io.lines(args[1]) do
      if line ~= "" then
         -- wrk.format adds the Host header and the -H headers (the session cookie).
         table.insert(prepared, wrk.format("GET", line))
      end
   end
   next_index = 0
   not_2xx = 0
   first_bad_status = 0
end

function request()
   next_index = next_index % #prepared + 1
   return prepared[next_index]
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      not_2xx = not_2xx + 1
      if first_bad_status == 0 then
         first_bad_status = status
      end
   end
end

function done(summary, latency, requests)
   local bad, first = 0, 0
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("not_2xx")
      if first == 0 then
         first = thread:get("first_bad_status")
      end
   end
   local errors = summary.errors
   local ms = function(p) return latency:percentile(p) / 1000.0 end
   io.write(string.format(
      'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, '
         .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
         .. '"first_bad_status": %d, '
         .. '"latency_ms": {"p50": %.3f, "p95": %.3f, "p99": %.3f, "mean": %.3f, "max": %.3f}}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, bad, errors.timeout,
      first,
      ms(50), ms(95), ms(99), latency.mean / 1000.0, latency.max / 1000.0
   ))
end
