-- Báo cáo năm theo cách viết của tỉnh Điện Biên: tỷ lệ cắt bớt (không làm tròn) ở 2 chữ số
-- thập phân ("55/115 xã ... (đạt 47,82%)"), bình quân tiêu chí làm tròn 2 chữ số (half-even:
-- 10,125 → 10,12), tiêu chí xếp theo nhóm của bộ tiêu chí. Số liệu tính từ cơ sở dữ liệu.
--   ntm report dien-bien --province "Điện Biên" --year 2020 -o bao-cao.docx
local layout = ntm.use("annual_layout")
local text = layout.text
local p = ntm.params(layout.params())

local TRUNCATE = { decimals = 2, mode = "truncate", trim = true }

return layout.build(p, {
  percent = TRUNCATE, share = TRUNCATE, ratio = TRUNCATE,
  average = { decimals = 2, mode = "half-even", trim = true },
  band_phrases = { from_15_to_18 = "đạt 15-18 tiêu chí", from_10_to_14 = "đạt từ 10-14 tiêu chí",
                   from_5_to_9 = "đạt từ 5-9 tiêu chí", below_5 = "đạt dưới 5 tiêu chí" },

  intro = function(d)
    return string.format("Ban chỉ đạo thực hiện các Chương trình MTQG %s báo cáo kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới trên địa bàn %s năm %d như sau:",
      text.lower_first(d.name_with_type), text.lower_first(d.name_with_type), d.year)
  end,

  summary = function(ctx)
    local d, doc = ctx.data, ctx.doc
    local rec = d.recognitions
    if rec.district.standard.total == 0 then
      doc:bullet("Đến nay trên địa bàn tỉnh chưa có huyện nào đạt huyện nông thôn mới.")
    else
      doc:bullet("Đến nay có %d đơn vị cấp huyện đạt chuẩn nông thôn mới (%s).", rec.district.standard.total,
        text.names(rec.district.standard.names))
    end
    if rec.commune.advanced.total + rec.commune.model.total == 0 then
      doc:bullet("Chưa có xã nào đạt xã nông thôn mới nâng cao, kiểu mẫu.")
    end
    doc:bullet(layout.bands_sentence(ctx, d) .. ".")
    local changes = layout.changes_sentence(ctx)
    if changes then doc:bullet(changes) end
  end,

  group = function(ctx, g)
    local f = ctx.f
    local by = {}
    for _, x in ipairs(g.districts) do
      by[#by + 1] = string.format("%s %s tiêu chí/xã", text.lower_first(x.name_with_type), f.average(x.average))
    end
    return string.format("Kết quả thực hiện %s: Đến nay, đã có %d xã đạt chuẩn nông thôn mới, %d xã đạt từ 15-18 tiêu chí, %d xã đạt 10-14 tiêu chí; %d xã đạt từ 5-9 tiêu chí; số tiêu chí bình quân đạt %s tiêu chí/xã. Trong đó, %s.",
      g.tag, g.standard, g.bands.from_15_to_18, g.bands.from_10_to_14, g.bands.from_5_to_9, f.average(g.average),
      table.concat(by, ", "))
  end,

  -- "- Giao thông: Đến nay, có 55/115 xã đạt tiêu chí số 2 về giao thông (đạt 47,82%), tăng 7 xã so với năm 2019."
  criteria_each = function(ctx)
    local d, f, doc = ctx.data, ctx.f, ctx.doc
    for i, group in ipairs(layout.criteria_groups(d)) do
      doc:paragraph{ { italic = string.format("%s) %s", string.char(96 + i), group.name) } }
      for _, c in ipairs(group.criteria) do
        local s = string.format("%s: Đến nay, có %d/%d xã đạt tiêu chí số %d về %s (đạt %s)", c.name, c.met, d.communes,
          c.number, text.lower(c.name), f.percent(c.met, d.communes))
        local change = text.change(c.increase, "xã", d.previous_year)
        doc:bullet(s .. (change and (", " .. change) or "") .. ".")
      end
    end
  end,

  recipients = { "BCĐ các CT MTQG TW;", "TT Tỉnh ủy, TT HĐND tỉnh;", "Chủ tịch, PCT UBND tỉnh;", "VPĐPNTM TW;",
                 "Thành viên BCĐ các CTMTQG tỉnh;", "Huyện ủy, UBND các huyện, thị xã, thành phố;", "VPĐPNTM tỉnh;", "Lưu: VT." },
  role = { "TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN" },
})
