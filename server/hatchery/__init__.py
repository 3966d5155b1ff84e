"""Hatchery: a local-first web highlighter's companion server."""

__version__ = "0.1.0"
