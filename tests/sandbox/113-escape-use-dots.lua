-- intent: ntm.use với dấu chấm để nạp script ngoài thư mục lib (checks.tieu-chi-xa → checks/tieu-chi-xa.lua)
-- expect: script không có thư viện
-- limits: time=600
ntm.use("..checks.tieu-chi-xa")
