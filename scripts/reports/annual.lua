-- Báo cáo năm: phần kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới của một tỉnh
-- (kết quả theo nhóm xã và từng tiêu chí, theo huyện, công nhận đạt chuẩn, nguồn vốn, OCOP,
-- so sánh với kế hoạch, các biểu kèm theo và biểu đồ). Mọi số liệu tính từ cơ sở dữ liệu.
-- Mẫu chung, làm tròn 2 chữ số thập phân; mẫu riêng của tỉnh: dien-bien, bac-giang.
--   ntm report annual --province "Điện Biên" --year 2020 -o bao-cao.docx -o bieu.xlsx
local layout = ntm.use("annual_layout")
local p = ntm.params(layout.params())
return layout.build(p)
