"""The pygame game: screens, widgets and the app loop on top of the headless runtime.

Every decision and number comes from ``game.core.runtime``; this package only lays
out, draws and forwards input. Each widget or screen is one module with
``process_event(event)``, ``update(dt)`` and ``draw(surface)``. Text is wrapped by
``textlayout`` (pure, measuring injected) and rendered once per node by
``textcache``, never per frame.
"""
