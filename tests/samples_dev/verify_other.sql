-- Recognitions, villages, OCOP, funding and printed statistics of a province (:prov).
WITH u AS (
  SELECT c.code, c.kind, c.type FROM unit c
  WHERE c.code = :prov OR c.parent_code = :prov
     OR c.parent_code IN (SELECT code FROM unit WHERE parent_code = :prov)
     OR c.parent_code IN (SELECT x.code FROM unit x JOIN unit d ON d.code = x.parent_code WHERE d.parent_code = :prov))
SELECT u.kind, r.grade, r.year, count(*) AS n, min(r.decision) AS a_decision
FROM recognition r JOIN u ON u.code = r.unit_code GROUP BY u.kind, r.grade, r.year ORDER BY u.kind, r.grade, r.year;

SELECT d.name AS district, r.grade, r.year, count(*) AS villages
FROM recognition r JOIN unit v ON v.code = r.unit_code AND v.kind = 'village'
JOIN unit c ON c.code = v.parent_code JOIN unit d ON d.code = c.parent_code
WHERE d.parent_code = :prov GROUP BY d.name, r.grade, r.year ORDER BY r.grade, r.year, d.name;

SELECT count(*) AS products, sum(stars = 4) AS four_star, sum(stars = 3) AS three_star,
       sum(year = 2019) AS rated_2019, sum(year = 2020) AS rated_2020,
       count(DISTINCT producer) AS producers,
       (SELECT count(DISTINCT producer) FROM ocop_product o2 JOIN unit c2 ON c2.code = o2.unit_code JOIN unit d2 ON d2.code = c2.parent_code WHERE d2.parent_code = :prov AND producer_kind = 'cooperative') AS coop,
       (SELECT count(DISTINCT producer) FROM ocop_product o2 JOIN unit c2 ON c2.code = o2.unit_code JOIN unit d2 ON d2.code = c2.parent_code WHERE d2.parent_code = :prov AND producer_kind = 'enterprise') AS enterprise,
       (SELECT count(DISTINCT producer) FROM ocop_product o2 JOIN unit c2 ON c2.code = o2.unit_code JOIN unit d2 ON d2.code = c2.parent_code WHERE d2.parent_code = :prov AND producer_kind = 'household') AS household
FROM ocop_product o JOIN unit c ON c.code = o.unit_code JOIN unit d ON d.code = c.parent_code WHERE d.parent_code = :prov;

SELECT product_group, count(*) AS products FROM ocop_product o JOIN unit c ON c.code = o.unit_code
JOIN unit d ON d.code = c.parent_code WHERE d.parent_code = :prov GROUP BY product_group;

SELECT year, stage, source, amount FROM funding WHERE unit_code = :prov ORDER BY year, stage, source;
SELECT sum(amount) AS mobilised_sum,
       (SELECT value FROM statistic WHERE unit_code = :prov AND key = 'funding.total') AS printed_total
FROM funding WHERE unit_code = :prov AND stage = 'mobilised';

SELECT year, key, as_printed, value FROM statistic WHERE unit_code = :prov AND key NOT LIKE 'criterion_percent.%'
ORDER BY year, key;
SELECT unit_code, year, key, value, note FROM target WHERE unit_code = :prov ORDER BY key;
SELECT key, value FROM meta ORDER BY key;
