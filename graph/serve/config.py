"""The settings of ``cikg serve`` and the Host header values it accepts."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

from cikg.errors import StoreError
from cikg.store import QUERY_TIMEOUT, RESULT_CAP, default_spec

__all__ = ["ServeSettings", "check_spec", "allowed_hosts", "split_host"]

#: Longest query text accepted (bytes); a POST body over it gets 413.
MAX_QUERY_BYTES = 256 * 1024
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class ServeSettings:
    """How ``cikg serve`` runs.

    Parameters
    ----------
    spec : str
        The store (``oxigraph:PATH`` or an ``http(s)://`` endpoint), opened read-only.
    host, port : str, int
        Where to listen; loopback by default.
    timeout : float
        Seconds a query may run; past it the worker is ended and the client gets 503.
    render_timeout : float
        The same for a view or a briefing (a page with layout and charts).
    max_rows : int
        The result cap: more rows (or triples) than this get 422.
    max_query_bytes : int
        The longest query text accepted; longer gets 413.
    workers : int
        Queries that run at once (one process each).
    allow_hosts : tuple of str
        More Host header names to accept (``*`` accepts any), for a server bound to
        a non-loopback address behind a name.
    """

    spec: str = field(default_factory=default_spec)
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = QUERY_TIMEOUT
    render_timeout: float = 120.0
    max_rows: int = RESULT_CAP
    max_query_bytes: int = MAX_QUERY_BYTES
    workers: int = field(default_factory=lambda: max(2, os.cpu_count() or 2))
    allow_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.render_timeout <= 0:
            raise ValueError(f"timeouts must be positive, not {self.timeout}, "
                             f"{self.render_timeout}")
        if self.max_rows < 1:
            raise ValueError(f"max_rows must be at least 1, not {self.max_rows}")
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        if self.max_query_bytes < 64:
            raise ValueError(f"max_query_bytes must be at least 64, not {self.max_query_bytes}")


def check_spec(spec: str) -> str:
    """Return *spec* if the server can serve it, else raise :class:`StoreError`.

    Examples
    --------
    >>> check_spec("memory:")
    Traceback (most recent call last):
    ...
    cikg.errors.StoreError: cikg serve needs a store its query workers can open: \
oxigraph:PATH or an http(s):// endpoint, not memory:
    """
    kind = spec.partition(":")[0]
    if kind not in ("oxigraph", "http", "https"):
        raise StoreError("cikg serve needs a store its query workers can open: "
                         f"oxigraph:PATH or an http(s):// endpoint, not {spec}")
    return spec


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::", "[::]", "")


def split_host(value: str) -> tuple[str, int | None] | None:
    """Return (host, port) of a Host header, lower-cased; None when it is malformed.

    Examples
    --------
    >>> split_host("LocalHost:8000"), split_host("[::1]:80"), split_host("a b")
    (('localhost', 8000), ('[::1]', 80), None)
    """
    value = value.strip().lower()
    if not value or any(c.isspace() or c in "/\\@?#" for c in value):
        return None
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        host, rest = value[:end + 1], value[end + 1:]
    else:
        host, _, port_text = value.partition(":")
        rest = f":{port_text}" if _ else ""
    if not rest:
        return host, None
    if not rest.startswith(":") or not rest[1:].isdigit() or len(rest) > 6:
        return None
    return host, int(rest[1:])


def allowed_hosts(settings: ServeSettings) -> set[tuple[str, int | None]] | None:
    """Return the (host, port) pairs a request's Host header may name; None accepts any.

    A server bound to loopback accepts ``127.0.0.1``, ``localhost`` and ``[::1]`` with
    its port (a DNS-rebinding page cannot name them); one bound to an address accepts
    that address; ``--allow-host`` adds names. A port-less Host counts as port 80.

    Raises
    ------
    ValueError
        For a wildcard bind (0.0.0.0) without ``--allow-host``.
    """
    if "*" in settings.allow_hosts:
        return None
    host = settings.host.lower()
    names: set[str] = set()
    if _is_loopback(host):
        names.update(_LOOPBACK_NAMES)
    elif _wildcard(host):
        if not settings.allow_hosts:
            raise ValueError(f"binding {settings.host} accepts clients from any network: name "
                             "the host names they use with --allow-host (or --allow-host '*')")
    else:
        names.add(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    names.update(h.lower() for h in settings.allow_hosts)
    pairs: set[tuple[str, int | None]] = {(name, settings.port) for name in names}
    if settings.port == 80:
        pairs |= {(name, None) for name in names}
    return pairs
