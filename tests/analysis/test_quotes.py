"""Who said what: quotes from the seeds with the speaker their text gives, never a guessed one."""

from __future__ import annotations

import html as htmllib
import re

import markdown
import pytest

from briefing import pipeline
from briefing.analysis import quotes as finder
from briefing.model import Article, Block, Mention
from briefing.site import quotes
from briefing.site.stories import sort_stories
from tests.conftest import ROOT, SOURCES


@pytest.fixture(scope="module")
def said() -> list[quotes.Said]:
    return quotes.collected(sort_stories(list(pipeline.build(ROOT, SOURCES).articles)))


def quote(said, words):
    found = [s.quote for s in said if s.quote.text.startswith(words)]
    assert len(found) == 1, (words, found)
    return found[0]


def test_a_surname_resolves_to_the_person_named_in_full_earlier(said):
    # "We have to protect our information," Strayer said.
    assert quote(said, "We have to protect our information").speakers == ("Robert Strayer",)
    assert quote(said, "It's one-party state").speakers == ("Robert Strayer",)  # ...," said Strayer.
    assert quote(said, "I think launching a trade or tech war").speakers == ("Emmanuel Macron",)


def test_titles_are_taken_off_the_speaker(said):
    # "These charges lay bare ...," said FBI Director Christopher Wray. "Companies like Huawei ..."
    assert quote(said, "These charges lay bare Huawei's blatant disregard").speakers == ("Christopher Wray",)
    assert quote(said, "Companies like Huawei pose a dual threat").speakers == ("Christopher Wray",)
    assert quote(said, "not about overseeing Huawei").speakers == ("Lindsey Graham",)


def test_the_legislators_are_the_people_named_together_before(said):
    assert quote(said, "We write to express our concern").speakers == ("Tom Cotton", "Mike Gallagher")
    assert quote(said, "We must combat Huawei as a whole").speakers == ("Tom Cotton", "Mike Gallagher")


def test_he_is_the_one_person_the_nearby_text_names(said):
    assert quote(said, "The third is, the way they manage this equipment").speakers == ("Christopher Krebs",)
    assert quote(said, "And if I were a Nato member").speakers == ("Lindsey Graham",)


def test_a_speaker_the_text_does_not_name_is_not_guessed(said):
    official = quote(said, "We are saying you need to be very, very cautious")
    assert official.speakers == () and official.said_by == "an unnamed U.S. official"
    assert quote(said, "Open-source information shows that Huawei Cloud").said_by == "the letter"
    # "they said" after a quote of the company and a report: no group was just quoted.
    assert quote(said, "Huawei's processes continue to fall short").speakers == ()


def test_a_paragraph_of_quote_only_goes_on_with_the_speaker_of_the_paragraph_before(said):
    # '"[Ren] has made it very clear ...," Watkins told BBC Radio 4' then a paragraph that is only '"He's made it very clear ..."'.
    assert quote(said, "[Ren] has made it very clear").speakers == ("Tim Watkins",)
    assert quote(said, "He's made it very clear").speakers == ("Tim Watkins",)


def test_a_described_speaker_is_a_noun_phrase_never_a_clause(said):
    # '... which according to the Guardian is "staffed by 35 heavily vetted analysts."'
    guardian = quote(said, "staffed by 35 heavily vetted analysts")
    assert (guardian.speakers, guardian.said_by) == ((), "the Guardian")
    clause_words = finder._CLAUSE_WORDS
    assert not [s.quote.said_by for s in said if s.quote.said_by and s.quote.said_by.split()[-1].lower() in clause_words]


def _story(*paragraphs: str) -> Article:
    return Article(source="sources/x.txt", title="t", slug="x", body=tuple(Block("paragraph", p) for p in paragraphs))


@pytest.mark.parametrize(
    "paragraphs, described",
    [
        # "according to X is": X said it, and "is" begins what X said.
        (['The depot opened in 2016 and, according to the Herald is "guarded day and night by a dozen retired soldiers."'], "the Herald"),
        # A relative clause after the noun: the noun phrase is the speaker.
        (['A council spokeswoman who called said: "Every landlord in the city will have to keep a register of repairs."'], "A council spokeswoman"),
        # A long clause is no description at all.
        (['The tenants who had waited outside since the early morning said: "We are not going anywhere until they listen."'], ""),
    ],
)
def test_a_description_keeps_its_noun_phrase(paragraphs, described):
    (found,) = finder.quotes(_story(*paragraphs))
    assert (found.speakers, found.said_by) == ((), described)


OKAFOR = "Nadia Okafor, who chairs the tenants' association, spoke after the meeting."
SAID = '"Nobody from the council has ever asked us what we need in these buildings," Okafor told the local paper on Monday.'
GOES_ON = '"She has told them twice, and if they ask again she will give them the same answer in writing."'


@pytest.mark.parametrize(
    "paragraphs, speakers",
    [
        # The speaker named in the paragraph before: her words go on.
        ([OKAFOR, SAID, GOES_ON], ("Nadia Okafor",)),
        # ... and on, while every paragraph is quote only.
        ([OKAFOR, SAID, '"We will be back next month."', GOES_ON], ("Nadia Okafor",)),
        # Someone else named after her quote: either of them could go on.
        ([OKAFOR, SAID.replace("on Monday.", "on Monday, while Mayor Peter Lund stayed silent."), GOES_ON], ()),
        # A paragraph of narration between: the thread is cut.
        ([OKAFOR, SAID, "The council did not reply to questions about the buildings.", GOES_ON], ()),
        # "she said" is itself inferred: an inference is not carried further.
        ([OKAFOR, SAID.replace("Okafor told", "she told"), GOES_ON], ()),
        # A conversation: her quote answers his, so the next quote is his turn, not hers.
        ([OKAFOR, '"Will you come to the hearing on Thursday evening?" asked councillor Peter Lund.', SAID, GOES_ON], ()),
    ],
)
def test_a_quote_paragraph_goes_on_only_from_a_named_speaker_just_before(paragraphs, speakers):
    found = finder.quotes(_story(*paragraphs))
    assert found[-1].text.startswith("She has told them twice") and found[-1].speakers == speakers


def test_scare_quotes_and_names_in_quotes_are_not_statements(said):
    texts = {s.quote.text for s in said}
    assert "deep concern" not in texts
    assert not any(t.startswith("Non-SDN Chinese Military-Industrial") for t in texts)
    assert not any(t.startswith("Entity List") for t in texts)


def test_speakers_map_to_entities_where_one_matches():
    article = Article(
        source="sources/x.md",
        title="t",
        slug="x",
        body=(
            Block("paragraph", "Secretary of State Mike Pompeo arrived."),
            Block("paragraph", '"The US has an obligation to act on this," Pompeo said in London.'),
        ),
        mentions=(Mention("Michael R. Pompeo", "person", "Mike Pompeo", 0),),
    )
    assert finder.quotes(article)[0].speakers == ("Michael R. Pompeo",)


def section(page_html: str, heading: str) -> str:
    start = page_html.index(heading)
    end = page_html.find("<h2", start)
    return page_html[start : end if end > 0 else None]


def test_the_quotes_page_groups_quotes_under_their_speaker(seed_site):
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    page = htmllib.unescape((project / "site" / "quotes" / "index.html").read_text())
    assert "We have to protect our information" in section(page, 'id="robert-strayer"')
    assert "These charges lay bare" in section(page, 'id="christopher-wray"')
    unattributed = section(page, 'id="unattributed"')
    assert "We are saying you need to be very, very cautious" in unattributed
    assert "an unnamed U.S. official, as the story puts it" in unattributed
    for slug, anchor in re.findall(r'href="\.\./stories/([^"/]+)/#(p\.\d+)"', page):
        assert f'id="{anchor}"' in (project / "site" / "stories" / slug / "index.html").read_text()


def test_quote_text_and_speakers_are_escaped():
    article = Article(
        source="sources/x.md",
        title="[t](javascript:alert(1))",
        slug="x",
        body=(Block("paragraph", '"<script>alert(1)</script> is what we will do now," Sen. Evil <b>Name</b> said.'),),
    )
    from dataclasses import replace

    article = replace(article, quotes=finder.quotes(article))
    page = quotes.quotes_pages(quotes.collected([article]), set())[0].markdown
    html = markdown.markdown(page.split("---", 2)[2])
    assert "<script>" not in html and "<b>" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html


def test_many_quotes_split_into_a_page_per_initial(said, monkeypatch):
    monkeypatch.setattr(quotes, "PAGE_LIMIT", 5)
    pages = {p.path: p.markdown for p in quotes.quotes_pages(said, set())}
    assert "[R](quotes/r.md)" in pages["quotes.md"] and "[Unattributed](quotes/unattributed.md)" in pages["quotes.md"]
    assert "## Robert Strayer" in pages["quotes/r.md"] and "We have to protect our information" in pages["quotes/r.md"]
    assert "## Christopher Wray" in pages["quotes/c.md"]
    assert "We are saying you need to be very, very cautious" in pages["quotes/unattributed.md"]
    assert sum(page.count("\n- “") for path, page in pages.items() if path != "quotes.md") == len(said)


def test_one_story_adds_at_most_a_hundred_quotes_the_first_in_reading_order():
    statements = " ".join(f'Mike Pompeo said: "We will act on matter number {n} today and then."' for n in range(150))
    story = Article(source="sources/transcript.md", title="A transcript", body=(Block("paragraph", statements),))
    found = finder.quotes(story)
    assert len(found) == finder.MAX_QUOTES_PER_STORY == 100
    assert "number 0 " in found[0].text and "number 99 " in found[-1].text
