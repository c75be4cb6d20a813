"""One exception tree, with message codes in one place (tests assert on codes, not wording).

KgError
├── InputError     an article or corpus file cannot be read or holds no article
├── OntologyError  the bundled ontology files are missing or broken
├── QueryError     a SPARQL query does not parse or cannot run
├── ExportError    an output cannot be written
└── EndpointError  a SPARQL endpoint cannot be reached or refuses a request
"""

from __future__ import annotations


class Errors:
    E001 = "no such file or folder"
    E002 = "is empty"
    E003 = "is binary, not text"
    E004 = "cannot be decoded as UTF-8, UTF-16, GB18030 or Big5"
    E005 = "holds no article text once page chrome is removed"
    E006 = "folder holds no articles (.txt, .html, .htm)"
    E007 = "cannot be read"
    E008 = "unsupported file type (expected .txt, .html or .htm)"
    E009 = "corpus line holds no article"
    E010 = "answer key is not valid JSON"
    E011 = "folder holds no NAME.txt with a NAME.gold.json beside it"
    E012 = "is too large for one article"
    E020 = "ontology file is missing or does not parse"
    E030 = "query does not parse"
    E031 = "query failed"
    E032 = "no such competency query"
    E033 = "query took too long"
    E040 = "cannot write output"
    E041 = "RDF file does not parse"
    E050 = "cannot use the Dask cluster"
    E060 = "SPARQL endpoint unreachable"
    E061 = "SPARQL endpoint refused access"
    E062 = "request too large for the SPARQL endpoint"
    E063 = "SPARQL endpoint error"
    E064 = "SPARQL endpoint capped the result"
    E065 = "is not an absolute http(s) URL"


class KgError(Exception):
    """Base of every error kg raises on purpose. `str(err)` is the one line the CLI prints."""

    def __init__(self, code: str, path: object = None, detail: str = "") -> None:
        self.code = code
        self.path = None if path is None else str(path)
        self.detail = detail
        message = getattr(Errors, code, code)
        if detail:
            message = f"{message}: {detail}"
        super().__init__(f"{self.path}: {message}" if self.path else message)

    def __reduce__(self):  # travels back from worker processes intact
        return (type(self), (self.code, self.path, self.detail))


class InputError(KgError):
    pass


class OntologyError(KgError):
    pass


class QueryError(KgError):
    pass


class ExportError(KgError):
    pass


class EndpointError(KgError):
    pass
