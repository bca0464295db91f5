#!/usr/bin/env python3
"""The crawl benchmark's slow origin: every request is answered after a fixed delay.

    slow_server.py PORT [DELAY_S]

Listens on 127.0.0.1:PORT; reads a request's head, waits DELAY_S (default 2), answers 200
with a small HTML page and closes. Thousands of requests wait at once (one coroutine each),
so a crawl's concurrency, not this server, decides how many are in flight.
"""
import asyncio
import sys

PAGE = b"<html><head><title>slow</title></head><body><p>answered late</p></body></html>"
HEAD_LIMIT = 64 * 1024


async def answer(reader, writer, delay):
    try:
        await reader.readuntil(b"\r\n\r\n")
        await asyncio.sleep(delay)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
                     b"Content-Length: " + str(len(PAGE)).encode() + b"\r\n\r\n" + PAGE)
        await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass  # the client went away: nothing to answer
    finally:
        writer.close()


async def main():
    port = int(sys.argv[1])
    delay = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    server = await asyncio.start_server(lambda r, w: answer(r, w, delay), "127.0.0.1", port,
                                        backlog=4096, limit=HEAD_LIMIT)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
