-- {{NAME}}: báo cáo (viết một dòng nói báo cáo gửi ai, theo mẫu nào).
-- Chạy:     ntm report {{NAME}} --province "Điện Biên" --year 2020 -o bao-cao.docx -o bao-cao.xlsx
-- Kiểm thử: ntm test scripts/tests        (tệp scripts/tests/{{NAME}}_test.lua)
-- Tài liệu API: ntm doc report

local p = ntm.params{
  province = { required = true, help = "Tỉnh (tên không cần dấu, hoặc mã)" },
  year     = { type = "integer", required = true, help = "Năm báo cáo" },
}

local tinh = ntm.province(p.province)
local xa = tinh:communes{ year = p.year }

-- Số liệu: luôn tính từ dữ liệu, không gõ tay.
local tong = xa:count()
local dat_chuan, tong_tieu_chi = 0, 0
for x in xa do
  local n = x:count_met()
  tong_tieu_chi = tong_tieu_chi + n
  if n == 19 then dat_chuan = dat_chuan + 1 end
end

local doc = ntm.report.document{
  issuer = { "UBND " .. tinh.name_with_type, "Ban Chỉ đạo các CTMTQG" },   -- sửa theo đơn vị của bạn
  place = tinh.name,
  date = "31/12/" .. p.year,
  title = "Kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới năm " .. p.year,
}
doc:heading(1, "I. KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ")
doc:paragraph("Toàn tỉnh có %d/%d xã đạt chuẩn nông thôn mới, đạt %s; bình quân %s tiêu chí/xã.",
  dat_chuan, tong, ntm.fmt.percent(dat_chuan, tong, { decimals = 2 }),
  ntm.fmt.number(tong_tieu_chi / tong, 2))
return doc
