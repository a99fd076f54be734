"""Entities and topics: the knowledge base, matching, discovery, roles, topics, pages, eval gates."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import markdown
import pytest

from briefing.commands.cli import main as cli_main
from briefing.commands.why import why_report
from briefing.knowledge import taxonomy
from briefing.markup import inline_linked
from briefing.model import Article, Block
from briefing.pipeline import build, process_source
from briefing.tagging.tag import tag

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "sources").glob("0*_*.txt"))


@pytest.fixture(scope="module")
def kb():
    return taxonomy.load(ROOT / "taxonomy")


@pytest.fixture(scope="module")
def seeds(kb):
    return {p.name: process_source(f"sources/{p.name}", p.read_bytes(), kb) for p in SEEDS}


def article(*paragraphs: str, title: str = "A story", authors: tuple[str, ...] = ()) -> Article:
    return Article(source="sources/x.txt", title=title, body=tuple(Block("paragraph", p) for p in paragraphs), authors=authors)


def mentions(tagged: Article) -> dict[str, object]:
    return {m.entity: m for m in tagged.mentions}


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


# --- the knowledge base ----------------------------------------------------------------


def test_shipped_knowledge_base_is_valid(kb):
    assert kb.problems == ()
    assert kb.entity("Huawei Cloud").parent == "Huawei"
    assert kb.entity("Entity List").type == "other"


def test_all_problems_of_a_file_are_reported_with_their_lines(tmp_path):
    write(tmp_path, "entities.yml", """\
        - name: Huawei
          type: company
        - name: ZTE
          type: organisation
          colour: red
        - name: Huawei Cloud
          type: organisation
          parent: Huawai
        - name: Ren
          type: person
          aliases: Ren
        - name: Ren Zhengfei
          type: person
          aliases: [Ren]
        """)
    problems = [str(p) for p in taxonomy.load(tmp_path, "taxonomy").problems]
    assert problems == [
        "taxonomy/entities.yml:2: type must be one of person, organisation, place, other (got 'company'); laws, programmes and lists are 'other'",
        "taxonomy/entities.yml:5: unknown key 'colour'; the keys are name, type, aliases, demonyms, description, parent, country",
        "taxonomy/entities.yml:8: parent 'Huawai' of 'Huawei Cloud' is not an entity; add it to entities.yml or fix the name",
        "taxonomy/entities.yml:12: 'Ren' names both 'Ren' and 'Ren Zhengfei'; keep the alias on one entity only",
    ]


def test_invalid_yaml_and_bad_cue_weights_name_file_and_line(tmp_path):
    write(tmp_path, "entities.yml", "- name: Huawei\n  type: organisation\n  description: a: b\n")
    write(tmp_path, "topics.yml", "- name: Trade\n  cues: {tariffs: 2, trade: lots}\n  colour: red\n")
    problems = [str(p) for p in taxonomy.load(tmp_path, "taxonomy").problems]
    assert problems[0].startswith("taxonomy/entities.yml:3: invalid YAML: mapping values are not allowed here")
    assert problems[1:] == [
        "taxonomy/topics.yml:2: weight of cue 'trade' must be a positive number (got 'lots'); write trade: 1",
        "taxonomy/topics.yml:3: unknown key 'colour'; the keys are name, description, cues",
    ]


def test_countries_come_from_pycountry_and_entries_extend_them(kb):
    assert kb.entity("Germany").country == "DE"  # not in entities.yml
    assert kb.entity("Iran").type == "place"  # pycountry's common name, not "Iran, Islamic Republic of"
    us = kb.entity("United States")
    assert {"U.S.", "US", "United States of America"} <= set(us.aliases)
    assert "Britain" in kb.entity("United Kingdom").aliases
    assert kb.entity("California").parent == "United States"


# --- matching ------------------------------------------------------------------------------


def test_matching_is_case_aware_whole_word_and_longest_first(kb):
    tagged = tag(article("Let us see: the US and U.S. officials met. Huawei Cloud grew; HUAWEI shares rose.", "Thus ZTE'S Zte-like bid."), kb)
    found = mentions(tagged)
    assert found["United States"].count == 2  # "US" and "U.S.", not "us" nor "Thus"
    assert found["Huawei Cloud"].count == 1
    assert found["Huawei"].count == 1  # "HUAWEI" only: "Huawei Cloud" is not also Huawei
    assert found["Huawei"].surface == "HUAWEI"


def test_surname_resolves_to_the_person_named_in_full(kb):
    tagged = tag(article("Secretary of State Mike Pompeo visited London.", "Pompeo said talks went well. In May, Pompeo left."), kb)
    pompeo = mentions(tagged)["Mike Pompeo"]
    assert pompeo.count == 3
    assert pompeo.role == "Secretary of State"
    assert "Theresa May" not in mentions(tagged)


def test_title_and_known_surname_resolve_without_the_full_name(kb):
    found = mentions(tag(article("Former president Trump signed the bill."), kb))
    assert found["Donald Trump"].surface == "Trump"


def test_demonyms_only_add_to_a_country_the_article_names(kb):
    assert "China" not in mentions(tag(article("Chinese firms grew."), kb))
    assert mentions(tag(article("Chinese firms grew in China."), kb))["China"].count == 2


# --- discovery and roles ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("The letter, led by Sen. Bill Hagertyy (R-Tenn.), said so.", "Bill Hagertyy", "Sen."),
        ("said FBI Director Christopher Wrayy.", "Christopher Wrayy", "FBI Director"),
        ("Robert Strayerr, deputy assistant secretary of state, said it.", "Robert Strayerr", "deputy assistant secretary of state"),
        ("But Huawei's founder and CEO, Ren Zhengfeii, has denied it.", "Ren Zhengfeii", "Huawei's founder and CEO"),
        ("One of the protesters, Hayley Walsh, 42, a lecturer, spoke.", "Hayley Walsh", ""),
    ],
)
def test_people_introduced_with_a_title_or_role_are_discovered(kb, text, name, role):
    found = mentions(tag(article(text), kb))
    assert found[name].kind == "person" and found[name].discovered
    assert found[name].role == role


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Officials at the National Cyber and Data Protection Agency met.", "National Cyber and Data Protection Agency", "organisation"),
        ("He teaches at the University of Guildford in Surrey.", "University of Guildford", "organisation"),
        ("Shares of Acme Widgets Inc. fell.", "Acme Widgets Inc.", "organisation"),
        ("The Senate Foreign Relations Committee voted.", "Senate Foreign Relations Committee", "organisation"),
        ("He signed the Chips and Science Act on Tuesday.", "Chips and Science Act", "other"),
        ("The report by newspaper Dagens Nyheter said so.", "Dagens Nyheter", "organisation"),
    ],
)
def test_organisations_are_discovered_by_their_form(kb, text, name, kind):
    found = mentions(tag(article(text), kb))
    assert found[name].kind == kind and found[name].discovered


def test_places_are_discovered_by_a_dateline_or_before_a_known_place(kb):
    found = mentions(tag(article("KATHMANDU, April 25 (Reuters) - The airline said on Monday it flew to Kathmandu.", "He was born in Pokharra, Nepal, in 1970."), kb))
    assert found["Kathmandu"].kind == "place" and found["Kathmandu"].count == 2
    assert found["Pokharra"].kind == "place" and found["Pokharra"].discovered


def test_who_and_was_named_introduce_people(kb):
    found = mentions(tag(article("Yahya Sinwarr was named the new leader on Tuesday.", "It came after Ismail Haniyehh, who ruled from Qatar, died."), kb))
    assert found["Yahya Sinwarr"].kind == "person" and found["Ismail Haniyehh"].kind == "person"


def test_a_known_name_inside_a_longer_form_is_not_split(kb):
    found = mentions(tag(article("The U.S. Commerce Department acted against Huawei and ZTE Corp."), kb))
    assert {"Commerce Department", "United States", "Huawei", "ZTE"} <= set(found)
    assert not any(m.discovered for m in found.values())


def test_authors_bios_and_headlines_never_become_entities(kb):
    tagged = tag(
        article(
            "Secretary Jane Roe announced the plan.",
            "Policy Director Shows Resolve Over Plans",
            "John Doe is a senior editor at Example News. He said so to Director Mary Major.",
            authors=("John Doe",),
        ),
        kb,
    )
    assert set(mentions(tagged)) == {"Jane Roe"}


def test_seed_authors_credits_and_commenters_are_not_entities(seeds):
    names = {m.entity for a in seeds.values() for m in a.mentions}
    for junk in ["D. Howard Kass", "Mathew J. Schwartz", "Naveen Athrappully", "Dado Ruvic", "George Sidman", "Owen Churchill", "Nectar Gan"]:
        assert not any(junk in name or name in junk for name in names), junk


def test_seed_roles_are_kept(seeds):
    roles = {m.entity: m.role for a in seeds.values() for m in a.mentions if m.role}
    assert roles["Christopher Wray"] == "FBI Director"
    assert roles["Angela Merkel"] == "German Chancellor"
    assert roles["Antony Blinken"] == "Secretary of State"


# --- topics ---------------------------------------------------------------------------------


def test_every_seed_gets_one_to_five_topics_from_the_taxonomy(kb, seeds):
    names = {t.name for t in kb.topics}
    for tagged in seeds.values():
        assert 1 <= len(tagged.topics) <= 5
        assert {t.topic for t in tagged.topics} <= names
        assert [t.score for t in tagged.topics] == sorted((t.score for t in tagged.topics), reverse=True)
    assert seeds[SEEDS[2].name].topics[0].topic == "Sanctions and export controls"


# --- pages --------------------------------------------------------------------------------


def test_first_mention_link_is_built_around_escaped_text():
    text = "<b>*Huawei*</b> [x](javascript:1) Huawei"
    rendered = inline_linked(text, [(len(text) - 6, len(text), "../entities/huawei.md")])
    assert rendered == "&lt;b&gt;&#42;Huawei&#42;&lt;/b&gt; &#91;x&#93;(javascript:1) [Huawei](../entities/huawei.md)"
    html = markdown.markdown(rendered)
    assert html.count("<a ") == 1 and "<b>" not in html


@pytest.fixture(scope="module")
def seed_build():
    return build(ROOT, ROOT / "sources", ROOT / "taxonomy")


def test_entity_pages_show_type_aliases_roles_stories_and_company(seed_build):
    pages = {p.path: p.markdown for p in seed_build.pages}
    wray = pages["entities/christopher-wray.md"]
    assert "<strong>Person</strong> · 1 story · " in wray
    assert "- <strong data-pagefind-ignore>Also written:</strong> Chris Wray, Christopher A. Wray" in wray
    assert "- <strong data-pagefind-ignore>Roles:</strong> FBI Director" in wray
    assert "said FBI Director Christopher Wray" in wray
    assert "## Often mentioned with" in wray
    cloud = pages["entities/huawei-cloud.md"]
    assert "- <strong data-pagefind-ignore>Part of:</strong> [Huawei](huawei.md)" in cloud
    dinha = pages["entities/francis-dinha.md"]
    assert '<p class="admonition-title">Not yet reviewed</p>' in dinha
    assert "This name was found in the text of the stories and has not been reviewed yet" in dinha
    assert "briefing entities" not in dinha and "taxonomy/" not in dinha  # no maintainer's how-to for readers
    assert "- [Francis Dinha](francis-dinha.md) (1) · *discovered*" in pages["entities/people.md"]
    assert "[Sanctions and export controls](sanctions-and-export-controls.md)" in pages["topics/index.md"]


def test_story_body_links_the_first_mention_of_each_entity_once(seed_build):
    story = next(p.markdown for p in seed_build.pages if p.path == "stories/000-669a26e6db527cb5.md")  # the seed "Huawei Cloud Services: ..."
    body = story.split("## In this story")[0]
    assert body.count("](../entities/huawei.md)") == 1
    assert "[Antony Blinken](../entities/antony-blinken.md)" in body
    assert "tags:\n- " in story


def test_unreviewed_lists_discovered_entities_with_counts_and_contexts(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert cli_main(["entities", "--unreviewed"]) == 0
    out = capsys.readouterr().out
    assert "Francis Dinha [person]: 1 story, " in out
    assert "    role: CEO of OpenVPN" in out
    assert "sources/004_2f157ccb647d0ed9.txt: Francis Dinha, CEO of OpenVPN, agrees a ban" in out
    assert "Huawei [" not in out
    assert "To promote one, add it to taxonomy/entities.yml" in out
    assert "To drop one that is no entity at all, add its name to taxonomy/not-entities.yml" in out


def test_why_shows_each_story_the_layer_or_rule_and_the_sentence(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert cli_main(["entities", "--why", "communist party"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Chinese Communist Party [organisation]: in the knowledge base; 2 stories\n")
    assert "  sources/003_042afaa683db9575.txt: 1 mention, written 'Communist Party'\n" in out
    assert "    found by: the knowledge base (taxonomy/entities.yml)\n" in out
    assert "under China's ruling Communist Party, no Chinese company" in out
    assert cli_main(["entities", "--why", "Francis Dinha"]) == 0
    out = capsys.readouterr().out
    assert "Francis Dinha [person]: discovered in the text, not yet reviewed; 1 story" in out
    assert "    found by: the rule people_with_a_role_after: A name followed by a comma and a role phrase is a person's" in out
    assert cli_main(["entities", "--why", "Nobody Of That Name"]) == 1
    assert "no entity named 'Nobody Of That Name' in the sources" in capsys.readouterr().err


def test_why_says_what_typed_a_name_of_the_model():
    kb = taxonomy.knowledge_base([])
    story = tag(Article(source="sources/x.txt", title="A story", body=(Block("paragraph", "Residents said the Royal Corvain Marine Corps had left the harbour."),)), kb)
    out = why_report("Royal Corvain Marine Corps", [story], kb)
    assert "    found by: the statistical model (spaCy's small English pipeline)\n" in out
    assert "    typed organisation by: its head word 'Corps'\n" in out


# --- quality gates (bench/eval_entities.py, labelled by hand) ------------------------------------


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_entities", ROOT / "bench" / "eval_entities.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_entities"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_quality_gates_on_labelled_seeds_and_other_domains(kb):
    module = _eval_module()
    scores = module.score(kb, module.labelled_articles(kb))
    seeds, other = scores["seeds"], scores["other domains"]
    seed_tp = sum(seeds[t].tp for t in module.TYPES)
    seed_fn = sum(seeds[t].fn for t in module.TYPES)
    assert seed_tp / (seed_tp + seed_fn) >= 0.98
    assert seeds["junk"].fp == 0, seeds["junk"].wrong
    assert other["person"].precision >= 0.95 and other["person"].recall >= 0.90
    assert other["organisation"].precision >= 0.95
    # Below the 0.90 target (see README); pinned so that it cannot silently drop.
    assert other["organisation"].recall >= 0.78
