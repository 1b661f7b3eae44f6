"""The headless core: model, loader, rules engine, runtime, analysis.

Imports no pygame and no sqlite3, and never prints: front ends ask it what to show
and tell it what the player did.
"""
