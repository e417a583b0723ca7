"""A raw HTTP/1.1 server on 127.0.0.1 for fetch tests, written in a few lines of asyncio.

Tests need to do what real news sites do to us: answer slowly, trickle a body, send no
Content-Type, lie about the charset, never stop sending, compress a bomb. Each route is a
coroutine written by the test; the server counts how often each path was asked for, which is
how retries are checked.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable

Route = Callable[[asyncio.StreamWriter], Awaitable[None]]


class RawServer:
    """An HTTP/1.1 server whose every answer is a coroutine written by the test."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, list[str]] = {}
        self.sent: Counter[str] = Counter()
        self._tasks: set[asyncio.Task[None]] = set()
        self._server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            path = head.split(" ")[1]
            self.hits[path] += 1
            self.headers[path] = head.split("\r\n")[1:]
            route = self.routes.get(path)
            if route is None:
                await respond(writer, 404, b"no such page", "text/plain")
            else:
                await route(writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()


async def respond(
    writer: asyncio.StreamWriter,
    status: int,
    body: bytes = b"",
    content_type: str | None = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    reasons = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found"}
    reasons |= {500: "Internal Server Error", 503: "Service Unavailable"}
    lines = [f"HTTP/1.1 {status} {reasons.get(status, 'Whatever')}", "Connection: close"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    lines.append(f"Content-Length: {len(body)}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
    await writer.drain()


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Ganja</title></head><body>{body}</body></html>"


def serve(server: RawServer, path: str, body: bytes, content_type: str | None) -> str:
    async def route(writer: asyncio.StreamWriter) -> None:
        await respond(writer, 200, body, content_type)

    server.routes[path] = route
    return server.url(path)
