-- Fixed request rate with plain wrk (wrk2 is not packaged here): every connection waits
-- CONNECTIONS * 1000 / RATE ms after each response before sending its next request, so the whole run
-- sends at most RATE requests per second. Latency is still measured per request, send to response.
local rate = tonumber(os.getenv("RATE") or "1000")
local connections = tonumber(os.getenv("CONNECTIONS") or "10")

function delay()
    return connections * 1000 / rate
end
