"""Screens: one per module (start, picker, encounter, debrief, settings, dialogs)."""
