// compute-stack: whose cloud an organisation runs on and whose chips it trains on.
//
// Parameters:
//   $org  the customer, by name or id (e.g. Anthropic)
//
// One row per supplier and layer (cloud first, then chips), with the products named (via), most
// mentioned first.
//
//   alliances query compute-stack --param org=OpenAI
MATCH (s:Organization)-[r:PROVIDES_CLOUD|SUPPLIES_CHIPS]->(o:Organization)
WHERE o.id = $org OR toLower(o.name) = toLower($org)
RETURN CASE type(r) WHEN 'PROVIDES_CLOUD' THEN 'cloud' ELSE 'chips' END AS layer,
       s.name AS supplier, r.via AS via, r.status AS status, r.mentions AS mentions,
       r.firstSeen AS first_seen, r.lastSeen AS last_seen
ORDER BY layer DESC, mentions DESC, supplier
