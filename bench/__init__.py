"""Benchmark and live-server tooling: ``make bench`` and the helpers it shares with the serving tests."""
