"""Answers for the analyst: plain-English questions and briefings, from the graph.

The surface layer: it maps questions to catalog queries and analytics
(:func:`ask`), writes briefings about a market, a material type, a region or a
company (:func:`brief`), and renders them as text, Markdown and one offline HTML file.
It calls the catalog (``kg.query``), :mod:`cikg.analytics` and :mod:`cikg.views`;
nothing below it imports it.
"""

from .ask import Answer, ask
from .brief import BRIEF_KINDS, Briefing, brief
from .intents import INTENTS, question_forms

__all__ = ["Answer", "ask", "BRIEF_KINDS", "Briefing", "brief", "INTENTS", "question_forms"]
