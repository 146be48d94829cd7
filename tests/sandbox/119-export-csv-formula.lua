-- intent: ô bảng bắt đầu bằng = + - @ ghi ra CSV: Excel sẽ chạy như công thức
-- expect: ok
-- limits: time=600
-- command: report {script} --province 11 --year 2020 -o {out}/r.csv
local doc = ntm.report.document{title = "x"}
doc:table{header = {"a", "b", "c", "d"},
          rows = {{"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"}, {"-12", "\tx", "ok", 5}}}
return doc
