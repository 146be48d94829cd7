-- intent: đọc trang thô của tệp qua bảng ảo sqlite_dbpage
-- expect: script
-- limits: time=600
ntm.sql("SELECT data FROM sqlite_dbpage LIMIT 1")
