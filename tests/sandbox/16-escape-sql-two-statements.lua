-- intent: chèn câu lệnh thứ hai vào ntm.sql
-- expect: script một câu lệnh
-- limits: time=600
ntm.sql("SELECT 1; DELETE FROM unit")
