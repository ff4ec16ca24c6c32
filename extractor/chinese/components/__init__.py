"""The Chinese rule components, each registered with spaCy when its module is imported
(`extractor.chinese.pipeline` imports them all).

Order in the pipeline (see `extractor.chinese.pipeline`): measures, places, local places, short places, units,
unit aliases, the optional statistical model, people, then resolve. Each reads `doc.text` and what the earlier ones left
in `doc._.found`; each declares so (`assigns`, `requires`), and `nlp.analyze_pipes()` shows the flow.
"""
