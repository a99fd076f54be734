"""Where the actor pictures put their circles and names: no two names overlap, and no name covers a circle.

Text is not measured at build time (no fonts are read): a name's width is
estimated from the advance widths of DejaVu Sans, rounded up, which is wider
than the fonts browsers usually show (Helvetica, Arial, Liberation Sans,
Roboto), so a box drawn from the estimate holds the text as shown.

The circles are first pushed apart until none overlaps another
(:func:`separate`); then each name, biggest circle first, takes the first
free place around its circle (:func:`place`): below, above, right, left,
then the corners, then further out with a thin line back to its circle.
Everything is computed in a fixed order on rounded numbers, so the same
picture comes out byte for byte.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

FONT_SIZE = 13
"""The labels' font size in the picture's units (the stylesheet sets the same)."""
ASCENT, DESCENT = 0.93, 0.24
"""Above and below the baseline, in ems (DejaVu Sans; other fonts reach less far)."""
GAP = 3
"""Space kept between a label and its circle, and around every label."""
NODE_GAP = 6
"""Space kept between two circles."""
RING = 10
"""How much further out each next ring of places is."""
RINGS = 12
DIRECTIONS = (90, 270, 0, 180, 45, 135, 315, 225)
"""First places, in degrees clockwise from the right (the picture's y axis points down): below, above, right, left, corners."""
FINER = tuple(a + 22.5 for a in range(0, 360, 45))

# Advance widths of DejaVu Sans in thousandths of an em, rounded up to 50.
_WIDTHS = {
    300: "'IJijl",
    350: " ,./:;\\|",
    400: "()-[]ft",
    450: "!r",
    500: '"*_`',
    550: "?csz",
    600: "FLkvxy",
    650: "0123456789$EPSTYabdeghnopqu{}",
    700: "ABCKRVXZ",
    750: "NU",
    800: "&DGHOQ",
    850: "#+<=>^w~",
    900: "M",
    950: "%",
    1000: "@Wm…",
}
_WIDTH = {char: width / 1000 for width, chars in _WIDTHS.items() for char in chars}
OTHER = 0.8
"""Width in ems of a letter the table does not have (Greek, Cyrillic ...): wider than most."""


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The estimated width of ``text`` at ``size``: generous, never less than a browser shows."""
    ems = 0.0
    for char in text:
        if char in _WIDTH:
            ems += _WIDTH[char]
        elif unicodedata.combining(char):
            continue
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            ems += 1.0
        else:
            base = unicodedata.normalize("NFD", char)[:1]  # é -> e
            ems += _WIDTH.get(base, OTHER)
    return ems * size


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: left, top, right, bottom."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return (
            self.left < other.right + gap
            and other.left < self.right + gap
            and self.top < other.bottom + gap
            and other.top < self.bottom + gap
        )

    def touches_circle(self, x: float, y: float, r: float, gap: float = 0.0) -> bool:
        nearest_x = min(max(x, self.left), self.right)
        nearest_y = min(max(y, self.top), self.bottom)
        return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < (r + gap) ** 2

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@dataclass(frozen=True, slots=True)
class Label:
    """Where one name is drawn: ``x`` is its middle (``text-anchor="middle"``), ``y`` its baseline."""

    x: float
    y: float
    box: Box
    leader: tuple[float, float, float, float] | None = None
    """A line from the circle's edge to the label, when the label is not next to its circle."""


def separate(points: list[tuple[float, float]], radii: list[float], width: float, height: float, margin: tuple[float, float]) -> list[tuple[float, float]]:
    """``points`` moved apart, in a fixed order, until no two circles come closer than :data:`NODE_GAP`.

    Each point stays within ``margin`` (x, y) of the edges. Gives up after a
    fixed number of rounds (a crowded picture keeps the overlaps left).
    """
    xy = [list(p) for p in points]
    low_x, low_y = margin
    for _ in range(200):
        moved = False
        for i in range(len(xy)):
            for j in range(i + 1, len(xy)):
                dx, dy = xy[j][0] - xy[i][0], xy[j][1] - xy[i][1]
                distance = math.hypot(dx, dy)
                need = radii[i] + radii[j] + NODE_GAP
                if distance >= need - 1e-6:
                    continue
                if distance < 1e-6:  # on top of each other: apart along a direction fixed by their places in the list
                    angle = (i * 7 + j * 13) % 360 * math.pi / 180
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (need - distance) / 2 + 0.01
                ux, uy = dx / distance, dy / distance
                xy[i][0] -= ux * push
                xy[i][1] -= uy * push
                xy[j][0] += ux * push
                xy[j][1] += uy * push
                moved = True
        for p in xy:
            p[0] = min(max(p[0], low_x), width - low_x)
            p[1] = min(max(p[1], low_y), height - low_y)
        if not moved:
            break
    return [(round(x, 1), round(y, 1)) for x, y in xy]


def place(
    circles: list[tuple[float, float, float]], texts: list[str], width: float, height: float, size: float = FONT_SIZE
) -> list[Label]:
    """A :class:`Label` for each circle ``(x, y, r)`` and its text, none overlapping another label or any circle.

    Bigger circles choose first. When no place within :data:`RINGS` rings is
    free, the label takes the place it overlaps least.
    """
    order = sorted(range(len(circles)), key=lambda i: (-circles[i][2], texts[i], i))
    placed: list[Box] = []
    labels: dict[int, Label] = {}
    for i in order:
        x, y, r = circles[i]
        w, h = text_width(texts[i], size), (ASCENT + DESCENT) * size
        best, least = None, math.inf
        for ring in range(RINGS + 1):
            for angle in DIRECTIONS + (FINER if ring else ()):
                label = _at(x, y, r, r + GAP + ring * RING, angle, w, h, size)
                cost = _overlap(label.box, i, circles, placed, width, height)
                if cost < least:
                    best, least = label, cost
                if cost == 0:
                    break
            if least == 0:
                break
        labels[i] = best
        placed.append(best.box)
    return [labels[i] for i in range(len(circles))]


def _at(x: float, y: float, r: float, distance: float, angle: float, w: float, h: float, size: float) -> Label:
    """The label whose box lies ``distance`` from the centre of circle (x, y, r) in direction ``angle``."""
    radians = math.radians(angle)
    cos, sin = round(math.cos(radians), 6), round(math.sin(radians), 6)
    # The box's middle goes out along the direction, far enough that its near side (or corner) is at ``distance``.
    cx = x + cos * distance + (w / 2) * _sign(cos)
    cy = y + sin * distance + (h / 2) * _sign(sin)
    box = Box(round(cx - w / 2, 1), round(cy - h / 2, 1), round(cx + w / 2, 1), round(cy + h / 2, 1))
    baseline = round(box.top + ASCENT * size, 1)
    line = None
    if distance > r + GAP:  # away from its circle: a line leads back to it
        line = (round(x + cos * r, 1), round(y + sin * r, 1), round(x + cos * distance, 1), round(y + sin * distance, 1))
    return Label(round(cx, 1), baseline, box, line)


def _sign(value: float) -> float:
    return 0.0 if abs(value) < 1e-6 else math.copysign(1.0, value)


def _overlap(box: Box, own: int, circles, placed: list[Box], width: float, height: float) -> float:
    """How badly ``box`` sits: 0 when free, else the area it shares with labels and circles, plus what sticks out."""
    cost = 0.0
    if not box.inside(width, height):
        cost += 1e6
    for other in placed:
        if box.overlaps(other, GAP):
            cost += _area(box, other) + 1.0
    for index, (x, y, r) in enumerate(circles):
        if box.touches_circle(x, y, r, GAP if index != own else GAP - 0.5):
            cost += r * r + 1.0
    return cost


def _area(a: Box, b: Box) -> float:
    return max(0.0, min(a.right, b.right) - max(a.left, b.left)) * max(0.0, min(a.bottom, b.bottom) - max(a.top, b.top))
