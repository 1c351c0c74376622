"""Oversight: keep track of inspectorate recommendations."""
