"""The Chinese rule components, registered with spaCy by importing this package.

Order in the pipeline (see `extractor.chinese.pipeline`): measures, places, local places, short places, units,
unit aliases, the optional statistical model, people, then resolve. Each reads `doc.text` and what the earlier ones left
in `doc._.zh_found`.
"""

from extractor.chinese.components import (
    aliases,
    local_places,
    measures,
    model,
    people,
    places,
    resolve,
    short_places,
    units,
)

__all__ = ["aliases", "local_places", "measures", "model", "people", "places", "resolve", "short_places", "units"]
