"""Client Relations Trainer: a scenario-driven training game for client relationships."""

__version__ = "0.1.0"
