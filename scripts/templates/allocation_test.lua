-- Kiểm thử cho allocations/{{NAME}}.lua. Chạy: ntm test scripts/tests
-- Trả về "OK" khi đạt; assert(...) khi sai.

local plan = test.run("allocations/{{NAME}}.lua", { province = "Điện Biên", year = 2020, total = 100000 })

-- Tổng các xã đúng bằng tổng vốn; không xã nào âm.
local sum = 0
for _, line in ipairs(plan.lines) do
  assert(line.amount >= 0, line.name .. ": số âm")
  sum = sum + line.amount
end
assert(sum == 100000, "tổng phân bổ " .. sum .. " khác 100000")

-- Điện Biên 2020: 115 xã, 21 xã đạt chuẩn → 94 xã được chia.
assert(#plan.lines == 94, "mong đợi 94 xã, có " .. #plan.lines)

return "OK"
