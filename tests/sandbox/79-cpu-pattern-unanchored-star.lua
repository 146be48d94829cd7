-- intent: một dấu * không neo trên chuỗi dài: mỗi vị trí bắt đầu lại quét đến cuối (n²/2 bước)
-- expect: limit giới hạn
return ("a"):rep(100000):find("a*b")
