"""The known source articles (``scenarios/sources.yaml``) and the check that a
scenario's ``sources:`` names only those.

The product must know its articles itself (the seed files are not shipped), so
their ids live as data beside the trait catalogue; a scenario citing an article
that does not exist is an error with a did-you-mean (E308).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

from yaml.nodes import Node as YNode
from yaml.nodes import ScalarNode, SequenceNode

from game.core.loader.context import Ctx
from game.core.loader.problems import Problem, sort_problems
from game.core.loader.yamlio import load_tree, to_data

SOURCES_NAME = "sources.yaml"


def read_sources(path: Path, shown: str | None = None
                 ) -> tuple[frozenset[str] | None, tuple[Problem, ...]]:
    """The article ids of a ``sources.yaml`` (None when it has errors) and its problems."""
    ctx = Ctx(shown or str(path))
    _, node = load_tree(path, ctx)
    if node is None:
        return None, sort_problems(ctx.problems)
    data = to_data(node, ctx)
    ids: set[str] = set()
    articles = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, list) or not articles:
        ctx.add("E203", node, "the article list has no 'articles' (required): a list of "
                "{id, lang, title}")
    else:
        items = node.value[[k.value for k, _ in node.value].index("articles")][1].value
        for item, where in zip(articles, items, strict=False):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                ctx.add("E203", where, "an article has no 'id' (required)")
            elif item["id"] in ids:
                ctx.add("E208", where, f"duplicate article id '{item['id']}'")
            else:
                ids.add(item["id"])
    errors = any(p.severity == "error" for p in ctx.problems)
    return (None if errors else frozenset(ids)), sort_problems(ctx.problems)


def sources_for(path: Path, fallback: Path) -> frozenset[str] | None:
    """The articles a file may cite: ``sources.yaml`` beside it, else the one in
    ``fallback`` (the shipped library); None when there is none (nothing checked)."""
    for candidate in (path.parent / SOURCES_NAME, fallback / SOURCES_NAME):
        if candidate.is_file():
            return _sources_at(candidate.resolve(), candidate.stat().st_mtime_ns)
    return None


@lru_cache(maxsize=8)
def _sources_at(path: Path, mtime: int) -> frozenset[str] | None:
    return read_sources(path)[0]


def check_sources(ctx: Ctx, node: YNode | None, known: Collection[str] | None) -> None:
    """Every item of a scenario's ``sources:`` list is a known article."""
    if known is None or not isinstance(node, SequenceNode):
        return
    for item in node.value:
        if isinstance(item, ScalarNode) and item.value not in known:
            ctx.unknown("E308", item, "source article", item.value, known)

