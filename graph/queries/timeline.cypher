// timeline: an organisation's edges by date: investments, clouds, chips, partners, deals.
//
// Parameters:
//   $org  the organisation, by name or id (e.g. Amazon)
//
// One row per relationship the organisation is part of (either side), ordered by when it was
// first seen (the deal's date, else the article's); undated edges come last.
//
//   alliances query timeline --param org=Microsoft
MATCH (o:Organization)-[r:INVESTS_IN|PROVIDES_CLOUD|SUPPLIES_CHIPS|PARTNERS_WITH|ACQUIRES|DISTRIBUTES|OWNS]-(other)
WHERE o.id = $org OR toLower(o.name) = toLower($org)
RETURN r.firstSeen AS first_seen, r.lastSeen AS last_seen, startNode(r).name AS subject,
       type(r) AS relation, endNode(r).name AS object, r.status AS status,
       r.amountUsd AS amount_usd, r.mentions AS mentions
ORDER BY coalesce(first_seen, '9999'), relation, subject, object
