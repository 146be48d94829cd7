-- Thiếu hoặc sai số liệu chỉ tiêu: xã có nhập số liệu chỉ tiêu nhưng thiếu một số chỉ tiêu,
-- hoặc có giá trị nằm ngoài khoảng hợp lý (ví dụ tỷ lệ trên 100%, giá trị âm, chỉ tiêu "đạt/không" khác 0 và 1).
local p = ntm.params{
  province = { type = "string", required = true },
  year     = { type = "integer", required = true },
  tag      = { type = "string" },
  district = { type = "string" },
}
local review   -- lib/review.lua, loaded when a value out of its range needs the commune's set
for x in ntm.province(p.province):communes{ year = p.year, tag = p.tag, district = p.district } do
  -- ntm lists the gaps (x:gaps; none for a commune without indicator values): only the
  -- indicators with a problem are read here.
  local missing, implausible = x:gaps()
  if #implausible > 0 then
    -- The set the commune was reviewed with (--set, the recorded set, else the year's).
    review = review or ntm.use("review")
    local set = review.set_of(x)
    for _, id in ipairs(implausible) do
      local ind, v = set.indicators[id], x:value(id)
      if (ind.min and v < ind.min) or (ind.max and v > ind.max) then
        ntm.finding{ unit = x, rule = "gia-tri-ngoai-khoang", level = "error",
          message = string.format("chỉ tiêu %s (%s) = %s, ngoài khoảng hợp lý [%s; %s]", id, ind.name,
            ntm.fmt.number(v, {decimals = 2, trim = true}), ind.min and ntm.fmt.number(ind.min) or "…",
            ind.max and ntm.fmt.number(ind.max) or "…") }
      else
        ntm.finding{ unit = x, rule = "gia-tri-ngoai-khoang", level = "error",
          message = string.format("chỉ tiêu %s là đạt/không đạt nhưng có giá trị %s (chỉ nhận 0 hoặc 1)", id, tostring(v)) }
      end
    end
  end
  if #missing > 0 then
    ntm.finding{ unit = x, rule = "thieu-chi-tieu", level = "warning",
      message = string.format("thiếu số liệu %d chỉ tiêu: %s (các tiêu chí liên quan bị tính là chưa đạt)",
        #missing, table.concat(missing, ", ")) }
  end
end
