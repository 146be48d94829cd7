-- intent: các hàm SQL thông thường vẫn dùng được (json, ngày tháng, cửa sổ, LIKE, instr, trim)
-- expect: ok
-- limits: time=600
local r = ntm.sql([[SELECT json_extract('{"a": 2}', '$.a') AS j, date('2020-12-31', '+1 day') AS d,
                           instr('abcabc', 'ca') AS i, 'Nậm Pồ' LIKE 'nậm%' AS l, 'abc' GLOB 'a*' AS g,
                           trim('xxhixx', 'x') AS t, replace('a-b-c', '-', '+') AS rp]])[1]
assert(r.j == 2 and r.d == "2021-01-01" and r.i == 3 and r.l == 1 and r.g == 1 and r.t == "hi" and r.rp == "a+b+c")
local w = ntm.sql("SELECT code, row_number() OVER (ORDER BY code) AS n FROM unit_version WHERE parent_code = '103' LIMIT 2")
assert(#w == 2 and w[2].n == 2)
local e = ntm.sql("SELECT value FROM json_each('[1, 2, 3]')")
assert(#e == 3)
print("ok")
