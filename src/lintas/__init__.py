"""Lintas: cross-border technology transfer platform."""

__version__ = "0.1.0"
