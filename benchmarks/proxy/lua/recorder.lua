-- Correctness checks only (never measured): answer like the static upstream and write each request
-- received as one JSON line, prefixed "RECORDED ", to the error log, where run.sh reads it.
local cjson = require("cjson.safe")

local _M = {}

function _M.answer(status, body)
    ngx.req.read_body()
    ngx.log(ngx.WARN, "RECORDED ", cjson.encode({
        method = ngx.req.get_method(),
        uri = ngx.var.request_uri,
        headers = ngx.req.get_headers(),
        body = ngx.req.get_body_data() or "",
    }))
    ngx.status = status
    ngx.header["Content-Type"] = "application/json"
    ngx.print(body)
end

return _M
