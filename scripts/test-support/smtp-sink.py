#!/usr/bin/python3
"""A real SMTP server on loopback for candor's end-to-end email test (Debian's python3-aiosmtpd).

Usage: smtp-sink.py OUT_DIR
Prints "READY <port>" once it listens on 127.0.0.1, then stores each message it receives as
OUT_DIR/<n>.eml and, parsed by Python's own email package, OUT_DIR/<n>.json (envelope, headers,
MIME parts, parser defects). Runs until its standard input closes.
"""
import asyncio, email, email.policy, json, os, socket, sys, threading
from aiosmtpd.controller import Controller

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
count = 0
lock = threading.Lock()


class Sink:
    async def handle_DATA(self, server, session, envelope):
        global count
        with lock:
            count += 1
            n = count
        raw = envelope.original_content or envelope.content
        with open(os.path.join(out, f"{n}.eml"), "wb") as f:
            f.write(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            body = part.get_content()
            parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                          "encoding": part.get("Content-Transfer-Encoding"), "text": body})
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": sorted(envelope.rcpt_tos),
            "header_names": [k for k, _ in message.items()],
            "from": str(message["From"]),
            "to": [a.addr_spec for a in message["To"].addresses] if message["To"] else [],
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "date": str(message["Date"]),
            "content_type": message.get_content_type(),
            "defects": [str(d) for d in message.defects] + [str(d) for p in message.walk() for d in p.defects],
            "parts": parts,
        }
        with open(os.path.join(out, f"{n}.json"), "w") as f:
            json.dump(summary, f, indent=1, sort_keys=True)
        return "250 Message accepted for delivery"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print(f"READY {port}", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
