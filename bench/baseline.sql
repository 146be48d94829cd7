-- Baseline of the benchmark: the national review of one year in SQL, in the sqlite3 shell.
--   sqlite3 -readonly -csv DB ".parameter set :year 2020" ".read bench/baseline.sql"
-- Prints province_code,key,count rows: key 'with_data', 'standard' or a criterion number.
-- The same rules as ntm (src/model/criteria.cpp, scripts/lib/review.lua): the rural communes
-- (type xa) of the map of 31/12 of the year; the national commune set of the year; a commune's
-- region is its own class, else its nearest ancestor's (a row of the year over the all-years
-- row); the threshold of an indicator is the most specific row (province, then region, then
-- year); a commune with indicator values is judged by them (a missing value or threshold fails
-- the criterion), else by its assessed statuses, else it has no data and is not counted.
-- Threshold rows for classes other than the region (nhom, dbkk) are not handled: the national
-- sample gives communes no such classes, and the harness checks that every baseline agrees.
WITH RECURSIVE
  p(y, d) AS (SELECT :year, printf('%04d-12-31', :year)),
  s(id) AS (SELECT id FROM criteria_set, p WHERE level = 'commune' AND grade = 'standard'
            AND p.y BETWEEN valid_from AND valid_to ORDER BY valid_from DESC, id LIMIT 1),
  per(unit_id, parent_id, type) AS (
    SELECT up.unit_id, up.parent_id, up.type FROM unit_period up, p
    WHERE ifnull(up.valid_from, '') <= p.d AND ifnull(up.valid_to, '9999-12-31') >= p.d),
  chain(commune, anc, depth) AS (
    SELECT u.id, u.id, 0 FROM unit u JOIN per ON per.unit_id = u.id WHERE u.kind = 'commune' AND per.type = 'xa'
    UNION ALL
    SELECT c.commune, per.parent_id, c.depth + 1 FROM chain c JOIN per ON per.unit_id = c.anc
    WHERE per.parent_id IS NOT NULL),
  prov(commune, province_id, code) AS (
    SELECT c.commune, u.id, u.code FROM chain c JOIN unit u ON u.id = c.anc AND u.kind = 'province'),
  reg(commune, region, rank) AS (
    SELECT c.commune, uc.value, min(c.depth * 10000 - uc.year) FROM chain c, p
    JOIN unit_class uc ON uc.unit_id = c.anc AND uc.key = 'region' AND uc.year IN (0, p.y)
    GROUP BY c.commune),
  commune(id, province_id, code, region) AS (
    SELECT prov.commune, prov.province_id, prov.code, ifnull(reg.region, '')
    FROM prov LEFT JOIN reg ON reg.commune = prov.commune),
  pr(province_id, region) AS (SELECT DISTINCT province_id, region FROM commune),
  ranked(province_id, region, indicator, value, rk) AS (
    SELECT pr.province_id, pr.region, t.indicator, t.value,
           row_number() OVER (PARTITION BY pr.province_id, pr.region, t.indicator
                              ORDER BY t.province_id IS NOT NULL DESC, t.region IS NOT NULL DESC,
                                       t.year IS NOT NULL DESC, t.id)
    FROM pr, p JOIN threshold t ON t.set_id = (SELECT id FROM s) AND t.class IS NULL
      AND (t.region IS NULL OR t.region = pr.region) AND (t.province_id IS NULL OR t.province_id = pr.province_id)
      AND (t.year IS NULL OR t.year = p.y)),
  best AS (SELECT province_id, region, indicator, value FROM ranked WHERE rk = 1),
  ind AS (SELECT id, criterion, comparison FROM indicator WHERE set_id = (SELECT id FROM s)),
  vals AS (SELECT v.unit_id, v.indicator, v.value FROM indicator_value v, p
           WHERE v.year = p.y AND v.set_id = (SELECT id FROM s)),
  has_values AS (SELECT DISTINCT unit_id FROM vals),
  ind_ok(unit_id, criterion, ok) AS (
    SELECT c.id, i.criterion,
           CASE WHEN v.value IS NULL OR b.value IS NULL THEN 0
                WHEN i.comparison = '>=' THEN v.value >= b.value
                WHEN i.comparison = '<=' THEN v.value <= b.value
                WHEN i.comparison = '>' THEN v.value > b.value
                WHEN i.comparison = '<' THEN v.value < b.value
                ELSE v.value = b.value END
    FROM commune c JOIN has_values h ON h.unit_id = c.id CROSS JOIN ind i
    LEFT JOIN vals v ON v.unit_id = c.id AND v.indicator = i.id
    LEFT JOIN best b ON b.province_id = c.province_id AND b.region = c.region AND b.indicator = i.id),
  status(unit_id, criterion, met) AS (
    SELECT unit_id, criterion, min(ok) FROM ind_ok GROUP BY unit_id, criterion
    UNION ALL
    SELECT cs.unit_id, cs.criterion, cs.met FROM criterion_status cs, p JOIN commune c ON c.id = cs.unit_id
    WHERE cs.year = p.y AND cs.set_id = (SELECT id FROM s) AND cs.by = 'assessed'
      AND cs.unit_id NOT IN (SELECT unit_id FROM has_values)),
  per_commune(unit_id, n) AS (SELECT unit_id, sum(met) FROM status GROUP BY unit_id)
SELECT c.code, 'with_data', count(*) FROM per_commune pc JOIN commune c ON c.id = pc.unit_id GROUP BY c.code
UNION ALL
SELECT c.code, 'standard', sum(pc.n >= (SELECT count(*) FROM criterion WHERE set_id = (SELECT id FROM s)))
FROM per_commune pc JOIN commune c ON c.id = pc.unit_id GROUP BY c.code
UNION ALL
SELECT c.code, st.criterion, sum(st.met) FROM status st JOIN commune c ON c.id = st.unit_id GROUP BY c.code, st.criterion
ORDER BY 1, 2;
