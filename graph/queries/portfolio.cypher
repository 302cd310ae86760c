// portfolio: what an investor backs: the organisations it invests in or has acquired.
//
// Parameters:
//   $investor  the investor, by name or id (e.g. Amazon)
//
// One row per company, largest stated amount first.
//
//   alliances query portfolio --param investor=Microsoft
MATCH (i:Organization)-[r:INVESTS_IN|ACQUIRES]->(c:Organization)
WHERE i.id = $investor OR toLower(i.name) = toLower($investor)
RETURN c.name AS company, type(r) AS relation, r.amountUsd AS amount_usd,
       r.status AS status, r.mentions AS mentions, r.firstSeen AS first_seen
ORDER BY coalesce(amount_usd, -1.0) DESC, company, relation
