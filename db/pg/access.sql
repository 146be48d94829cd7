-- Who may do what in an ntm database on PostgreSQL (issue 17: each office only its own
-- province). Applied by src/store/pg_schema.cpp after db/pg/schema.sql and the reference data,
-- in the same transaction, by the role that then owns every table (owners bypass row level
-- security: the program's own loading as owner is not restricted, as on SQLite).
--
-- The rules, enforced by the server so that a refused write fails there with SQLSTATE 42501
-- whatever client wrote it:
--   * every ntm user reads everything (national figures are public to all ntm users);
--   * a viewer writes nothing (no INSERT/UPDATE/DELETE privilege at all);
--   * an editor writes the rows of their own province; an admin of a province the same, and
--     the users of that province; an editor or admin with no province (national) writes the
--     rows of every province; only a national admin writes national data (reference tables,
--     national thresholds, the map of provinces, runs and plans that name no province);
--   * every write to a data table is recorded in `audit`, which only admins read.
--
-- How the province of a row is found (ntm_may_write below, scopes in the list at the end):
--   'unit'      the row names a unit identity (unit_id, successor_id): the provinces above
--               it along parent_id in unit_period, over ALL its periods (a commune that moved
--               belongs to both provinces: its earlier years are the old province's data);
--   'province'  the row names a province identity (province_id); NULL means national;
--   'run'/'plan' through saved_run.province_id / allocation_plan.province_id;
--   'map'       unit and unit_period: like 'unit', but a province's own identity and periods
--               are national, and a unit without any period yet (just inserted) may be given
--               its first period by any editor, under a parent of their province;
--   'national'  reference data and meta.
-- Refusals: the RLS policies check INSERT and the new row of an UPDATE (WITH CHECK raises
-- 42501); a BEFORE trigger checks the same first, with a message in Vietnamese, and checks the
-- old row of an UPDATE or DELETE (a policy's USING would silently skip the row instead).

-- ---------------------------------------------------------------------------------------------
-- Group roles. Roles belong to the whole cluster, not to this database: made when missing.

DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['ntm_viewer', 'ntm_editor', 'ntm_admin', 'ntm_script'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', name);
    END IF;
  END LOOP;
END $$;
GRANT ntm_viewer TO ntm_editor;
GRANT ntm_editor TO ntm_admin;

-- ---------------------------------------------------------------------------------------------
-- The users of this database: a login role, its province (a province identity; NULL =
-- national) and what it may do. Login roles are made by store::add_pg_user.

CREATE TABLE ntm_user (
  role_name    text PRIMARY KEY CHECK (role_name ~ '^[a-z_][a-z0-9_]{0,62}$'),
  province_id  bigint REFERENCES unit(id) DEFERRABLE INITIALLY IMMEDIATE,
  role         text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin'))
);

CREATE TABLE audit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  who         text NOT NULL,                 -- session_user: the login, even under SET ROLE
  at          text NOT NULL,                 -- UTC, 'YYYY-MM-DD HH24:MI:SS' as SQLite's datetime()
  table_name  text NOT NULL,
  operation   text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
  row_key     jsonb NOT NULL                 -- the primary key (the whole row for a table without one)
);

-- ---------------------------------------------------------------------------------------------
-- Functions of the policies. Fixed search_path: a user's own schema cannot shadow a table.

-- True when `province` is above `unit` (or is it) along parent_id in any of the periods.
-- SECURITY DEFINER: the walk reads unit_period whatever the caller may read, and is not itself
-- subject to the policies it serves.
CREATE FUNCTION ntm_unit_in_province(unit bigint, province bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE up(id) AS (
    SELECT unit
    UNION
    SELECT p.parent_id FROM unit_period p JOIN up ON p.unit_id = up.id WHERE p.parent_id IS NOT NULL
  )
  SELECT EXISTS (SELECT 1 FROM up WHERE id = province);
$$;

-- May the current role write a row of `scope` whose key is `key` (see the header)? Runs as the
-- caller (current_user is the role whose privileges apply, also under SET ROLE).
CREATE FUNCTION ntm_may_write(scope text, key bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  me ntm_user;
BEGIN
  SELECT * INTO me FROM ntm_user WHERE role_name = current_user;
  IF NOT FOUND OR me.role NOT IN ('editor', 'admin') THEN
    RETURN false;
  END IF;
  IF scope = 'run' THEN
    scope := 'province';
    key := (SELECT province_id FROM saved_run WHERE id = key);
  ELSIF scope = 'plan' THEN
    scope := 'province';
    key := (SELECT province_id FROM allocation_plan WHERE id = key);
  ELSIF scope = 'map' THEN
    IF (SELECT kind FROM unit WHERE id = key) = 'province' THEN
      scope := 'national';
    ELSIF NOT EXISTS (SELECT 1 FROM unit_period WHERE unit_id = key) THEN
      RETURN true;
    ELSE
      scope := 'unit';
    END IF;
  END IF;
  CASE scope
    WHEN 'any' THEN
      RETURN true;
    WHEN 'national' THEN
      RETURN me.role = 'admin' AND me.province_id IS NULL;
    WHEN 'users' THEN   -- IS TRUE: a national user (key NULL) is not a province admin's
      RETURN me.role = 'admin' AND (me.province_id IS NULL OR me.province_id = key) IS TRUE;
    WHEN 'province' THEN
      IF key IS NULL THEN
        RETURN me.role = 'admin' AND me.province_id IS NULL;
      END IF;
      RETURN me.province_id IS NULL OR me.province_id = key;
    WHEN 'unit' THEN
      RETURN me.province_id IS NULL OR ntm_unit_in_province(key, me.province_id);
    ELSE
      RAISE EXCEPTION 'ntm_may_write: unknown scope %', scope;
  END CASE;
END $$;

-- BEFORE INSERT OR UPDATE OR DELETE, FOR EACH ROW: refuses, with SQLSTATE 42501 and a message
-- in Vietnamese, a new row that fails the table's write check and an old row (UPDATE, DELETE)
-- outside the writer's scope. TG_ARGV: the write check (the policies' WITH CHECK expression),
-- the scope and key column of the old row ('' for none). The policies refuse the same new rows
-- (in the server's own words): this trigger comes first, and is what refuses old rows, since a
-- policy's USING clause would silently skip them instead. row_security_active is false for the
-- owner and superusers, whom RLS does not restrict either.
CREATE FUNCTION ntm_guard_row() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  key bigint;
  allowed boolean;
BEGIN
  IF NOT row_security_active(TG_RELID) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF TG_ARGV[2] <> '' THEN
      key := (to_jsonb(OLD) ->> TG_ARGV[2])::bigint;
    END IF;
    IF ntm_may_write(TG_ARGV[1], key) IS NOT TRUE THEN   -- NULL refuses too
      RAISE EXCEPTION 'người dùng "%" không có quyền sửa hoặc xoá dòng này của bảng % (ngoài phạm vi được giao)',
        current_user, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  EXECUTE format('SELECT %s FROM (SELECT ($1).*) AS new_row', TG_ARGV[0]) INTO allowed USING NEW;
  IF allowed IS NOT TRUE THEN
    RAISE EXCEPTION 'người dùng "%" không có quyền ghi dòng này vào bảng % (ngoài phạm vi được giao)',
      current_user, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

-- AFTER INSERT OR UPDATE OR DELETE: one audit row. TG_ARGV: the primary-key columns.
-- SECURITY DEFINER: writers have no privilege on audit.
CREATE FUNCTION ntm_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  whole jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
  key jsonb := '{}';
  i integer;
BEGIN
  IF TG_NARGS = 0 THEN
    key := whole;
  END IF;
  FOR i IN 0 .. TG_NARGS - 1 LOOP
    key := key || jsonb_build_object(TG_ARGV[i], whole -> TG_ARGV[i]);
  END LOOP;
  INSERT INTO audit (who, at, table_name, operation, row_key)
  VALUES (session_user, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), TG_TABLE_NAME, TG_OP, key);
  RETURN NULL;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Privileges, policies and triggers, table by table. `write_check` is the WITH CHECK of INSERT
-- and UPDATE (on the new row); `scope`/`key_column` are what ntm_guard_row checks on the old row.

CREATE TEMPORARY TABLE ntm_access_plan (tbl text, write_check text, scope text, key_column text) ON COMMIT DROP;
INSERT INTO ntm_access_plan VALUES
  ('meta',                  $c$ntm_may_write('national', NULL)$c$,                  'national', NULL),
  ('region',                $c$ntm_may_write('national', NULL)$c$,                  'national', NULL),
  ('criteria_set',          $c$ntm_may_write('national', NULL)$c$,                  'national', NULL),
  ('criterion',             $c$ntm_may_write('national', NULL)$c$,                  'national', NULL),
  ('indicator',             $c$ntm_may_write('national', NULL)$c$,                  'national', NULL),
  ('funding_source',        $c$ntm_may_write('national', NULL)$c$,                  'national', NULL),
  ('funding_component',     $c$ntm_may_write('national', NULL)$c$,                  'national', NULL),
  ('funding_source_alias',  $c$ntm_may_write('national', NULL)$c$,                  'national', NULL),
  -- A new unit belongs to no province until its first period names a parent.
  ('unit',                  $c$ntm_may_write('national', NULL)
                               OR (kind <> 'province' AND ntm_may_write('map', id))$c$, 'map', 'id'),
  ('unit_period',           $c$ntm_may_write('national', NULL)
                               OR (parent_id IS NOT NULL AND ntm_may_write('unit', parent_id)
                                   AND ntm_may_write('map', unit_id))$c$,       'map', 'unit_id'),
  ('succession',            $c$ntm_may_write('unit', successor_id)$c$,            'unit', 'successor_id'),
  ('succession_unresolved', $c$ntm_may_write('unit', successor_id)$c$,            'unit', 'successor_id'),
  ('unit_class',            $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  ('unit_tag',              $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  ('threshold',             $c$ntm_may_write('province', province_id)$c$,         'province', 'province_id'),
  ('province_set',          $c$ntm_may_write('province', province_id)$c$,         'province', 'province_id'),
  ('saved_run',             $c$ntm_may_write('province', province_id)$c$,         'province', 'province_id'),
  ('saved_run_script',      $c$ntm_may_write('run', run_id)$c$,                   'run', 'run_id'),
  ('indicator_value',       $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  ('criterion_status',      $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  ('recognition',           $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  ('funding',               $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  ('allocation_plan',       $c$ntm_may_write('province', province_id)$c$,         'province', 'province_id'),
  ('allocation_line',       $c$ntm_may_write('plan', plan_id)$c$,                 'plan', 'plan_id'),
  ('ocop_product',          $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  ('target',                $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  ('statistic',             $c$ntm_may_write('unit', unit_id)$c$,                 'unit', 'unit_id'),
  -- A cache, but a pack decides a province's figures: only that province's office writes it.
  ('value_pack',            $c$ntm_may_write('province', province_id)$c$,         'province', 'province_id'),
  ('ntm_user',              $c$ntm_may_write('users', province_id)$c$,            'users', 'province_id');

DO $$
DECLARE
  t ntm_access_plan;
  key_columns text;
  missing text;
BEGIN
  -- Every table of the schema must be in the plan: a table added by a later migration and
  -- forgotten here would otherwise be writable by every editor, unaudited.
  SELECT string_agg(c.relname, ', ') INTO missing
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'audit'
    AND c.relname NOT IN (SELECT tbl FROM ntm_access_plan);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'db/pg/access.sql: bảng chưa có quy tắc quyền: %', missing;
  END IF;

  FOR t IN SELECT * FROM ntm_access_plan LOOP
    EXECUTE format('GRANT SELECT ON %I TO ntm_viewer', t.tbl);
    IF t.tbl = 'ntm_user' THEN
      EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO ntm_admin', t.tbl);
    ELSE
      EXECUTE format('GRANT SELECT ON %I TO ntm_script', t.tbl);
      EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO ntm_editor', t.tbl);
    END IF;

    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.tbl);
    EXECUTE format('CREATE POLICY ntm_read ON %I FOR SELECT USING (true)', t.tbl);
    EXECUTE format('CREATE POLICY ntm_insert ON %I FOR INSERT WITH CHECK (%s)', t.tbl, t.write_check);
    -- USING (true): the old row is the trigger's to refuse, loudly (ntm_guard_row).
    EXECUTE format('CREATE POLICY ntm_update ON %I FOR UPDATE USING (true) WITH CHECK (%s)', t.tbl, t.write_check);
    EXECUTE format('CREATE POLICY ntm_delete ON %I FOR DELETE USING (true)', t.tbl);
    EXECUTE format('CREATE TRIGGER ntm_guard BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW
                    EXECUTE FUNCTION ntm_guard_row(%L, %L, %L)', t.tbl, t.write_check, t.scope, coalesce(t.key_column, ''));

    SELECT string_agg(quote_literal(a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum))
      INTO key_columns
    FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
    WHERE i.indrelid = t.tbl::regclass AND i.indisprimary;
    -- value_pack is derived data rewritten by reviews: its rows are not anybody's work to audit.
    IF t.tbl <> 'value_pack' THEN
      EXECUTE format('CREATE TRIGGER ntm_audit AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW
                      EXECUTE FUNCTION ntm_audit_row(%s)', t.tbl, coalesce(key_columns, ''));
    END IF;
  END LOOP;
END $$;

GRANT SELECT ON unit_version TO ntm_viewer, ntm_script;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ntm_editor;

-- The audit: admins read it (all of it, as everyone reads all data); nobody writes it but the
-- trigger.
GRANT SELECT ON audit TO ntm_admin;
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY ntm_read ON audit FOR SELECT TO ntm_admin USING (true);

-- ---------------------------------------------------------------------------------------------
-- Scripts' read-only SQL runs as a member of ntm_script: SELECT on the data tables only. Every
-- role may execute a function granted to PUBLIC, so what scripts must not call is revoked from
-- PUBLIC in this database (nothing in ntm calls these). Most file functions are already
-- superuser-only; revoking them again documents the intent and survives a GRANT by mistake.
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure FROM pg_proc p
    WHERE p.proname IN ('pg_sleep', 'pg_sleep_for', 'pg_sleep_until', 'pg_read_file', 'pg_read_binary_file',
                        'pg_ls_dir', 'pg_stat_file', 'lo_import', 'lo_export', 'dblink', 'dblink_exec',
                        'dblink_connect')
  LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
