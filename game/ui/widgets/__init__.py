"""Widgets: one per module, each with ``process_event``, ``update(dt)`` and ``draw``."""
