-- wrk script for tests/bench/http.sh: POST /payments with an Idempotency-Key.
--   wrk ... -s http-payments.lua URL -- new TAG      a new key every request: each one is a
--                                                    payment (claim, ledger row, consume)
--   wrk ... -s http-payments.lua URL -- replay TAG   keys TAG-0 .. TAG-99 over and over: after
--                                                    each key's first request, duplicates
-- (TAG keeps the keys of two runs apart.)
local body = '{"from":"A","to":"B","amount":10}'
local threads = 0
local mode, tag, counter = "new", "", 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  mode = args[1] or "new"
  tag = (args[2] or tostring(os.time())) .. "-"
  if mode == "new" then
    tag = tag .. id .. "-"
  else
    counter = id * 37 -- threads start on different keys
  end
end

function request()
  counter = counter + 1
  local key = mode == "new" and tag .. counter or tag .. (counter % 100)
  return wrk.format("POST", "/payments",
    { ["Idempotency-Key"] = key, ["Content-Type"] = "application/json" }, body)
end
