-- Round c of the benchmark: an inkeep batch create translated into k0rdent single creates inside
-- nginx (lua-nginx-module + lua-cjson, the OpenResty / Kong way). It does the same work as the
-- gateway's route for this pair, so the two can be compared fairly:
--   read  POST /manage/api/invitations {"emails":[1..50],"organizationId":"acme","role":"admin"}
--   check the body the way inkeep.yaml says (unknown fields, 1..50 emails, email format, role vocabulary)
--   call  POST /v1/regions/global/organizations/{organizationId}/invitations {"email":…,"roles":[role]}
--         once per email, at most 8 at a time (the gateway's default fanOutConcurrency), keep-alive
--   answer 200 {"data":[{"email":…,"status":"success","id":…} | {"email":…,"status":"error","error":…}]}
-- Errors are answered in inkeep's problem+json envelope.
local cjson = require("cjson.safe")

local ngx = ngx
local capture_multi = ngx.location.capture_multi
local HTTP_POST = ngx.HTTP_POST
local encode, decode = cjson.encode, cjson.decode
local type, pairs, tostring = type, pairs, tostring
local find, sub = string.find, string.sub
local min = math.min

local _M = {}

local FAN_OUT = 8
local ROLES = { owner = "owner", admin = "admin", member = "member" }
local FIELDS = { emails = true, organizationId = true, role = true, assignments = true }
local EMAIL = "^[^%s@]+@[^%s@]+%.[^%s@]+$"
local CODES = {
    [400] = "bad_request", [413] = "bad_request", [422] = "unprocessable_entity",
    [500] = "internal_server_error", [502] = "bad_gateway",
}
local TITLES = {
    [400] = "Bad Request", [413] = "Payload Too Large", [422] = "Unprocessable Entity",
    [500] = "Internal Server Error", [502] = "Bad Gateway",
}
local UPSTREAM_PREFIX = "/_k0rdent/v1/regions/global/organizations/"

local function problem(status, detail, request_id)
    local code = CODES[status] or "bad_request"
    ngx.status = status
    ngx.header["Content-Type"] = "application/problem+json"
    ngx.header["X-Request-Id"] = request_id
    ngx.print(encode({
        code = code, detail = detail, status = status, title = TITLES[status],
        instance = ngx.var.uri, requestId = request_id,
        error = { code = code, message = sub(detail, 1, 100) },
    }))
    return ngx.exit(status)
end

-- One k0rdent answer to one inkeep batch item.
local function item(email, res)
    if res.status == 201 then
        local invitation = decode(res.body)
        if type(invitation) == "table" and type(invitation.id) == "string" then
            return { email = email, status = "success", id = invitation.id }
        end
        return { email = email, status = "error", error = "the upstream's answer could not be read" }
    end
    local envelope = decode(res.body or "")
    local message = type(envelope) == "table" and type(envelope.error) == "table" and envelope.error.message
    if type(message) ~= "string" or res.status >= 500 then
        message = "the upstream answered " .. tostring(res.status)
    end
    return { email = email, status = "error", error = message }
end

function _M.create()
    local request_id = ngx.var.bench_request_id
    if ngx.req.get_method() ~= "POST" then
        return problem(400, "expected POST", request_id)
    end
    ngx.req.read_body()
    local raw = ngx.req.get_body_data()
    if not raw then
        return problem(413, "the request body is missing or larger than 1 MiB", request_id)
    end
    local body = decode(raw)
    if type(body) ~= "table" then
        return problem(400, "the request body is not a JSON object", request_id)
    end
    for key in pairs(body) do
        if not FIELDS[key] then
            return problem(422, "unknown field '" .. tostring(key) .. "'", request_id)
        end
    end
    local emails, organization, role = body.emails, body.organizationId, ROLES[body.role]
    local count = type(emails) == "table" and #emails or 0
    if count < 1 or count > 50 then
        return problem(422, "emails: between 1 and 50 addresses are required", request_id)
    end
    for i = 1, count do
        local email = emails[i]
        if type(email) ~= "string" or not find(email, EMAIL) then
            return problem(422, "emails[" .. (i - 1) .. "]: not an email address", request_id)
        end
    end
    if type(organization) ~= "string" or organization == "" then
        return problem(422, "organizationId is required", request_id)
    end
    if not role then
        return problem(422, "role: expected owner, admin or member", request_id)
    end
    if body.assignments ~= nil then
        return problem(422, "assignments cannot be carried to a k0rdent upstream", request_id)
    end

    local uri = UPSTREAM_PREFIX .. ngx.escape_uri(organization) .. "/invitations"
    local roles = { role }
    local data = {}
    local first = 1
    while first <= count do
        local last = min(first + FAN_OUT - 1, count)
        local calls = {}
        for i = first, last do
            calls[i - first + 1] = { uri, { method = HTTP_POST, body = encode({ email = emails[i], roles = roles }) } }
        end
        local answers = { capture_multi(calls) }
        for i = first, last do
            data[i] = item(emails[i], answers[i - first + 1])
        end
        first = last + 1
    end

    ngx.status = 200
    ngx.header["Content-Type"] = "application/json"
    ngx.header["X-Request-Id"] = request_id
    ngx.print(encode({ data = data }))
end

return _M
