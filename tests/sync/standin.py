"""A local stand-in of Ofsted's reports site, built from ../shared/docs/ofsted-site.md: a listing of
providers paged by start/rows=100 (a page with no provider links ends it), provider pages whose
publications are `a.publication-link` with a `span.nonvisual` label, and the documents themselves.
It runs on 127.0.0.1 in a thread and logs every request, so that tests can say what was fetched."""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering
    headers: dict[str, str] = field(default_factory=dict)


def page(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{html.escape(title)} - Ofsted</title></head>'
        f'<body><header><a href="/">Ofsted reports</a></header><main id="main">{body}</main>'
        '<footer><a href="/about">About</a></footer></body></html>'
    ).encode()


def listing_page(providers: list[tuple[str, str]], next_href: str | None = None) -> bytes:
    """providers: (href, name as Ofsted writes it)."""
    items = "".join(
        f'<li class="search-result"><h3 class="search-result__title"><a href="{html.escape(href)}">'
        f"{html.escape(name)}</a></h3><p>Local authority children's services</p></li>"
        for href, name in providers
    )
    paging = ""
    if next_href:
        paging = (
            f'<ul class="pagination"><li class="next"><a href="{html.escape(next_href)}">Next</a></li></ul>'
        )
    count = f"<p>{len(providers)} results</p>" if providers else "<p>No results found</p>"
    return page(
        "Search", f'<h1>Find an inspection report</h1>{count}<ul class="results">{items}</ul>{paging}'
    )


def provider_page(name: str, publications: list[tuple[str, str]]) -> bytes:
    """publications: (href, the nonvisual label), newest first."""
    if not publications:
        return page(
            name, f"<h1>{html.escape(name)}</h1><p>There are no published reports for this provider.</p>"
        )
    items = "".join(
        f'<li class="publication"><a class="publication-link" href="{html.escape(href)}">'
        f'Download <span class="nonvisual">{html.escape(label)}</span></a></li>'
        for href, label in publications
    )
    return page(name, f'<h1>{html.escape(name)}</h1><h2>Reports</h2><ul class="publications">{items}</ul>')


class StandIn:
    """The stand-in server. `route(path, *replies)`: the replies to GETs of a path (with its query,
    or the path alone), one per request, the last repeated; `listing(pages)` serves the pages of
    the listing by `start`."""

    def __init__(self):
        self.routes: dict[str, list[Reply]] = {}
        self.listing_pages: list[bytes] = []
        self.log: list[str] = []
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.server.server_address[1]}{path}"

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def document(self, path: str, data: bytes, content_type: str = "application/pdf") -> None:
        self.route(path, Reply(data, content_type=content_type))

    def listing(self, *pages: bytes) -> None:
        self.listing_pages = list(pages)

    def requested(self, prefix: str) -> list[str]:
        return [path for path in self.log if path.startswith(prefix)]

    def start(self) -> StandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _reply(self, target: str) -> Reply:
        with self._lock:
            self.log.append(target)
            parts = urlsplit(target)
            if parts.path == "/search" and not ({target, parts.path} & self.routes.keys()):
                start = int(parse_qs(parts.query).get("start", ["0"])[0])
                index = start // 100
                pages = self.listing_pages
                return Reply(pages[index] if index < len(pages) else listing_page([]))
            replies = self.routes.get(target) or self.routes.get(parts.path)
            if not replies:
                return Reply(page("Not found", "<h1>Page not found</h1>"), status=404)
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                standin.user_agents.append(self.headers.get("User-Agent", ""))
                reply = standin._reply(self.path)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(reply.body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format, *args):
                pass

        return Handler
