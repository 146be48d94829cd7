-- intent: mẫu báo cáo có 20 000 bảng, ghi ra CSV: mỗi bảng một tệp
-- expect: script quá giới hạn 200 tệp
-- command: report {script} --province 11 --year 2020 -o {out}/r.csv
-- limits: time=600
local doc = ntm.report.document{title = "x"}
for i = 1, 20000 do doc:table{header = {"a"}, rows = {{i}}} end
return doc
