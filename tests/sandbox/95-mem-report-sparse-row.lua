-- intent: một dòng bảng chỉ có ô thứ 10^9: trước đây sinh một tỷ ô trống trong C++
-- expect: script quá giới hạn 16384 cột
-- limits: time=600
-- command: report {script} --province 11 --year 2020 -o {out}/r.md
local doc = ntm.report.document{title = "x"}
doc:table{rows = {{[1000000000] = "x"}}}
return doc
