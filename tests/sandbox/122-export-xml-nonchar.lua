-- intent: tên chứa U+FFFE và ký tự điều khiển ghi ra .docx/.xlsx: Word và Excel từ chối tệp
-- expect: ok
-- limits: time=600
-- command: report {script} --province 11 --year 2020 -o {out}/r.docx -o {out}/r.xlsx -o {out}/r.html
local bad = "Xã \u{FFFE}\u{FFFF}\1\27[31m đỏ"
local doc = ntm.report.document{title = bad}
doc:paragraph(bad)
doc:table{title = bad, header = {bad}, rows = {{bad}}}
return doc
