-- Set '491-xa': the national commune criteria of the 2010–2015 phase, Quyết định 491/QĐ-TTg ngày
-- 16/4/2009, amended by Quyết định 342/QĐ-TTg ngày 20/02/2013 (both replaced by 1980/QĐ-TTg from
-- 01/12/2016; see research/legal-values.md §2). Held so that the end-of-2015 state a province
-- reports at the start of the 2016–2020 phase ("đến hết năm 2015 có 1/116 xã đạt chuẩn") can be
-- recorded and compared: 19 criteria, entered at criterion level only (one aggregate "Đạt"
-- indicator N.1 per criterion, to record the assessed result), since the indicator tables of 491
-- and 342 were not available.
-- Criterion names: from recollection, agreeing with the list of the 19 criteria in the
-- navigation of a public NTM web portal template (GitHub, found by text search); NOT checked
-- against the decision's text. Thresholds are structural (Đạt = 1), marked unconfirmed.

INSERT INTO criteria_set (id, name, legal_basis, level, grade, valid_from, valid_to, note) VALUES
  ('491-xa', 'Bộ tiêu chí quốc gia về nông thôn mới (giai đoạn 2010-2015)',
   'Quyết định 491/QĐ-TTg ngày 16/4/2009, sửa đổi bởi Quyết định 342/QĐ-TTg ngày 20/02/2013', 'commune', 'standard', 2010, 2015,
   'Chỉ nhập ở mức tiêu chí (một chỉ tiêu tổng hợp N.1 "Đạt" cho mỗi tiêu chí) để ghi kết quả đánh giá đến hết năm 2015; tên tiêu chí chưa đối chiếu văn bản gốc.');

INSERT INTO criterion (set_id, number, name, group_name) VALUES
  ('491-xa', 1, 'Quy hoạch và thực hiện quy hoạch', 'Quy hoạch'),
  ('491-xa', 2, 'Giao thông', 'Hạ tầng kinh tế - xã hội'),
  ('491-xa', 3, 'Thủy lợi', 'Hạ tầng kinh tế - xã hội'),
  ('491-xa', 4, 'Điện', 'Hạ tầng kinh tế - xã hội'),
  ('491-xa', 5, 'Trường học', 'Hạ tầng kinh tế - xã hội'),
  ('491-xa', 6, 'Cơ sở vật chất văn hóa', 'Hạ tầng kinh tế - xã hội'),
  ('491-xa', 7, 'Chợ nông thôn', 'Hạ tầng kinh tế - xã hội'),
  ('491-xa', 8, 'Bưu điện', 'Hạ tầng kinh tế - xã hội'),
  ('491-xa', 9, 'Nhà ở dân cư', 'Hạ tầng kinh tế - xã hội'),
  ('491-xa', 10, 'Thu nhập', 'Kinh tế và tổ chức sản xuất'),
  ('491-xa', 11, 'Hộ nghèo', 'Kinh tế và tổ chức sản xuất'),
  ('491-xa', 12, 'Tỷ lệ lao động có việc làm thường xuyên', 'Kinh tế và tổ chức sản xuất'),
  ('491-xa', 13, 'Hình thức tổ chức sản xuất', 'Kinh tế và tổ chức sản xuất'),
  ('491-xa', 14, 'Giáo dục', 'Văn hóa - xã hội - môi trường'),
  ('491-xa', 15, 'Y tế', 'Văn hóa - xã hội - môi trường'),
  ('491-xa', 16, 'Văn hóa', 'Văn hóa - xã hội - môi trường'),
  ('491-xa', 17, 'Môi trường', 'Văn hóa - xã hội - môi trường'),
  ('491-xa', 18, 'Hệ thống tổ chức chính trị xã hội vững mạnh', 'Hệ thống chính trị'),
  ('491-xa', 19, 'An ninh, trật tự xã hội được giữ vững', 'Hệ thống chính trị');

INSERT INTO indicator (set_id, id, criterion, name, unit, comparison, min_value, max_value, sort)
  SELECT '491-xa', number || '.1', number, 'Đạt tiêu chí ' || name || ' (đánh giá tổng hợp)', 'dat', '>=', 0, 1, number
  FROM criterion WHERE set_id = '491-xa';

INSERT INTO threshold (set_id, indicator, region, province_id, year, value, confirmed, source, note)
  SELECT '491-xa', id, NULL, NULL, NULL, 1, 0,
         'Chưa xác minh: ngưỡng cấu trúc (chỉ tiêu tổng hợp "Đạt" = 1), không phải giá trị của văn bản', NULL
  FROM indicator WHERE set_id = '491-xa';
