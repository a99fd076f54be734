"""The actor pictures: names laid out clear of each other and of the circles, on the seeds and on crowded pictures."""

from __future__ import annotations

import html
import itertools
import re

import pytest

from briefing import pipeline
from briefing.model import Article, Mention, Site
from briefing.site import labels, network
from briefing.site.stories import sort_stories
from tests.conftest import ROOT, SOURCES

NODE = re.compile(
    r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/>'
    r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle">([^<]*)</text>'
)
VIEWBOX = re.compile(r'viewBox="0 0 (\d+) (\d+)"')


def drawn(svg: str) -> tuple[list[tuple[float, float, float]], list[labels.Box], tuple[int, int]]:
    """The circles of a picture, the boxes its names take (as the layout estimates text), and its size."""
    circles, boxes = [], []
    for cx, cy, r, x, y, text in NODE.findall(svg):
        circles.append((float(cx), float(cy), float(r)))
        width = labels.text_width(html.unescape(text))
        top = float(y) - labels.ASCENT * labels.FONT_SIZE
        boxes.append(labels.Box(float(x) - width / 2, top, float(x) + width / 2, top + (labels.ASCENT + labels.DESCENT) * labels.FONT_SIZE))
    width, height = map(int, VIEWBOX.search(svg).groups())
    return circles, boxes, (width, height)


def clashes(svg: str) -> list[str]:
    """Every pair of names that overlap, every name over a circle, every name outside the picture."""
    circles, boxes, (width, height) = drawn(svg)
    found = [f"names {i} and {j} overlap" for i, j in itertools.combinations(range(len(boxes)), 2) if boxes[i].overlaps(boxes[j])]
    found += [
        f"name {i} covers circle {j}"
        for i, box in enumerate(boxes)
        for j, (x, y, r) in enumerate(circles)
        if box.touches_circle(x, y, r)
    ]
    found += [f"name {i} sticks out" for i, box in enumerate(boxes) if not box.inside(width, height)]
    found += [f"circles {i} and {j} overlap" for (i, a), (j, b) in itertools.combinations(enumerate(circles), 2) if (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 < (a[2] + b[2]) ** 2]
    return found


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return sort_stories(list(pipeline.build(ROOT, SOURCES).articles))


def test_the_home_picture_of_the_seeds_has_no_name_over_another_or_over_a_circle(seeds):
    svg = network.actors_figure(network.graph(seeds), "index.md", Site())
    assert len(NODE.findall(svg)) == network.TOP_NODES
    assert clashes(svg) == []


def test_every_neighbourhood_picture_of_the_seeds_is_clear(seeds):
    g = network.graph(seeds)
    pictures = [network.neighbourhood_figure(g, name, "entities/x.md", Site()) for name in sorted(g.stories)]
    pictures = [svg for svg in pictures if svg]
    assert len(pictures) > 50
    assert {i: clashes(svg) for i, svg in enumerate(pictures) if clashes(svg)} == {}


def test_a_crowded_picture_of_long_names_stays_clear():
    # 24 actors with long names, every one in every story: the layout pulls them all to the middle.
    names = [f"{first} {last}" for first, last in zip(
        ["Maximilian", "Wilhelmina", "Bartholomew", "Anastasia", "Konstantin", "Guinevere", "Leopoldina", "Montgomery",
         "Evangeline", "Theodosius", "Marguerite", "Sebastiano", "Philomena", "Archibald", "Rosalinde", "Florentyna",
         "Cornelius", "Henrietta", "Augustinus", "Clementine", "Benedikta", "Fitzwilliam", "Seraphina", "Wolfgang"],
        ["Worthington-Smythe", "Oyelaran", "Kowalczyk", "Montmorency", "Vasquez de la Vega", "Abernathy", "Nakagawa",
         "Rasmussen", "Delacroix-Martin", "Papadopoulos", "Szczepański", "Featherstonehaugh", "Ó Súilleabháin", "Bergström",
         "Hakobyan", "Wiśniewska", "Van der Westhuizen", "Okonkwo", "Lindqvist", "Castellanos", "Hadjipetrou", "Zhao", "Mbeki", "Thorvaldsen"],
    )]
    stories = [
        Article(source=f"sources/{i}.txt", title="t", body=(), slug=f"s{i}",
                mentions=tuple(Mention(n, "person", n, 0, count=1 + (i + j) % 3) for j, n in enumerate(names)))
        for i in range(6)
    ]
    svg = network.actors_figure(network.graph(stories), "index.md", Site())
    assert len(NODE.findall(svg)) == 24
    assert clashes(svg) == []


def test_a_name_away_from_its_circle_has_a_line_back_to_it():
    circles = [(100.0, 100.0, 10.0), (100.0, 126.0, 8.0), (100.0, 74.0, 8.0), (126.0, 100.0, 8.0), (74.0, 100.0, 8.0)]
    placed = labels.place(circles, ["Centre of it all", "South", "North", "East", "West"], 400, 300)
    assert all(not a.box.overlaps(b.box) for a, b in itertools.combinations(placed, 2))
    centre = placed[0]
    assert centre.leader is not None  # circles below, above, left and right of it: it moved out
    x1, y1, x2, y2 = centre.leader
    assert round(((x1 - 100) ** 2 + (y1 - 100) ** 2) ** 0.5) == 10  # from the circle's edge


def test_text_width_is_generous_for_every_script():
    assert labels.text_width("Huawei") > 0.55 * labels.FONT_SIZE * 6
    assert labels.text_width("Société Générale") == labels.text_width("Societe Generale")
    assert labels.text_width("习近平") == 3 * labels.FONT_SIZE
    assert labels.text_width("Москва") >= 0.7 * labels.FONT_SIZE * 6
