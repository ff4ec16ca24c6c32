"""The Chinese rule components, registered with spaCy by importing this package.

Order in the pipeline (see `extractor.chinese.pipeline`): measures, places, units, people, aliases,
the optional statistical model, then resolve. Each reads `doc.text` and what the earlier ones left
in `doc._.zh_found`.
"""

from extractor.chinese.components import aliases, measures, model, people, places, resolve, units

__all__ = ["aliases", "measures", "model", "people", "places", "resolve", "units"]
