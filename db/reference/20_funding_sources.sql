-- Funding sources as a tree. The codes are fixed: other parts of ntm rely on them.
-- sort is a pre-order key (parent before children, siblings in report order), so ORDER BY sort
-- gives the usual "Biểu 01 – Huy động nguồn lực" row order and also orders siblings correctly.
-- The categories follow the national aggregates (NSNN, lồng ghép, tín dụng, doanh nghiệp, cộng đồng);
-- see /work/shared/research/domain-notes.md §5.

INSERT INTO funding_source (code, parent, name, sort) VALUES
  ('central',                     NULL,                 'Ngân sách trung ương',                       10),
  ('central.investment',          'central',            'Vốn đầu tư phát triển',                      11),
  ('central.investment.domestic', 'central.investment', 'Vốn trong nước',                             12),
  ('central.investment.foreign',  'central.investment', 'Vốn nước ngoài',                             13),
  ('central.recurrent',           'central',            'Vốn sự nghiệp',                              14),
  ('local',                       NULL,                 'Ngân sách địa phương',                       20),
  ('local.province',              'local',              'Ngân sách tỉnh',                             21),
  ('local.district',              'local',              'Ngân sách huyện',                            22),
  ('local.commune',               'local',              'Ngân sách xã',                               23),
  ('integrated',                  NULL,                 'Vốn lồng ghép các chương trình, dự án',      30),
  ('credit',                      NULL,                 'Vốn tín dụng',                               40),
  ('enterprise',                  NULL,                 'Doanh nghiệp, hợp tác xã',                   50),
  ('community',                   NULL,                 'Cộng đồng dân cư',                           60),
  ('other',                       NULL,                 'Nguồn khác',                                 70);
