from extractor.cli import entry

entry()
