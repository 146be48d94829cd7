-- ntm data model, schema version 1.
-- Applied by src/store/schema.cpp to an empty database, which then sets PRAGMA user_version = 1.
-- Later changes go into db/migrations/NNN_name.sql (NNN = the user_version they produce).
-- Money is integer million VND (triệu đồng) everywhere. Dates are ISO text (YYYY-MM-DD).

-- Key/value facts about the database itself: sample name, data attribution, created.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The seven socio-economic regions used by the NTM criteria sets.
CREATE TABLE region (
  code  TEXT PRIMARY KEY,          -- 'TDMNPB', 'DBSH', 'BTB', 'DHNTB', 'TN', 'DNB', 'DBSCL'
  name  TEXT NOT NULL,             -- 'Trung du và miền núi phía Bắc'
  sort  INTEGER NOT NULL
);

-- Administrative units. Codes are the official GSO codes: province 2 digits, district 3,
-- commune 5. Villages (thôn, bản) have no official code: they use COMMUNE.NN.
CREATE TABLE unit (
  code            TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('province', 'district', 'commune', 'village')),
  type            TEXT NOT NULL CHECK (type IN ('tinh', 'thanh-pho', 'huyen', 'quan', 'thi-xa',
                                                'xa', 'phuong', 'thi-tran', 'thon', 'ban')),
  name            TEXT NOT NULL CHECK (length(name) > 0),
  name_with_type  TEXT NOT NULL,
  parent_code     TEXT REFERENCES unit(code),
  region          TEXT REFERENCES region(code),       -- set on provinces; others inherit
  extremely_difficult INTEGER NOT NULL DEFAULT 0 CHECK (extremely_difficult IN (0, 1)),  -- xã ĐBKK
  border          INTEGER NOT NULL DEFAULT 0 CHECK (border IN (0, 1)),                   -- xã biên giới
  mountainous     INTEGER NOT NULL DEFAULT 0 CHECK (mountainous IN (0, 1)),              -- miền núi
  CHECK ((kind = 'province') = (parent_code IS NULL))
);
CREATE INDEX unit_parent ON unit(parent_code);

-- Groups of units such as a provincial project ("Đề án 29 xã biên giới").
CREATE TABLE unit_tag (
  unit_code TEXT NOT NULL REFERENCES unit(code) ON DELETE CASCADE,
  tag       TEXT NOT NULL CHECK (length(tag) > 0),
  PRIMARY KEY (unit_code, tag)
) WITHOUT ROWID;
CREATE INDEX unit_tag_tag ON unit_tag(tag);

-- Criteria sets: the national sets (1980/QĐ-TTg, 318/QĐ-TTg, ...) and provincial ones.
CREATE TABLE criteria_set (
  id           TEXT PRIMARY KEY,      -- '1980-xa', '318-xa', '318-xa-nang-cao'
  name         TEXT NOT NULL,
  legal_basis  TEXT NOT NULL,         -- 'Quyết định 1980/QĐ-TTg ngày 17/10/2016'
  level        TEXT NOT NULL CHECK (level IN ('commune', 'district', 'village')),
  grade        TEXT NOT NULL CHECK (grade IN ('standard', 'advanced', 'model')),
  valid_from   INTEGER NOT NULL,      -- first year the set applies to
  valid_to     INTEGER NOT NULL,      -- last year
  note         TEXT,
  CHECK (valid_from <= valid_to)
);

CREATE TABLE criterion (
  set_id      TEXT NOT NULL REFERENCES criteria_set(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL CHECK (number > 0),
  name        TEXT NOT NULL,          -- 'Giao thông'
  group_name  TEXT,                   -- 'Hạ tầng kinh tế - xã hội'
  PRIMARY KEY (set_id, number)
) WITHOUT ROWID;

-- An indicator (chỉ tiêu) of a criterion. A qualitative indicator ("Đạt") has unit 'dat',
-- comparison '>=' and threshold 1; its values are 1 (đạt) or 0 (chưa đạt).
CREATE TABLE indicator (
  set_id      TEXT NOT NULL,
  id          TEXT NOT NULL,          -- '17.3'
  criterion   INTEGER NOT NULL,
  name        TEXT NOT NULL,
  unit        TEXT NOT NULL,          -- '%', 'dat', 'trieu-dong/nguoi', 'so'
  comparison  TEXT NOT NULL CHECK (comparison IN ('>=', '<=', '>', '<', '=')),
  min_value   REAL,                   -- plausible range of a value, for the range check
  max_value   REAL,
  sort        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (set_id, id),
  FOREIGN KEY (set_id, criterion) REFERENCES criterion(set_id, number) ON DELETE CASCADE
) WITHOUT ROWID;

-- Thresholds. The most specific row wins: a province's own value over a region's over the
-- general one (region NULL, province NULL); a year's own value over the all-years one (year NULL).
-- confirmed = 0 marks a value that could not be checked against a published source.
CREATE TABLE threshold (
  id          INTEGER PRIMARY KEY,
  set_id      TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  region      TEXT REFERENCES region(code),
  province    TEXT REFERENCES unit(code),
  year        INTEGER,
  value       REAL NOT NULL,
  confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
  source      TEXT NOT NULL,          -- where the value comes from (document, page)
  note        TEXT,
  FOREIGN KEY (set_id, indicator) REFERENCES indicator(set_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX threshold_scope
  ON threshold(set_id, indicator, ifnull(region, ''), ifnull(province, ''), ifnull(year, 0));

-- Raw indicator values per unit and year.
CREATE TABLE indicator_value (
  unit_code   TEXT NOT NULL REFERENCES unit(code) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  set_id      TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  value       REAL NOT NULL,
  source      TEXT,
  note        TEXT,
  PRIMARY KEY (unit_code, year, set_id, indicator),
  FOREIGN KEY (set_id, indicator) REFERENCES indicator(set_id, id)
) WITHOUT ROWID;
CREATE INDEX indicator_value_year ON indicator_value(year, set_id);

-- Status of a criterion for a unit and year: computed by a check, or assessed by the office.
CREATE TABLE criterion_status (
  unit_code   TEXT NOT NULL REFERENCES unit(code) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  set_id      TEXT NOT NULL,
  criterion   INTEGER NOT NULL,
  met         INTEGER NOT NULL CHECK (met IN (0, 1)),
  by          TEXT NOT NULL CHECK (by IN ('computed', 'assessed')),
  source      TEXT,
  PRIMARY KEY (unit_code, year, set_id, criterion, by),
  FOREIGN KEY (set_id, criterion) REFERENCES criterion(set_id, number)
) WITHOUT ROWID;
CREATE INDEX criterion_status_year ON criterion_status(year, set_id);

-- Recognitions (công nhận): a commune, village or district reaching a grade.
CREATE TABLE recognition (
  unit_code   TEXT NOT NULL REFERENCES unit(code) ON DELETE CASCADE,
  grade       TEXT NOT NULL CHECK (grade IN ('basic', 'standard', 'advanced', 'model')),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  decision    TEXT,                   -- 'Quyết định số 1234/QĐ-UBND'
  date        TEXT CHECK (date IS NULL OR date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  revoked     TEXT,                   -- date the recognition was withdrawn, if it was
  PRIMARY KEY (unit_code, grade)
) WITHOUT ROWID;

-- Funding sources as a tree (central → investment → domestic, ...).
CREATE TABLE funding_source (
  code    TEXT PRIMARY KEY,           -- 'central.investment.domestic'
  parent  TEXT REFERENCES funding_source(code),
  name    TEXT NOT NULL,
  sort    INTEGER NOT NULL
);

-- Funding per unit, year, source and stage. Amounts in million VND.
CREATE TABLE funding (
  unit_code   TEXT NOT NULL REFERENCES unit(code) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  source      TEXT NOT NULL REFERENCES funding_source(code),
  stage       TEXT NOT NULL CHECK (stage IN ('plan', 'mobilised', 'disbursed')),
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  note        TEXT,
  PRIMARY KEY (unit_code, year, source, stage)
) WITHOUT ROWID;

-- Allocation plans: a named, saved run of an allocation formula.
CREATE TABLE allocation_plan (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  formula        TEXT NOT NULL,       -- script name
  formula_sha256 TEXT NOT NULL,
  formula_source TEXT NOT NULL,       -- the script text, so the plan can be reproduced
  params         TEXT NOT NULL,       -- JSON
  inputs_hash    TEXT NOT NULL,
  province       TEXT REFERENCES unit(code),
  year           INTEGER,
  total          INTEGER NOT NULL CHECK (total >= 0),
  created        TEXT NOT NULL
);

CREATE TABLE allocation_line (
  plan_id      INTEGER NOT NULL REFERENCES allocation_plan(id) ON DELETE CASCADE,
  unit_code    TEXT NOT NULL REFERENCES unit(code),
  weight       REAL NOT NULL,
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  counterpart  INTEGER,               -- local counterpart the recipient adds (vốn đối ứng)
  explanation  TEXT NOT NULL,
  PRIMARY KEY (plan_id, unit_code)
) WITHOUT ROWID;

-- OCOP products.
CREATE TABLE ocop_product (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  producer       TEXT NOT NULL,
  producer_kind  TEXT NOT NULL CHECK (producer_kind IN ('enterprise', 'cooperative',
                                      'cooperative_group', 'household', 'other')),
  unit_code      TEXT NOT NULL REFERENCES unit(code),   -- commune (or district) of the producer
  product_group  TEXT NOT NULL,       -- 'thuc-pham', 'do-uong', 'thao-duoc', ...
  stars          INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  score          INTEGER CHECK (score BETWEEN 0 AND 100),
  year           INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),   -- year rated
  certified      TEXT,                -- date of the certifying decision
  expires        TEXT,
  decision       TEXT
);
CREATE INDEX ocop_unit ON ocop_product(unit_code);

-- Planned targets ("kế hoạch") per unit, year and key.
CREATE TABLE target (
  unit_code  TEXT NOT NULL REFERENCES unit(code) ON DELETE CASCADE,
  year       INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  key        TEXT NOT NULL,           -- 'standard_communes', 'average_criteria', ...
  value      REAL NOT NULL,
  note       TEXT,
  PRIMARY KEY (unit_code, year, key)
) WITHOUT ROWID;

-- Statistics and reported figures. as_printed keeps a figure exactly as a report printed it.
CREATE TABLE statistic (
  unit_code   TEXT NOT NULL REFERENCES unit(code) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  key         TEXT NOT NULL,          -- 'income_per_capita', 'criterion_percent.16', ...
  value       REAL,
  as_printed  TEXT,
  source      TEXT,
  PRIMARY KEY (unit_code, year, key)
) WITHOUT ROWID;
