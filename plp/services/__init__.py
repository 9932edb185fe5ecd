"""Writes of the plp app: projects, their phases, reports and payouts."""
