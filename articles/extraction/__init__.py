"""Extraction: article text in, dataclasses out. No Django imports below this package."""
