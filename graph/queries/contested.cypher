// contested: labs tied to more than one big-tech group.
//
// Parameters: none.
//
// A big-tech group is an organisation that both invests (:Investor) and rents out its cloud
// (:CloudProvider): Amazon, Google, Microsoft in the examples. A lab is any other organisation
// tied to such a group by investment, cloud, chips, partnership or distribution. One row per
// lab tied to two or more groups, the most contested first.
//
//   alliances query contested
MATCH (g:Organization:Investor:CloudProvider)-[:INVESTS_IN|PROVIDES_CLOUD|SUPPLIES_CHIPS|PARTNERS_WITH|DISTRIBUTES]-(l:Organization)
WHERE NOT (l:Investor AND l:CloudProvider)
WITH DISTINCT l, g
ORDER BY g.name
WITH l, collect(g.name) AS groups
WHERE size(groups) > 1
RETURN l.name AS lab, size(groups) AS ties, groups
ORDER BY ties DESC, lab
