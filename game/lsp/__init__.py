"""The trainers' language server: `python main.py lsp` (pygls, over stdio).

A front end of the core: it publishes exactly lint's diagnostics for the open
scenario, rule pack, trait catalogue, curriculum or test plan as the trainer
types, completes trait ids, `next` targets, flags, promises and condition names,
hovers traits, rules and lint codes, jumps to definitions and offers each "did you
mean" as a quick fix. docs/authoring.md ("Editor set-up") shows how to connect
VS Code, Neovim and Helix.
"""
