"""Ask the graph a question in plain English: intent and entity matching, no language model.

:func:`ask` reads the question for the graph's entity names (companies, aliases,
material types, applications, end users, regions, countries, markets), picks the
question form that fits (:mod:`cikg.answers.intents`), runs its plan of catalog queries
and analytics, and returns an :class:`Answer`: the answer table, a summary generated
from it, the evidence (quote, section, source, as-of date) and the SPARQL it ran. When
no form fits, the answer says so and lists the closest questions it can answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from cikg.output import render

from .context import Context, Scope
from .intents import classify, closest, question_forms
from .session import QueryRun, Session

if TYPE_CHECKING:
    from cikg.api import KnowledgeGraph

__all__ = ["Answer", "ask", "question_forms", "EVIDENCE_COLUMNS"]

EVIDENCE_COLUMNS = ["about", "quote", "section", "source", "as_of"]


@dataclass
class Answer:
    """The answer to a question: table, summary, evidence, queries run.

    ``answered`` is False when no question form fits (``suggestions`` then lists the
    closest forms); ``intent`` names the form used and ``entities`` the names matched.
    """

    question: str
    answered: bool
    intent: str | None
    form: str | None
    summary: str
    answer: pd.DataFrame
    evidence: pd.DataFrame
    queries: list[QueryRun]
    entities: list[dict[str, str]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the answer as one JSON-ready object (keys answer, evidence, queries ...)."""
        return {"question": self.question, "answered": self.answered, "intent": self.intent,
                "form": self.form, "summary": self.summary, "entities": self.entities,
                "answer": json.loads(render(_shown(self.answer), "json")),
                "evidence": json.loads(render(self.evidence, "json")),
                "queries": [q.to_dict() for q in self.queries],
                "suggestions": self.suggestions}

    def to_json(self) -> str:
        """Return :meth:`to_dict` as indented JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        """Return the answer as Markdown (names escaped): summary, tables, SPARQL."""
        from .render import frame_markdown, md_escape

        lines = [f"**Q:** {md_escape(self.question)}", "", md_escape(self.summary), ""]
        if not self.answered:
            lines += ["Questions I can answer that come closest:", ""]
            return "\n".join(lines + [f"- {md_escape(s)}" for s in self.suggestions]) + "\n"
        lines += [f"Understood as: {md_escape(self.form)}", "", frame_markdown(self.answer)]
        if not self.evidence.empty:
            lines += ["Evidence:", "", frame_markdown(self.evidence)]
        for run in self.queries:
            params = ", ".join(f"{k}={v}" for k, v in run.params.items())
            lines += [f"{run.kind} {md_escape(run.name)}"
                      + (f" ({md_escape(params)})" if params else "") + ":", "",
                      "```sparql", run.sparql.replace("```", "` ` `").rstrip(), "```", ""]
        return "\n".join(lines).rstrip() + "\n"

    def to_text(self, fmt: str = "table") -> str:
        """Return the answer for a terminal: summary, table, evidence, SPARQL.

        *fmt* is the table format (``table`` or ``csv``; ``markdown`` gives
        :meth:`to_markdown`).
        """
        if fmt == "markdown":
            return self.to_markdown()
        lines = [f"Q: {self.question}"]
        if not self.answered:
            lines += [self.summary, "", "Questions I can answer that come closest:"]
            lines += [f"  - {s}" for s in self.suggestions]
            return "\n".join(lines) + "\n"
        found = ", ".join(f"{e['kind']} {e['label']}" for e in self.entities)
        lines += [f"Understood as: {self.form}" + (f" [{found}]" if found else ""), "",
                  self.summary, ""]
        lines.append(render(_shown(self.answer), fmt, title="Answer").rstrip())
        if not self.evidence.empty:
            lines += ["", render(self.evidence, fmt, title="Evidence").rstrip()]
        lines += ["", "Queries run:"]
        for run in self.queries:
            params = ", ".join(f"{k}={v}" for k, v in run.params.items())
            lines.append(f"-- {run.kind} {run.name}" + (f" ({params})" if params else "")
                         + f": {run.rows} rows")
            if run.kind == "query":
                lines.append(run.sparql.rstrip())
        return "\n".join(lines) + "\n"


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reset_index(drop=True)


def _evidence(pairs: list) -> pd.DataFrame:
    rows, seen = [], set()
    for about, citation in pairs:
        key = (about, citation.quote)
        if key in seen:
            continue
        seen.add(key)
        rows.append({"about": about, "quote": citation.quote, "section": citation.section,
                     "source": citation.source, "as_of": citation.as_of})
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def ask(kg: KnowledgeGraph, question: str) -> Answer:
    """Answer a plain-English *question* from the graph.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph to read (read-only).
    question : str
        For example "which companies supply hard carbon in China?"; see
        :func:`question_forms` for the forms understood.

    Returns
    -------
    Answer
        ``answered`` False (with ``suggestions``) when no form fits.

    Examples
    --------
    >>> import cikg
    >>> a = ask(cikg.open("memory:"), "which sources are loaded?")
    >>> a.intent, a.summary
    ('sources', 'The graph holds no sources.')
    """
    session = Session(kg)
    index = session.index()
    match = classify(question, index)
    if match.intent is None:
        return Answer(question, False, None, None,
                      "I cannot answer that yet: no question form I know fits it.",
                      pd.DataFrame(), pd.DataFrame(columns=EVIDENCE_COLUMNS),
                      session.sparql_runs(), suggestions=closest(question, index))
    ctx = Context(session, Scope("market", None, "the graph"))
    result = match.intent.plan(ctx, match.slots)
    used = [{"kind": m.kind, "label": m.label, "text": m.text, "entity": m.entity}
            for m in match.slots.mentions]
    return Answer(question, True, match.intent.name, match.intent.form, result.summary,
                  result.frame, _evidence(result.evidence), session.sparql_runs(), used)
