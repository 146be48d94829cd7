-- intent: mẫu báo cáo có tiêu đề 2 000 000 cột
-- expect: script 16384
-- command: report {script} --province 11 --year 2020 -o {out}/r.xlsx
-- limits: time=600
local doc = ntm.report.document{title = "x"}
local header = {}
for i = 1, 2000000 do header[i] = "c" end
doc:table{header = header, rows = {}}
return doc
