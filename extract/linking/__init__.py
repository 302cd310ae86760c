"""Entity linking: every mention of an organisation or product mapped to one canonical entity.

The component ``alliance_linker`` runs after ``ner`` and sets ``doc._.mentions``, a list of
`Mention` in text order, from four sources:

- gazetteer matches of the EntityRuler (``ent_id_`` is the entity id), confidence 1.0;
- organisations the statistical NER finds: linked to the gazetteer by a loose name match, else kept
  as new organisations under their cleaned name (new startups show up), confidence 0.8;
- descriptions: "the ChatGPT maker", "the Seattle-based company" (gazetteer descriptors and
  headquarters), "the startup", "the chipmaker" (role nouns of the lexicon), confidence 0.85;
- pronouns "it" / "its", resolved to the subject of the clause or the latest subject, 0.75.

Modules: `component` (the factory and the named mentions), `names` (is this span a name?),
`references` (descriptions), `pronouns` and `mention` (the `Mention` record).
"""

from .component import EntityLinker, make_linker
from .mention import Mention
from .pronouns import name_start

__all__ = ["EntityLinker", "Mention", "make_linker", "name_start"]
