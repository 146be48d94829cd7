-- Recomputes a province-year's review from the stored rows: the criteria met per commune come
-- from indicator values (threshold: province row > region row > general, year row > all-years)
-- or, for a year without values, from assessed statuses. :prov and :year are substituted.
DROP TABLE IF EXISTS temp.met;
CREATE TEMP TABLE met AS
WITH th AS (
  SELECT i.set_id, i.id AS indicator, i.criterion, i.comparison,
    (SELECT t.value FROM threshold t
      WHERE t.set_id = i.set_id AND t.indicator = i.id
        AND (t.province IS NULL OR t.province = :prov)
        AND (t.region IS NULL OR t.region = (SELECT region FROM unit WHERE code = :prov))
        AND (t.year IS NULL OR t.year = :year)
      ORDER BY t.province IS NOT NULL DESC, t.region IS NOT NULL DESC, t.year IS NOT NULL DESC
      LIMIT 1) AS value
  FROM indicator i WHERE i.set_id = '1980-xa'),
ok AS (
  SELECT v.unit_code, th.criterion,
    CASE th.comparison WHEN '>=' THEN v.value >= th.value WHEN '<=' THEN v.value <= th.value
                       WHEN '>' THEN v.value > th.value WHEN '<' THEN v.value < th.value
                       ELSE v.value = th.value END AS ok
  FROM indicator_value v JOIN th ON th.set_id = v.set_id AND th.indicator = v.indicator
  WHERE v.year = :year)
SELECT unit_code, criterion, min(ok) AS met, 'computed' AS kind FROM ok GROUP BY unit_code, criterion
UNION ALL
SELECT unit_code, criterion, met, 'assessed' FROM criterion_status
WHERE year = :year AND set_id = '1980-xa' AND by = 'assessed';

DROP TABLE IF EXISTS temp.cnt;
CREATE TEMP TABLE cnt AS
SELECT c.code, c.name, c.parent_code AS district, d.name AS district_name,
       (SELECT count(*) FROM met WHERE met.unit_code = c.code AND met = 1) AS n,
       EXISTS (SELECT 1 FROM unit_tag t WHERE t.unit_code = c.code) AS tagged
FROM unit c JOIN unit d ON d.code = c.parent_code
WHERE d.parent_code = :prov AND c.type = 'xa';

SELECT (SELECT group_concat(DISTINCT kind) FROM met) AS source_of_statuses,
       count(*) AS communes, sum(n = 19) AS standard_19, sum(n BETWEEN 15 AND 18) AS from_15_to_18,
       sum(n BETWEEN 10 AND 14) AS from_10_to_14, sum(n BETWEEN 5 AND 9) AS from_5_to_9,
       sum(n < 5) AS below_5, sum(n < 10) AS below_10, sum(n) AS total, round(1.0 * sum(n) / count(*), 4) AS average
FROM cnt;

SELECT group_concat(criterion || ':' || k, '  ') AS communes_per_criterion FROM (
  SELECT m.criterion, sum(m.met) AS k FROM met m JOIN cnt ON cnt.code = m.unit_code
  GROUP BY m.criterion ORDER BY m.criterion);

SELECT district, district_name, count(*) AS communes, sum(n) AS total,
       round(1.0 * sum(n) / count(*), 4) AS average, sum(n = 19) AS standard,
       sum(n BETWEEN 15 AND 18) AS b15_18, sum(n BETWEEN 10 AND 14) AS b10_14,
       sum(n BETWEEN 5 AND 9) AS b5_9, min(n) AS min, max(n) AS max
FROM cnt GROUP BY district ORDER BY district;

SELECT 'tagged: ' || (SELECT group_concat(DISTINCT tag) FROM unit_tag t JOIN cnt ON cnt.code = t.unit_code) AS tag,
       count(*) AS communes, sum(n = 19) AS standard_19, sum(n BETWEEN 15 AND 18) AS from_15_to_18,
       sum(n BETWEEN 10 AND 14) AS from_10_to_14, sum(n BETWEEN 5 AND 9) AS from_5_to_9,
       sum(n < 5) AS below_5, sum(n) AS total, round(1.0 * sum(n) / count(*), 4) AS average
FROM cnt WHERE tagged HAVING count(*) > 0;

SELECT 'tagged in ' || district_name AS tag_district, count(*) AS communes, sum(n) AS total,
       round(1.0 * sum(n) / count(*), 4) AS average
FROM cnt WHERE tagged GROUP BY district ORDER BY district;

SELECT 'standard by count but not recognised (by end of year)' AS problem, group_concat(name, ', ') AS communes
FROM cnt WHERE n = 19 AND code NOT IN (SELECT unit_code FROM recognition WHERE grade = 'standard' AND year <= :year)
UNION ALL
SELECT 'recognised standard (by end of year) but not 19', group_concat(name, ', ')
FROM cnt WHERE n < 19 AND code IN (SELECT unit_code FROM recognition WHERE grade = 'standard' AND year <= :year);

SELECT s.key, s.as_printed,
       printf('%.4f', 100.0 * (SELECT sum(m.met) FROM met m JOIN cnt ON cnt.code = m.unit_code
                                WHERE m.criterion = CAST(substr(s.key, 19) AS INTEGER)) / (SELECT count(*) FROM cnt)) AS computed_percent
FROM statistic s WHERE s.unit_code = :prov AND s.year = :year AND s.key LIKE 'criterion_percent.%'
ORDER BY CAST(substr(s.key, 19) AS INTEGER);
