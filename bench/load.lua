-- wrk script for bench/load.sh: every request POSTs the urlencoded form of
-- the Urdu PDF letter of UA 109/23, and the non-2xx answers are counted.
wrk.method = "POST"
wrk.path = "/v1/actions/109-23/letter"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/pdf"
wrk.body = "lang=ur&format=pdf&name=Amina%20Rahimi&city=Lahore&gender=female&date=2023-11-20"
  .. "&address=House%2012%2C%20Street%205&address=Gulberg%20III&postcode=54660&country=Pakistan"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  bytes_min = nil
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("bad")
  end
  io.write(string.format("non-2xx answers: %d\n", total))
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
