"""Benchmarks: scripts that print speed figures measured in one run (never timed tests)."""
