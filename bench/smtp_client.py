#!/usr/bin/python3
"""bench/mail.sh's reference client (not a test): send N copies of a ~2 KB message to an
SMTP server with Python's smtplib, either over one connection (--reuse) or one connection
per message, and print "MESSAGES SECONDS". Measures the sink alone, without Praxis.

    bench/smtp_client.py --port PORT -n N [--reuse]
"""
import argparse
import smtplib
import time
from email import policy
from email.message import EmailMessage


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--port', type=int, required=True)
    ap.add_argument('-n', type=int, default=1000)
    ap.add_argument('--reuse', action='store_true')
    a = ap.parse_args()
    m = EmailMessage()
    m['From'] = 'bench@localhost'
    m['To'] = 'member@example.org'
    m['Subject'] = '[Bench] Weekly digest: 5 new questions in Beer'
    m.set_content('A line of a digest, long enough to be typical.\n' * 40)
    raw = m.as_bytes(policy=policy.SMTP)
    t0 = time.monotonic()
    if a.reuse:
        with smtplib.SMTP('127.0.0.1', a.port) as s:
            for _ in range(a.n):
                s.sendmail('bench@localhost', ['member@example.org'], raw)
    else:
        for _ in range(a.n):
            with smtplib.SMTP('127.0.0.1', a.port) as s:
                s.sendmail('bench@localhost', ['member@example.org'], raw)
    print(a.n, '%.3f' % (time.monotonic() - t0))


if __name__ == '__main__':
    main()
