-- wrk script for bench/admission.sh: the costliest fax batch the default
-- limits accept. Own words of 426 one-letter lines fill exactly the
-- 10-page cap in English; /faxes renders cover + 10 pages for each of the
-- three recipients with a fax number as TIFF (G4, fine): 33 fax pages.
wrk.method = "POST"
wrk.path = "/v1/actions/109-23/faxes"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "lang=en&format=tiff&name=Mallory%20Attacker&date=2023-11-20&body="
  .. string.rep("a%0A", 425) .. "a"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, overloaded, other = 0, 0, 0
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 503 then
    overloaded = overloaded + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, r, x = 0, 0, 0
  for _, t in ipairs(threads) do
    o, r, x = o + t:get("ok"), r + t:get("overloaded"), x + t:get("other")
  end
  io.write(string.format("batches: %d ok, %d 503, %d other; p50 %.1f ms, p99 %.1f ms\n",
    o, r, x, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
