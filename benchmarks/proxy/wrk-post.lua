-- wrk script: POST the JSON body in the file named by $BENCH_BODY, with a bearer token (the gateway
-- passes credentials through). Only globals are set, so wrk builds the request once (its fast path).
local file = assert(io.open(assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set"), "rb"))
local body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-token"
