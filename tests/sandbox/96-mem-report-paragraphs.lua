-- intent: tài liệu báo cáo với hàng nghìn đoạn văn 1 MB: bản sao trong chương trình
-- expect: limit bộ nhớ
-- limits: time=600
-- command: report {script} --province 11 --year 2020 -o {out}/r.md
local doc = ntm.report.document{title = "x"}
local text = ("đoạn văn "):rep(100000)
for i = 1, 100000 do doc:paragraph(text .. i) end
return doc
