#!/usr/bin/env python3
"""An HTTP server for readiness and health checks: serves 127.0.0.1:PORT once the
--gate file exists; GET /health answers 200, or 500 while the --fail-when file
exists; anything else 404."""
import argparse
import http.server
import os

import gate

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("--gate")
parser.add_argument("--fail-when")
args = parser.parse_args()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/health":
            status = 404
        elif args.fail_when and os.path.exists(args.fail_when):
            status = 500
        else:
            status = 200
        body = b"status %d\n" % status
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *arguments):
        pass


if args.gate:
    gate.wait_for_file(args.gate)
server = http.server.HTTPServer(("127.0.0.1", args.port), Handler)
print("serving on %d" % args.port, flush=True)
server.serve_forever()
