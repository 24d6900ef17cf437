"""``kg draft``: a first Turtle draft of a new article's facts, for a person to review.

Offline and deterministic: rules and regular expressions over the text, and
the graph's own names (:class:`kg.authoring.lookup.EntityIndex`) for linking.

What the draft holds, each proposed fact under a ``# REVIEW:`` comment and with
the sentence it comes from as ``kg:evidence`` (verbatim, so ``kg validate``'s
provenance check passes):

* the article node (``schema:NewsArticle``, headline from the first line,
  ``kg:corpusFile``) with ``schema:mentions`` of every known entity found;
* entity linking: labels and aliases of known people, organisations and places
  found in the text, folded (case, diacritics), longest first; close spellings
  (a score of 90 or more) linked with the spelling proposed as an alias; a
  person's single name words ("Chinh", "Kishida") after a full mention;
* new entities: people with a title in front ("Deputy Minister X Y"),
  organisations ("Ministry of ...", "... Agency") and places ("in Osaka") the
  graph does not know, each with a suggested IRI, class and label; a weak
  match to a known entity is written as a comment, never merged;
* dates at the precision the text gives (``xsd:date``, ``gYearMonth``,
  ``gYear``, ``gMonthDay``; a month alone is a comment), as dated events;
* amounts of money (value and ISO currency, both sides of "61 billion yen
  (about 500 million USD)" linked as equivalent), percentages, counts and ranks
  as statistics, and target years ("by 2045") as targets.

This module links and orchestrates; the sentences come from
:mod:`kg.authoring.sentences`, the figures from :mod:`kg.authoring.figures`, the
names from :mod:`kg.authoring.names`, and :mod:`kg.authoring.turtle` writes the draft.

Example:
    >>> index = EntityIndex.from_names({"https://kg.example.org/id/japan": ("Japan", [])})
    >>> index.entities["https://kg.example.org/id/japan"].classes = ["https://schema.org/Country"]
    >>> text = "Japan pledges aid\\nJapan will give 5 million USD by 2030."
    >>> ttl = draft_article(text, "corpus/005_x.txt", index)
    >>> "schema:mentions kgr:japan" in ttl and '"5000000"^^xsd:decimal' in ttl
    True
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.authoring.figures import MONTHS, find_figures
from kg.authoring.lookup import EntityIndex, fold
from kg.authoring.names import (
    STOP_SINGLE,
    TITLE_WORDS,
    TWO_SIDES,
    Link,
    NewEntity,
    candidate_names,
    is_named,
    known_names,
    singular,
)
from kg.authoring.sentences import Sentence, split_sentences
from kg.authoring.turtle import (
    KGR,
    SCHEMA,
    Fact,
    amount_fact,
    cumulative_fact,
    equivalence_fact,
    event_fact,
    month_comment,
    reference_year_comment,
    render_draft,
    since_line,
    slug,
    statistic_fact,
    target_fact,
)

if TYPE_CHECKING:
    from kg.authoring.figures import Figure
    from kg.data.dataset import KGDataset


class Drafter:
    """Drafts one article against an entity index: links the known entities
    sentence by sentence, proposes new ones, then the dates and figures."""

    def __init__(
        self,
        text: str,
        corpus_file: str,
        index: EntityIndex,
        article: str,
        positions: dict[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        self.positions = positions or {}
        self.text = text
        self.corpus_file = corpus_file
        self.index = index
        self.article = article
        self.sentences = split_sentences(text)
        self.links: list[Link] = []
        self.new: list[NewEntity] = []
        self.facts: list[Fact] = []
        self.comments: list[str] = []
        self.used_iris: set[str] = set(index.entities)
        self.counter = 0
        # names of the named kinds, folded, with their entities
        self.names = known_names(index)
        self.longest = max((len(k.split()) for k in self.names), default=1)
        self.short: dict[str, str] = {}  # one name word -> person, after a full mention
        self._pending: dict[str, tuple[int, int]] = {}  # "X and Y nouns": Y noun, where

    def new_iri(self, kind: str) -> str:
        self.counter += 1
        return f"{KGR}{self.article}-{kind}-{self.counter}"

    def run(self) -> str:
        taken: dict[int, list[tuple[int, int]]] = {}
        for sentence in self.sentences:
            spans = self.link(sentence)
            taken[sentence.number] = spans
        self.two_sides()
        for sentence in self.sentences:
            self.candidates(sentence)
        for sentence in self.sentences:
            self.numbers(sentence)
        return self.render()

    # ---------------------------------------------------------------- linking

    def link(self, sentence: Sentence) -> list[tuple[int, int]]:
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:[’'-]\w+)*", sentence.text)]
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            found = None
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                written = sentence.text[start:end]
                key = fold(written)
                owners = self.names.get(key)
                if owners is None and n > 2:
                    owners = self.names.get(singular(key))
                if owners and len(owners) == 1 and (n > 1 or written[:1].isupper()):
                    found = (n, next(iter(owners)), written, "name")
                    break
                if n == 1 and written[:1].isupper() and key in self.short:
                    found = (1, self.short[key], written, "short")
            if found is None and i < len(tokens):
                word = sentence.text[tokens[i][0] : tokens[i][1]]
                for key, (at, number) in list(self._pending.items()):
                    owners = self.names.get(key)
                    if at == i and number == sentence.number and owners and len(owners) == 1:
                        found = (1, next(iter(owners)), f"{word} ({key.split()[-1]})", "name")
                        del self._pending[key]
            if found is None:
                found = self._coordinated(sentence, tokens, i)
            if found is None:
                found = self._variant(sentence, tokens, i)
            if found is None:
                i += 1
                continue
            n, iri, written, how = found[:4]
            score = found[4] if len(found) > 4 else 100.0
            link = Link(iri, written, sentence, how, score)
            # "Prime Minister Pham Minh Chinh": the title names the person, not the
            # government; a known position with that role is noted for the reviewer.
            before = fold(sentence.text[max(0, tokens[i][0] - 40) : tokens[i][0]])
            for role, organisation in self.positions.get(iri, []):
                if before.endswith(fold(role)) and organisation in self.index.entities:
                    link.role = (role, organisation)
                    break
            self.links.append(link)
            spans.append((tokens[i][0], tokens[i + n - 1][1]))
            self._remember(iri)
            i += n
        return spans

    def two_sides(self) -> None:
        """ "The two sides agreed", "both governments": the governments of the article's
        two countries, when two countries clearly lead its mentions and the graph has
        a "Government of <country>" for each."""
        counts: dict[str, int] = {}
        for link in self.links:
            if SCHEMA + "Country" in self.index.entities[link.iri].classes:
                counts[link.iri] = counts.get(link.iri, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: first mention first
        if len(ranked) < 2 or (len(ranked) > 2 and ranked[2][1] >= ranked[1][1]):
            return
        governments: dict[str, str] = {}
        for iri, entity in self.index.entities.items():
            found = re.fullmatch(r"Government of (.+)", entity.label)
            if found:
                governments.setdefault(fold(found.group(1)), iri)
        pair = [governments.get(fold(self.index.entities[c].label)) for c, _n in ranked[:2]]
        if None in pair:
            return
        for sentence in self.sentences:
            match = TWO_SIDES.search(sentence.text)
            if match:
                for iri in pair:
                    self.links.append(Link(str(iri), match.group(0), sentence, "sides"))

    def _variant(self, sentence: Sentence, tokens: list[tuple[int, int]], i: int):
        """A run of two to four capitalised words (only spaces between) close to a
        known name: a score of 90 or more, as many words, the same first letter."""
        text = sentence.text
        n = 0
        while i + n < len(tokens) and n < 4:
            start, end = tokens[i + n]
            word = text[start:end]
            if not word[:1].isupper() or fold(word) in TITLE_WORDS or word.lower() in MONTHS:
                break
            if n and text[tokens[i + n - 1][1] : start] != " ":
                break
            n += 1
        if n < 2:
            return None
        for size in range(n, 1, -1):
            written = text[tokens[i][0] : tokens[i + size - 1][1]]
            for match in self.index.find(written, limit=3, cutoff=85):
                if not is_named(match.entity.classes) or match.score < 90:
                    continue
                name = fold(match.matched).split()
                if len(name) != size or name[0][:1] != fold(written)[:1]:
                    continue
                return (size, match.iri, written, "variant", match.score)
        return None

    def _coordinated(self, sentence: Sentence, tokens: list[tuple[int, int]], i: int):
        """ "Japanese and Vietnamese enterprises": the first of two adjectives sharing
        a noun, when adjective and noun together name an entity."""
        words = [sentence.text[a:b] for a, b in tokens[i : i + 4]]
        if len(words) < 4 or words[1] != "and":
            return None
        owners = self.names.get(fold(f"{words[0]} {words[3]}"))
        if owners and len(owners) == 1 and words[0][:1].isupper():
            # the second adjective's entity is found when the scan reaches it
            self._pending[fold(f"{words[2]} {words[3]}")] = (i + 2, sentence.number)
            return (1, next(iter(owners)), f"{words[0]} ({words[3]})", "name")
        return None

    def _remember(self, iri: str) -> None:
        entity = self.index.entities.get(iri)
        if entity is None or SCHEMA + "Person" not in entity.classes:
            return
        for name in entity.names:
            for word in fold(name).split():
                if len(word) >= 3 and word not in STOP_SINGLE:
                    owner = self.short.get(word)
                    self.short[word] = iri if owner in (None, iri) else ""

    # ------------------------------------------------------- new entity candidates

    def candidates(self, sentence: Sentence) -> None:
        for kind, name in candidate_names(sentence.text, self.names):
            self._candidate(kind, name, sentence)

    def _candidate(self, kind: str, name: str, sentence: Sentence) -> None:
        key = fold(name)
        if len(key) < 4 or key in self.names:
            return
        if kind == SCHEMA + "Person" and any(
            link.sentence == sentence and fold(link.written) in key for link in self.links
        ):
            return  # part of the name is a known person: the same one, spelt otherwise
        if any(fold(c.label) == key for c in self.new):
            return
        weak = [
            m.iri
            for m in self.index.find(name, limit=3, cutoff=75)
            if is_named(m.entity.classes) and m.score < 90
        ]
        words = len(key.split())
        strong = [
            m
            for m in self.index.find(name, limit=3, cutoff=90)
            if is_named(m.entity.classes) and len(fold(m.matched).split()) == words
        ]

        if strong:
            return
        iri = f"{KGR}{slug(name)}"
        while iri in self.used_iris:
            iri += "-new"
        self.used_iris.add(iri)
        self.new.append(NewEntity(kind, name, sentence, iri, weak))

    # ------------------------------------------------------------------ figures

    def numbers(self, sentence: Sentence) -> None:
        """Propose the sentence's figures (:func:`kg.authoring.figures.find_figures`):
        amounts, statistics, target years and dated events; a reference year ("since
        1992") is the first year of the sentence's first figure, or of a cumulative
        figure of its amounts, or only a comment."""
        text = sentence.text
        found = find_figures(text)
        amounts: list[str] = []
        for amount in found.amounts:
            iri = self.new_iri("amount")
            amounts.append(iri)
            self.facts.append(amount_fact(iri, amount, text))
        for a, b in found.equivalents:
            self.facts.append(equivalence_fact(amounts[a], amounts[b]))
        figures = [self._statistic(f, text) for f in found.percentages + found.ranks]
        for target in found.targets:
            self.facts.append(target_fact(self.new_iri("target"), target, text))
        for date in found.dates:
            if date.datatype == "gMonth":
                self.comments.append(month_comment(date, text))
                continue
            self.facts.append(event_fact(self.new_iri("event"), date, text))
        figures += [self._statistic(f, text) for f in found.counts]
        for since in found.since:
            if since.compared or not (figures or amounts):
                self.comments.append(reference_year_comment(since, text))
            elif amounts:
                # a cumulative amount: the statistic it is the amount of
                self.facts.append(cumulative_fact(self.new_iri("stat"), since, amounts, text))
            else:
                figures[0].lines.insert(-1, since_line(since))

    def _statistic(self, figure: Figure, text: str) -> Fact:
        fact = statistic_fact(self.new_iri("stat"), figure, text)
        self.facts.append(fact)
        return fact

    # ------------------------------------------------------------------ output

    def render(self) -> str:
        return render_draft(
            self.text,
            self.corpus_file,
            self.article,
            self.index.entities,
            self.links,
            self.new,
            self.facts,
            self.comments,
        )


def article_id(file_name: str) -> str:
    """The article's IRI local name from its file name: ``005_<id>.txt`` gives ``article-005``.

    Example:
        >>> article_id("005_9f2c1e.txt"), article_id("Osaka visit.txt")
        ('article-005', 'article-osaka-visit')
    """
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    number = re.match(r"(\d+)_", stem)
    return f"article-{number.group(1)}" if number else f"article-{slug(stem)}"


def known_positions(dataset: KGDataset) -> dict[str, list[tuple[str, str]]]:
    """Each person's known positions as ``(role label, organisation IRI)``, sorted."""
    rows = dataset.query(
        "SELECT DISTINCT ?p ?role ?o WHERE { ?m org:member ?p ; org:organization ?o ; "
        "org:role/skos:prefLabel ?role }"
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        found.setdefault(row[0].value, []).append((row[1].value, row[2].value))
    return {person: sorted(set(items)) for person, items in found.items()}


def draft_article(
    text: str,
    corpus_file: str,
    index: EntityIndex,
    article: str | None = None,
    positions: dict[str, list[tuple[str, str]]] | None = None,
) -> str:
    """The draft Turtle of an article's text (see the module's description).

    ``positions`` (from :func:`known_positions`): a role written before a known
    person's name ("Prime Minister ...") that is one of the person's known
    positions is noted in the person's review comment; the title links only the
    person, never the organisation.
    """
    drafter = Drafter(text, corpus_file, index, article or article_id(corpus_file), positions)
    return drafter.run()
