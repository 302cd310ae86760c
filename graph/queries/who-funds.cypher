// who-funds: who invests in an organisation, with the largest amount each has stated.
//
// Parameters:
//   $org  the organisation invested in, by name or id (e.g. Anthropic)
//
// One row per investor: the largest amount any article states (null if none does), the status
// of the latest article, how many claims back it, and when it was first and last seen.
//
//   alliances query who-funds --param org=Anthropic
MATCH (i:Organization)-[r:INVESTS_IN]->(o:Organization)
WHERE o.id = $org OR toLower(o.name) = toLower($org)
RETURN i.name AS investor, r.amountUsd AS amount_usd, r.status AS status,
       r.mentions AS mentions, r.firstSeen AS first_seen, r.lastSeen AS last_seen, r.via AS via
ORDER BY coalesce(amount_usd, -1.0) DESC, investor
