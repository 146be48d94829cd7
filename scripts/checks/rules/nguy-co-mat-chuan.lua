-- Nguy cơ mất chuẩn: xã đã được công nhận đạt chuẩn nông thôn mới (hoặc nâng cao, kiểu mẫu)
-- nhưng số liệu năm nay cho thấy còn tiêu chí chưa đạt.
local p = ntm.params{
  province = { type = "string", required = true },
  year     = { type = "integer", required = true },
  tag      = { type = "string" },
  district = { type = "string" },
}
local review = ntm.use("review")
for x in ntm.province(p.province):communes{ year = p.year, tag = p.tag, district = p.district } do
  local since = x:recognised("standard")
  if since and since <= p.year and x:has_data() then
    -- The set the commune was reviewed with (--set, the recorded set, else the year's).
    local set = review.set_of(x)
    local missing = {}
    -- Mọi tiêu chí được quyết định trong một lần gọi (x:decision): xã đạt đủ mọi tiêu chí thì
    -- không còn gì để xem; chỉ tiêu chí chưa đạt mới cần đọc danh sách chỉ tiêu không đạt.
    local count, mask = x:decision()
    if not count or count < #set.criteria then
      for _, c in ipairs(set.criteria) do
        if not count or mask & (1 << (c.number - 1)) == 0 then
          local ok, _, failed = review.decide(x, c)
          if not ok then
            local detail = #failed > 0 and (" (chỉ tiêu " .. table.concat(failed, ", ") .. ")") or ""
            missing[#missing + 1] = c.number .. detail
          end
        end
      end
    end
    if #missing > 0 then
      ntm.finding{ unit = x, rule = "nguy-co-mat-chuan", level = "warning",
        message = string.format("được công nhận đạt chuẩn năm %d nhưng năm %d chưa đạt tiêu chí %s",
          since, p.year, table.concat(missing, "; ")) }
    end
  end
end
