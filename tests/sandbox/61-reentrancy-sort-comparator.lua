-- intent: gọi binding trong hàm so sánh của table.sort
-- expect: ok 
-- limits: time=600
local list = ntm.province('11'):communes{year = 2020}
local t = {}
for x in list do t[#t + 1] = x end
table.sort(t, function(a, b)
  if a:count_met() ~= b:count_met() then return a:count_met() > b:count_met() end
  return #ntm.sql('SELECT 1 WHERE ? < ?', a.code, b.code) > 0
end)
assert(#t == 115)
