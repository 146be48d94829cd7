-- intent: hỏi bộ tiêu chí với vô số mã lạ, mỗi mã 1 MB: khóa bộ đệm không được giữ lại
-- expect: limit giới hạn
local base = ("x"):rep(1000000)
for i = 1, 1e9 do pcall(ntm.criteria, base .. i) end
