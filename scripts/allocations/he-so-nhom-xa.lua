-- Phân bổ theo hệ số nhóm xã: mỗi xã được xếp vào một nhóm theo mức độ khó khăn (xã đặc biệt
-- khó khăn), vị trí (xã biên giới) và số tiêu chí đã đạt; vốn chia theo hệ số của nhóm, và
-- mỗi xã có thêm phần vốn đối ứng của ngân sách địa phương tính theo tỷ lệ của nhóm.
-- 
-- Ví dụ: ntm allocate he-so-nhom-xa --province "Điện Biên" --year 2020 --total 460.300
-- 
-- Khung pháp lý của cách chia này (nguyên tắc, tiêu chí, định mức phân bổ vốn ngân sách trung
-- ương và tỷ lệ đối ứng của ngân sách địa phương cho Chương trình MTQG xây dựng nông thôn mới):
--   * giai đoạn 2016–2020: Quyết định 12/2017/QĐ-TTg;
--   * giai đoạn 2021–2025: Quyết định 07/2022/QĐ-TTg (ngày 25/3/2022).
-- CẢNH BÁO — VÍ DỤ, chưa đối chiếu văn bản gốc: các hệ số và tỷ lệ đối ứng dưới đây là số
-- minh hoạ, KHÔNG phải số của hai quyết định trên (chưa tìm được văn bản gốc để đối chiếu).
-- Trước khi dùng, hãy thay bằng số của quyết định, hoặc của nghị quyết HĐND tỉnh, và ghi rõ
-- điều khoản ở cột "nguồn".

-- Hệ số theo nhóm xã. Xã thuộc nhóm đầu tiên mà nó thoả điều kiện (theo thứ tự dưới đây).
-- VÍ DỤ — chưa đối chiếu văn bản gốc.
local NHOM = {
  { ten = "Nhóm 1: xã biên giới",               he_so = 2.0, doi_ung = 0.00,
    dieu_kien = function(x) return x.border end,
    nguon = "VÍ DỤ — chưa đối chiếu QĐ 12/2017/QĐ-TTg, QĐ 07/2022/QĐ-TTg" },
  { ten = "Nhóm 2: xã đặc biệt khó khăn",       he_so = 1.7, doi_ung = 0.05,
    dieu_kien = function(x) return x.extremely_difficult end,
    nguon = "VÍ DỤ — chưa đối chiếu văn bản gốc" },
  { ten = "Nhóm 3: xã đạt dưới 15 tiêu chí",    he_so = 1.3, doi_ung = 0.10,
    dieu_kien = function(x) return x:count_met() < 15 end,
    nguon = "VÍ DỤ — chưa đối chiếu văn bản gốc" },
  { ten = "Nhóm 4: xã đạt 15–18 tiêu chí",      he_so = 1.0, doi_ung = 0.20,
    dieu_kien = function(x) return x:count_met() < 19 end,
    nguon = "VÍ DỤ — chưa đối chiếu văn bản gốc" },
  { ten = "Nhóm 5: xã đã đạt chuẩn (19 tiêu chí)", he_so = 0.5, doi_ung = 0.30,
    dieu_kien = function(x) return true end,
    nguon = "VÍ DỤ — chưa đối chiếu văn bản gốc" },
}

local p = ntm.params{
  province = { required = true, help = "Tỉnh (tên, không cần dấu, hoặc mã)" },
  year = { type = "integer", required = true, help = "Năm đánh giá tiêu chí" },
  total = { type = "integer", required = true, help = "Tổng vốn ngân sách trung ương cần phân bổ (triệu đồng)" },
  step = { type = "integer", default = 1, help = "Làm tròn đến bội số của (triệu đồng)" },
  floor = { type = "integer", help = "Mức tối thiểu mỗi xã (triệu đồng)" },
  reserve = { type = "number", default = 0, help = "Tỷ lệ dự phòng trích trước, từ 0 đến 1" },
  counterpart = { type = "number", help = "Một tỷ lệ vốn đối ứng chung cho mọi xã (thay tỷ lệ theo nhóm)" },
  by_district = { type = "boolean", default = false, help = "Chia hai cấp: tỉnh → huyện → xã" },
}

-- Nhóm của một xã: nhóm đầu tiên trong bảng NHOM mà xã thoả điều kiện.
local function nhom_cua(x)
  for _, n in ipairs(NHOM) do
    if n.dieu_kien(x) then return n end
  end
end

local tinh = ntm.province(p.province)
local set_asides = {}
if p.reserve > 0 then
  set_asides[1] = { name = "Dự phòng", share = p.reserve }
end

return ntm.allocate{
  total = p.total,
  among = tinh:communes{ year = p.year },
  step = p.step,
  floor = p.floor,
  set_asides = set_asides,
  by_district = p.by_district,
  -- Trọng số của xã = hệ số của nhóm; nhóm và hệ số được ghi vào phần giải thích.
  weight = function(x)
    local n = nhom_cua(x)
    return n.he_so, { group = n.ten, coefficient = n.he_so }
  end,
  -- Vốn đối ứng của ngân sách địa phương = số được phân bổ × tỷ lệ (báo cáo bên cạnh,
  -- không tính vào tổng vốn trung ương).
  counterpart_ratio = function(x)
    return p.counterpart or nhom_cua(x).doi_ung
  end,
}
