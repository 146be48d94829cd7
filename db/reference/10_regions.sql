-- NTM regions and the province -> region map (2020 province codes).
-- Runs after the base map (db/units-2020.csv) is loaded and before the map's history is replayed:
-- the regions are classes (unit_class, key 'region') of the province identities of 02/02/2020
-- (their first period is open at the start); provinces formed on 01/07/2025 get theirs from the
-- provinces they were made of (see src/model/map_history.cpp).
--
-- Provenance (see db/reference/README.md for the full notes):
-- * The seven regions and their names: QĐ 1980/QĐ-TTg and QĐ 318/QĐ-TTg set a "chỉ tiêu chung" plus a
--   value for each of Trung du miền núi phía Bắc; Đồng bằng sông Hồng; Bắc Trung Bộ; Duyên hải Nam Trung Bộ;
--   Tây Nguyên; Đông Nam Bộ; Đồng bằng sông Cửu Long. Confirmed in thaibinhtv.vn/news/69/32493/… (1980)
--   and tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/39774/… (318).
-- * Which province belongs to which region is NOT printed in the excerpts of 1980/318 that could be read;
--   no footnote listing provinces was seen. The map below is the usual socio-economic split (GSO's six
--   regions, with "Bắc Trung Bộ và duyên hải miền Trung" split into BTB and DHNTB):
--   - TDMNPB, 14 provinces: confirmed as a list by vietmaz.com/2021/09/northern-provinces-urged-… (MPI
--     meeting 2021) and by the vi.wikipedia article on Trung du và miền núi phía Bắc.
--   - DBSH, 11 provinces including Quảng Ninh: NQ 81/2023/QH15 as quoted by
--     phapluat.suckhoedoisong.vn/mien-bac-nuoc-ta-chia-lam-may-vung-…-94249.html. CAUTION: older 7/8-region
--     schemes put Quảng Ninh in the north-east (TDMNPB); the NTM decisions themselves were not seen to say.
--   - BTB, 6 provinces Thanh Hóa … Thừa Thiên Huế: hoichodacsan.vn/map?group_id=4.
--   - DHNTB (Đà Nẵng … Bình Thuận), TN (5 provinces), DNB (6), DBSCL (13): the standard split, not
--     checked against an NTM text here.
-- * 318/QĐ-TTg Điều 1 (ls1.hethongphapluat.com, text of 318): communes that are "đặc biệt khó khăn" or
--   "an toàn khu" in poor districts (2018–2020) use the TDMNPB level regardless of their province's region.
--   That is a commune-level rule; it is not expressed here (a check script should apply it via unit flags).

INSERT INTO region (code, name, sort) VALUES
  ('TDMNPB', 'Trung du và miền núi phía Bắc', 1),
  ('DBSH',   'Đồng bằng sông Hồng',           2),
  ('BTB',    'Bắc Trung Bộ',                  3),
  ('DHNTB',  'Duyên hải Nam Trung Bộ',        4),
  ('TN',     'Tây Nguyên',                    5),
  ('DNB',    'Đông Nam Bộ',                   6),
  ('DBSCL',  'Đồng bằng sông Cửu Long',       7);

-- Hà Giang, Cao Bằng, Bắc Kạn, Tuyên Quang, Lào Cai, Điện Biên, Lai Châu, Sơn La, Yên Bái, Hòa Bình,
-- Thái Nguyên, Lạng Sơn, Bắc Giang, Phú Thọ.
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT u.id, 'region', 0, 'TDMNPB' FROM unit u JOIN unit_period p ON p.unit_id = u.id
  WHERE u.kind = 'province' AND p.valid_from IS NULL AND u.code IN
  ('02', '04', '06', '08', '10', '11', '12', '14', '15', '17', '19', '20', '24', '25');

-- Hà Nội, Quảng Ninh, Vĩnh Phúc, Bắc Ninh, Hải Dương, Hải Phòng, Hưng Yên, Thái Bình, Hà Nam,
-- Nam Định, Ninh Bình.
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT u.id, 'region', 0, 'DBSH' FROM unit u JOIN unit_period p ON p.unit_id = u.id
  WHERE u.kind = 'province' AND p.valid_from IS NULL AND u.code IN
  ('01', '22', '26', '27', '30', '31', '33', '34', '35', '36', '37');

-- Thanh Hóa, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị, Thừa Thiên Huế.
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT u.id, 'region', 0, 'BTB' FROM unit u JOIN unit_period p ON p.unit_id = u.id
  WHERE u.kind = 'province' AND p.valid_from IS NULL AND u.code IN
  ('38', '40', '42', '44', '45', '46');

-- Đà Nẵng, Quảng Nam, Quảng Ngãi, Bình Định, Phú Yên, Khánh Hòa, Ninh Thuận, Bình Thuận.
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT u.id, 'region', 0, 'DHNTB' FROM unit u JOIN unit_period p ON p.unit_id = u.id
  WHERE u.kind = 'province' AND p.valid_from IS NULL AND u.code IN
  ('48', '49', '51', '52', '54', '56', '58', '60');

-- Kon Tum, Gia Lai, Đắk Lắk, Đắk Nông, Lâm Đồng.
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT u.id, 'region', 0, 'TN' FROM unit u JOIN unit_period p ON p.unit_id = u.id
  WHERE u.kind = 'province' AND p.valid_from IS NULL AND u.code IN
  ('62', '64', '66', '67', '68');

-- Bình Phước, Tây Ninh, Bình Dương, Đồng Nai, Bà Rịa - Vũng Tàu, TP Hồ Chí Minh.
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT u.id, 'region', 0, 'DNB' FROM unit u JOIN unit_period p ON p.unit_id = u.id
  WHERE u.kind = 'province' AND p.valid_from IS NULL AND u.code IN
  ('70', '72', '74', '75', '77', '79');

-- Long An, Tiền Giang, Bến Tre, Trà Vinh, Vĩnh Long, Đồng Tháp, An Giang, Kiên Giang, Cần Thơ,
-- Hậu Giang, Sóc Trăng, Bạc Liêu, Cà Mau.
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT u.id, 'region', 0, 'DBSCL' FROM unit u JOIN unit_period p ON p.unit_id = u.id
  WHERE u.kind = 'province' AND p.valid_from IS NULL AND u.code IN
  ('80', '82', '83', '84', '86', '87', '89', '91', '92', '93', '94', '95', '96');
