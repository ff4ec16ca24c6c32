"""Side-by-side HTML view of an article's extractions and cross-check (self-contained pages)."""

from extractor.view.render import page_name, render_article, render_index, write_site

__all__ = ["page_name", "render_article", "render_index", "write_site"]
