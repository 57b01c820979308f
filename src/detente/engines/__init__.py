"""Executors: the same per-document blocks, run in one process, a process pool, or on Ray."""
