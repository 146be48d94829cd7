-- intent: vòng lặp vô hạn
-- expect: limit giới hạn
while true do end
