"""``kg.ask``: question forms and their paraphrases on the demo graph.

Expected facts are written by hand from data/ (the sample report and the illustrative
capacity table): the answer must name them, whatever the phrasing.
"""

from __future__ import annotations

import json

import pytest

from cikg.answers import INTENTS, question_forms

CN_HARD_CARBON = {"BTR", "Hina Battery", "Indigenous Energy Storage Technology", "Shanshan",
                  "Shinzoom Technology"}

#: intent -> (paraphrases, facts the summary must state)
PARAPHRASES: dict[str, tuple[list[str], list[str]]] = {
    "suppliers": ([
        "which companies supply hard carbon in China?",
        "Who makes hard carbon in China?",
        "Which Chinese companies produce hard carbon?",
        "list the suppliers of hard carbon headquartered in china",
        "hard carbon manufacturers in CN?",
    ], sorted(CN_HARD_CARBON)),
    "companies-in-country": ([
        "Which companies are based in Japan?",
        "list companies headquartered in Japan",
        "which firms come from Japan?",
        "show me Japanese companies",
    ], ["KAIJIN", "Kuraray"]),
    "companies-by-country": ([
        "How many companies are there per country?",
        "Which countries host the companies?",
        "companies by country",
        "where are the suppliers headquartered?",
    ], ["China 5", "United States 3", "Japan 2", "Canada 1"]),
    "companies-in-region": ([
        "Which companies are in North America?",
        "who is active in North America?",
        "list the players based in North America",
    ], ["MSE Supplies LLC", "NEI", "Phillips 66", "Targray"]),
    "companies-serving": ([
        "Who serves consumer electronics?",
        "which companies sell to consumer electronics?",
        "companies serving portable electronics",
        "Which suppliers target consumer electronics?",
        "who supplies consumer electronics?",
    ], ["BTR", "Kuraray", "Shanshan"]),
    "leaders": ([
        "Who leads the market?",
        "which companies dominate the market?",
        "who are the market leaders?",
        "name the leading players",
    ], ["BTR", "Hina Battery"]),
    "share-claims": ([
        "What market share do BTR and Hina Battery have?",
        "what share of the market does BTR hold?",
        "which percentage of revenue do the leaders hold?",
    ], ["nearly 30 %", "2024", "USD 782.4 million", "USD 234.7 million"]),
    "competitors": ([
        "Who competes with BTR?",
        "who are BTR's competitors?",
        "Which companies are rivals of BTR?",
        "competition for BTR New Material Group",
    ], ["Kuraray", "Shanshan", "Hina Battery"]),
    "similar": ([
        "Which companies are similar to Kuraray?",
        "who is most like Kuraray?",
        "companies comparable to Kuraray",
    ], ["BTR", "Shanshan"]),
    "path": ([
        "How is BTR linked to Targray?",
        "what connects BTR and Targray?",
        "path between BTR and Targray",
    ], ["BTR", "Targray"]),
    "headquarters": ([
        "Where is Targray headquartered?",
        "Where is Targray based?",
        "which country is Targray from?",
        "Targray HQ?",
    ], ["Canada"]),
    "evidence": ([
        "What do the sources say about Kuraray?",
        "show the evidence for Kuraray",
        "tell me about Kuraray",
        "what do we know about Kuraray Co., Ltd.?",
        "What is Kuraray?",
    ], ["Kuraray"]),
    "company-supplies": ([
        "What does Phillips 66 supply?",
        "what does Phillips 66 make?",
        "Which materials does Phillips 66 produce?",
    ], ["Soft carbon"]),
    "company-serves": ([
        "Which applications does Targray serve?",
        "Who are Targray's customers?",
        "what end users does Targray serve?",
    ], ["Aerospace", "Medical instruments"]),
    "market-size": ([
        "How big is the market in 2032?",
        "What is the forecast for 2032?",
        "What is the market size in 2032?",
        "what will the market be worth in 2032?",
    ], ["USD 2.86 billion", "2032"]),
    "cagr": ([
        "What is the CAGR?",
        "how fast is the market growing?",
        "What growth rate do sources state?",
    ], ["15.7 %", "17.6 %", "2025-2032"]),
    "figures-check": ([
        "Which figures do not add up?",
        "Are the headline figures consistent?",
        "check the stated numbers for contradictions",
        "do the market figures add up?",
    ], ["15.7 %", "17.6 %", "USD 782.4 million", "USD 2.86 billion"]),
    "initiatives": ([
        "Which funding programmes are there in the US?",
        "What initiatives does the United States have?",
        "list government programs in the U.S.",
        "what funding programmes exist in North America?",
    ], ["USD 120 million", "USD 200 million"]),
    "initiative-totals": ([
        "How much funding by country?",
        "total money committed by initiatives per country",
        "how much do the funding programmes commit in all?",
    ], ["EU USD 3.324 billion", "United States USD 320 million"]),
    "regions-without-suppliers": ([
        "Which regions have no suppliers?",
        "regions without a profiled company",
        "Which regions lack suppliers?",
        "where are the regional gaps?",
        "Where are there no suppliers?",
    ], ["Europe", "Middle East & Africa", "South America"]),
    "countries-without-suppliers": ([
        "Which countries have no suppliers?",
        "countries without companies",
        "which mentioned countries lack a supplier?",
    ], ["Germany", "France", "Brazil", "Argentina", "Saudi Arabia", "India"]),
    "sources": ([
        "Which sources are loaded?",
        "what reports does the graph hold?",
        "list the sources",
        "Where do the facts come from?",
    ], ["2 sources", "24chemicalresearch.com"]),
    "capacity": ([
        "Which country holds the most production capacity?",
        "production capacity by country",
        "how many tonnes of capacity per country?",
    ], ["China 26,000", "75.4 %"]),
    "segments": ([
        "How is the market segmented?",
        "what are the market segments?",
        "give me the segment breakdown",
        "What are the end users?",
    ], ["Hard Carbon", "Soft Carbon", "Power Tools"]),
    "material-suppliers": ([
        "How many suppliers per material type?",
        "which material has the most suppliers?",
        "count suppliers for each material",
    ], ["Hard carbon 7"]),
    "conflicts": ([
        "Where do sources disagree?",
        "which facts conflict between sources?",
        "show discrepancies between the reports",
    ], ["No two sources"]),
    "low-confidence": ([
        "Which entity matches are uncertain?",
        "show low-confidence matches",
        "which names were matched fuzzily?",
    ], []),
    "changes": ([
        "What changed in the last reload?",
        "what was added or removed when sources were reloaded?",
    ], []),
    "mentions": ([
        "Which companies are mentioned in several sections?",
        "which companies does the report discuss most?",
    ], ["BTR (4)", "Kuraray (4)"]),
    "only-listed": ([
        "Which companies are only listed?",
        "which companies are never discussed?",
    ], ["KAIJIN", "NEI"]),
    "concentration": ([
        "How concentrated is the market?",
        "what is the CR4 of the market?",
        "is supply consolidated?",
        "what is the HHI?",
    ], ["China hosts 5 of the 11", "cover 30 %", "between 450 and 5,800"]),
    "dependence": ([
        "How dependent is supply on China?",
        "what is our reliance on Chinese suppliers?",
        "how exposed are we to China?",
        "how exposed is hard carbon supply to China?",
    ], ["Hard carbon 71.4 % of suppliers and 82.5 % of stated capacity"]),
    "import-dependence": ([
        "Which regions depend on imports?",
        "which regions are import dependent?",
        "where is supply imported?",
    ], ["Middle East & Africa and South America"]),
    "compare": ([
        "Compare BTR and Kuraray",
        "Is BTR bigger than Kuraray?",
        "BTR vs Kuraray",
    ], ["they compete", "BTR (12,000 tonne per yr) is larger than Kuraray (5,000)"]),
    "central": ([
        "Which companies are most central in the competition graph?",
        "who are the best connected companies?",
        "which company is the hub of the competition?",
    ], ["BTR (2 competitors"]),
    "clusters": ([
        "Which competition clusters are there?",
        "show the groups of competitors",
        "who competes with whom?",
    ], ["Cluster 1", "both supply"]),
}
CASES = [(intent, question, facts) for intent, (questions, facts) in PARAPHRASES.items()
         for question in questions]


def test_at_least_twenty_forms_each_with_paraphrases():
    assert len(INTENTS) >= 20
    assert {name for name, _ in question_forms()} == set(PARAPHRASES)
    assert all(len(questions) >= 2 for questions, _ in PARAPHRASES.values())


@pytest.mark.parametrize(("intent", "question", "facts"), CASES,
                         ids=[f"{i}:{q}" for i, q, _ in CASES])
def test_paraphrase(demo_kg, intent, question, facts):
    answer = demo_kg.ask(question)
    assert answer.answered, answer.suggestions
    assert answer.intent == intent, (answer.intent, answer.summary)
    for fact in facts:
        assert fact in answer.summary, (fact, answer.summary)
    assert answer.queries, "an answer names the queries it ran"


def test_answer_has_evidence_and_sparql(demo_kg):
    answer = demo_kg.ask("which companies supply hard carbon in China?")
    assert set(answer.answer["company_label"]) == CN_HARD_CARBON
    assert [e["label"] for e in answer.entities] == ["Hard carbon", "China"]
    evidence = answer.evidence
    assert list(evidence.columns) == ["about", "quote", "section", "source", "as_of"]
    quotes = set(evidence["quote"])
    assert ("Chinese firms like BTR and Shanshan are mass-producing hard carbon anodes, "
            "leveraging the country’s vast biomass resources for raw materials.") in quotes
    assert evidence["source"].str.len().gt(0).all()
    run = next(q for q in answer.queries if q.name == "suppliers-of-material")
    assert run.params == {"material": "https://w3id.org/cikg/id/material/hard-carbon"}
    assert "VALUES (?arg_material)" in run.sparql
    assert "<https://w3id.org/cikg/id/material/hard-carbon>" in run.sparql


def test_json_object(demo_kg):
    data = json.loads(demo_kg.ask("who leads the market?").to_json())
    assert {"answer", "evidence", "queries"} <= set(data)
    assert {row["company_label"] for row in data["answer"]} == {"BTR", "Hina Battery"}
    assert data["evidence"][0]["quote"].startswith("BTR and Hina Battery currently lead")
    assert data["queries"][-1]["sparql"].lstrip().startswith("PREFIX")


@pytest.mark.parametrize("question", ["what is the weather in Paris?", "sing me a song",
                                      "", "???"])
def test_cannot_answer(demo_kg, question):
    answer = demo_kg.ask(question)
    assert not answer.answered
    assert answer.summary.startswith("I cannot answer that yet")
    assert len(answer.suggestions) == 5
    assert answer.answer.empty
    assert answer.evidence.empty
    assert "Questions I can answer that come closest:" in answer.to_text()


def test_suggestions_fill_the_names_a_question_gives(demo_kg):
    answer = demo_kg.ask("BTR?")
    assert not answer.answered
    assert any("BTR" in s for s in answer.suggestions), answer.suggestions


def test_slot_words_hide_names_that_look_like_verbs(demo_kg):
    # "MSE Supplies LLC" contains "supplies": it must not read as the verb
    answer = demo_kg.ask("where is MSE Supplies LLC based?")
    assert answer.intent == "headquarters"
    assert answer.summary == "MSE Supplies LLC is headquartered in United States."


def test_text_output_shows_answer_evidence_and_sparql(demo_kg):
    text = demo_kg.ask("Where is Targray headquartered?").to_text()
    assert "Understood as: Where is {company} headquartered? [company Targray]" in text
    assert "Targray (Canada)" in text
    assert "SELECT" in text


def test_initiatives_by_kind_and_region(demo_kg):
    answer = demo_kg.ask("What regulations apply in Europe?")
    assert answer.intent == "initiatives"
    assert answer.summary == "Sources report 1 initiative in Europe: EU Battery Regulation " \
                             "(regulation)."
    answer = demo_kg.ask("Which standards exist?")
    assert list(answer.answer["initiative_label"]) == ["Sodium-ion battery industry standards"]


def test_compare_table(demo_kg):
    answer = demo_kg.ask("Compare BTR and Kuraray")
    table = answer.answer.set_index("aspect")
    assert table.loc["headquarters", "BTR"] == "China"
    assert table.loc["headquarters", "Kuraray"] == "Japan"
    assert table.loc["share claims", "BTR"] == "nearly 30 % revenue share (jointly)"
    assert table.loc["share claims", "Kuraray"] == ""
