// evidence: the sentences behind an edge: which articles say it, and in which words.
//
// Parameters:
//   $subject   the subject, by name or id (e.g. Amazon)
//   $object    the object, by name or id (e.g. Anthropic)
//   $relation  the relation, e.g. INVESTS_IN (default: any)
//
// One row per claim, oldest article first, with the sentence and its character offsets in the
// article. PARTNERS_WITH is found in either direction.
//
//   alliances query evidence --param subject=Amazon --param object=Anthropic --param relation=INVESTS_IN
MATCH (e:Evidence)-[:SUBJECT]->(s), (e)-[:OBJECT]->(o), (e)-[:IN]->(a:Article)
WHERE ($relation IS NULL OR e.relation = toUpper($relation))
  AND (((s.id = $subject OR toLower(s.name) = toLower($subject))
        AND (o.id = $object OR toLower(o.name) = toLower($object)))
    OR (e.relation = 'PARTNERS_WITH'
        AND (s.id = $object OR toLower(s.name) = toLower($object))
        AND (o.id = $subject OR toLower(o.name) = toLower($subject))))
RETURN a.id AS article, a.title AS title, a.published AS published, s.name AS subject,
       e.relation AS relation, o.name AS object, e.sentence AS sentence, e.start AS start,
       e.end AS `end`, e.status AS status, e.amountUsd AS amount_usd, e.date AS date, e.via AS via
ORDER BY coalesce(published, ''), article, start, relation
