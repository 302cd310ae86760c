// top-investors: the organisations that invest in the most others.
//
// Parameters:
//   $limit  how many investors to list (default: 10)
//
// One row per investor: how many organisations it invests in, the sum of the largest amounts
// stated for each (a lower bound: many deals state none), and the companies.
//
//   alliances query top-investors --param limit=5
MATCH (i:Organization)-[r:INVESTS_IN]->(c:Organization)
WITH i, r, c
ORDER BY c.name
WITH i, count(c) AS investments, sum(coalesce(r.amountUsd, 0.0)) AS stated_usd,
     collect(c.name) AS companies
RETURN i.name AS investor, investments, stated_usd, companies
ORDER BY investments DESC, stated_usd DESC, investor
LIMIT $limit
