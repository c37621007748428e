"""Question forms: the intent table, and how a question is matched to one.

A question is first read for entities (:mod:`cikg.answers.entities`); their names are
replaced by slot words (``{material}``, ``{company}`` ...) so that a company called
"MSE Supplies" never reads as the verb "supplies". Each :class:`Intent` then scores
the rest: a cue (any of its patterns) must match, every ``also`` pattern must match,
no ``avoid`` pattern may match and its required slots must be filled. The intent with
the highest score answers; ties go to the earlier row of :data:`INTENTS`. When none
qualifies, :func:`closest` ranks the forms the question comes nearest to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from . import plans, plans_analytics
from .entities import EntityIndex, Mention
from .plans import Slots

__all__ = ["Intent", "INTENTS", "Match", "read", "classify", "closest", "question_forms"]

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d|2100)\b")
_NUMBER = re.compile(r"\b(?:top|largest|biggest|first)\s+(\d{1,2})\b|\bcr\s?(\d{1,2})\b")
_SLOT_WORDS = {"company": "{company}", "material": "{material}", "application": "{application}",
               "end user": "{application}", "region": "{region}", "country": "{country}",
               "market": "{market}"}


@dataclass(frozen=True)
class Intent:
    """One question form: how to recognise it and which plan answers it.

    ``form`` is the question as the catalog of forms shows it; ``cues`` are regular
    expressions (any must match the question with entities replaced by slot words),
    ``also`` patterns must all match, ``avoid`` patterns must not; ``needs`` are slot
    kinds that must be filled (``company``, ``material``, ``application``, ``region``,
    ``country``, ``place``, ``market``, ``entity``, ``two``), ``takes`` optional ones
    that add to the score. ``examples`` are phrasings the tests ask.
    """

    name: str
    form: str
    plan: Callable[..., plans.Result]
    cues: tuple[str, ...]
    needs: tuple[str, ...] = ()
    takes: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    bonus: float = 0.0

    def score(self, reading: str, slots: Slots) -> float | None:
        """Return how well *reading* (slot words in place) fits, or None when it does not."""
        if not any(re.search(c, reading) for c in self.cues):
            return None
        if any(not re.search(a, reading) for a in self.also):
            return None
        if any(re.search(a, reading) for a in self.avoid):
            return None
        if any(not _filled(need, slots) for need in self.needs):
            return None
        cues = sum(1 for c in self.cues if re.search(c, reading))
        return (3 + min(cues, 3) * 0.5 + 2 * len(self.also) + 2 * len(self.needs)
                + sum(1 for t in self.takes if _filled(t, slots)) + self.bonus)


def _filled(kind: str, slots: Slots) -> bool:
    if kind == "two":
        return len(slots.all("entity")) >= 2
    if kind == "year":
        return slots.year is not None
    return slots.first(kind) is not None


_SUPPLY = r"\b(suppl(y|ies|ier|iers|ying)|mak(e|es|ers?|ing)|produc(e|es|ers?|ing|tion)|" \
          r"manufactur\w*|sell(s|ing|ers?)?|provid(e|es|ers?|ing)|offer(s|ing)?|vendors?|" \
          r"sourc(e|es|ing) of)\b"
_WHO = r"\b(who|which|what|list|name|show|give|find|companies|firms|players|suppliers)\b"
_NONE = r"\b(no|without|lack\w*|missing|gaps?|none|zero|absent|not have|don'?t have)\b"

#: The question forms ``cikg ask`` answers, in priority order for ties.
INTENTS: tuple[Intent, ...] = (
    Intent("suppliers", "Which companies supply {material} (in {place})?", plans.suppliers,
           (_SUPPLY, r"\{material\}"), needs=("material",), takes=("place",),
           avoid=(r"\bwhat does \{company\}", r"\bhow (big|large)\b", r"\bcapacity\b",
                  r"\bdepend\w*|\breli\w*|\brely\b|\bexpos\w*|\bsupply risks?\b"),
           bonus=1),
    Intent("companies-serving", "Which companies serve {application} (in {place})?",
           plans.companies_serving,
           (r"\bserv(e|es|ing|ice)\b", r"\bcustomers?\b", r"\bsells? (in)?to\b",
            r"\b(suppl\w*|sell\w*|provid\w*)\b.*\{application\}",
            r"\b(for|in|into|to)\s+\{application\}", r"\btarget\w*\b", r"\bused\b"),
           needs=("application",), takes=("place",), avoid=(r"\bwhat does \{company\}",)),
    Intent("company-supplies", "What does {company} supply?", plans.company_supplies,
           (_SUPPLY, r"\bproducts?\b", r"\bportfolio\b"), needs=("company",),
           also=(r"\b(what|which)\b",), avoid=(r"\bcompet\w*|\brivals?\b",
                                               r"\b(serve|serves|customers?)\b")),
    Intent("company-serves", "Which applications and end users does {company} serve?",
           plans.company_serves,
           (r"\bserv(e|es|ing)\b", r"\bcustomers?\b", r"\bapplications?\b", r"\bend users?\b"),
           needs=("company",), avoid=(r"\bcompet\w*|\brivals?\b",)),
    Intent("competitors", "Who competes with {company}?", plans.competitors,
           (r"\bcompet\w*\b", r"\brivals?\b", r"\bcompetition\b", r"\bpeers?\b",
            r"\bgo(es)? up against\b", r"\bcontend\w*\b"), needs=("company",),
           avoid=(r"\bsimilar\b",)),
    Intent("similar", "Which companies are most similar to {company}?", plans_analytics.similar,
           (r"\bsimilar\b", r"\bresembl\w*\b", r"\blike \{company\}", r"\bcomparable\b",
            r"\balike\b", r"\boverlap\w*\b"), needs=("company",), bonus=0.5),
    Intent("path", "How is {company} linked to {company}?", plans_analytics.path,
           (r"\b(link|linked|links|connect\w*|relat\w*|path|chain)\b",), needs=("two",),
           avoid=(r"\bcompet\w*\b",)),
    Intent("headquarters", "Where is {company} headquartered?", plans.headquarters,
           (r"\bwhere\b", r"\bheadquart\w*\b", r"\bbased\b", r"\bhq\b", r"\bhome country\b",
            r"\bwhich country\b", r"\bwhat country\b", r"\bcome from\b", r"\blocated\b"),
           needs=("company",), avoid=(r"\bcompet\w*\b", _SUPPLY)),
    Intent("evidence", "What do the sources say about {company, material, region ...}?",
           plans.evidence,
           (r"\bevidence\b", r"\bquotes?\b", r"\bwhat (do|does) (we|the sources?|the "
            r"reports?) (know|say)\b", r"\btell me about\b", r"\bfacts?\b",
            r"\bsay(s)? about\b", r"\bknow about\b", r"\binformation (on|about)\b",
            r"\bprofile\b", r"\bwho is\b", r"\bwhat is known\b",
            r"^(what|who) (is|are) \{(company|region|country|application)\}\W*$"),
           needs=("entity",), bonus=-0.5),
    Intent("companies-in-country", "Which companies are headquartered in {country}?",
           plans.companies_in_country,
           (r"\b(headquart\w*|based|located|hq|domiciled|from|come from|in)\b",
            r"\{country\} (companies|firms|players|suppliers|manufacturers|makers)\b"),
           needs=("country",), also=(_WHO,),
           avoid=(r"\binitiativ|\bfund|\bprogram|\bcapacity\b|\bdepend|\breli\w*|\brely\b|"
                  r"\bexpos\w*",)),
    Intent("companies-in-region", "Which companies are in {region}?",
           plans.companies_in_region,
           (r"\b(in|active|operat\w*|present|based|headquart\w*|located)\b",),
           needs=("region",), also=(_WHO,),
           avoid=(_NONE, r"\binitiativ|\bfund|\bprogram|\bregulat|\bstandard|\bpolic|\blaws?\b")),
    Intent("companies-by-country", "How many companies are there in each country?",
           plans.companies_by_country,
           (r"\b(per|by|each|every|across)\s+(country|countries|nation)",
            r"\bwhich countr(y|ies) (host|have|has)\b", r"\bcountry breakdown\b",
            r"\bwhere are the (companies|suppliers|players)\b",
            r"\bwhere .*\b(companies|suppliers|players) .*\b(headquartered|based|located)\b"),
           avoid=(_NONE, r"\bcapacity\b", r"\bfund\w*|\binitiativ\w*|\bmoney\b")),
    Intent("leaders", "Who leads the market?", plans.leaders,
           (r"\blead(s|ing|ers?)?\b", r"\bdominat\w*\b", r"\btop (companies|players|"
            r"suppliers)\b", r"\bbiggest (companies|players)\b", r"\bmarket leaders?\b",
            r"\bkey players?\b", r"\bmajor players?\b"), takes=("market",),
           avoid=(r"\bshares?\b", r"\bpercent\w*\b", r"%", r"\bportion\b",
                  r"\bregion\w*\b.*\bdominat", r"\bconcentrat\w*\b")),
    Intent("share-claims", "What market share do sources give {company}?",
           plans.share_claims,
           (r"\bshares?\b", r"\bpercent\w*\b", r"%", r"\bportion\b", r"\bslice\b"),
           takes=("company", "market"), avoid=(r"\bcapacity\b", r"\bconcentrat\w*\b")),
    Intent("market-size", "How big is the market (in {year})?", plans.market_size,
           (r"\bmarket size\b", r"\bsize of the market\b", r"\bhow (big|large)\b",
            r"\bworth\b", r"\bvalued?\b", r"\bmarket value\b", r"\bsized?\b",
            r"\brevenue of the market\b", r"\bforecasts?\b", r"\bprojected\b",
            r"\bprojections?\b"), takes=("year", "market"),
           avoid=(r"\bcagr\b", r"\bgrowth rate\b", r"\badd up\b", r"\bshare\b")),
    Intent("cagr", "What growth rate (CAGR) do sources state for the market?", plans.cagr,
           (r"\bcagr\b", r"\bgrowth\b", r"\bgrow(s|ing)?\b", r"\bannual\w* rate\b",
            r"\bcompound\w*\b"), takes=("market",),
           avoid=(r"\badd up\b", r"\binconsisten\w*\b", r"\bcontradict\w*\b",
                  r"\bwrong\b", r"\bcheck\b", r"\bconsistent\b")),
    Intent("figures-check", "Which stated figures do not add up?", plans.figures_check,
           (r"\badd up\b", r"\binconsisten\w*\b", r"\bcontradict\w*\b", r"\bdon'?t match\b",
            r"\bdo not match\b", r"\bmismatch\w*\b", r"\bwrong\b", r"\berrors?\b",
            r"\bconsistent\b", r"\bsanity\b", r"\bcheck\b", r"\bplausib\w*\b"),
           avoid=(r"\bsources? (disagree|conflict)\b",), bonus=1),
    Intent("initiative-totals", "How much money do initiatives commit, by country?",
           plans.initiative_totals,
           (r"\bhow much\b", r"\btotals?\b", r"\bmoney\b", r"\bsum\b", r"\bamounts?\b",
            r"\bby country\b", r"\bper country\b", r"\bdollars?\b|\busd\b"),
           also=(r"\b(fund\w*|initiativ\w*|programm?es?|grants?|subsid\w*|invest\w*|"
                 r"money)\b",), bonus=0.5),
    Intent("initiatives", "Which initiatives (funding, standards, regulations) are there "
           "(in {country})?", plans.initiatives,
           (r"\binitiativ\w*\b", r"\bprogramm?es?\b", r"\bfund\w*\b", r"\bsubsid\w*\b",
            r"\bgrants?\b", r"\bstandards?\b", r"\bregulat\w*\b", r"\bpolic(y|ies)\b",
            r"\bgovernment\w*\b", r"\blaws?\b"), takes=("country", "region")),
    Intent("regions-without-suppliers", "Which regions have no supplier?",
           plans.regions_without, (r"\bregion(s|al)?\b", r"\bwhere\b"), also=(_NONE,),
           avoid=(r"\bimport\w*\b",), bonus=1),
    Intent("countries-without-suppliers", "Which countries have no supplier?",
           plans.countries_without, (r"\bcountr(y|ies)\b", r"\bnations?\b"), also=(_NONE,),
           bonus=1),
    Intent("import-dependence", "Which regions depend on imports?",
           plans_analytics.import_dependence,
           (r"\bimport\w*\b",), avoid=(r"\bimportan\w*\b",), bonus=2),
    Intent("compare", "How do {company} and {company} compare?", plans_analytics.compare,
           (r"\bcompar\w*\b", r"\bversus\b", r"\bvs\.?\b", r"\bdiffer\w* between\b",
            r"\b(bigger|larger|smaller|stronger) than\b", r"\bside by side\b"),
           needs=("two",), also=(r"\{company\}.*\{company\}",), bonus=1),
    Intent("sources", "Which sources does the graph hold?", plans.sources,
           (r"\b(which|what|list|show)( me)?( the| all)? (sources|reports|documents)\b",
            r"\b(sources|reports|documents) (are |were )?(loaded|held|used|cited|available)\b",
            r"\bwhere do(es)? the (data|information|facts|figures|numbers) come from\b",
            r"\bbased on what\b", r"\bwhat (is|are) (this|the answers?) based on\b"),
           avoid=(r"\babout\b", r"\bsay\b", r"\bdisagree\w*\b", r"\bconflict\w*\b",
                  r"\bchang\w*\b", r"\bdiscrepan\w*\b")),
    Intent("capacity", "How much production capacity do sources state, by country (or for "
           "{company})?", plans.capacity,
           (r"\bcapacit(y|ies)\b", r"\btonnes?\b", r"\btons?\b", r"\boutput\b",
            r"\bproduction volume\b"), takes=("company",), avoid=(r"\bdepend\w*\b",
                                                                   r"\breli\w*\b")),
    Intent("segments", "How do sources segment the market?", plans.segments,
           (r"\bsegment\w*\b", r"\bbreak\s?down\b", r"\bcategor\w*\b", r"\btypes\b",
            r"\b(which|what) (are the )?(applications|end users|end-users|end uses)\b"),
           avoid=(r"\bcompan(y|ies)\b", r"\{company\}")),
    Intent("material-suppliers", "How many suppliers does each material type have?",
           plans.material_suppliers,
           (r"\b(material|materials|material types?)\b",),
           also=(r"\b(each|per|every|most|how many|count)\b",)),
    Intent("conflicts", "Where do sources disagree?", plans.conflicts,
           (r"\bdisagree\w*\b", r"\bconflict\w*\b", r"\bcontradict\w* each other\b",
            r"\bdiffer\w*\b", r"\bdiscrepan\w*\b"), bonus=1),
    Intent("low-confidence", "Which entity matches are uncertain?", plans.low_confidence,
           (r"\blow[- ]confidence\b", r"\buncertain\w*\b", r"\bunsure\b", r"\bfuzzy\b",
            r"\bmatch(es|ed|ing)?\b", r"\bmerged?\b", r"\bresol\w*\b"),
           avoid=(r"\bdon'?t match\b", r"\bdo not match\b")),
    Intent("changes", "What changed when a source was reloaded?", plans.changes,
           (r"\bchang\w*\b", r"\breload\w*\b", r"\badded\b", r"\bremoved\b", r"\bdiff\b",
            r"\bupdat\w*\b", r"\bnew facts?\b")),
    Intent("mentions", "Which companies are discussed in several sections?", plans.mentions,
           (r"\bmention\w*\b", r"\bdiscuss\w*\b", r"\btalked about\b", r"\bappear\w*\b",
            r"\bseveral sections\b", r"\bmost cited\b"), avoid=(r"\bonly\b",)),
    Intent("only-listed", "Which companies are only listed, never discussed?",
           plans.only_listed,
           (r"\bonly (listed|named|mentioned)\b", r"\bjust listed\b", r"\bnever discussed\b",
            r"\bnot discussed\b", r"\bonly in the list\b"), bonus=1),
    Intent("concentration", "How concentrated is supply?", plans_analytics.concentration,
           (r"\bconcentrat\w*\b", r"\bhhi\b", r"\bherfindahl\b", r"\bcr\s?\d\b",
            r"\bconsolidat\w*\b", r"\bfragment\w*\b", r"\boligopol\w*\b", r"\bmonopol\w*\b"),
           bonus=1),
    Intent("dependence", "How dependent is supply of {material} on {country}?",
           plans_analytics.dependence,
           (r"\bdepend\w*\b", r"\breli(ance|ant|es)\b", r"\brely\b", r"\bexposure\b",
            r"\bexposed\b", r"\bsupply risks?\b", r"\bsingle[- ]source\w*\b", r"\brisks?\b",
            r"\bvulnerab\w*\b"),
           takes=("country", "material"), bonus=1.5),
    Intent("central", "Which companies are most central in the competition graph?",
           plans_analytics.central,
           (r"\bcentral\w*\b", r"\bbest connected\b", r"\bmost connected\b",
            r"\binfluential\b", r"\bhubs?\b", r"\bpagerank\b", r"\bbetweenness\b",
            r"\bkey nodes?\b"), bonus=1),
    Intent("clusters", "Which competition clusters are there, and why?", plans_analytics.clusters,
           (r"\bclusters?\b", r"\bcommunit(y|ies)\b", r"\bgroups? of (companies|"
            r"competitors|suppliers)\b", r"\bwho competes with whom\b",
            r"\bcompetition (landscape|structure|graph)\b"), bonus=1),
)


@dataclass
class Match:
    """The intent a question matched (or None), its slots and its reading."""

    intent: Intent | None
    slots: Slots
    reading: str
    score: float = 0.0


def read(question: str, index: EntityIndex) -> tuple[str, Slots]:
    """Return the question with entity names replaced by slot words, and the slots.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"entity": ["m"], "kind": ["material"], "name": ["Hard carbon"],
    ...                      "label": ["Hard carbon"]})
    >>> read("Who supplies hard carbon in 2024?", EntityIndex.from_frame(rows))[0]
    'who supplies {material} in 2024?'
    """
    mentions = index.find(question)
    pieces, last = [], 0
    chosen: list[Mention] = []
    for mention in mentions:
        if mention.start < last:
            if chosen and mention.start == chosen[-1].start:
                chosen.append(mention)  # the same words name entities of several kinds
            continue
        pieces.append(question[last:mention.start].casefold())
        pieces.append(_SLOT_WORDS.get(mention.kind, "{entity}"))
        last = mention.end
        chosen.append(mention)
    pieces.append(question[last:].casefold())
    reading = " ".join("".join(pieces).replace("’", "'").split())
    years = [int(y) for y in _YEAR.findall(reading)]
    number = _NUMBER.search(reading)
    return reading, Slots(chosen, years[0] if years else None,
                          int(next(g for g in number.groups() if g)) if number else None,
                          reading)


def classify(question: str, index: EntityIndex) -> Match:
    """Return the best-fitting intent for *question* (``intent`` None when none fits)."""
    reading, slots = read(question, index)
    best: tuple[float, int, Intent] | None = None
    for order, intent in enumerate(INTENTS):
        score = intent.score(reading, slots)
        if score is not None and (best is None or score > best[0]):
            best = (score, order, intent)
    if best is None:
        return Match(None, slots, reading)
    return Match(best[2], slots, reading, best[0])


def closest(question: str, index: EntityIndex, *, limit: int = 5) -> list[str]:
    """Return the question forms nearest to *question*, as questions to ask instead.

    Forms whose cue matches come first (their slots filled with the entities the
    question names where it names one), then forms by word similarity.
    """
    reading, slots = read(question, index)
    ranked = []
    for intent in INTENTS:
        cued = any(re.search(c, reading) for c in intent.cues)
        similarity = fuzz.token_set_ratio(reading, intent.form.casefold()) / 100
        ranked.append((-(cued + similarity), intent.name, _fill(intent.form, slots)))
    return [form for _, _, form in sorted(ranked)[:limit]]


def _fill(form: str, slots: Slots) -> str:
    out = form
    for kind in ("company", "material", "application", "region", "country", "place",
                 "market"):
        mention = slots.first(kind)
        if mention is not None and "{" + kind + "}" in out:
            out = out.replace("{" + kind + "}", mention.label, 1)
    return out


def question_forms() -> list[tuple[str, str]]:
    """Return ``(name, form)`` of every question form, in table order."""
    return [(intent.name, intent.form) for intent in INTENTS]
