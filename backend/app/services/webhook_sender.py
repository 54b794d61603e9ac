"""One webhook attempt over HTTP: the address checked again and pinned, signed, no redirects,
10 s at most, and only the first few KiB of the answer read."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx

from app import errors
from app.services import ssrf
from app.services.webhook_signing import sign

TIMEOUT_SECONDS = 10.0
MAX_RESPONSE_BYTES = 4096
USER_AGENT = "Parley-Webhooks/1.0"


@dataclass(frozen=True, slots=True)
class Attempt:
    ok: bool
    status: int | None
    error: str | None


class WebhookSender:
    """Holds one HTTP client per host name, so that keep-alive connections are reused but a
    connection made (and TLS-verified) for one name never carries another's requests."""

    def __init__(self, allowed_networks: list[str]) -> None:
        self.allowed = ssrf.networks(allowed_networks)
        self._clients: dict[str, httpx.AsyncClient] = {}

    def _client(self, host: str) -> httpx.AsyncClient:
        client = self._clients.get(host)
        if client is None:
            if len(self._clients) > 256:
                # Many endpoints come and go: start over rather than keep every pool forever.
                for old in list(self._clients.values()):
                    asyncio.get_running_loop().create_task(old.aclose())
                self._clients.clear()
            client = httpx.AsyncClient(
                follow_redirects=False,
                timeout=httpx.Timeout(TIMEOUT_SECONDS),
                limits=httpx.Limits(max_connections=64, max_keepalive_connections=64),
                trust_env=False,
            )
            self._clients[host] = client
        return client

    async def close(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    async def send(self, *, url: str, secret: str, message_id: str, body: bytes) -> Attempt:
        try:
            ip = await ssrf.allowed_address(url, self.allowed)
        except errors.BadRequest as exc:
            return Attempt(False, None, f"refused: {exc.detail}")
        parts = urlsplit(url)
        host = parts.hostname or ""
        netloc = f"[{ip}]" if isinstance(ip, ipaddress.IPv6Address) else str(ip)
        if parts.port:
            netloc += f":{parts.port}"
        pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        host_header = host if parts.port is None else f"{host}:{parts.port}"
        if ":" in host and parts.port is None:
            host_header = f"[{host}]"
        elif ":" in host:
            host_header = f"[{host}]:{parts.port}"
        timestamp = int(time.time())
        headers = {
            "Host": host_header,
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "webhook-id": message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(secret, message_id, timestamp, body),
        }
        extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
        try:
            async with asyncio.timeout(TIMEOUT_SECONDS):
                request = self._client(host).build_request(
                    "POST", pinned, content=body, headers=headers, extensions=extensions
                )
                response = await self._client(host).send(request, stream=True)
                try:
                    read = 0
                    async for chunk in response.aiter_raw():
                        read += len(chunk)
                        if read >= MAX_RESPONSE_BYTES:
                            break
                finally:
                    await response.aclose()
        except TimeoutError:
            return Attempt(False, None, f"no answer within {TIMEOUT_SECONDS:g} s")
        except httpx.HTTPError as exc:
            return Attempt(False, None, f"{type(exc).__name__}: {exc}"[:300] or "HTTP error")
        except OSError as exc:
            return Attempt(False, None, f"{type(exc).__name__}: {exc}"[:300])
        status = response.status_code
        if 200 <= status < 300:
            return Attempt(True, status, None)
        if 300 <= status < 400:
            return Attempt(False, status, f"HTTP {status}: redirects are not followed")
        return Attempt(False, status, f"HTTP {status}")
