"""Country names to ISO 3166-1 alpha-2 codes, for single names and for running prose.

Two entry points:

- :func:`country_code` resolves one name as a list or table states it (``"U.S."``,
  ``"Korea"``, ``"Türkiye"``, ``"Japanese"``) through a small alias table and pycountry.
- :func:`countries_in` finds every country named in a piece of prose, with offsets.

What counts as a country in prose, and the ambiguities we resolve conservatively:

- Names are matched case-sensitively on word boundaries (``"us"`` is a pronoun, ``"US"``
  a country; ``"Prussian"`` does not contain ``"Russian"``); an all-capitals variant is
  accepted for names of four letters or more (``"CHINA"``).
- The longest name wins: ``"Papua New Guinea"`` over ``"Guinea"``, ``"Nigeria"`` is not
  ``"Niger"``, ``"South Sudan"`` over ``"Sudan"``, ``"Northern Ireland"`` is GB.
- Demonyms and possessives count (``"Chinese"``, ``"China's"``, ``"Norway-based"``), but
  continental adjectives and regions do not (``"Asian"``, ``"European"``,
  ``"Scandinavia"``, ``"gulf nations"``, ``"North American"``, ``"Latin America"``).
- ``"America"``/``"American"`` alone is the United States; after North/South/Latin/
  Central it is a region. ``"US$"``, ``"U.S. dollar"`` and ``"Contact Us"`` are not
  mentions of the United States; ``"New Jersey"``, ``"New Mexico"``, ``"New South Wales"``
  and ``"New England"`` are not Jersey, Mexico or the UK; ``"Indian Ocean"`` is not India.
- ``"Georgia"`` is never matched in prose (the US state is at least as likely); use
  ``"Republic of Georgia"``. :func:`country_code` still resolves ``"Georgia"`` to GE,
  because a list that says "(Georgia)" after a company names a country.
- The European Union is a jurisdiction, not a country: :func:`country_code` returns
  ``"EU"`` for it, :func:`countries_in` never reports it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

__all__ = ["country_code", "country_name", "countries_in"]

# Extra names and abbreviations (beyond pycountry's name/common/official names).
_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "United States", "United States of America",
           "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "England",
           "Scotland", "Wales", "Northern Ireland"),
    "KR": ("Korea", "South Korea", "Republic of Korea", "S. Korea"),
    "KP": ("North Korea",),
    "TW": ("Taiwan", "Republic of China"),
    "AE": ("UAE", "U.A.E.", "United Arab Emirates"),
    "RU": ("Russia", "Russian Federation"),
    "VN": ("Vietnam", "Viet Nam"),
    "IR": ("Iran",),
    "CZ": ("Czechia", "Czech Republic"),
    "TR": ("Türkiye", "Turkiye", "Turkey"),
    "CN": ("China", "Mainland China", "PRC", "P.R. China", "People's Republic of China"),
    "NL": ("Netherlands", "The Netherlands", "Holland"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "SZ": ("Swaziland", "Eswatini"),
    "MM": ("Burma", "Myanmar"),
    "TL": ("East Timor", "Timor-Leste"),
    "MK": ("Macedonia", "North Macedonia"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo",
           "Democratic Republic of Congo"),
    "CG": ("Republic of the Congo", "Congo"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "PS": ("Palestine",),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "LA": ("Laos",),
    "SY": ("Syria",),
    "MO": ("Macau", "Macao"),
    "HK": ("Hong Kong",),
    "SA": ("Saudi Arabia", "KSA"),
    "GE": ("Republic of Georgia",),
    "VG": ("British Virgin Islands",),
    "VI": ("U.S. Virgin Islands", "US Virgin Islands"),
    "FK": ("Falkland Islands",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "BA": ("Bosnia",),
}

# Adjectives and demonyms that name one country (continental adjectives are absent on
# purpose). Matched in prose like names.
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "CN": ("Chinese",), "JP": ("Japanese",), "US": ("American",),
    "KR": ("Korean", "South Korean"), "KP": ("North Korean",), "IN": ("Indian",),
    "DE": ("German",), "FR": ("French",), "GB": ("British", "English", "Scottish", "Welsh"),
    "CA": ("Canadian",), "MX": ("Mexican",), "BR": ("Brazilian",),
    "AR": ("Argentine", "Argentinian"), "AU": ("Australian",), "IT": ("Italian",),
    "ES": ("Spanish",), "SE": ("Swedish",), "NO": ("Norwegian",), "FI": ("Finnish",),
    "DK": ("Danish",), "NL": ("Dutch",), "BE": ("Belgian",), "CH": ("Swiss",),
    "AT": ("Austrian",), "PL": ("Polish",), "RU": ("Russian",), "TR": ("Turkish",),
    "SA": ("Saudi",), "AE": ("Emirati",), "IL": ("Israeli",), "EG": ("Egyptian",),
    "ZA": ("South African",), "NG": ("Nigerian",), "KE": ("Kenyan",),
    "ID": ("Indonesian",), "MY": ("Malaysian",), "TH": ("Thai",), "VN": ("Vietnamese",),
    "PH": ("Filipino", "Philippine"), "SG": ("Singaporean",), "TW": ("Taiwanese",),
    "PK": ("Pakistani",), "BD": ("Bangladeshi",), "CL": ("Chilean",),
    "CO": ("Colombian",), "PE": ("Peruvian",), "IE": ("Irish",), "PT": ("Portuguese",),
    "GR": ("Greek",), "CZ": ("Czech",), "HU": ("Hungarian",), "RO": ("Romanian",),
    "UA": ("Ukrainian",), "MA": ("Moroccan",), "IR": ("Iranian",), "IQ": ("Iraqi",),
    "QA": ("Qatari",), "KW": ("Kuwaiti",), "OM": ("Omani",), "NZ": ("New Zealand",),
    "DO": ("Dominican",), "HK": ("Hong Konger",),
}

# Never matched in running prose (see module docstring).
_PROSE_EXCLUDED = {"Georgia", "Virgin Islands", "Saint Martin", "Man"}

# Jurisdictions that are not countries.
_JURISDICTIONS = {"eu": "EU", "e.u.": "EU", "european union": "EU"}

# (preceding-text regex, surface names) pairs: a match preceded by this is not a country.
_BAD_BEFORE = [
    (re.compile(r"(?:North|South|Latin|Central|Pan|Anglo)[ -]$"), {"America", "American"}),
    (re.compile(r"\bNew $"), {"Jersey", "Mexico", "England", "Guinea", "Wales"}),
    (re.compile(r"\bNew South $"), {"Wales"}),
    (re.compile(r"(?:South|East) $"), {"China"}),
    (re.compile(r"(?i:contact|about|join|follow|email|call|reach|with) $"), {"US"}),
]
_BAD_AFTER = [
    (re.compile(r"^\s?\$"), {"US", "U.S."}),
    (re.compile(r"^(?:\s|-)?[Dd]ollars?\b"), {"US", "U.S.", "USA", "American"}),
    (re.compile(r"^ Ocean\b"), {"Indian"}),
    (re.compile(r"^ Sea\b"), {"China"}),
]


def _norm(name: str) -> str:
    s = " ".join(name.replace("\u2019", "'").split()).strip(" \t()[]{},;:")
    if s.lower().startswith("the "):
        s = s[4:]
    return s.casefold()


@lru_cache(maxsize=1)
def _surfaces() -> dict[str, str]:
    """Every surface form (as written in prose) -> alpha-2."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n and "," not in n and "(" not in n:
                out.setdefault(n, c.alpha_2)
    for table in (_ALIASES, _DEMONYMS):
        for code, names in table.items():
            for n in names:
                out[n] = code
    out.pop("Georgia", None)
    for bad in _PROSE_EXCLUDED:
        out.pop(bad, None)
    return out


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    """casefolded name -> alpha-2, for :func:`country_code`."""
    table = {_norm(k): v for k, v in _surfaces().items()}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n:
                table.setdefault(_norm(n), c.alpha_2)
    table["georgia"] = "GE"
    return table


def country_code(name: str) -> str | None:
    """Resolve one country name, abbreviation or demonym to ISO 3166-1 alpha-2.

    Parameters
    ----------
    name : str
        A country as a list or table states it: ``"China"``, ``"U.S."``, ``"UK"``,
        ``"Korea"``, ``"Türkiye"``, ``"Japanese"``, ``"DEU"``.

    Returns
    -------
    str or None
        The alpha-2 code; ``"EU"`` for the European Union (a jurisdiction, not a
        country); None when `name` is not a country.

    Examples
    --------
    >>> [country_code(n) for n in ("U.S.", "UK", "Korea", "Taiwan", "UAE", "Czechia")]
    ['US', 'GB', 'KR', 'TW', 'AE', 'CZ']
    >>> country_code("European Union"), country_code("Asia"), country_code("Jiangsu")
    ('EU', None, None)
    """
    if not isinstance(name, str):
        return None
    key = _norm(name)
    if not key:
        return None
    if key in _JURISDICTIONS:
        return _JURISDICTIONS[key]
    hit = _lookup().get(key)
    if hit:
        return hit
    raw = name.strip().strip(".")
    if raw.isupper() and raw.isalpha() and len(raw) in (2, 3):
        try:
            return pycountry.countries.lookup(raw).alpha_2
        except LookupError:
            return None
    return None


def country_name(code: str) -> str | None:
    """The common English name of an alpha-2 code (``"KR"`` -> ``"South Korea"``).

    Examples
    --------
    >>> country_name("KR"), country_name("EU"), country_name("ZZ")
    ('South Korea', 'European Union', None)
    """
    if code == "EU":
        return "European Union"
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return None
    return getattr(c, "common_name", None) or c.name


@lru_cache(maxsize=1)
def _prose_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    forms = dict(_surfaces())
    for name, code in list(forms.items()):
        if len(name) >= 4 and not name.isupper():
            forms.setdefault(name.upper(), code)
    alts = sorted(forms, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    return re.compile(rf"(?<![\w&])(?:{body})(?![\w])"), forms


def countries_in(text: str) -> list[tuple[str, int, int]]:
    """Find the countries named in prose, with their offsets.

    Parameters
    ----------
    text : str
        Plain text (entities already decoded).

    Returns
    -------
    list of (code, start, end)
        One entry per mention in text order; ``text[start:end]`` is the name as written.
        Continents, regions, the EU and ambiguous names are not reported (see the module
        docstring).

    Examples
    --------
    >>> [c for c, _, _ in countries_in("China's and Japanese firms, the U.S. and UK.")]
    ['CN', 'JP', 'US', 'GB']
    >>> countries_in("Prussian blue from Jiangsu; Asian and European firms; Scandinavia.")
    []
    >>> [c for c, _, _ in countries_in("Papua New Guinea, Nigeria and North America")]
    ['PG', 'NG']
    """
    pattern, forms = _prose_pattern()
    out: list[tuple[str, int, int]] = []
    for m in pattern.finditer(text):
        surface = m.group(0)
        canon = surface if surface in forms else surface.title()
        before = text[max(0, m.start() - 20):m.start()]
        after = text[m.end():m.end() + 12]
        if any(rx.search(before) and (surface in names or canon in names)
               for rx, names in _BAD_BEFORE):
            continue
        if any(rx.search(after) and (surface in names or canon in names)
               for rx, names in _BAD_AFTER):
            continue
        code = forms.get(surface)
        if code:
            out.append((code, m.start(), m.end()))
    return out
