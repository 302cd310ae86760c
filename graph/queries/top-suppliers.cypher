// top-suppliers: the cloud and chip suppliers with the most customers.
//
// Parameters:
//   $limit  how many suppliers to list (default: 10)
//
// One row per supplier: how many organisations buy its cloud or chips, what it supplies, and
// the customers.
//
//   alliances query top-suppliers --param limit=5
MATCH (s:Organization)-[r:PROVIDES_CLOUD|SUPPLIES_CHIPS]->(c:Organization)
WITH s, c, CASE type(r) WHEN 'PROVIDES_CLOUD' THEN 'cloud' ELSE 'chips' END AS layer
ORDER BY layer DESC, c.name
WITH s, count(DISTINCT c) AS customers, collect(DISTINCT layer) AS supplies,
     collect(DISTINCT c.name) AS names
RETURN s.name AS supplier, customers, supplies, names AS customer_names
ORDER BY customers DESC, supplier
LIMIT $limit
