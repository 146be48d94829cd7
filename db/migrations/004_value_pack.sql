-- Schema version 4: a packed copy of each province-year's indicator values.
-- A review reads a province's values of a year many times (every national check, report and
-- allocation); stepping 6,000–7,000 rows of indicator_value for each costs more than the
-- review itself. value_pack keeps, per province, year, criteria set and map date, the same
-- rows in one blob (format: src/model/value_pack.cpp), written by the first review that
-- needs it. It is a cache: never exported or copied, always derivable from indicator_value.
-- The triggers below delete every pack a change could make stale, so a pack that exists is
-- current: a change of a value drops the packs of its year and set; a change of the map
-- (unit_period: which commune sits under which province) drops them all.
CREATE TABLE value_pack (
  year        INTEGER NOT NULL,
  set_id      TEXT NOT NULL,
  province_id INTEGER NOT NULL,
  map_date    TEXT NOT NULL,
  body        BLOB NOT NULL,
  PRIMARY KEY (year, set_id, province_id, map_date)
) WITHOUT ROWID;

CREATE TRIGGER value_pack_stale_on_value_insert AFTER INSERT ON indicator_value BEGIN
  DELETE FROM value_pack WHERE year = NEW.year AND set_id = NEW.set_id;
END;
CREATE TRIGGER value_pack_stale_on_value_update AFTER UPDATE ON indicator_value BEGIN
  DELETE FROM value_pack WHERE year = OLD.year AND set_id = OLD.set_id;
  DELETE FROM value_pack WHERE year = NEW.year AND set_id = NEW.set_id;
END;
CREATE TRIGGER value_pack_stale_on_value_delete AFTER DELETE ON indicator_value BEGIN
  DELETE FROM value_pack WHERE year = OLD.year AND set_id = OLD.set_id;
END;
CREATE TRIGGER value_pack_stale_on_map_insert AFTER INSERT ON unit_period BEGIN
  DELETE FROM value_pack;
END;
CREATE TRIGGER value_pack_stale_on_map_update AFTER UPDATE ON unit_period BEGIN
  DELETE FROM value_pack;
END;
CREATE TRIGGER value_pack_stale_on_map_delete AFTER DELETE ON unit_period BEGIN
  DELETE FROM value_pack;
END;
