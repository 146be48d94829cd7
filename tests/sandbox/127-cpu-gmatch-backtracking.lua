-- intent: gmatch với mẫu quay lui trên chuỗi dài: mỗi bước lặp là một lần khớp bệnh lý
-- expect: limit giới hạn
for a in ("a"):rep(200000):gmatch("a-a-a-b") do end
