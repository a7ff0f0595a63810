"""The picture on the glossary index of who appears with whom: actors on an ellipse, joined when
the articles name them together."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..actors import Actor
from .views import GlossaryEntry

PICTURE_WIDTH, PICTURE_HEIGHT = 760, 600
_RING_X, _RING_Y = 215, 215  # the ellipse the actors stand on
_LABEL_GAP = 8


@dataclass(frozen=True)
class Node:
    actor: Actor
    href: str
    count: int
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    side: str  # where the label runs from the dot: "left", "right" or "middle"


@dataclass(frozen=True)
class Edge:
    a: Node
    b: Node
    count: int
    width: float


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]


def relation_picture(entries: list[GlossaryEntry], together: dict[str, Counter]) -> Picture:
    """Actors on an ellipse, kind after kind with a gap between kinds, joined when named together.

    Pure arithmetic on the sorted entries, so the same input always gives the same picture.
    """
    slots: list[GlossaryEntry | None] = []
    previous = None
    for entry in entries:
        if previous is not None and entry.actor.kind != previous:
            slots.append(None)  # a gap between kinds
        slots.append(entry)
        previous = entry.actor.kind
    slots.append(None)
    nodes = {entry.actor.id: _node(entry, index, len(slots)) for index, entry in enumerate(slots) if entry is not None}
    ids = list(nodes)
    pairs = [(a, b, together.get(a, Counter())[b]) for n, a in enumerate(ids) for b in ids[n + 1 :]]
    edges = [Edge(nodes[a], nodes[b], count, round(min(1 + 0.9 * (count - 1), 7), 1)) for a, b, count in pairs if count]
    edges.sort(key=lambda edge: edge.count)  # the strongest lines are drawn last, on top
    return Picture(PICTURE_WIDTH, PICTURE_HEIGHT, list(nodes.values()), edges)


def _node(entry: GlossaryEntry, index: int, slots: int) -> Node:
    """The actor's dot in slot `index` of `slots` round the ellipse, and where its label goes."""
    cx, cy = PICTURE_WIDTH / 2, PICTURE_HEIGHT / 2
    angle = -math.pi / 2 + 2 * math.pi * index / slots  # from the top, clockwise
    dx, dy = math.cos(angle), math.sin(angle)
    r = round(4 + 1.6 * math.sqrt(entry.count), 1)
    x, y = round(cx + _RING_X * dx, 1), round(cy + _RING_Y * dy, 1)
    side = "right" if dx > 0.2 else "left" if dx < -0.2 else "middle"
    label_x = x + (r + _LABEL_GAP) * (1 if side == "right" else -1 if side == "left" else 0)
    if side != "middle":
        label_y = y - 2  # the Arabic line beside the dot, the English line below it
    else:
        label_y = y - r - _LABEL_GAP - 18 if dy < 0 else y + r + _LABEL_GAP + 14
    return Node(entry.actor, entry.href, entry.count, x, y, r, round(label_x, 1), round(label_y, 1), side)
