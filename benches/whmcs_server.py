#!/usr/bin/env python3
"""A loopback stand-in for the WHMCS API, so the benchmark can time `whmcs sync`:
GetClientsProducts over N services (IDs as numeric strings, as some WHMCS versions
send them), paged by limitstart/limitnum. Every tenth service is Suspended.
Usage: whmcs_server.py PORT SERVICES"""
import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, COUNT = int(sys.argv[1]), int(sys.argv[2])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        start = int(form.get("limitstart", ["0"])[0])
        limit = int(form.get("limitnum", ["25"])[0])
        page = [
            {"id": str(i), "clientid": str(1 + i % 5000), "pid": "1", "status": "Suspended" if i % 10 == 0 else "Active",
             "name": "VPS", "domain": "", "username": "root", "password": "not-a-real-password"}
            for i in range(start + 1, min(start + limit, COUNT) + 1)
        ]
        body = json.dumps({"result": "success", "totalresults": str(COUNT), "startnumber": start,
                           "numreturned": len(page), "products": {"product": page} if page else ""}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
