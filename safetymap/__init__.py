"""Trygghetskartan: safety measures in four places, on a map and a timeline."""

__version__ = "0.1.0"
