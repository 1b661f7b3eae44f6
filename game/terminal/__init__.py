"""Terminal front end and trainer tools: `play --text`, `graph`, `new`, `test-scenarios`.

Modules, by command:

    play --text      play (the loop), inputs (deadline reads), screen (rich / plain),
                     runview (runtime results -> screen values), record (score log)
    graph            graphmodel (the map), graph_dot (DOT, SVG), graph_html (inline SVG page)
    new              skeleton, skeleton_template
    test-scenarios   testplan (format), expect (comparisons), testrun (cases, coverage),
                     testsuite (plans, analyser coverage), testreport (output),
                     testdraft (--draft: a first plan from the scenario's runs)

Everything reads the scenario through game.core (loader, runtime, analysis); nothing
here changes how a session is scored.
"""
