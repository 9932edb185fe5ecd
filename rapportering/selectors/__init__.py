"""Reads for reporting. Each module builds one section of the reporting pages from a fixed
number of queries, whatever the number of cases, projects or grants."""
