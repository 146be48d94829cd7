-- Báo cáo năm theo cách viết của tỉnh Bắc Giang: tỷ lệ làm tròn 1 chữ số thập phân
-- ("151 xã đạt tiêu chí hộ nghèo (chiếm 82,1%)"), cơ cấu nguồn vốn giữ số 0 ("chiếm 11,0%"),
-- mục tiêu cơ bản (huyện, xã, thôn, OCOP) đứng đầu. Số liệu tính từ cơ sở dữ liệu.
--   ntm report bac-giang --province "Bắc Giang" --year 2020 -o bao-cao.docx
local layout = ntm.use("annual_layout")
local text = layout.text
local p = ntm.params(layout.params())

local ONE = { decimals = 1, mode = "half-up", trim = true }

-- ", đạt 117,4% kế hoạch" khi có kế hoạch của chính năm báo cáo.
local function of_plan(ctx, key, actual)
  local t = ctx.data.targets[key]
  if not t or t.value == 0 then return "" end
  return ", đạt " .. ctx.f.percent(actual, t.value, "ratio") .. " kế hoạch"
end

-- "(huyện Hiệp Hòa 20 thôn, Yên Thế 11 thôn, ...)" từ số mới công nhận theo huyện.
local function by_district(counts, unit)
  local list = {}
  for name, n in pairs(counts) do list[#list + 1] = { name = name, n = n } end
  table.sort(list, function(a, b) return a.n > b.n or (a.n == b.n and ntm.fmt.less(a.name, b.name)) end)
  local parts = {}
  for i, x in ipairs(list) do parts[i] = string.format("%s%s %d %s", i == 1 and "huyện " or "", x.name, x.n, unit) end
  return table.concat(parts, ", ")
end

return layout.build(p, {
  percent = ONE, average = ONE, ratio = ONE,
  share = { decimals = 1, mode = "half-up", trim = false },
  date = function(d) return string.format("ngày      tháng 01 năm %d", d.year + 1) end,
  title = function(d)
    return string.format("Kết quả Chương trình MTQG xây dựng nông thôn mới năm %d, Chương trình Mỗi xã một sản phẩm; triển khai nhiệm vụ năm %d",
      d.year, d.year + 1)
  end,
  sections = { "criteria", "funding", "ocop", "targets" },

  summary = function(ctx)
    local d, f, doc = ctx.data, ctx.f, ctx.doc
    local rec, y = d.recognitions, d.year
    local dist = rec.district.standard
    if dist.total > 0 then
      local s = dist.new > 0 and string.format("Có thêm huyện %s được công nhận đạt chuẩn huyện nông thôn mới (lũy kế %d huyện gồm %s)",
        text.names(dist.new_names), dist.total, text.names(dist.names))
        or string.format("Lũy kế %d huyện đạt chuẩn nông thôn mới (%s)", dist.total, text.names(dist.names))
      doc:bullet("Huyện đạt chuẩn nông thôn mới: %s%s.", s, of_plan(ctx, "standard_districts", dist.total))
    end
    doc:bullet("Số xã đạt chuẩn nông thôn mới: Hết năm %d, toàn tỉnh có %d/%d xã đạt chuẩn, chiếm %s%s.", y, d.standard,
      d.communes, f.percent(d.standard, d.communes), of_plan(ctx, "standard_communes", d.standard))
    local adv = rec.commune.advanced
    if adv.total > 0 then
      doc:bullet("Số xã đạt chuẩn xã nông thôn mới nâng cao: Hết năm %d có %d xã đạt chuẩn xã nông thôn mới nâng cao%s.", y,
        adv.total, of_plan(ctx, "advanced_communes", adv.total))
    end
    for _, grade in ipairs{ "standard", "model" } do
      local v = rec.village[grade]
      local what = grade == "standard" and "thôn nông thôn mới" or "thôn nông thôn mới kiểu mẫu"
      if v.new > 0 then
        doc:bullet("%s: Có thêm %d %s (%s), lũy kế %d thôn%s.", text.upper(what:sub(1, 1)) .. what:sub(2), v.new, what,
          by_district(v.new_by_district, "thôn"), v.total, of_plan(ctx, grade .. "_villages", v.total))
      end
    end
    local s = string.format("Số tiêu chí bình quân/xã: Đạt %s tiêu chí/xã", f.average(d.average))
    if d.previous then
      local da = f.round(d.average, "average") - f.round(d.previous_average, "average")
      if math.abs(da) > 1e-9 then
        s = s .. string.format(", %s %s tiêu chí/xã so với năm %d", da > 0 and "tăng" or "giảm", f.average(math.abs(da)), d.previous_year)
      end
    end
    if d.below_10 == 0 then
      s = s .. "; không còn xã đạt dưới 10 tiêu chí"
    else
      s = s .. string.format("; còn %d xã đạt dưới 10 tiêu chí", d.below_10)
    end
    if d.previous and d.previous_below_10 ~= d.below_10 then
      s = s .. ", " .. text.change(d.below_10 - d.previous_below_10, "xã", d.previous_year)
    end
    doc:bullet(s .. ".")
    if d.ocop.total > 0 then
      doc:bullet("Sản phẩm đạt OCOP cấp tỉnh: Có %d sản phẩm%s, lũy kế toàn tỉnh có %d sản phẩm.", d.ocop.new,
        of_plan(ctx, "ocop_new_products", d.ocop.new), d.ocop.total)
    end
  end,

  -- "Đến nay, có 154 xã đạt tiêu chí giao thông (chiếm 83,7%), ..." theo nhóm tiêu chí.
  criteria_each = function(ctx)
    local d, f, doc = ctx.data, ctx.f, ctx.doc
    for _, group in ipairs(layout.criteria_groups(d)) do
      local parts = {}
      for _, c in ipairs(group.criteria) do
        parts[#parts + 1] = string.format("%d xã đạt tiêu chí %s (chiếm %s)", c.met, text.lower(c.name), f.percent(c.met, d.communes))
      end
      doc:bullet("%s: đến nay, có %s.", group.name, table.concat(parts, "; "))
    end
  end,

  recipients = { "BCĐTW Chương trình MTQG XDNTM;", "Văn phòng Điều phối Trung ương;", "TT. Tỉnh ủy, TT. HĐND tỉnh, TT. UBND tỉnh;",
                 "Thành viên BCĐ các chương trình MTQG tỉnh;", "UBND các huyện, thành phố;",
                 "Văn phòng Điều phối nông thôn mới tỉnh;", "Lưu: VT, NN." },
  role = { "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN" },
})
