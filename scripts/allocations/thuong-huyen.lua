-- Thưởng theo huyện: mỗi xã được công nhận trong năm nhận một khoản thưởng cố định theo hạng
-- công nhận (đạt chuẩn nông thôn mới, nông thôn mới nâng cao), theo mức riêng của từng huyện.
-- Tổng số tiền là tổng các khoản thưởng; nếu có --total thì tổng đó phải khớp với --total.
-- 
-- Ví dụ: ntm allocate thuong-huyen --province "Bắc Giang" --year 2020
--        ntm allocate thuong-huyen --province "Bắc Giang" --year 2020 --total 31.000

-- Mức thưởng mỗi xã (triệu đồng) theo huyện và hạng công nhận; huyện không có trong bảng thì
-- không thưởng. Sửa bảng này theo nghị quyết, quyết định của từng huyện.
local MUC_THUONG = {
  ["Yên Dũng"] = { standard = 2000, advanced = 6000 },   -- 2 tỷ/xã đạt chuẩn, 6 tỷ/xã nâng cao
  ["Lục Nam"]  = { standard = 2500, advanced = 1000 },   -- 2,5 tỷ/xã đạt chuẩn, 1 tỷ/xã nâng cao
}

local TEN_HANG = { standard = "đạt chuẩn", advanced = "nâng cao" }
local THU_TU_HANG = { "standard", "advanced" }

local p = ntm.params{
  province = { required = true, help = "Tỉnh (tên, không cần dấu, hoặc mã)" },
  year = { type = "integer", required = true, help = "Năm công nhận được thưởng" },
  total = { type = "integer", help = "Tổng thưởng dự kiến (triệu đồng); nếu có thì phải bằng tổng các mức thưởng" },
}

-- Thưởng của một xã: tổng các mức của những hạng xã được công nhận đúng năm p.year.
local function thuong(x)
  local muc = MUC_THUONG[x.district]
  if not muc then return 0, nil end
  local tien, hang = 0, {}
  for _, h in ipairs(THU_TU_HANG) do
    if muc[h] and x:recognised(h) == p.year then
      tien = tien + muc[h]
      hang[#hang + 1] = TEN_HANG[h] .. " " .. p.year
    end
  end
  return tien, table.concat(hang, ", ")
end

local tinh = ntm.province(p.province)
local xa = tinh:communes{ year = p.year }:filter(function(x) return thuong(x) > 0 end)
local tong = 0
for x in xa do tong = tong + thuong(x) end
if p.total and p.total ~= tong then
  error(string.format("Tổng thưởng theo mức của các huyện là %s triệu đồng, khác --total %s",
                      ntm.fmt.number(tong), ntm.fmt.number(p.total)), 0)
end

return ntm.allocate{
  total = tong,
  among = xa,
  weight = 0,                                  -- không chia theo trọng số: chỉ có phần cố định
  fixed = function(x) return (thuong(x)) end,
  group = function(x)
    local _, hang = thuong(x)
    return "Thưởng xã " .. hang .. " (huyện " .. x.district .. ")"
  end,
}
