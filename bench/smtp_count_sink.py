#!/usr/bin/python3
"""A fast SMTP sink for bench/mail.sh (not a test): Debian's python3-aiosmtpd on loopback,
accepting every message and only counting it (no disk writes, unlike tests/smtp_sink.py,
which lists its folder per message). Prints "ready PORT" once it listens; writes the count
to COUNTFILE after every message; exits on SIGTERM/SIGINT.

    bench/smtp_count_sink.py --port PORT --count COUNTFILE
"""
import argparse
import signal
import threading

from aiosmtpd.controller import Controller


class Count:
    def __init__(self, path):
        self.path = path
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        with open(self.path, 'w') as f:
            f.write('%d\n' % self.n)
        return '250 OK'


def main():
    ap = argparse.ArgumentParser(description='counting SMTP sink for benchmarks')
    ap.add_argument('--port', type=int, required=True)
    ap.add_argument('--count', required=True)
    a = ap.parse_args()
    ctl = Controller(Count(a.count), hostname='127.0.0.1', port=a.port)
    ctl.start()
    print('ready', a.port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    ctl.stop()


if __name__ == '__main__':
    main()
