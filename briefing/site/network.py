"""The picture of the actors: who appears with whom, drawn as a static SVG at build time.

People, organisations and places are nodes; two are joined when they appear in
the same story, the more stories the thicker the line. The layout is a
force-directed one (Fruchterman-Reingold) computed with numpy from a fixed
start on a circle, with a fixed number of steps and coordinates rounded, so the
same input gives the same picture byte for byte. No script runs in the browser.

The SVG is placed inline in the page (a raw HTML block), not as an ``<img>``:
an image's links cannot be clicked, and inline it inherits the theme's colours
and needs no extra request. Raw HTML is not rewritten by MkDocs, so the links
are the URLs pages are served at (:func:`briefing.site.paths.served`), and every
label is escaped.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from briefing.markup import attribute
from briefing.model import Article, Site
from briefing.site import paths

ACTOR_KINDS = ("person", "organisation", "place")
TOP_NODES = 24
NEIGHBOURS = 10
MAX_PER_STORY = 30
"""Only a story's 30 most mentioned actors form pairs, so a long list of names cannot make a story quadratic."""
WIDTH, HEIGHT = 760, 480
SMALL = (560, 340)
"""Size of a neighbourhood picture: smaller, so its labels read larger when scaled to the page."""
STEPS = 150
LABEL_LENGTH = 26
LINKS_PER_NODE = 3


@dataclass(frozen=True, slots=True)
class Graph:
    """Actors with their story counts and kinds, and pairs with the number of stories they share."""

    stories: dict[str, int]
    kinds: dict[str, str]
    pairs: dict[tuple[str, str], int]
    """``(a, b)`` with ``a < b`` -> stories shared."""
    around: dict[str, dict[str, int]] = field(default_factory=dict)
    """The same pairs by actor: ``around[a][b]`` = stories shared, so one actor's neighbours cost no scan."""
    labels: dict[str, str] = field(default_factory=dict)
    """Each actor's name escaped for HTML, once (a name appears in many pictures)."""

    def label(self, name: str) -> str:
        return self.labels.get(name) or attribute(name)

    def weight(self, a: str, b: str) -> int:
        return self.around.get(a, {}).get(b, 0)


def graph(articles: list[Article]) -> Graph:
    """Co-occurrence of actors in the same story, over all ``articles``."""
    stories: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    kinds: dict[str, str] = {}
    for article in articles:
        actors = sorted(
            (m for m in article.mentions if m.kind in ACTOR_KINDS), key=lambda m: (-m.count, m.entity)
        )[:MAX_PER_STORY]
        names = sorted({m.entity for m in actors})
        for mention in actors:
            kinds.setdefault(mention.entity, mention.kind)
        stories.update(names)
        pairs.update((a, b) for i, a in enumerate(names) for b in names[i + 1 :])
    around: dict[str, dict[str, int]] = {}
    for (a, b), weight in pairs.items():
        around.setdefault(a, {})[b] = weight
        around.setdefault(b, {})[a] = weight
    return Graph(dict(stories), kinds, dict(pairs), around, {name: attribute(name) for name in stories})


def top_nodes(g: Graph, n: int = TOP_NODES) -> list[str]:
    """The ``n`` actors in most stories; ties by how connected they are, then by name."""
    degree: Counter[str] = Counter()
    for (a, b), weight in g.pairs.items():
        degree[a] += weight
        degree[b] += weight
    return sorted(g.stories, key=lambda name: (-g.stories[name], -degree[name], name))[:n]


def neighbours(g: Graph, name: str, n: int = NEIGHBOURS) -> list[str]:
    """The ``n`` actors sharing most stories with ``name``."""
    shared = g.around.get(name, {})
    return sorted(shared, key=lambda other: (-shared[other], -g.stories[other], other))[:n]


def layout(nodes: list[str], g: Graph) -> np.ndarray:
    """Positions in the unit square, deterministic: a circle, then Fruchterman-Reingold steps."""
    count = len(nodes)
    if count == 1:
        return np.array([[0.5, 0.5]])
    angles = np.arange(count) * 2 * math.pi / count
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) * 0.5
    weights = np.array([[math.log1p(g.weight(a, b)) for b in nodes] for a in nodes])
    k = 1.0 / math.sqrt(count)
    temperature = 0.1
    for _ in range(STEPS):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = (k * k / distance**2 - weights * distance / k)[:, :, None] * delta
        moves = force.sum(axis=1)
        length = np.maximum(np.linalg.norm(moves, axis=1), 1e-9)
        pos += moves / length[:, None] * np.minimum(length, temperature)[:, None]
        pos -= pos.mean(axis=0)
        temperature *= 0.97
    span = np.maximum(pos.max(axis=0) - pos.min(axis=0), 1e-9)
    return np.round((pos - pos.min(axis=0)) / span, 4)


def svg(g: Graph, nodes: list[str], from_path: str, site: Site, title: str, centre: str = "", size: tuple[int, int] = (WIDTH, HEIGHT)) -> str:
    """The SVG of ``nodes`` and the lines between them; each node links to its entity page."""
    if not nodes:
        return ""
    width, height = size
    if centre:
        pos = _star(nodes, centre)
    else:
        pos = layout(nodes, g)
    margin_x, margin_y = 90, 40
    xy = {name: (margin_x + p[0] * (width - 2 * margin_x), margin_y + p[1] * (height - 2 * margin_y)) for name, p in zip(nodes, pos)}
    biggest = max(g.stories[n] for n in nodes)
    ranked = sorted(nodes)
    edges = _strongest(g, ranked)
    heaviest = max([w for _, _, w in edges] or [1])
    out = [
        f'<svg class="briefing-network" viewBox="0 0 {width} {height}" aria-label="{attribute(title)}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f"<title>{attribute(title)}</title>",
        '<g class="edges">',
    ]
    for a, b, weight in edges:
        (x1, y1), (x2, y2) = xy[a], xy[b]
        width = 0.75 + 4 * weight / heaviest
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{width:.2f}"><title>{g.label(a)} and {g.label(b)}: {weight} {"story" if weight == 1 else "stories"}</title></line>')
    out += ["</g>", '<g class="nodes">']
    for name in nodes:
        x, y = xy[name]
        radius = 5 + 13 * math.sqrt(g.stories[name] / biggest)
        href = paths.served(from_path, paths.entity_path(name), site)
        kind = g.kinds.get(name, "other")
        out.append(
            # xlink:href, not href: Material's instant navigation rewrites every
            # a[href] and an SVG link's href is read-only (a console error).
            f'<a xlink:href="{attribute(href)}" class="node {kind}{" centre" if name == centre else ""}">'
            f"<title>{g.label(name)}: {g.stories[name]} {'story' if g.stories[name] == 1 else 'stories'}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
            f'<text x="{x:.1f}" y="{y + radius + 13:.1f}" text-anchor="middle">{g.label(name) if len(name) <= LABEL_LENGTH else attribute(_short(name))}</text></a>'
        )
    out += ["</g>", "</svg>"]
    return "\n".join(out)


def _strongest(g: Graph, nodes: list[str], per_node: int = LINKS_PER_NODE) -> list[tuple[str, str, int]]:
    """Lines worth drawing among ``nodes``: each actor's ``per_node`` strongest links.

    Drawing every pair of a busy briefing makes a hairball; each node keeping its
    strongest ties keeps the picture readable and every node attached.
    """
    kept: set[tuple[str, str]] = set()
    for a in nodes:
        ties = sorted((b for b in nodes if b != a and g.weight(a, b)), key=lambda b: (-g.weight(a, b), b))
        kept.update(tuple(sorted((a, b))) for b in ties[:per_node])
    return [(a, b, g.weight(a, b)) for a, b in sorted(kept)]


def _star(nodes: list[str], centre: str) -> np.ndarray:
    """The centre in the middle, its neighbours on an ellipse around it in rank order."""
    others = [n for n in nodes if n != centre]
    pos = {centre: (0.5, 0.5)}
    for i, name in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(others), 1)
        pos[name] = (round(0.5 + 0.5 * math.cos(angle), 4), round(0.5 + 0.5 * math.sin(angle), 4))
    return np.array([pos[n] for n in nodes])


def _short(name: str, limit: int = LABEL_LENGTH) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def figure(svg_text: str, caption: str) -> str:
    """The SVG in a ``<figure>``: a block-level tag, so Markdown leaves the whole picture alone."""
    if not svg_text:
        return ""
    legend = " ".join(f'<span class="key {kind}">{label}</span>' for kind, label in (("person", "people"), ("organisation", "organisations"), ("place", "places")))
    return f'<figure class="briefing-network">\n{svg_text}\n<figcaption>{attribute(caption)} {legend}</figcaption>\n</figure>\n'


def actors_figure(g: Graph, from_path: str, site: Site) -> str:
    """The picture of the most present actors, for the home page."""
    nodes = top_nodes(g)
    caption = (
        f"The {len(nodes)} actors in most stories. A line joins two that appear in the same stories, "
        f"thicker for more stories; each actor shows its {LINKS_PER_NODE} strongest links."
    )
    return figure(svg(g, nodes, from_path, site, "Who appears with whom"), caption)


def neighbourhood_figure(g: Graph, name: str, from_path: str, site: Site) -> str:
    """A smaller picture: ``name`` and the actors it shares most stories with, for its entity page."""
    if name not in g.stories:
        return ""
    others = neighbours(g, name)
    if not others:
        return ""
    caption = f"{name} and the actors it appears with most often; each shows its {LINKS_PER_NODE} strongest links."
    return figure(svg(g, [name, *others], from_path, site, f"Who appears with {name}", centre=name, size=SMALL), caption)
