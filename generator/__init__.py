"""Sijill: bilingual fact sheets (Arabic and English) from structured YAML."""

__version__ = "0.1.0"
