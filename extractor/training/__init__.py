"""Training the project's own statistical models (`extractor train --help`).

Corpora come from the package registries at training time, into a cache outside the repository;
only the trained pipelines are shipped, under `extractor/models/`.
"""
