#!/usr/bin/python3
"""A real SMTP server for the integration tests (tests/integration/support/smtp.mjs):
Debian's aiosmtpd on 127.0.0.1, storing each message it takes as one JSON file
in the outbox folder, named by arrival order (000001.json, ...):
  {"mail_from", "rcpt_tos", "to", "subject", "text", "html", "raw"}
with the headers decoded (RFC 2047) and the parts decoded (base64, QP) by
Python's email package, so a test reads what a mail client would show.

Usage: smtp_server.py --dir DIR [--port N] [--tls-cert PEM --tls-key PEM]
       [--reject-rcpt CODE]
Prints "smtp listening on smtp://127.0.0.1:PORT" (smtps:// with --tls-cert:
TLS from the first byte) once it accepts connections. --reject-rcpt answers
every RCPT with that code (e.g. 550), for the tests of permanent refusals.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import ssl

from aiosmtpd.smtp import SMTP


class Store:
    def __init__(self, directory, reject_rcpt):
        self.directory = directory
        self.reject_rcpt = reject_rcpt

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_rcpt:
            return f"{self.reject_rcpt} 5.1.1 mailbox unavailable (test)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "to": str(msg.get("To", "")),
            "from": str(msg.get("From", "")),
            "subject": str(msg.get("Subject", "")),
            "date": str(msg.get("Date", "")),
            "message_id": str(msg.get("Message-ID", "")),
            "text": text.get_content() if text is not None else "",
            "html": html.get_content() if html is not None else "",
            "raw": raw.decode("utf-8", "replace"),
        }
        count = len([n for n in os.listdir(self.directory) if n.endswith(".json")])
        final = os.path.join(self.directory, f"{count + 1:06d}.json")
        # Written whole, then renamed: a test polling the folder never reads half a message.
        with open(final + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.rename(final + ".tmp", final)
        return "250 Message accepted for delivery"


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--reject-rcpt")
    args = p.parse_args()

    tls = None
    if args.tls_cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.tls_cert, args.tls_key)
    handler = Store(args.dir, args.reject_rcpt)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp.test", ident="test SMTP"),
        host="127.0.0.1", port=args.port, ssl=tls, reuse_address=True)
    port = server.sockets[0].getsockname()[1]
    scheme = "smtps" if tls else "smtp"
    print(f"smtp listening on {scheme}://127.0.0.1:{port}", flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


asyncio.run(main())
