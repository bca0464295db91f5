"""Suspect sites on loopback addresses for the Slurm test: one small HTTP server per address
127.0.0.2, 127.0.0.3, ... all on one port, so every site has its own registrable domain (an
IP address stands for itself) and the shards get different sites. Every page is a function
of the address, the path and the request's Accept-Language only (no clock, no counter), so
a one-process crawl and a sharded crawl are served exactly the same pages.

Three kinds of site, by address: a shop shown only to Japanese visitors (cloaking by
language: geocrawl's built-in `ja-search` vantage asks in Japanese), a shop shown to
everyone, and a harmless page.
"""

import http.server
import socket
import threading

SHOP_JA = ("<html lang=ja><head><title>バイアグラ通販 {host}</title></head><body><h1>バイアグラ</h1>"
           "<p>処方箋不要。バイアグラ 100mg を格安でお届けします。カートに入れる。</p></body></html>")
SHOP_EN = ("<html lang=en><head><title>Cheap pills {host}</title></head><body><h1>Viagra and Cialis</h1>"
           "<p>Buy viagra without prescription. No prescription needed. Add to cart, worldwide shipping.</p>"
           "</body></html>")
CONSTRUCTION = ("<html lang=en><head><title>Under construction</title></head><body>"
                "<p>This site is under construction. Please come back soon.</p></body></html>")
BENIGN = ("<html lang=en><head><title>Garden club {host}</title></head><body>"
          "<p>Meetings every Tuesday at the library. Bring seeds to swap.</p></body></html>")


def page_for(kind, host, path, accept_language):
    if kind == 0:
        body = SHOP_JA if accept_language.startswith("ja") else CONSTRUCTION
    elif kind == 1:
        body = SHOP_EN
    else:
        body = BENIGN
    return body.format(host=f"{host}{path}")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        host = self.server.server_address[0]
        kind = int(host.rsplit(".", 1)[1]) % 3
        body = page_for(kind, host, self.path, self.headers.get("Accept-Language", "")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False


class LoopbackSites:
    """`count` servers on 127.0.0.2 .. 127.0.0.(count+1), one port, each serving / and /shop."""

    PATHS = ("/", "/shop")

    def __init__(self, count):
        self.servers = []
        for attempt in range(20):
            try:
                self._bind(count)
                break
            except OSError:
                self.close()  # the port was taken on one of the addresses: try another
        else:
            raise RuntimeError("no port free on every 127.0.0.x address after 20 attempts")
        for server in self.servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def _bind(self, count):
        first = Server(("127.0.0.2", 0), Handler)
        self.servers.append(first)
        self.port = first.server_address[1]
        for last_octet in range(3, count + 2):
            self.servers.append(Server((f"127.0.0.{last_octet}", self.port), Handler))

    def urls(self):
        return [f"http://{server.server_address[0]}:{self.port}{path}"
                for server in self.servers for path in self.PATHS]

    def close(self):
        for server in self.servers:
            server.server_close()
        self.servers = []

    def shutdown(self):
        for server in self.servers:
            server.shutdown()
        self.close()
