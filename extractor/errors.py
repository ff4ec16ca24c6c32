"""One root exception so callers can catch everything the extractor raises on purpose."""


class ExtractorError(Exception):
    """Root of every error the extractor raises deliberately."""


class ArticleError(ExtractorError):
    """An article could not be read or parsed; the message names the file and the problem."""


class ModelNotAvailableError(ExtractorError):
    """A model the pipeline needs is not installed; the message says how to install it."""
