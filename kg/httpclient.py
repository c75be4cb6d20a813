"""HTTP to one SPARQL endpoint, with the standard library only: auth, retries, one-line errors.

Authentication answers the server's challenge: HTTP Digest (Virtuoso's writes need it) or Basic.
urllib's digest handler computes the responses, and the last challenge is reused (nonce count + 1),
so a request body is sent once rather than first without and then with credentials, as urllib's own
handlers do for every request (and up to six times with a wrong password). Credentials go to the
endpoint's own scheme, host and port only, and redirects are never followed. A proxy from the
environment is bypassed for loopback addresses.

Connection errors, time-outs and the `retry_on` statuses are retried with exponential back-off;
every other answer is returned, and `status_error` turns a refusal into one EndpointError line:
E061 (401/403), E062 (413), E063 (anything else, with the first line the server wrote).
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.errors import EndpointError

USER_AGENT = "kg (SPARQL client)"


class _Retry(Exception):
    """A failure worth another try (connection error, time-out, some 5xx); carries the error to raise."""

    def __init__(self, error: EndpointError) -> None:
        self.error = error


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx surfaces as an HTTPError: credentials never follow a redirect


class Client:
    """HTTP to one endpoint: challenge-driven Digest/Basic auth, bounded retries with back-off."""

    def __init__(
        self, endpoint: str, user: str | None = None, password: str | None = None, *,
        timeout: float = 60.0, retries: int = 3, backoff: float = 0.5, retry_on: Iterable[int] = (502, 503, 504),
    ) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EndpointError("E065", endpoint)
        self.endpoint = endpoint
        self._origin = _origin(endpoint)
        self.timeout, self.retries, self.backoff, self.retry_on = timeout, retries, backoff, set(retry_on)
        handlers: list = [_NoRedirect()]
        if _loopback(parts.hostname):
            handlers.append(urllib.request.ProxyHandler({}))  # a proxy from the environment never sees loopback traffic
        self._opener = urllib.request.build_opener(*handlers)
        self._user = user
        self._challenge: tuple[str, dict] | None = None  # (scheme, parameters) of the last 401
        self._digest = None
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", user, password or "")
            self._passwords = passwords
            self._digest = urllib.request.HTTPDigestAuthHandler(passwords)  # used only to compute responses

    def send(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> Response:
        """One request, retried on connection errors and `retry_on` statuses; any other answer is returned."""
        for attempt in range(self.retries + 1):
            try:
                return self._authenticated(method, url, body, headers or {})
            except _Retry as e:
                if attempt == self.retries:
                    raise e.error from e.__cause__
                time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _authenticated(self, method: str, url: str, body: bytes | None, headers: dict) -> Response:
        fresh = False  # has a challenge of this very exchange been answered?
        for _ in range(3):
            req = urllib.request.Request(url, data=body, method=method, headers={"User-Agent": USER_AGENT, **headers})
            answer = self._authorization(req)
            if answer:
                req.add_unredirected_header("Authorization", answer)
            response = self._open(req)
            if response.status != 401:
                return response
            challenge = _parse_challenge(response.headers)
            if self._user is None or challenge is None:
                raise EndpointError("E061", self.endpoint, "HTTP 401: give a user and password (--user, and --password "
                                    "or KG_ENDPOINT_PASSWORD)" if self._user is None else "HTTP 401 without a challenge")
            stale = challenge[1].get("stale", "").lower() == "true"
            if answer and fresh and not stale:
                raise EndpointError("E061", self.endpoint, f"HTTP 401: user {self._user!r} and this password are refused")
            self._challenge, fresh = challenge, True
        raise EndpointError("E061", self.endpoint, "HTTP 401: the server keeps asking for credentials")

    def _authorization(self, req: urllib.request.Request) -> str | None:
        if self._challenge is None or self._user is None or _origin(req.full_url) != self._origin:
            return None
        scheme, params = self._challenge
        if scheme == "basic":
            user, password = self._passwords.find_user_password(params.get("realm"), req.full_url)
            if user is None:
                return None
            return "Basic " + base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        try:
            answer = self._digest.get_authorization(req, params)
        except (UnicodeEncodeError, ValueError) as e:
            raise EndpointError("E061", self.endpoint, f"digest authentication: {e}") from e
        return f"Digest {answer}" if answer else None

    def _open(self, req: urllib.request.Request) -> Response:
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return Response(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as e:
            try:
                body = e.read() if e.fp else b""
            except (OSError, http.client.HTTPException):
                body = b""
            response = Response(e.code, e.headers, body)
            if e.code in self.retry_on:
                raise _Retry(status_error(self.endpoint, response)) from e
            return response
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            reason = getattr(e, "reason", None) or e
            raise _Retry(EndpointError("E060", self.endpoint, one_line(reason))) from e


def status_error(endpoint: str, response: Response) -> EndpointError:
    """The error for an answer that is not 2xx: E061 (401/403), E062 (413) or E063 with the server's first line."""
    status, line = response.status, _first_line(response)
    detail = f"HTTP {status}" + (f": {line}" if line else "")
    if status in (401, 403):
        return EndpointError("E061", endpoint, detail)
    if status == 413:
        return EndpointError("E062", endpoint, detail + " (send smaller batches: --batch N)")
    if 300 <= status < 400:
        return EndpointError("E063", endpoint, f"HTTP {status}: redirected to {response.headers.get('Location')} "
                             "(give that URL; kg does not follow redirects)")
    return EndpointError("E063", endpoint, detail)


def _first_line(response: Response) -> str:
    """The first line of the answer that says something (HTML error pages: the text of <xmp>/<pre>, else <title>)."""
    text = response.body[:65536].decode("utf-8", "replace")
    if "<" in text and re.search(r"<(html|body|title|h1|xmp|pre)\b", text, re.I):
        block = re.search(r"<(xmp|pre)[^>]*>(.*?)</\1>", text, re.I | re.S)
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        text = block.group(2) if block else title.group(1) if title else re.sub(r"<[^>]+>", "\n", text)
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:300]
    return ""


def _parse_challenge(headers: http.client.HTTPMessage) -> tuple[str, dict] | None:
    """The challenge to answer from WWW-Authenticate headers: Digest preferred, then Basic."""
    found: dict[str, dict] = {}
    for value in headers.get_all("WWW-Authenticate") or []:
        scheme, _, rest = value.strip().partition(" ")
        try:
            params = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(rest)))
        except ValueError:  # a token68 scheme (Negotiate, Bearer ...): not one we answer
            continue
        found.setdefault(scheme.lower(), params)
    for scheme in ("digest", "basic"):
        if scheme in found:
            return scheme, found[scheme]
    return None


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def one_line(e: object) -> str:
    return " ".join(str(e).split())[:300] or type(e).__name__


def check_iri(iri: str) -> str:
    parts = urlsplit(iri)
    if not parts.scheme or not re.fullmatch(r"[^\s<>\"{}|\\^`]+", iri):
        raise EndpointError("E065", iri, "a graph name must be an absolute IRI, such as https://example.org/graph/1")
    return iri
