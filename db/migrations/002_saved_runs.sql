-- Schema version 2: which code made what was saved.
-- Every command that stores results computed by scripts (ntm check --save --write,
-- ntm allocate --save NAME --write) records one saved_run with the SHA-256 of every script
-- the run loaded (the main script, ntm.use libraries, rule scripts), so a stored status or
-- plan names exactly the code that made it.
CREATE TABLE saved_run (
  id       INTEGER PRIMARY KEY,
  command  TEXT NOT NULL,                 -- 'check', 'allocate'
  province TEXT REFERENCES unit(code),
  year     INTEGER,
  created  TEXT NOT NULL                  -- UTC, ISO 8601
);

CREATE TABLE saved_run_script (
  run_id INTEGER NOT NULL REFERENCES saved_run(id) ON DELETE CASCADE,
  path   TEXT NOT NULL,                   -- as ntm shows it: reports/annual.lua, lib/review.lua, ./x.lua
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  PRIMARY KEY (run_id, path)
) WITHOUT ROWID;

ALTER TABLE criterion_status ADD COLUMN run_id INTEGER REFERENCES saved_run(id);
ALTER TABLE allocation_plan ADD COLUMN run_id INTEGER REFERENCES saved_run(id);
