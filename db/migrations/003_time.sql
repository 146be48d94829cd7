-- Schema version 3: every fact has a date, and a code is not an identity.
--
-- Vietnam's map changes: communes merge, wards are made of communes, districts were abolished
-- on 01/07/2025, and codes are reused (province 24 is Bắc Giang until 30/06/2025, Bắc Ninh
-- after). So a unit is an identity (`unit.id`) with the code it carries, and what it is at a
-- date (name, type, parent) lives in `unit_period` rows that a rename, a move or a change of
-- type closes and opens; nothing is overwritten. Every value, status, recognition, funding line
-- and plan line names the unit identity it belongs to. `succession` records which units a unit
-- was formed from. A commune's classes (region, group, flags) are data per year (`unit_class`),
-- and thresholds may apply to any class.
--
-- The migration runs with foreign keys off and legacy_alter_table on (src/store/schema.cpp), so
-- tables are rebuilt in the documented way: new table, copy, drop old, rename. Units of an older
-- database become identities whose single period is open at both ends (they existed before
-- 02/02/2020, the earliest map held, and still do); the map's history after that date is then
-- applied by the program (meta key 'map_history').
-- Dates are ISO text (YYYY-MM-DD); NULL valid_from = since before the earliest map held,
-- NULL valid_to = still in force.

-- ---------------------------------------------------------------------------------------------
-- Units

CREATE TABLE unit_new (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL CHECK (length(code) > 0),
  kind  TEXT NOT NULL CHECK (kind IN ('province', 'district', 'commune', 'village'))
);
INSERT INTO unit_new (code, kind)
  SELECT code, kind FROM unit
  ORDER BY CASE kind WHEN 'province' THEN 0 WHEN 'district' THEN 1 WHEN 'commune' THEN 2 ELSE 3 END, code;

CREATE TABLE unit_period (
  id              INTEGER PRIMARY KEY,
  unit_id         INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  valid_from      TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  valid_to        TEXT CHECK (valid_to IS NULL OR valid_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  type            TEXT NOT NULL CHECK (type IN ('tinh', 'thanh-pho', 'huyen', 'quan', 'thi-xa', 'xa', 'phuong',
                                                'thi-tran', 'dac-khu', 'thon', 'ban')),
  name            TEXT NOT NULL CHECK (length(name) > 0),
  name_with_type  TEXT NOT NULL,
  parent_id       INTEGER REFERENCES unit(id),       -- NULL for a province
  act             TEXT,                              -- the legal act that opened this period
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE UNIQUE INDEX unit_period_start ON unit_period(unit_id, ifnull(valid_from, ''));
CREATE INDEX unit_period_parent ON unit_period(parent_id);

INSERT INTO unit_period (unit_id, type, name, name_with_type, parent_id)
  SELECT n.id, u.type, u.name, u.name_with_type, p.id
  FROM unit u JOIN unit_new n ON n.code = u.code LEFT JOIN unit_new p ON p.code = u.parent_code;

-- Which units a unit was formed from: the whole of a predecessor or a part of it.
CREATE TABLE succession (
  successor_id    INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  predecessor_id  INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('whole', 'part')),
  date            TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),   -- effective
  act             TEXT,
  PRIMARY KEY (successor_id, predecessor_id)
) WITHOUT ROWID;
CREATE INDEX succession_predecessor ON succession(predecessor_id);

-- Names in a legal text that formed a unit but did not resolve to one unit (a hamlet, a firing
-- range, a name shared by several communes): kept as written, never guessed.
CREATE TABLE succession_unresolved (
  successor_id  INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  text          TEXT NOT NULL,
  kind          TEXT,                    -- whole | part, as the text says
  status        TEXT NOT NULL,           -- 'ambiguous=c1/c2' | 'unmatched' ...
  date          TEXT NOT NULL,
  act           TEXT
);

-- Classes of a unit, per year (year 0 = every year): 'region' (NTM socio-economic region, on
-- provinces and on communes whose province spans regions), 'nhom' (commune group of
-- 51/2025/QĐ-TTg: '1', '2', '3'), flags 'dbkk' (xã đặc biệt khó khăn), 'bien-gioi',
-- 'mien-nui', 'atk' (an toàn khu) with value '1', 'khu-vuc' ('1', '2', '3').
CREATE TABLE unit_class (
  unit_id  INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  key      TEXT NOT NULL CHECK (length(key) > 0 AND key NOT GLOB '*[=;]*'),
  year     INTEGER NOT NULL DEFAULT 0 CHECK (year = 0 OR year BETWEEN 1990 AND 2100),
  value    TEXT NOT NULL CHECK (length(value) > 0 AND value NOT GLOB '*[=;]*'),
  source   TEXT,
  PRIMARY KEY (unit_id, key, year)
) WITHOUT ROWID;

INSERT INTO unit_class (unit_id, key, year, value)
  SELECT n.id, 'region', 0, u.region FROM unit u JOIN unit_new n ON n.code = u.code WHERE u.region IS NOT NULL;
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT n.id, 'dbkk', 0, '1' FROM unit u JOIN unit_new n ON n.code = u.code WHERE u.extremely_difficult = 1;
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT n.id, 'bien-gioi', 0, '1' FROM unit u JOIN unit_new n ON n.code = u.code WHERE u.border = 1;
INSERT INTO unit_class (unit_id, key, year, value)
  SELECT n.id, 'mien-nui', 0, '1' FROM unit u JOIN unit_new n ON n.code = u.code WHERE u.mountainous = 1;

CREATE TABLE unit_tag_new (
  unit_id  INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  tag      TEXT NOT NULL CHECK (length(tag) > 0),
  PRIMARY KEY (unit_id, tag)
) WITHOUT ROWID;
INSERT INTO unit_tag_new SELECT n.id, t.tag FROM unit_tag t JOIN unit_new n ON n.code = t.unit_code;
DROP TABLE unit_tag;
ALTER TABLE unit_tag_new RENAME TO unit_tag;
CREATE INDEX unit_tag_tag ON unit_tag(tag);

-- ---------------------------------------------------------------------------------------------
-- Criteria sets: provincial sets and the pilot grade of 51/2025 need new levels and grades;
-- thresholds may apply to a class of commune ('nhom=1', 'dbkk=1').

CREATE TABLE criteria_set_new (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  legal_basis  TEXT NOT NULL,
  level        TEXT NOT NULL CHECK (level IN ('commune', 'district', 'village', 'province')),
  grade        TEXT NOT NULL CHECK (grade IN ('standard', 'advanced', 'model', 'modern')),
  valid_from   INTEGER NOT NULL,      -- first year of the reviews the set governs
  valid_to     INTEGER NOT NULL,      -- last year
  note         TEXT,
  CHECK (valid_from <= valid_to)
);
INSERT INTO criteria_set_new SELECT id, name, legal_basis, level, grade, valid_from, valid_to, note FROM criteria_set;
DROP TABLE criteria_set;
ALTER TABLE criteria_set_new RENAME TO criteria_set;

CREATE TABLE threshold_new (
  id          INTEGER PRIMARY KEY,
  set_id      TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  region      TEXT REFERENCES region(code),
  class       TEXT CHECK (class IS NULL OR class GLOB '?*=?*'),   -- 'nhom=1', 'dbkk=1', 'nhom=3;dbkk=1'
  province_id INTEGER REFERENCES unit(id),
  year        INTEGER,
  value       REAL NOT NULL,
  confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
  source      TEXT NOT NULL,
  note        TEXT,
  FOREIGN KEY (set_id, indicator) REFERENCES indicator(set_id, id) ON DELETE CASCADE
);
INSERT INTO threshold_new (id, set_id, indicator, region, province_id, year, value, confirmed, source, note)
  SELECT t.id, t.set_id, t.indicator, t.region, n.id, t.year, t.value, t.confirmed, t.source, t.note
  FROM threshold t LEFT JOIN unit_new n ON n.code = t.province;
DROP TABLE threshold;
ALTER TABLE threshold_new RENAME TO threshold;
CREATE UNIQUE INDEX threshold_scope
  ON threshold(set_id, indicator, ifnull(region, ''), ifnull(class, ''), ifnull(province_id, 0), ifnull(year, 0));

-- The set a province used for the reviews of a year, when it is not the national default.
CREATE TABLE province_set (
  province_id  INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  year         INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  set_id       TEXT NOT NULL REFERENCES criteria_set(id),
  source       TEXT,
  PRIMARY KEY (province_id, year, set_id)
) WITHOUT ROWID;

-- ---------------------------------------------------------------------------------------------
-- Facts, each naming the unit identity it belongs to.

CREATE TABLE indicator_value_new (
  unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  set_id      TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  value       REAL NOT NULL,
  source      TEXT,
  note        TEXT,
  PRIMARY KEY (unit_id, year, set_id, indicator),
  FOREIGN KEY (set_id, indicator) REFERENCES indicator(set_id, id)
) WITHOUT ROWID;
INSERT INTO indicator_value_new
  SELECT n.id, v.year, v.set_id, v.indicator, v.value, v.source, v.note
  FROM indicator_value v JOIN unit_new n ON n.code = v.unit_code;
DROP TABLE indicator_value;
ALTER TABLE indicator_value_new RENAME TO indicator_value;
CREATE INDEX indicator_value_year ON indicator_value(year, set_id);

CREATE TABLE criterion_status_new (
  unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  set_id      TEXT NOT NULL,
  criterion   INTEGER NOT NULL,
  met         INTEGER NOT NULL CHECK (met IN (0, 1)),
  by          TEXT NOT NULL CHECK (by IN ('computed', 'assessed')),
  source      TEXT,
  run_id      INTEGER REFERENCES saved_run(id),
  PRIMARY KEY (unit_id, year, set_id, criterion, by),
  FOREIGN KEY (set_id, criterion) REFERENCES criterion(set_id, number)
) WITHOUT ROWID;
INSERT INTO criterion_status_new
  SELECT n.id, s.year, s.set_id, s.criterion, s.met, s.by, s.source, s.run_id
  FROM criterion_status s JOIN unit_new n ON n.code = s.unit_code;
DROP TABLE criterion_status;
ALTER TABLE criterion_status_new RENAME TO criterion_status;
CREATE INDEX criterion_status_year ON criterion_status(year, set_id);

CREATE TABLE recognition_new (
  unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  grade       TEXT NOT NULL CHECK (grade IN ('basic', 'standard', 'advanced', 'model')),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  decision    TEXT,
  date        TEXT CHECK (date IS NULL OR date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  revoked     TEXT,
  PRIMARY KEY (unit_id, grade)
) WITHOUT ROWID;
INSERT INTO recognition_new
  SELECT n.id, r.grade, r.year, r.decision, r.date, r.revoked FROM recognition r JOIN unit_new n ON n.code = r.unit_code;
DROP TABLE recognition;
ALTER TABLE recognition_new RENAME TO recognition;

-- Components of a programme (the 2026–2035 programme merges new rural development, sustainable
-- poverty reduction and ethnic-minority development): funding may name the component it is for.
CREATE TABLE funding_component (
  code        TEXT PRIMARY KEY,           -- 'ntm', 'giam-ngheo', 'dtts-mn'
  name        TEXT NOT NULL,
  programme   TEXT NOT NULL,              -- the programme and its legal basis
  valid_from  INTEGER,                    -- first year
  valid_to    INTEGER,
  sort        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE funding_new (
  unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  source      TEXT NOT NULL REFERENCES funding_source(code),
  stage       TEXT NOT NULL CHECK (stage IN ('plan', 'mobilised', 'disbursed')),
  component   TEXT NOT NULL DEFAULT '',   -- '' = the programme as a whole; else funding_component(code)
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  note        TEXT,
  PRIMARY KEY (unit_id, year, source, stage, component)
) WITHOUT ROWID;
INSERT INTO funding_new (unit_id, year, source, stage, amount, note)
  SELECT n.id, f.year, f.source, f.stage, f.amount, f.note FROM funding f JOIN unit_new n ON n.code = f.unit_code;
DROP TABLE funding;
ALTER TABLE funding_new RENAME TO funding;

-- Other names provinces print for a funding source ("Vốn lồng ghép", "Ngân sách Trung ương").
-- Matched folded (no accents, lower case).
CREATE TABLE funding_source_alias (
  alias   TEXT PRIMARY KEY,                 -- folded
  source  TEXT NOT NULL REFERENCES funding_source(code)
) WITHOUT ROWID;

CREATE TABLE saved_run_new (
  id           INTEGER PRIMARY KEY,
  command      TEXT NOT NULL,
  province_id  INTEGER REFERENCES unit(id),
  year         INTEGER,
  created      TEXT NOT NULL
);
INSERT INTO saved_run_new SELECT r.id, r.command, n.id, r.year, r.created FROM saved_run r LEFT JOIN unit_new n ON n.code = r.province;
DROP TABLE saved_run;
ALTER TABLE saved_run_new RENAME TO saved_run;

CREATE TABLE allocation_plan_new (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  formula        TEXT NOT NULL,
  formula_sha256 TEXT NOT NULL,
  formula_source TEXT NOT NULL,
  params         TEXT NOT NULL,
  inputs_hash    TEXT NOT NULL,
  province_id    INTEGER REFERENCES unit(id),
  year           INTEGER,
  total          INTEGER NOT NULL CHECK (total >= 0),
  created        TEXT NOT NULL,
  run_id         INTEGER REFERENCES saved_run(id)
);
INSERT INTO allocation_plan_new
  SELECT p.id, p.name, p.formula, p.formula_sha256, p.formula_source, p.params, p.inputs_hash, n.id, p.year, p.total,
         p.created, p.run_id
  FROM allocation_plan p LEFT JOIN unit_new n ON n.code = p.province;
DROP TABLE allocation_plan;
ALTER TABLE allocation_plan_new RENAME TO allocation_plan;

CREATE TABLE allocation_line_new (
  plan_id      INTEGER NOT NULL REFERENCES allocation_plan(id) ON DELETE CASCADE,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  weight       REAL NOT NULL,
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  counterpart  INTEGER,
  explanation  TEXT NOT NULL,
  PRIMARY KEY (plan_id, unit_id)
) WITHOUT ROWID;
INSERT INTO allocation_line_new
  SELECT l.plan_id, n.id, l.weight, l.amount, l.counterpart, l.explanation
  FROM allocation_line l JOIN unit_new n ON n.code = l.unit_code;
DROP TABLE allocation_line;
ALTER TABLE allocation_line_new RENAME TO allocation_line;

CREATE TABLE ocop_product_new (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  producer       TEXT NOT NULL,
  producer_kind  TEXT NOT NULL CHECK (producer_kind IN ('enterprise', 'cooperative',
                                      'cooperative_group', 'household', 'other')),
  unit_id        INTEGER NOT NULL REFERENCES unit(id),
  product_group  TEXT NOT NULL,
  stars          INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  score          INTEGER CHECK (score BETWEEN 0 AND 100),
  year           INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  certified      TEXT,
  expires        TEXT,
  decision       TEXT
);
INSERT INTO ocop_product_new
  SELECT o.id, o.name, o.producer, o.producer_kind, n.id, o.product_group, o.stars, o.score, o.year, o.certified,
         o.expires, o.decision
  FROM ocop_product o JOIN unit_new n ON n.code = o.unit_code;
DROP TABLE ocop_product;
ALTER TABLE ocop_product_new RENAME TO ocop_product;
CREATE INDEX ocop_unit ON ocop_product(unit_id);

-- A target names the year it is for; plan_year, when known, the year the plan was made (a
-- province's 2025 targets set in 2021 belong to the province of 2021).
CREATE TABLE target_new (
  unit_id    INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  year       INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  key        TEXT NOT NULL,
  value      REAL NOT NULL,
  note       TEXT,
  plan_year  INTEGER CHECK (plan_year IS NULL OR plan_year BETWEEN 1990 AND 2100),
  PRIMARY KEY (unit_id, year, key)
) WITHOUT ROWID;
INSERT INTO target_new (unit_id, year, key, value, note)
  SELECT n.id, t.year, t.key, t.value, t.note FROM target t JOIN unit_new n ON n.code = t.unit_code;
DROP TABLE target;
ALTER TABLE target_new RENAME TO target;

CREATE TABLE statistic_new (
  unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  key         TEXT NOT NULL,
  value       REAL,
  as_printed  TEXT,
  source      TEXT,
  PRIMARY KEY (unit_id, year, key)
) WITHOUT ROWID;
INSERT INTO statistic_new
  SELECT n.id, s.year, s.key, s.value, s.as_printed, s.source FROM statistic s JOIN unit_new n ON n.code = s.unit_code;
DROP TABLE statistic;
ALTER TABLE statistic_new RENAME TO statistic;

-- ---------------------------------------------------------------------------------------------
-- The old unit table goes last: every table above has been rebuilt to reference unit(id).

DROP INDEX IF EXISTS unit_parent;
DROP TABLE unit;
ALTER TABLE unit_new RENAME TO unit;
CREATE INDEX unit_code ON unit(code);

-- ---------------------------------------------------------------------------------------------
-- Reference data of an older database brought in line with db/reference/ (no-ops on a new
-- database, whose reference data is loaded after the migrations).

-- Provinces reviewed 2021 with the 2016–2020 set; 318/QĐ-TTg dates from 08/3/2022.
UPDATE criteria_set SET valid_to = 2021 WHERE id = '1980-xa';
UPDATE criteria_set SET valid_from = 2022 WHERE id IN ('318-xa', '318-xa-nang-cao');
-- Điều 1 of 318/QĐ-TTg as class rows (see db/reference/31_criteria_318.sql).
INSERT INTO threshold (set_id, indicator, region, class, year, value, confirmed, source, note)
  SELECT set_id, indicator, NULL, c.class, year, value, confirmed, source,
         'Điều 1 QĐ 318/QĐ-TTg: mức vùng TDMNPB' || ifnull(' — ' || note, '')
  FROM threshold JOIN (SELECT 'dbkk=1' AS class UNION ALL SELECT 'atk=1') c
  WHERE set_id IN ('318-xa', '318-xa-nang-cao') AND region = 'TDMNPB';
-- The reference files this database already holds (files added later still run).
INSERT OR IGNORE INTO meta (key, value)
  SELECT 'reference:' || f, datetime('now')
  FROM (SELECT '10_regions.sql' AS f UNION ALL SELECT '20_funding_sources.sql'
        UNION ALL SELECT '30_criteria_1980.sql' UNION ALL SELECT '31_criteria_318.sql')
  WHERE EXISTS (SELECT 1 FROM criteria_set);

-- For questions in SQL (ntm query): every period of every unit with its parent's code.
-- The map of a date D: WHERE ifnull(valid_from, '') <= D AND ifnull(valid_to, '9999-12-31') >= D.
CREATE VIEW unit_version AS
  SELECT u.id, u.code, u.kind, p.type, p.name, p.name_with_type, q.code AS parent_code, p.valid_from, p.valid_to, p.act
  FROM unit u JOIN unit_period p ON p.unit_id = u.id LEFT JOIN unit q ON q.id = p.parent_id;
