"""Polite, robust HTTP for the watcher: conditional GET, robots.txt, per-host pacing, retries.

Every hop is checked against private addresses (unless allowed), bodies are capped, 429 and 5xx
answers and timeouts are retried with exponential backoff (honouring Retry-After, capped), and a
host is never asked more often than `min_interval` seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from detente.config import Settings
from detente.errors import DetenteError, InputError
from detente.ingest.web import USER_AGENT, check_url, read_capped

log = logging.getLogger(__name__)
RETRIED = {429, 500, 502, 503, 504}


class FetchError(DetenteError):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


@dataclass
class Fetched:
    url: str
    status: int  # 200, or 304 when the copy we have is current
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    def __init__(
        self,
        settings: Settings,
        *,
        min_interval: float = 1.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 60.0,
    ) -> None:
        self.settings = settings
        self.min_interval, self.retries = min_interval, retries
        self.backoff, self.max_wait = backoff, max_wait
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.http_timeout),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._lock = threading.Lock()
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        if not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._get_once(url, headers)
            except _Retry as retry:
                attempt += 1
                if attempt > self.retries:
                    raise FetchError(url, f"{retry.reason}, after {attempt} tries") from None
                wait = min(self.max_wait, retry.wait or self.backoff * 2 ** (attempt - 1))
                log.info("%s: %s; retrying in %.1f s", url, retry.reason, wait)
                time.sleep(wait)

    def _get_once(self, url: str, headers: dict[str, str], pace: bool = True) -> Fetched:
        current = url
        for _ in range(self.settings.max_redirects + 1):
            try:
                check_url(current, self.settings.allow_private)
            except InputError as exc:
                raise FetchError(url, exc.reason) from None
            if pace:
                self._pace(current)
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    self.requests += 1
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    return self._answer(url, current, response)
            except httpx.TimeoutException:
                raise _Retry(f"timed out after {self.settings.http_timeout:g} s") from None
            except httpx.TransportError as exc:
                raise _Retry(f"connection failed ({type(exc).__name__})") from None
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _answer(self, url: str, final: str, response: httpx.Response) -> Fetched:
        status = response.status_code
        if status == 304:
            return Fetched(final, 304, etag=response.headers.get("etag"),
                           last_modified=response.headers.get("last-modified"))  # fmt: skip
        if status in RETRIED:
            raise _Retry(f"HTTP {status}", _retry_after(response.headers.get("retry-after")))
        if status >= 400:
            raise FetchError(url, f"HTTP {status}")
        try:
            body = read_capped(response, self.settings.max_bytes, url)
        except InputError as exc:
            raise FetchError(url, exc.reason) from None
        return Fetched(
            final,
            status,
            body,
            response.headers.get("content-type", "").lower(),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
        )

    def _pace(self, url: str) -> None:
        """Wait until `min_interval` has passed since the last request to this host."""
        host = urlsplit(url).netloc
        with self._lock:
            wait = self._last.get(host, 0.0) + self.min_interval - time.monotonic()
            self._last[host] = time.monotonic() + max(0.0, wait)
        if wait > 0:
            time.sleep(wait)

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host, fetched once; unreadable or missing means allowed."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        robots = self._robots[host]
        return robots is None or robots.can_fetch(USER_AGENT, url)

    def _read_robots(self, host: str) -> RobotFileParser | None:
        try:
            # robots.txt is asked once per host before anything else: not paced against it
            fetched = self._get_once(f"{host}/robots.txt", {}, pace=False)
        except (FetchError, _Retry):
            return None
        parser = RobotFileParser()
        parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return parser


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.wait = reason, wait


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None
