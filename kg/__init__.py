"""kg: Chinese government policy news to a knowledge graph."""

__version__ = "0.1.0"
