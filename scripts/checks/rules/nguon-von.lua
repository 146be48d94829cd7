-- Nguồn vốn: các nguồn thành phần có cộng lại đúng tổng đã in không, và mỗi nguồn có cộng lại
-- đúng các nguồn con của nó không (ví dụ vốn đầu tư = vốn trong nước + vốn nước ngoài).
local p = ntm.params{
  province = { type = "string", required = true },
  year     = { type = "integer", required = true },
  tag      = { type = "string" },
  district = { type = "string" },
}
if p.tag or p.district then return end

local tinh = ntm.province(p.province)
local parent, name = {}, {}
for _, s in ipairs(ntm.funding_sources()) do
  parent[s.code] = s.parent
  name[s.code] = s.name
end

-- Vốn huy động của cả tỉnh (mọi đơn vị của bản đồ năm đó), theo nguồn, cho cả chương trình.
local amount, any = {}, false
for _, r in ipairs(tinh:funding{ year = p.year }) do
  if r.stage == "mobilised" and r.component == "" then
    amount[r.source] = (amount[r.source] or 0) + r.amount
    any = true
  end
end
if not any then return end

-- Tổng các nguồn gốc: một nguồn được tính khi không có nguồn cha nào cũng được nhập.
local function has_entered_ancestor(code)
  local up = parent[code]
  while up do
    if amount[up] then return true end
    up = parent[up]
  end
  return false
end
local sum, codes = 0, {}
for code in pairs(amount) do codes[#codes + 1] = code end
table.sort(codes)
for _, code in ipairs(codes) do
  if not has_entered_ancestor(code) then sum = sum + amount[code] end
end

local printed = tinh:statistics(p.year)["funding.total"]
if printed and printed.value ~= sum then
  ntm.finding{ unit = tinh, rule = "nguon-von", level = "error",
    message = string.format("các nguồn vốn cộng lại %s triệu đồng, khác tổng đã in %s (chênh %s)%s",
      ntm.fmt.number(sum), printed.as_printed, ntm.fmt.number(sum - printed.value),
      printed.source and (" [" .. printed.source .. "]") or "") }
end

-- Nguồn có cả giá trị của chính nó lẫn các nguồn con: phải bằng tổng các nguồn con.
for _, code in ipairs(codes) do
  local children, sub = 0, 0
  for _, child in ipairs(codes) do
    if parent[child] == code then children = children + 1; sub = sub + amount[child] end
  end
  if children > 0 and sub ~= amount[code] then
    ntm.finding{ unit = tinh, rule = "nguon-von", level = "error",
      message = string.format("%s = %s triệu đồng nhưng các nguồn con cộng lại %s", name[code],
        ntm.fmt.number(amount[code]), ntm.fmt.number(sub)) }
  end
end
