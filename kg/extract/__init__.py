"""Extractors, one module per kind. Each takes the `Article` and fills its own field.

They run in the order of `EXTRACTORS`: organizations first, since persons hang posts on
them, initiatives name their agencies and figures point at what they measure.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.figures import extract_figures
from kg.extract.initiatives import extract_initiatives
from kg.extract.organizations import extract_organizations
from kg.extract.persons import extract_persons
from kg.types import Article

Extractor = Callable[[Article], Article]

EXTRACTORS: dict[str, Extractor] = {
    "organizations": extract_organizations,
    "persons": extract_persons,
    "initiatives": extract_initiatives,
    "figures": extract_figures,
}
