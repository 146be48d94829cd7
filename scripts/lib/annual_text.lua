-- Chữ và số trong báo cáo năm: viết hoa / viết thường tiếng Việt, định dạng tỷ lệ, bình quân,
-- tiền theo kiểu của từng tỉnh (làm tròn hay cắt bớt, bao nhiêu chữ số thập phân).
-- Dùng chung cho scripts/reports/annual.lua và các mẫu của tỉnh: local text = ntm.use("annual_text")
local M = {}

-- Chữ hoa ↔ chữ thường theo điểm mã Unicode của các chữ cái tiếng Việt.
local function map_case(s, to_upper)
  local out = {}
  for _, c in utf8.codes(s) do
    local d = c
    if to_upper then
      if c >= 0x61 and c <= 0x7A then d = c - 32
      elseif (c >= 0xE0 and c <= 0xFE and c ~= 0xF7) then d = c - 32
      elseif c == 0x103 or c == 0x111 or c == 0x129 or c == 0x169 or c == 0x1A1 then d = c - 1
      elseif c == 0x1B0 then d = 0x1AF
      elseif c >= 0x1EA0 and c <= 0x1EF9 and c % 2 == 1 then d = c - 1 end
    else
      if c >= 0x41 and c <= 0x5A then d = c + 32
      elseif (c >= 0xC0 and c <= 0xDE and c ~= 0xD7) then d = c + 32
      elseif c == 0x102 or c == 0x110 or c == 0x128 or c == 0x168 or c == 0x1A0 then d = c + 1
      elseif c == 0x1AF then d = 0x1B0
      elseif c >= 0x1EA0 and c <= 0x1EF9 and c % 2 == 0 then d = c + 1 end
    end
    out[#out + 1] = utf8.char(d)
  end
  return table.concat(out)
end

-- "Điện Biên" → "ĐIỆN BIÊN".
function M.upper(s) return map_case(s, true) end
-- "Giáo dục và Đào tạo" → "giáo dục và đào tạo".
function M.lower(s) return map_case(s, false) end

-- Chỉ chữ đầu viết thường: "Huyện Điện Biên" → "huyện Điện Biên".
function M.lower_first(s)
  local first = s:match("^[^ ]+") or s
  return M.lower(first) .. s:sub(#first + 1)
end

-- Kiểu số của một tỉnh. style.percent, style.average, style.share, style.ratio là bảng
-- {decimals =, mode = "half-up"|"half-even"|"truncate", trim =} như của ntm.fmt.
M.DEFAULT = {
  percent = { decimals = 2, mode = "half-up", trim = true },   -- tỷ lệ xã đạt tiêu chí
  average = { decimals = 2, mode = "half-up", trim = true },   -- tiêu chí bình quân/xã
  share   = { decimals = 2, mode = "half-up", trim = true },   -- cơ cấu nguồn vốn, tỷ lệ giải ngân
  ratio   = { decimals = 2, mode = "half-up", trim = true },   -- % kế hoạch
}

-- Bộ định dạng theo kiểu `style` (các trường thiếu lấy theo M.DEFAULT).
function M.formatter(style)
  style = style or {}
  local f = {}
  local function opts(kind) return style[kind] or M.DEFAULT[kind] end
  -- "47,82%" từ 55 trên 115 (kiểu tỷ lệ `kind`, mặc định "percent").
  function f.percent(part, whole, kind)
    return ntm.fmt.percent(part, whole, opts(kind or "percent"))
  end
  -- Tỷ lệ không có dấu %: "47,82".
  function f.percent_value(part, whole, kind)
    local o = opts(kind or "percent")
    return ntm.fmt.percent(part, whole, { decimals = o.decimals, mode = o.mode, trim = o.trim, sign = false })
  end
  -- Số đã là phần trăm, làm tròn theo kiểu (giá trị số, dùng cho ô bảng).
  function f.round(value, kind)
    local o = opts(kind or "percent")
    return ntm.fmt.round(value, o.decimals, o.mode)
  end
  -- "11,75" (bình quân tiêu chí/xã).
  function f.average(value)
    return ntm.fmt.number(value, opts("average"))
  end
  -- Số thập phân theo kiểu `kind`.
  function f.number(value, kind)
    return ntm.fmt.number(value, opts(kind or "average"))
  end
  -- "1.986.281 triệu đồng".
  function f.money(amount)
    return ntm.fmt.money(amount)
  end
  -- Ô bảng phần trăm theo kiểu của tỉnh.
  function f.percent_cell(part, whole, kind)
    local o = opts(kind or "percent")
    if whole == nil or whole == 0 then return false end
    return { value = part * 100 / whole, kind = "percent", decimals = o.decimals, mode = o.mode }
  end
  -- Ô bảng bình quân tiêu chí/xã theo kiểu của tỉnh.
  function f.average_cell(value)
    local o = opts("average")
    return { value = value, kind = "decimal", decimals = o.decimals, mode = o.mode }
  end
  f.style = style
  return f
end

-- "tăng 7 xã so với năm 2019" / "giảm 2 xã ..." / nil khi không đổi.
function M.change(delta, unit, previous_year)
  if delta == nil or delta == 0 then return nil end
  return string.format("%s %s %s so với năm %d", delta > 0 and "tăng" or "giảm",
    ntm.fmt.number(math.abs(delta)), unit, previous_year)
end

-- Nối các phần không rỗng bằng `sep`.
function M.join(parts, sep)
  local out = {}
  for _, p in ipairs(parts) do
    if p ~= nil and p ~= "" then out[#out + 1] = p end
  end
  return table.concat(out, sep or ", ")
end

-- Danh sách tên kiểu "A, B và C".
function M.names(list)
  if #list == 0 then return "" end
  if #list == 1 then return list[1] end
  return table.concat(list, ", ", 1, #list - 1) .. " và " .. list[#list]
end

-- Bỏ dấu để so tên: "Mường Phăng" → "muong phang" (chữ tiếng Việt dựng sẵn, NFC).
local FOLD = {}
for base, forms in pairs{
  a = "àáạảãâầấậẩẫăằắặẳẵÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ",
  d = "đĐ",
  e = "èéẹẻẽêềếệểễÈÉẸẺẼÊỀẾỆỂỄ",
  i = "ìíịỉĩÌÍỊỈĨ",
  o = "òóọỏõôồốộổỗơờớợởỡÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ",
  u = "ùúụủũưừứựửữÙÚỤỦŨƯỪỨỰỬỮ",
  y = "ỳýỵỷỹỲÝỴỶỸ",
} do
  for _, c in utf8.codes(forms) do FOLD[utf8.char(c)] = base end
end
function M.fold(s)
  local out = {}
  for _, c in utf8.codes(s) do
    local ch = utf8.char(c)
    out[#out + 1] = FOLD[ch] or ch:lower()
  end
  return (table.concat(out):gsub("[%s%-_%.]+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- Chữ số La Mã cho đề mục cấp 1.
local ROMAN = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" }
function M.roman(n) return ROMAN[n] or tostring(n) end

return M
