-- Rà soát tiêu chí xã nông thôn mới: số xã đạt từng tiêu chí, nhóm xã theo số tiêu chí đạt,
-- bình quân tiêu chí/xã, theo tỉnh và theo huyện; ngưỡng lấy từ dữ liệu bộ tiêu chí theo vùng và năm.
-- Đổi ngưỡng trong dữ liệu (bảng threshold, hoặc ngưỡng riêng của tỉnh) là kết quả đổi theo, không cần sửa script.
local p = ntm.params{
  province = { type = "string", required = true, help = "Tỉnh (tên hoặc mã, không cần dấu)" },
  year     = { type = "integer", required = true, help = "Năm rà soát" },
  tag      = { type = "string", help = "Chỉ các xã thuộc nhóm này, ví dụ \"Đề án 29 xã biên giới\"" },
  district = { type = "string", help = "Chỉ một huyện" },
  set      = { type = "string", help = "Bộ tiêu chí (mặc định theo năm: 1980-xa cho 2016-2020, 318-xa cho 2021-2025)" },
}

local review = ntm.use("review")
return review.run(p)
