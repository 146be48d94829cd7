-- Ghi chú bắt buộc của mọi báo cáo có kết quả rà soát: bản đồ hành chính và bộ tiêu chí đã dùng
-- (và vì sao), các ngưỡng chưa được đối chiếu với văn bản gốc, các xã chưa có số liệu.
-- Không điều gì trong số đó được im lặng (DEVELOPERS.md: "Nothing silent").
--   local notes = ntm.use("review_notes")
--   notes.add(doc, r)              -- r: kết quả review.run
--   notes.line(r)                  -- cùng nội dung, một dòng văn bản
local M = {}

-- "2.1 (chung), 17.3 (vùng TDMNPB), …": các chỉ tiêu có ngưỡng chưa đối chiếu, mỗi dòng một lần.
function M.unconfirmed_text(list, limit)
  limit = limit or 12
  local parts = {}
  for i, u in ipairs(list or {}) do
    if i > limit then
      parts[#parts + 1] = string.format("và %d ngưỡng khác", #list - limit)
      break
    end
    parts[#parts + 1] = string.format("%s (%s)", u.indicator, u.applies_to)
  end
  return table.concat(parts, ", ")
end

-- Các câu ghi chú của một kết quả rà soát, theo thứ tự: bản đồ, bộ tiêu chí, ngưỡng, xã thiếu số liệu.
function M.sentences(r)
  local out = {}
  local year = r.year and string.format("năm %d: ", r.year) or ""
  if r.map_note and r.map_note ~= "" then out[#out + 1] = year .. r.map_note end
  if r.set_note and r.set_note ~= "" then out[#out + 1] = year .. r.set_note end
  local u = r.unconfirmed_thresholds or {}
  if #u > 0 then
    out[#out + 1] = string.format("%s%d ngưỡng đã áp dụng chưa được đối chiếu với văn bản gốc: %s", year, #u,
      M.unconfirmed_text(u))
  end
  local nd = r.no_data or {}
  if #nd > 0 then
    local names = {}
    for i, x in ipairs(nd) do
      if i > 20 then names[#names + 1] = string.format("và %d xã khác", #nd - 20); break end
      names[#names + 1] = x.name
    end
    out[#out + 1] = string.format("%s%d xã chưa có số liệu, không tính vào các nhóm và bình quân: %s", year, #nd,
      table.concat(names, ", "))
  end
  return out
end

function M.line(r)
  return table.concat(M.sentences(r), "; ")
end

-- Một đoạn in nghiêng "Ghi chú: …" cho mỗi kết quả rà soát trong `results`.
function M.add(doc, ...)
  local all = {}
  for _, r in ipairs{ ... } do
    for _, s in ipairs(M.sentences(r)) do all[#all + 1] = s end
  end
  if #all == 0 then return end
  doc:paragraph{ { italic = "Ghi chú: " .. table.concat(all, "; ") .. "." } }
end

return M
