"""``cikg ask`` and ``cikg brief``: questions in plain English, and briefings."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .common import Format, FormatOption, OutOption, StoreOption, app, emit, open_graph


class BriefKind(StrEnum):
    market = "market"
    material = "material"
    region = "region"
    company = "company"


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(
        help="A question in plain English, such as \"which companies supply hard carbon "
             "in China?\".")] = None,
    store: StoreOption = None,
    format: FormatOption = Format.table,
    output: OutOption = None,
    forms: Annotated[bool, typer.Option(
        "--list", help="List the question forms understood and exit.")] = False,
) -> None:
    """Answer a question from the graph: the answer table, its evidence, the SPARQL run.

    The question is matched to a question form by its words and by the names of the
    graph's companies, materials, applications, end users, regions, countries and
    markets (no network, no language model). --format json gives one object with the
    keys answer, evidence and queries. Exit code 1 when no question form fits (the
    closest forms are listed).
    """
    if forms or question is None:
        from cikg.answers import question_forms
        if question is None and not forms:
            raise typer.BadParameter("give a QUESTION (or --list to see the forms)")
        emit("".join(f"{name}: {form}\n" for name, form in question_forms()), output)
        return
    with open_graph(store, read_only=True) as kg:
        answer = kg.ask(question)
    emit(answer.to_json() if format is Format.json else answer.to_text(format.value), output)
    if not answer.answered:
        raise typer.Exit(1)


@app.command()
def brief(
    kind: Annotated[BriefKind, typer.Argument(help="What the briefing is about.")],
    subject: Annotated[str | None, typer.Argument(
        help="The material type, region or company (a name or alias as the graph knows "
             "it); a market briefing takes a market's name or none.")] = None,
    store: StoreOption = None,
    stem: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write STEM.md and STEM.html (one offline file with charts "
                               "and the interactive view) instead of Markdown to stdout.")
    ] = None,
    view: Annotated[bool, typer.Option(
        "--view/--no-view", help="Embed the interactive view in the HTML file.")] = True,
) -> None:
    """Write a briefing: who supplies from where, leaders and share claims, competition
    clusters, initiatives and money, market size and growth, concentration, gaps,
    figures that do not add up and conflicts, every sentence cited to its sources."""
    with open_graph(store, read_only=True) as kg:
        briefing = kg.brief(kind.value, subject, view=view and stem is not None)
    if stem is None:
        emit(briefing.to_markdown(), None)
        return
    for path in briefing.write(stem):
        typer.echo(f"wrote {path}", err=True)
