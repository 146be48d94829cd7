-- Bản đồ cả nước: tỷ lệ xã đạt chuẩn nông thôn mới của từng tỉnh có số liệu trong năm, trên bản
-- đồ 34 tỉnh, thành phố (từ 01/07/2025), kèm bảng số liệu. Dành cho Văn phòng Điều phối Trung ương.
-- Tỉnh được đặt lên bản đồ theo mã; tỉnh không còn mã trên bản đồ 2025 được liệt kê dưới hình.
--   ntm report ca-nuoc --year 2020 -o ca-nuoc.html
local review = ntm.use("review")
local text = ntm.use("annual_text")
local p = ntm.params{ year = { type = "integer", required = true, help = "Năm" } }

-- Các tỉnh của bản đồ năm rà soát có số liệu tiêu chí trong năm. Mã tỉnh được dùng lại sau
-- 01/07/2025 (mã 24 là Bắc Giang, rồi Bắc Ninh): tỉnh chỉ được tô lên hình có cùng tên.
local rows = {}
for _, tinh in ipairs(ntm.provinces{ year = p.year }) do
  for _, y in ipairs(tinh:years()) do
    if y == p.year then rows[#rows + 1] = { code = tinh.code, name = tinh.name } end
  end
end

local CLASSES = {
  { label = "Từ 80% xã đạt chuẩn", color = "#1a9850", min = 80 },
  { label = "Từ 50% đến dưới 80%", color = "#91cf60", min = 50 },
  { label = "Từ 20% đến dưới 50%", color = "#fee08b", min = 20 },
  { label = "Dưới 20%", color = "#fc8d59", min = 0 },
}

local doc = ntm.report.document{ kind = "BÁO CÁO", title = string.format("Kết quả xây dựng nông thôn mới theo tỉnh năm %d", p.year) }
local units, table_rows, no_data = {}, {}, {}
for i, r in ipairs(rows) do
  local res = review.run{ province = r.code, year = p.year }
  if #res.no_data > 0 then no_data[#no_data + 1] = string.format("%s %d xã", r.name, #res.no_data) end
  local share = res.with_data > 0 and res.standard * 100 / res.with_data or 0
  local class = #CLASSES
  for k, c in ipairs(CLASSES) do if share >= c.min then class = k; break end end
  units[#units + 1] = { code = r.code, name = r.name, class = class }
  table_rows[#table_rows + 1] = { i, r.name, res.communes, res.with_data, res.standard,
    { value = share, kind = "percent", decimals = 2 }, { value = res.average, kind = "decimal", decimals = 2 } }
end
if #units == 0 then
  doc:paragraph("Cơ sở dữ liệu chưa có số liệu tiêu chí năm %d của tỉnh nào.", p.year)
  return doc
end
doc:paragraph("Có %d tỉnh có số liệu rà soát tiêu chí năm %d trong cơ sở dữ liệu.", #units, p.year)
if #no_data > 0 then
  doc:paragraph("Xã chưa có số liệu (không tính vào tỷ lệ và bình quân): %s.", table.concat(no_data, "; "))
end
local legend = {}
for i, c in ipairs(CLASSES) do legend[i] = { label = c.label, color = c.color } end
doc:map{ title = string.format("Tỷ lệ xã đạt chuẩn nông thôn mới theo tỉnh năm %d", p.year), level = "province",
         legend = legend, units = units }
doc:table{ title = string.format("Biểu 01. Kết quả theo tỉnh năm %d", p.year),
           header = { "TT", "Tỉnh", "Số xã", "Số xã có số liệu", "Số xã đạt chuẩn", "Tỷ lệ (%)", "Bình quân tiêu chí/xã" },
           rows = table_rows, widths = { 6, 22, 9, 10, 11, 10, 12 }, filter = true }
doc:fields{ nam = tostring(p.year), so_tinh = #units, tinh = text.names((function()
  local n = {}
  for _, u in ipairs(units) do n[#n + 1] = u.name end
  return n
end)()) }
return doc
