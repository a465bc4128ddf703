"""Benchmarks: each module `bench/<name>.py` has `main(argv) -> int` and prints its figures.

`python -m bench` (or `make bench`) runs them all; `python -m bench NAME…` runs some.
No test asserts a time; figures and ratios to Postfix + Dovecot go into closing notes.
"""
