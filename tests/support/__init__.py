"""Shared pieces of the tests (paths, builders, oracles); test files import these,
never each other."""
