"""Fetching URLs over HTTP(S): timeouts, a size cap, bounded redirects and no private addresses."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import httpx

from detente.config import Settings
from detente.errors import InputError
from detente.ingest.decode import check_size, content_type_charset, decode_bytes
from detente.ingest.html import read_html
from detente.ingest.records import Item, read_feed
from detente.model import RawDocument
from detente.version import __version__

USER_AGENT = f"detente/{__version__} (+https://github.com/detente-news/detente)"
_FEED_TYPES = ("rss", "atom", "application/xml", "text/xml")


def check_url(url: str, allow_private: bool) -> None:
    """Refuse non-HTTP schemes and hosts that resolve to private, loopback or reserved addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "only http:// and https:// URLs can be fetched")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(url, f"cannot resolve host {parts.hostname} ({exc.strerror})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise InputError(
                url, f"refusing {address}, a private or local address (use --allow-private)"
            )


def fetch_url(url: str, settings: Settings) -> Iterator[Item]:
    try:
        body, ctype, final_url = _get(url, settings)
        text = decode_bytes(body, url, declared=content_type_charset(ctype))
    except InputError as exc:
        yield exc
        return
    if any(t in ctype for t in _FEED_TYPES) or text.lstrip()[:200].find("<rss") >= 0:
        yield from read_feed(body, url)
    elif "html" in ctype or text.lstrip().startswith("<"):
        try:
            yield read_html(text, url, url=final_url)
        except InputError as exc:
            yield exc
    else:
        yield RawDocument(origin=url, text=text, url=final_url)


def _get(url: str, settings: Settings) -> tuple[bytes, str, str]:
    timeout = httpx.Timeout(settings.http_timeout)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml, */*;q=0.5"}
    current = url
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
        for _ in range(settings.max_redirects + 1):
            check_url(current, settings.allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code} from {current}")
                    body = read_capped(response, settings.max_bytes, url)
                    return body, response.headers.get("content-type", "").lower(), current
            except httpx.TimeoutException as exc:
                raise InputError(url, f"timed out after {settings.http_timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise InputError(url, f"fetch failed ({type(exc).__name__}: {exc})") from exc
    raise InputError(url, f"more than {settings.max_redirects} redirects")


def read_capped(response: httpx.Response, limit: int, url: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit():
        check_size(int(declared), limit, url)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        check_size(size, limit, url)
        chunks.append(chunk)
    return b"".join(chunks)
