"""The Chinese rule components, registered with spaCy by importing this package.

Order in the pipeline (see `extractor.chinese.pipeline`): measures, places, local places, units,
unit aliases, people, the optional statistical model, then resolve. Each reads `doc.text` and what the earlier ones left
in `doc._.zh_found`.
"""

from extractor.chinese.components import aliases, local_places, measures, model, people, places, resolve, units

__all__ = ["aliases", "local_places", "measures", "model", "people", "places", "resolve", "units"]
