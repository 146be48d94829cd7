-- intent: table.move với cận là số thực có giá trị nguyên (2^53): vượt qua ước lượng công việc cũ
-- expect: limit giới hạn
local t = {1, 2, 3}
table.move(t, 1.0, 2^53, 2.0)
