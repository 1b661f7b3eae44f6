"""Build hook: the wheel carries the product, not only the code.

setuptools' ``build_py`` copies the ``game`` package; this subclass then copies the
repository's top-level ``scenarios/``, ``assets/`` and ``schema/`` (the source of truth,
edited by trainers and translators where they are) to ``game/_data/`` in the build, where
``game.core.resources`` finds them through ``importlib.resources``. No copy is ever made
in the source tree, and an editable install gets none: it reads the checkout directly.

Registered in pyproject.toml (``[tool.setuptools] cmdclass``); the sdist carries the
three folders and this file (MANIFEST.in) so a wheel built from the sdist is complete.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("scenarios", "assets", "schema")  # game.core.resources.SHIPPED
TARGET = Path("game") / "_data"
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*~")


class BuildPy(build_py):
    """``build_py`` plus the shipped data under ``game/_data/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the editable install reads the checkout's folders themselves
        for name in SHIPPED:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"error: {source} is missing; the wheel would not work")
            target = Path(self.build_lib) / TARGET / name
            if target.exists():
                shutil.rmtree(target)  # a stale copy from an earlier build must not linger
            shutil.copytree(source, target, ignore=IGNORED)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        for name in SHIPPED:
            target = Path(self.build_lib) / TARGET / name
            outputs.extend(str(p) for p in sorted(target.rglob("*")) if p.is_file())
        return outputs
