-- Criteria sets of Quyết định 51/2025/QĐ-TTg ngày 29/12/2025 (in force 15/02/2026),
-- "Bộ tiêu chí quốc gia về nông thôn mới giai đoạn 2026 - 2030". Điều 1 khoản 1 of the decision
-- names three annexes, one set each here:
--   '51-xa'           Phụ lục I   Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030
--   '51-xa-hien-dai'  Phụ lục II  Quy định khung thí điểm xây dựng xã nông thôn mới hiện đại
--   '51-tinh'         Phụ lục III Quy định tỉnh, thành phố hoàn thành nhiệm vụ xây dựng NTM
-- [xaydungchinhsach.chinhphu.vn/toan-van-quyet-dinh-51-2025-qd-ttg-ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-119251230104614909.htm,
--  Điều 1; in force 15/2/2026: vneconomy.vn/bo-tieu-chi-nong-thon-moi-20262030-mo-duong-cho-xay-dung-nong-thon-hien-dai.htm]
-- Applied after the units and regions; needs schema 3 (criteria_set.level 'province',
-- criteria_set.grade 'modern', threshold.class). Schema 2 rejects it, so it waits in
-- db/reference/schema-3/, which the loader does not read: move it to db/reference/ in the commit
-- that raises the schema to 3.
--
-- THE ANNEX TABLES WERE NOT READABLE. The government page carries the full text, but the stored
-- copy that could be searched holds only its beginning (up to Điều 1). What is confirmed:
--   * 10 criteria, 47 indicators, their names and numbers 1-10 (vietnamplus.vn …post1085735.vnp;
--     thoibaotaichinhvietnam.vn …-189751.html); every criterion is split by commune group.
--   * The commune-group rule (below), quoted by thoibaotaichinhvietnam.vn …-189751.html.
--   * Phụ lục III conditions (1), (2) and most of (3) (thuviennhadat.vn …-732857.html).
--   * Six indicator contents of the commune set, named in Phụ lục III (3).
-- NOT known: the list and numbering of the 47 indicators, and every value by group. So '51-xa'
-- holds, per criterion, one aggregate indicator "N.0" (the assessed result of the criterion under
-- Phụ lục I), plus the six named contents as "N.a", "N.b", … (letters: the annex number is unknown;
-- replace them with the annex ids when the text is read). 6.a and 8.a carry placeholder values by
-- group taken from QĐ 1980 (confirmed = 0, source says so). See db/reference/README.md.
--
-- Commune groups (class 'nhom=1' | 'nhom=2' | 'nhom=3'; NULL class = every group), as quoted:
--   "Xã nhóm 1 là xã liền kề đô thị hiện hữu và có định hướng phát triển thành đô thị hoặc xã có
--   tỷ trọng ngành nông nghiệp trong cơ cấu kinh tế dưới 10%, hoặc xã được định hướng là đô thị mới.
--   Xã nhóm 2 là xã không thuộc nhóm 1 và nhóm 3. Xã nhóm 3 là xã khu vực II và xã khu vực III
--   thuộc địa bàn vùng đồng bào dân tộc thiểu số và miền núi được cấp có thẩm quyền phân định theo
--   quy định." [thoibaotaichinhvietnam.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-189751.html;
--   same in English: baonghean.vn/en/chinh-phu-ban-hanh-bo-tieu-chi-quoc-gia-xay-dung-nong-thon-moi-giai-doan-2026-2030-10317875.html]
--   The quoted text does not say which group wins for a khu vực II/III commune that also meets a
--   nhóm 1 condition. The July 2025 draft numbered the groups the other way round (group 1 = poor
--   ethnic-minority communes, group 3 = urbanising; en.qdnd.vn …-580865): 2025 papers that use the
--   draft's numbers mean the opposite group.

INSERT INTO criteria_set (id, name, legal_basis, level, grade, valid_from, valid_to, note) VALUES
  ('51-xa', 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030',
   'Quyết định 51/2025/QĐ-TTg ngày 29/12/2025, Phụ lục I', 'commune', 'standard', 2026, 2030,
   'Có hiệu lực từ 15/02/2026. 10 tiêu chí, 47 chỉ tiêu, mức đạt chia theo 3 nhóm xã (class nhom=1, nhom=2, nhom=3). Bảng chỉ tiêu của Phụ lục I chưa đọc được: mỗi tiêu chí chỉ có chỉ tiêu tổng hợp N.0 (kết quả thẩm định tiêu chí) và 6 nội dung đã biết tên (3.a, 3.b, 3.c, 6.a, 8.a, 8.b). Mọi ngưỡng chưa xác minh; xem db/reference/README.md.'),
  ('51-xa-hien-dai', 'Quy định khung thí điểm xây dựng xã nông thôn mới hiện đại giai đoạn 2026-2030',
   'Quyết định 51/2025/QĐ-TTg ngày 29/12/2025, Phụ lục II', 'commune', 'modern', 2026, 2030,
   'Khung thí điểm, không phải bộ tiêu chí đầy đủ. Xã đạt NTM hiện đại khi đáp ứng đầy đủ các yêu cầu của Quy định khung (thuviennhadat.vn 732857, Phụ lục III (2)). Nội dung các yêu cầu chưa đọc được: chỉ nhập một chỉ tiêu tổng hợp 1.0. Có thể cần đạt chuẩn xã NTM 2026-2030 trước (như xã kiểu mẫu của QĐ 319 cần đạt nâng cao) - chưa xác minh.'),
  ('51-tinh', 'Quy định tỉnh, thành phố hoàn thành nhiệm vụ xây dựng nông thôn mới giai đoạn 2026-2030',
   'Quyết định 51/2025/QĐ-TTg ngày 29/12/2025, Phụ lục III', 'province', 'standard', 2026, 2030,
   'Điều kiện (1), (2), (3) theo thuviennhadat.vn 732857 (trích Phụ lục 3); đoạn (3) bị cắt ở nguồn và Phụ lục có thể còn điều kiện khác (ví dụ "không có nợ đọng xây dựng cơ bản" như QĐ 1274/QĐ-TTg năm 2020 về tỉnh hoàn thành nhiệm vụ) - chưa đọc được. Các chỉ tiêu là số liệu cấp tỉnh tính từ kết quả thẩm định các xã; cách tính ghi ở note của ngưỡng.');

-- Names and numbers: vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp
-- ("1- Quy hoạch; 2- Hạ tầng kinh tế - xã hội; … 10- Tiếp cận pháp luật và an ninh, quốc phòng").
-- The sources show no grouping of the criteria (318 had five groups): group_name is NULL.
INSERT INTO criterion (set_id, number, name, group_name) VALUES
  ('51-xa', 1, 'Quy hoạch', NULL),
  ('51-xa', 2, 'Hạ tầng kinh tế - xã hội', NULL),
  ('51-xa', 3, 'Phát triển kinh tế nông thôn', NULL),
  ('51-xa', 4, 'Đào tạo nguồn nhân lực nông thôn', NULL),
  ('51-xa', 5, 'Văn hóa, giáo dục, y tế', NULL),
  ('51-xa', 6, 'Giảm nghèo và an sinh xã hội', NULL),
  ('51-xa', 7, 'Khoa học công nghệ và chuyển đổi số', NULL),
  ('51-xa', 8, 'Môi trường và cảnh quan nông thôn', NULL),
  ('51-xa', 9, 'Xây dựng hệ thống chính trị và hành chính công', NULL),
  ('51-xa', 10, 'Tiếp cận pháp luật và an ninh, quốc phòng', NULL);

-- N.0: the assessed result of criterion N under Phụ lục I, standing in for its unread indicators.
-- N.a, N.b, …: contents the Phụ lục III (3) list names ("Tốc độ tăng thu nhập bình quân đầu người; có
-- kế hoạch và thực hiện hiệu quả kế hoạch phát triển sản phẩm OCOP …; có hoạt động phát triển kinh tế
-- tư nhân …; tỷ lệ nghèo đa chiều; tỷ lệ hộ được sử dụng nước sạch theo quy chuẩn; đảm bảo an toàn thực
-- phẩm"). Their criterion is inferred from the criterion names (3, 6) or from 318, where water and
-- food safety were criterion 17 "Môi trường và an toàn thực phẩm" (8): they may sit elsewhere.
INSERT INTO indicator (set_id, id, criterion, name, unit, comparison, min_value, max_value, sort) VALUES
  ('51-xa', '1.0', 1, 'Đạt tiêu chí Quy hoạch theo Phụ lục I (đánh giá tổng hợp các chỉ tiêu của tiêu chí)', 'dat', '>=', 0, 1, 10),
  ('51-xa', '2.0', 2, 'Đạt tiêu chí Hạ tầng kinh tế - xã hội theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 20),
  ('51-xa', '3.0', 3, 'Đạt tiêu chí Phát triển kinh tế nông thôn theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 30),
  ('51-xa', '3.a', 3, 'Tốc độ tăng thu nhập bình quân đầu người đạt mức quy định cho nhóm xã', 'dat', '>=', 0, 1, 31),
  ('51-xa', '3.b', 3, 'Có kế hoạch và thực hiện hiệu quả kế hoạch phát triển sản phẩm OCOP gắn với đặc trưng, thế mạnh của địa phương', 'dat', '>=', 0, 1, 32),
  ('51-xa', '3.c', 3, 'Có hoạt động phát triển kinh tế tư nhân trên địa bàn gắn với tạo việc làm, thu nhập cho người lao động địa phương', 'dat', '>=', 0, 1, 33),
  ('51-xa', '4.0', 4, 'Đạt tiêu chí Đào tạo nguồn nhân lực nông thôn theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 40),
  ('51-xa', '5.0', 5, 'Đạt tiêu chí Văn hóa, giáo dục, y tế theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 50),
  ('51-xa', '6.0', 6, 'Đạt tiêu chí Giảm nghèo và an sinh xã hội theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 60),
  ('51-xa', '6.a', 6, 'Tỷ lệ nghèo đa chiều', '%', '<=', 0, 100, 61),
  ('51-xa', '7.0', 7, 'Đạt tiêu chí Khoa học công nghệ và chuyển đổi số theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 70),
  ('51-xa', '8.0', 8, 'Đạt tiêu chí Môi trường và cảnh quan nông thôn theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 80),
  ('51-xa', '8.a', 8, 'Tỷ lệ hộ được sử dụng nước sạch theo quy chuẩn', '%', '>=', 0, 100, 81),
  ('51-xa', '8.b', 8, 'Đảm bảo an toàn thực phẩm', 'dat', '>=', 0, 1, 82),
  ('51-xa', '9.0', 9, 'Đạt tiêu chí Xây dựng hệ thống chính trị và hành chính công theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 90),
  ('51-xa', '10.0', 10, 'Đạt tiêu chí Tiếp cận pháp luật và an ninh, quốc phòng theo Phụ lục I (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 100);

INSERT INTO threshold (set_id, indicator, region, class, province_id, year, value, confirmed, source, note) VALUES
  ('51-xa', '1.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu của tiêu chí 1 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '2.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu của tiêu chí 2 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '3.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu còn lại của tiêu chí 3 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '3.a', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: nội dung "Tốc độ tăng thu nhập bình quân đầu người" có trong bộ tiêu chí (thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html, Phụ lục III (3)); số hiệu chỉ tiêu, tiêu chí chứa nó và mức theo nhóm xã chưa đọc được', 'Tạm nhập dạng Đạt: ghi 1 khi tốc độ tăng thu nhập của xã đạt mức Phụ lục I quy định cho nhóm xã; khi có văn bản, đổi thành chỉ tiêu % với ngưỡng theo nhóm'),
  ('51-xa', '3.b', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: nội dung có trong bộ tiêu chí theo thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html (Phụ lục III (3)); số hiệu, tiêu chí chứa nó và việc áp dụng cho cả 3 nhóm xã chưa đọc được', NULL),
  ('51-xa', '3.c', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: nội dung có trong bộ tiêu chí theo thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html (Phụ lục III (3)); số hiệu, tiêu chí chứa nó và việc áp dụng cho cả 3 nhóm xã chưa đọc được', NULL),
  ('51-xa', '4.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu của tiêu chí 4 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '5.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu của tiêu chí 5 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '6.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu còn lại của tiêu chí 6 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '6.a', NULL, 'nhom=1', NULL, NULL, 6, 0, 'Chưa xác minh: giá trị tạm, KHÔNG phải của QĐ 51/2025. Nội dung "tỷ lệ nghèo đa chiều" có trong bộ tiêu chí (thuviennhadat.vn …-732857.html, Phụ lục III (3)); mức theo nhóm xã chưa đọc được. Tạm lấy mức chung của QĐ 1980/QĐ-TTg chỉ tiêu 11.1 (≤ 6%, en.vietnamplus.vn/criteria-for-newstyled-rural-communes-in-201620-announced/100780.vnp)', 'Chuẩn nghèo đa chiều đã đổi (NĐ 07/2021/NĐ-CP; chuẩn 2026-2030 đang dự thảo): con số 2016-2020 chỉ để bộ dữ liệu chạy được'),
  ('51-xa', '6.a', NULL, 'nhom=2', NULL, NULL, 6, 0, 'Chưa xác minh: giá trị tạm, KHÔNG phải của QĐ 51/2025. Nội dung "tỷ lệ nghèo đa chiều" có trong bộ tiêu chí (thuviennhadat.vn …-732857.html, Phụ lục III (3)); mức theo nhóm xã chưa đọc được. Tạm lấy mức chung của QĐ 1980/QĐ-TTg chỉ tiêu 11.1 (≤ 6%, en.vietnamplus.vn/criteria-for-newstyled-rural-communes-in-201620-announced/100780.vnp)', 'Chuẩn nghèo đa chiều đã đổi (NĐ 07/2021/NĐ-CP; chuẩn 2026-2030 đang dự thảo): con số 2016-2020 chỉ để bộ dữ liệu chạy được'),
  ('51-xa', '6.a', NULL, 'nhom=3', NULL, NULL, 12, 0, 'Chưa xác minh: giá trị tạm, KHÔNG phải của QĐ 51/2025. Mức theo nhóm xã chưa đọc được. Tạm lấy mức vùng TDMNPB của QĐ 1980/QĐ-TTg chỉ tiêu 11.1 (≤ 12%, bản thân giá trị này cũng chưa xác minh; xem 30_criteria_1980.sql), vì xã nhóm 3 là xã khu vực II, III vùng DTTS và miền núi', 'Chuẩn nghèo đa chiều đã đổi (NĐ 07/2021/NĐ-CP; chuẩn 2026-2030 đang dự thảo): con số 2016-2020 chỉ để bộ dữ liệu chạy được'),
  ('51-xa', '7.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu của tiêu chí 7 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '8.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu còn lại của tiêu chí 8 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '8.a', NULL, 'nhom=1', NULL, NULL, 65, 0, 'Chưa xác minh: giá trị tạm, KHÔNG phải của QĐ 51/2025. Nội dung "tỷ lệ hộ được sử dụng nước sạch theo quy chuẩn" có trong bộ tiêu chí (thuviennhadat.vn …-732857.html, Phụ lục III (3)); tiêu chí chứa nó (8 hay 2) và mức theo nhóm xã chưa đọc được. Tạm lấy mức vùng ĐBSH của QĐ 1980/QĐ-TTg chỉ tiêu 17.1a nước sạch (≥ 65%, Q&A thuvienphapluat 24BCB)', 'Nước sạch theo quy chuẩn (QCVN của Bộ Y tế) chặt hơn "nước sạch" 2016-2020; mức thật có thể khác xa'),
  ('51-xa', '8.a', NULL, 'nhom=2', NULL, NULL, 60, 0, 'Chưa xác minh: giá trị tạm, KHÔNG phải của QĐ 51/2025. Mức theo nhóm xã chưa đọc được. Tạm lấy mức chung của QĐ 1980/QĐ-TTg chỉ tiêu 17.1a nước sạch (≥ 60%; các nguồn ghi 60 hoặc 65, xem 30_criteria_1980.sql)', 'Nước sạch theo quy chuẩn (QCVN của Bộ Y tế) chặt hơn "nước sạch" 2016-2020; mức thật có thể khác xa'),
  ('51-xa', '8.a', NULL, 'nhom=3', NULL, NULL, 50, 0, 'Chưa xác minh: giá trị tạm, KHÔNG phải của QĐ 51/2025. Mức theo nhóm xã chưa đọc được. Tạm lấy mức vùng TDMNPB của QĐ 1980/QĐ-TTg chỉ tiêu 17.1a nước sạch (≥ 50%, Q&A thuvienphapluat 24BCB), vì xã nhóm 3 là xã khu vực II, III vùng DTTS và miền núi', 'Nước sạch theo quy chuẩn (QCVN của Bộ Y tế) chặt hơn "nước sạch" 2016-2020; mức thật có thể khác xa'),
  ('51-xa', '8.b', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: nội dung "đảm bảo an toàn thực phẩm" có trong bộ tiêu chí (thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html, Phụ lục III (3)); số hiệu, tiêu chí chứa nó (8 hay 5) và mức theo nhóm xã chưa đọc được', 'QĐ 318 xếp an toàn thực phẩm vào tiêu chí 17 "Môi trường và an toàn thực phẩm"; ở đây tạm xếp vào tiêu chí 8'),
  ('51-xa', '9.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu của tiêu chí 9 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản'),
  ('51-xa', '10.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các chỉ tiêu của tiêu chí 10 trong Phụ lục I QĐ 51/2025/QĐ-TTg (bảng chưa đọc được); tên tiêu chí theo vietnamplus.vn/ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-post1085735.vnp', 'Ghi 1 khi xã đạt tiêu chí theo mức của nhóm xã mình; thay bằng các chỉ tiêu của Phụ lục I khi có văn bản');

-- Phụ lục II, the pilot framework: only the rule that a modern commune meets every requirement of
-- the framework is known (thuviennhadat.vn …-732857.html, in Phụ lục III (2)).
INSERT INTO criterion (set_id, number, name, group_name) VALUES
  ('51-xa-hien-dai', 1, 'Yêu cầu của Quy định khung thí điểm xây dựng xã nông thôn mới hiện đại (Phụ lục II)', NULL);

INSERT INTO indicator (set_id, id, criterion, name, unit, comparison, min_value, max_value, sort) VALUES
  ('51-xa-hien-dai', '1.0', 1, 'Đáp ứng đầy đủ các yêu cầu của Quy định khung thí điểm xây dựng xã nông thôn mới hiện đại giai đoạn 2026-2030 (đánh giá tổng hợp)', 'dat', '>=', 0, 1, 10);

INSERT INTO threshold (set_id, indicator, region, class, province_id, year, value, confirmed, source, note) VALUES
  ('51-xa-hien-dai', '1.0', NULL, NULL, NULL, NULL, 1, 0, 'Chưa xác minh: chỉ tiêu tổng hợp thay cho các yêu cầu của Phụ lục II QĐ 51/2025/QĐ-TTg (chưa đọc được). Cách đạt ("đáp ứng đầy đủ các yêu cầu của Quy định khung") theo thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html', 'Ghi 1 khi xã được thẩm định đáp ứng Quy định khung; thay bằng các yêu cầu của Phụ lục II khi có văn bản');

-- Phụ lục III: the province's conditions, each a figure a check computes from the commune reviews
-- of the province's year (how: in each threshold's note). Values quoted by thuviennhadat.vn …-732857.html:
-- "(1) 100% số xã trên địa bàn đạt chuẩn nông thôn mới …; (2) Ít nhất 10% số xã trên địa bàn đạt nông
-- thôn mới hiện đại …; (3) Trường hợp cần thiết, xây dựng nông thôn mới ở phường được hình thành từ việc
-- sắp xếp với đơn vị hành chính xã và có diện tích đất nông nghiệp chiếm từ 70% trở lên so với tổng
-- diện tích đất tự nhiên của phường tại thời điểm ngày 01 tháng 7 năm 2025 hoặc xây dựng nông thôn mới
-- ở đặc khu: phải đảm bảo đáp ứng từ 70% trở lên số nội dung tiêu chí (trong đó có các nội dung tiêu chí:
-- …) yêu cầu đối vớ[i …]" (the quote breaks off there).
INSERT INTO criterion (set_id, number, name, group_name) VALUES
  ('51-tinh', 1, 'Xã đạt chuẩn nông thôn mới', NULL),
  ('51-tinh', 2, 'Xã đạt nông thôn mới hiện đại', NULL),
  ('51-tinh', 3, 'Phường, đặc khu xây dựng nông thôn mới (trường hợp cần thiết)', NULL);

INSERT INTO indicator (set_id, id, criterion, name, unit, comparison, min_value, max_value, sort) VALUES
  ('51-tinh', '1.1', 1, 'Tỷ lệ số xã trên địa bàn đạt chuẩn nông thôn mới theo Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030', '%', '>=', 0, 100, 10),
  ('51-tinh', '2.1', 2, 'Tỷ lệ số xã trên địa bàn đạt nông thôn mới hiện đại (đáp ứng đầy đủ Quy định khung thí điểm)', '%', '>=', 0, 100, 20),
  ('51-tinh', '3.1', 3, 'Tỷ lệ nội dung tiêu chí đáp ứng, thấp nhất trong các phường (từ xã, đất nông nghiệp ≥ 70% tại 01/7/2025) và đặc khu xây dựng nông thôn mới', '%', '>=', 0, 100, 30),
  ('51-tinh', '3.2', 3, 'Các phường, đặc khu đó đáp ứng đủ 6 nội dung bắt buộc (tốc độ tăng thu nhập, kế hoạch OCOP, kinh tế tư nhân, nghèo đa chiều, nước sạch theo quy chuẩn, an toàn thực phẩm)', 'dat', '>=', 0, 1, 31);

INSERT INTO threshold (set_id, indicator, region, class, province_id, year, value, confirmed, source, note) VALUES
  ('51-tinh', '1.1', NULL, NULL, NULL, NULL, 100, 1, 'thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html, trích Phụ lục 3 QĐ 51/2025/QĐ-TTg, điều kiện (1): "100% số xã trên địa bàn đạt chuẩn nông thôn mới"', 'Tính: số xã (loại xa) của tỉnh đạt đủ 10 tiêu chí của bộ 51-xa (hoặc đã được công nhận đạt chuẩn) / tổng số xã của tỉnh trong năm × 100. Phường và đặc khu không tính vào mẫu số'),
  ('51-tinh', '2.1', NULL, NULL, NULL, NULL, 10, 1, 'thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html, trích Phụ lục 3 QĐ 51/2025/QĐ-TTg, điều kiện (2): "Ít nhất 10% số xã trên địa bàn đạt nông thôn mới hiện đại"', 'Tính: số xã đạt bộ 51-xa-hien-dai (hoặc công nhận hạng modern) / tổng số xã của tỉnh × 100'),
  ('51-tinh', '3.1', NULL, NULL, NULL, NULL, 70, 1, 'thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html, trích Phụ lục 3 QĐ 51/2025/QĐ-TTg, điều kiện (3): "phải đảm bảo đáp ứng từ 70% trở lên số nội dung tiêu chí"', 'Chỉ áp dụng khi tỉnh có phường/đặc khu xây dựng NTM ("trường hợp cần thiết"); không có thì coi là đạt. Tính: với mỗi phường/đặc khu đó, số nội dung tiêu chí đạt / số nội dung yêu cầu × 100, lấy giá trị nhỏ nhất. Nguồn bị cắt ở "yêu cầu đối vớ…": chưa rõ so với yêu cầu của nhóm xã nào'),
  ('51-tinh', '3.2', NULL, NULL, NULL, NULL, 1, 1, 'thuviennhadat.vn/phap-ly-nha-dat/tinh-thanh-pho-hoan-thanh-nhiem-vu-xay-dung-nong-thon-moi-giai-doan-2026-2030-can-dieu-kien-gi-732857.html, trích Phụ lục 3 QĐ 51/2025/QĐ-TTg, điều kiện (3): "(trong đó có các nội dung tiêu chí: Tốc độ tăng thu nhập bình quân đầu người; … OCOP …; … kinh tế tư nhân …; tỷ lệ nghèo đa chiều; tỷ lệ hộ được sử dụng nước sạch theo quy chuẩn; đảm bảo an toàn thực phẩm)"', 'Chỉ áp dụng khi tỉnh có phường/đặc khu xây dựng NTM; không có thì coi là đạt. Tính: 1 khi mọi phường/đặc khu đó đạt 3.a, 3.b, 3.c, 6.a, 8.a, 8.b của bộ 51-xa; văn phòng nhập khi không có số liệu xã');
