-- The names provincial reports print for funding sources, as aliases of the source tree
-- (matched without accents or case: the `alias` column holds the folded text). Taken from the
-- reports in shared/seeds (Điện Biên 2020, Bắc Giang 2020) and the usual wording of the
-- "Biểu 01 – Huy động nguồn lực" tables; add a province's own wording here or with
-- INSERT INTO funding_source_alias.
INSERT INTO funding_source_alias (alias, source) VALUES
  ('ngan sach trung uong', 'central'),
  ('von ngan sach trung uong', 'central'),
  ('nstw', 'central'),
  ('von nstw', 'central'),
  ('ngan sach nha nuoc', 'central'),
  ('von dau tu phat trien', 'central.investment'),
  ('von dtpt', 'central.investment'),
  ('dau tu phat trien', 'central.investment'),
  ('von trong nuoc', 'central.investment.domestic'),
  ('von nuoc ngoai', 'central.investment.foreign'),
  ('von oda', 'central.investment.foreign'),
  ('von su nghiep', 'central.recurrent'),
  ('kinh phi su nghiep', 'central.recurrent'),
  ('ngan sach dia phuong', 'local'),
  ('von ngan sach dia phuong', 'local'),
  ('nsdp', 'local'),
  ('ngan sach cap tinh', 'local.province'),
  ('von ngan sach tinh', 'local.province'),
  ('ngan sach cap huyen', 'local.district'),
  ('von ngan sach huyen', 'local.district'),
  ('ngan sach cap xa', 'local.commune'),
  ('von ngan sach xa', 'local.commune'),
  ('von long ghep', 'integrated'),
  ('long ghep', 'integrated'),
  ('von long ghep cac chuong trinh', 'integrated'),
  ('von long ghep cac chuong trinh du an', 'integrated'),
  ('von tin dung', 'credit'),
  ('tin dung', 'credit'),
  ('von vay tin dung', 'credit'),
  ('von doanh nghiep', 'enterprise'),
  ('von doanh nghiep htx', 'enterprise'),
  ('von doanh nghiep hop tac xa', 'enterprise'),
  ('doanh nghiep', 'enterprise'),
  ('von huy dong tu cong dong dan cu', 'community'),
  ('von huy dong cong dong', 'community'),
  ('cong dong', 'community'),
  ('nhan dan dong gop', 'community'),
  ('von dan gop', 'community'),
  ('von huy dong khac', 'other'),
  ('nguon von khac', 'other'),
  ('nguon khac', 'other'),
  ('khac', 'other');

-- The components of the national target programme for 2026–2035, which merges new rural
-- development, sustainable poverty reduction and socio-economic development of ethnic minority
-- and mountainous areas (Nghị quyết 257/2025/QH15 of the National Assembly, as the issue that
-- asked for it states; the resolution's text was not read here — see db/reference/README.md).
INSERT INTO funding_component (code, name, programme, valid_from, valid_to, sort) VALUES
  ('ntm', 'Xây dựng nông thôn mới', 'Chương trình MTQG xây dựng NTM, giảm nghèo bền vững và phát triển KT-XH vùng DTTS&MN 2026–2035 (Nghị quyết 257/2025/QH15)', 2026, 2035, 1),
  ('giam-ngheo', 'Giảm nghèo bền vững', 'Chương trình MTQG xây dựng NTM, giảm nghèo bền vững và phát triển KT-XH vùng DTTS&MN 2026–2035 (Nghị quyết 257/2025/QH15)', 2026, 2035, 2),
  ('dtts-mn', 'Phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi', 'Chương trình MTQG xây dựng NTM, giảm nghèo bền vững và phát triển KT-XH vùng DTTS&MN 2026–2035 (Nghị quyết 257/2025/QH15)', 2026, 2035, 3);
