"""The rules engine: the condition language and the rules that score each event."""
