package main

import (
	"fmt"
	"io"
	"net/url"
	"strings"
)

// writeLua writes a wrk script that POSTs the benchmark letter (own words
// body) in format to /v1/actions/109-23/letter. mode "same" sends the
// same request every time; "name" gives every request a signer name of its
// own (so nothing keyed by the request can answer it); "words" puts a
// unique Urdu word into the own words (a paragraph the caches have never
// seen). The script counts non-2xx answers and prints latency percentiles.
func writeLua(w io.Writer, mode, format, body string) error {
	var name, words string
	switch mode {
	case "same":
		name, words = lq(benchName), lq(body)
	case "name":
		name, words = lq(benchName+" ")+" .. latin(n)", lq(body)
	case "words":
		if body != benchOwnWords {
			return fmt.Errorf("-lua words needs the one-page letter")
		}
		name, words = lq(benchName), lq(benchWordsHead)+" .. urdu(n) .. "+lq(" "+benchWordsTail)
	default:
		return fmt.Errorf("-lua %q: want same, name or words", mode)
	}
	fixed := url.Values{"lang": {benchLang}, "format": {format}, "gender": {"female"}, "date": {benchDate}}
	letters := make([]string, 0, len(uniqueLetters))
	for _, r := range uniqueLetters {
		letters = append(letters, fmt.Sprintf("%q", url.QueryEscape(string(r))))
	}
	form := "fixed .. \"&name=\" .. " + name + " .. \"&body=\" .. " + words
	req := fmt.Sprintf(dynamicRequest, form)
	if mode == "same" {
		req = fmt.Sprintf(staticRequest, form)
	}
	_, err := fmt.Fprintf(w, luaScript, mode, format, fixed.Encode(), strings.Join(letters, ", "), req)
	return err
}

// staticRequest is the same request every time: without a request()
// function wrk formats it once instead of calling Lua for each request
// (the load generator shares the CPUs with the server).
const staticRequest = `wrk.method = "POST"
wrk.path = "/v1/actions/109-23/letter"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = %s
`

// dynamicRequest makes each request unique; n is unique across threads.
const dynamicRequest = `function request()
  count = count + 1
  local n = count * 64 + id -- id: the thread's number (setup), so unique across threads
  return wrk.format("POST", "/v1/actions/109-23/letter",
    {["Content-Type"] = "application/x-www-form-urlencoded"}, %s)
end
`

// lq is s urlencoded as a Lua string literal.
func lq(s string) string { return fmt.Sprintf("%q", url.QueryEscape(s)) }

const luaScript = `-- Written by bench/ualbench -lua %s -format %s: POSTs the benchmark letter.
local fixed = %q
local urduLetters = {%s}
local threads, nthreads, count = {}, 0, 0

function setup(thread)
  nthreads = nthreads + 1
  thread:set("id", nthreads)
  table.insert(threads, thread)
end

-- urdu spells k in urduLetters, at least four letters (as ualbench's uniqueWord).
function urdu(k)
  local s, i = "", 0
  while i < 4 or k > 0 do
    s = s .. urduLetters[k %% #urduLetters + 1]
    k = math.floor(k / #urduLetters)
    i = i + 1
  end
  return s
end

-- latin spells k in the letters a to z, at least four letters.
function latin(k)
  local s, i = "", 0
  while i < 4 or k > 0 do
    s = s .. string.char(97 + k %% 26)
    k = math.floor(k / 26)
    i = i + 1
  end
  return s
end

%s
-- No response() callback: wrk would copy every document into a Lua
-- string. summary.errors.status counts the answers outside 200 to 399.
function done(summary, latency, requests)
  io.write(string.format("non-2xx %%d\n", summary.errors.status))
  io.write(string.format("latency-ms p50 %%.3f p90 %%.3f p99 %%.3f max %%.3f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("rate %%.1f\n", summary.requests / (summary.duration / 1e6)))
end
`
