-- wrk script: each connection plays one run the page's way, through a balancer. Used by cluster.sh.
--
-- Run wrk with as many threads as connections (-t N -c N): a thread then has one connection, so its requests and
-- responses alternate and it can follow its run. Each request is the page's htmx step: POST /lab/step with the run
-- id and permalink state the last answer gave (its out-of-band #runref), count=1, HX-Request, and the header the
-- page's hx-headers add (X-LogitLab-Run: the id the page was opened with), by which nginx keeps the run on one
-- instance. When an instance goes, the next one rebuilds the run from the state and answers with a new id.
--
-- Environment:
--   LOAD_RUNS     a file with one line per thread: "<run id> <state as in the page's HTML>" (from GET /)
--   LOAD_THREADS  the -t given to wrk
--   LOAD_OUT      a directory: each thread writes thread-<i>.tsv, one line per answer:
--                 "<end time, ms since the epoch> <latency ms> <status> <1 if it showed the expected step, else 0>"
--
-- done() prints "RESULT key=value ..." with wrk's own counts; cluster.sh computes the percentiles from the files.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } logitlab_timespec;
  int clock_gettime(int clock, logitlab_timespec *ts);
]]
local timespec = ffi.new("logitlab_timespec")
local function now_ms()
   ffi.C.clock_gettime(0, timespec) -- CLOCK_REALTIME, to line answers up with the moment an instance was killed
   return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local function unescape(html)
   return (html:gsub("&quot;", '"'):gsub("&#39;", "'"):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&amp;", "&"))
end

local function urlencode(text)
   return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- ---------------------------------------------------------------- setup: one run per thread
local lines = nil
local dealt = 0
local threads = {}

function setup(thread)
   if lines == nil then
      lines = {}
      for line in io.lines(os.getenv("LOAD_RUNS")) do
         if line ~= "" then lines[#lines + 1] = line end
      end
   end
   dealt = dealt + 1
   threads[dealt] = thread
   assert(lines[dealt], "fewer runs in LOAD_RUNS than threads")
   thread:set("line", lines[dealt])
   thread:set("index", dealt)
end

-- ---------------------------------------------------------------- per thread
local run, state, affinity, out, sent_at
local step = 0
answers, wrong = 0, 0

function init(args)
   run, state = line:match("^(%S+) (.*)$")
   state = unescape(state)
   affinity = run
   out = assert(io.open(os.getenv("LOAD_OUT") .. "/thread-" .. index .. ".tsv", "w"))
end

function request()
   sent_at = now_ms()
   return wrk.format("POST", "/lab/step", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["HX-Request"] = "true",
      ["X-LogitLab-Run"] = affinity,
   }, "run=" .. run .. "&state=" .. urlencode(state) .. "&count=1")
end

function response(status, headers, body)
   local t = now_ms()
   local ok = 0
   answers = answers + 1
   if status == 200 then
      local shown = tonumber(body:match('data%-step="(%d+)"') or "-1")
      local next_run = body:match('name="run" value="([^"]*)"')
      local next_state = body:match('name="state" value="([^"]*)"')
      if shown == step + 1 and next_run and next_state then
         ok = 1
         step = shown
         run = next_run
         state = unescape(next_state)
      end
   end
   if ok == 0 then wrong = wrong + 1 end
   out:write(string.format("%.3f %.3f %d %d\n", t, t - sent_at, status, ok))
   out:flush()
end

function done(summary, latency, requests)
   local n, w = 0, 0
   for _, t in ipairs(threads) do
      n = n + (t:get("answers") or 0)
      w = w + (t:get("wrong") or 0)
   end
   local e = summary.errors
   io.write(string.format("RESULT requests=%d answers=%d wrong=%d connect=%d read=%d write=%d timeout=%d status=%d\n",
      summary.requests, n, w, e.connect, e.read, e.write, e.timeout, e.status))
end
