-- intent: SQL tạo blob 1 GB
-- expect: script
ntm.sql('SELECT randomblob(1000000000)')
