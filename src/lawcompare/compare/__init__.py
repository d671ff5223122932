"""Comparison across states (matrix) and across time (timeline)."""
