-- intent: SQL tạo blob 1 GB
-- expect: script
-- limits: time=600
ntm.sql('SELECT randomblob(1000000000)')
