#!/usr/bin/python3
"""A real SMTP server for the tests: accepts every message on loopback and writes each one
to DIR as NNNN.eml (the message bytes as received) and its envelope (MAIL FROM, then the
RCPT TO list) to NNNN.env, so a test can count and parse them. Debian's python3-aiosmtpd;
no pip.

    tests/smtp_sink.py --port PORT --dir DIR

Prints "ready PORT" on stdout once it listens. Exits on SIGTERM/SIGINT.
"""
import argparse
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode('utf-8')
        n = len([f for f in os.listdir(self.folder) if f.endswith('.eml')]) + 1
        tmp = os.path.join(self.folder, '%04d.tmp' % n)
        with open(tmp, 'wb') as f:
            f.write(data)
        # written whole, then renamed: a reader never sees half a message
        os.rename(tmp, os.path.join(self.folder, '%04d.eml' % n))
        with open(os.path.join(self.folder, '%04d.env' % n), 'w') as f:
            f.write('%s\n%s\n' % (envelope.mail_from, ','.join(envelope.rcpt_tos)))
        return '250 OK'


def main():
    ap = argparse.ArgumentParser(description='SMTP sink for tests')
    ap.add_argument('--port', type=int, required=True)
    ap.add_argument('--dir', required=True)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    ctl = Controller(Sink(args.dir), hostname='127.0.0.1', port=args.port)
    ctl.start()
    print('ready %d' % args.port, flush=True)
    def done(*_):
        ctl.stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, done)
    signal.signal(signal.SIGINT, done)
    while True:
        signal.pause()


if __name__ == '__main__':
    main()
