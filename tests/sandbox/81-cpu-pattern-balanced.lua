-- intent: %b() trên một triệu dấu ngoặc mở: mỗi vị trí quét đến cuối chuỗi
-- expect: limit giới hạn
return ("("):rep(1000000):find("%b()")
