// bloc: an organisation's allies within two hops, over every alliance relation in either direction.
//
// Parameters:
//   $org  the organisation, by name or id (e.g. Anthropic)
//
// One row per ally with the fewest hops to it (1: a direct tie; 2: through one organisation
// or product) and its bloc, once clusters have been written back.
//
//   alliances query bloc --param org=Anthropic
MATCH p = (o:Organization)-[:INVESTS_IN|PROVIDES_CLOUD|SUPPLIES_CHIPS|PARTNERS_WITH|ACQUIRES|DISTRIBUTES|OWNS*1..2]-(a:Organization)
WHERE (o.id = $org OR toLower(o.name) = toLower($org)) AND a.id <> o.id
WITH a, min(length(p)) AS hops
RETURN a.name AS ally, hops, a.bloc AS bloc
ORDER BY hops, ally
