#!/usr/bin/env python3
"""A loopback stand-in for the vendor's licensing server, so the benchmark can put
an Active local key in the cache once. Answers every licence key as Active for the
identity given on the command line. Usage: licensing_server.py PORT SECRET"""
import hashlib
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT, SECRET = int(sys.argv[1]), sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        token = form.get("check_token", [""])[0]
        md5 = hashlib.md5((SECRET + token).encode()).hexdigest()
        body = (
            "<status>Active</status><registeredname>Bench</registeredname>"
            "<productname>NetFlow Manager</productname><nextduedate>2099-01-01</nextduedate>"
            f"<validdomain>{form['domain'][0]}</validdomain><validip>{form['ip'][0]}</validip>"
            f"<validdirectory>{form['dir'][0]}</validdirectory><md5hash>{md5}</md5hash>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
