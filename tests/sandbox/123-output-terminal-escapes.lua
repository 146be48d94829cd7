-- intent: in mã thoát của màn hình (đổi tiêu đề cửa sổ, xóa màn hình) ra stdout và stderr
-- expect: ok
-- limits: time=600
print("\27]0;giả\7\27[2J\27[31mđỏ\u{9B}31m")
ntm.log("\27[2J")
