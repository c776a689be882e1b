-- wrk script for LogitLab step load: one POST per request, each against a run id taken from a file.
--
-- Environment (read in the setup/done state and in each thread):
--   LOAD_MODE  json  -> POST /api/runs/{id}/step, Content-Type application/json, body {"count":1}
--              htmx  -> POST /lab/step, HX-Request: true, form body run={id}&count=1 (the page's real request)
--   LOAD_IDS   path of a file with one run id per line
--   LOAD_THREADS  the -t given to wrk (setup() deals the ids out over this many threads)
--   LOAD_GZIP  1 -> send Accept-Encoding: gzip, as browsers do (the server then gzips each answer)
--
-- Run-id assignment: wrk's Lua API has no handle on the connection that a request() call is for, so
-- "one run per connection" cannot be pinned directly. Instead the ids are dealt out to the threads in
-- setup() (id i goes to thread i mod threads, so threads never share a run), and each thread cycles
-- through its own ids round-robin in request(). With as many ids per thread as connections per thread,
-- each connection in practice steps a run nobody else is stepping at that moment; a clash (two requests of
-- one run in flight at once, serialized by the run's lock) needs one request to be outstanding while all
-- the thread's other connections complete a full cycle, which is rare. With a single id in the file, every
-- connection of every thread hammers that one run: the serialized case.
--
-- response() checks every answer: a status outside 2xx, or a body without the expected marker, counts as
-- an error (wrk itself only counts statuses > 399 and socket errors). done() prints one machine-readable
-- line "RESULT key=value ..." that run.sh parses.

local mode = os.getenv("LOAD_MODE") or "htmx"
local gzip = os.getenv("LOAD_GZIP") == "1"
local ids_path = os.getenv("LOAD_IDS")

-- ---------------------------------------------------------------- setup / done state
local threads = {}
local thread_count = 0

local function read_ids(path)
   local ids = {}
   local f = assert(io.open(path, "r"), "cannot open LOAD_IDS file " .. tostring(path))
   for line in f:lines() do
      line = line:gsub("%s+", "")
      if line ~= "" then ids[#ids + 1] = line end
   end
   f:close()
   assert(#ids > 0, "no run ids in " .. path)
   return ids
end

local all_ids = nil

function setup(thread)
   if all_ids == nil then all_ids = read_ids(ids_path) end
   local n = tonumber(os.getenv("LOAD_THREADS") or "1")
   thread_count = thread_count + 1
   threads[thread_count] = thread
   local mine = {}
   if #all_ids == 1 then
      mine = all_ids                  -- one run shared by every connection of every thread
   else
      for i, id in ipairs(all_ids) do
         if (i - 1) % n == (thread_count - 1) % n then mine[#mine + 1] = id end
      end
   end
   assert(#mine > 0, "thread " .. thread_count .. " got no run ids (fewer ids than threads?)")
   thread:set("my_ids", mine)
end

-- ---------------------------------------------------------------- per-thread state
local requests = {}
local next_request = 1
non2xx = 0
bad_body = 0
responses = 0

local marker = (mode == "json") and '"step":' or 'id="metrics"'

function init(args)
   for i, id in ipairs(my_ids) do
      local headers
      if mode == "json" then
         headers = { ["Content-Type"] = "application/json" }
      else
         headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["HX-Request"] = "true" }
      end
      if gzip then headers["Accept-Encoding"] = "gzip" end
      if mode == "json" then
         requests[i] = wrk.format("POST", "/api/runs/" .. id .. "/step", headers, '{"count":1}')
      else
         requests[i] = wrk.format("POST", "/lab/step", headers, "run=" .. id .. "&count=1")
      end
   end
end

function request()
   local r = requests[next_request]
   next_request = next_request + 1
   if next_request > #requests then next_request = 1 end
   return r
end

function response(status, headers, body)
   responses = responses + 1
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   elseif not gzip and (body == nil or not string.find(body, marker, 1, true)) then
      bad_body = bad_body + 1
   end
end

-- ---------------------------------------------------------------- report
function done(summary, latency, requests_stats)
   local n2, bb, seen = 0, 0, 0
   for _, t in ipairs(threads) do
      n2 = n2 + (t:get("non2xx") or 0)
      bb = bb + (t:get("bad_body") or 0)
      seen = seen + (t:get("responses") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT mode=%s requests=%d duration_us=%d rps=%.1f bytes=%d p50_us=%d p90_us=%d p95_us=%d p99_us=%d max_us=%d mean_us=%.0f " ..
      "non2xx=%d bad_body=%d checked=%d connect=%d read=%d write=%d timeout=%d status_gt399=%d\n",
      mode, summary.requests, summary.duration, summary.requests / (summary.duration / 1e6), summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
      n2, bb, seen, e.connect, e.read, e.write, e.timeout, e.status))
end
