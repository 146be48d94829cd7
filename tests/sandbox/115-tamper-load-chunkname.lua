-- intent: tên đoạn mã của load giả làm tệp đã cài (thông báo lỗi trỏ vào scripts/checks)
-- expect: script (load) scripts/checks/tieu-chi-xa.lua
-- limits: time=600
load("error('giả')", "@scripts/checks/tieu-chi-xa.lua")()
