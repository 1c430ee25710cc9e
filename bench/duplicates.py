#!/usr/bin/env python3
"""bench/duplicates.py: recall@10 of similar questions against Stack Exchange's own duplicate
links (PostLinks LinkTypeId=3), for docs/evaluation.md ("Duplicates").

  bench/duplicates.py [--praxis build/praxis] [--backend sqlite|pg] [SITE ...]

For each SITE (default: beer conlang, read from $SE_DUMPS or
shared/data/stackexchange beside the repository)
the dump is imported into a fresh database (`praxis import stackexchange DIR --community
SITE`), which keeps duplicate links as thread_links(kind = 'duplicate'): thread_id is the
question closed as a duplicate, target_id the original. `praxis serve` is started and, for
every pair, the question's title is sent to GET /api/v1/communities/SITE/similar?title=
&exclude=ID (the same call the compose page makes while a title is typed), and again with
body= (the first 1000 characters of the question, as the compose page sends once a body is
typed): a hit is the original among the 10 threads returned. Printed per site: pairs,
hits@1, @5, @10 (recall@10), MRR.

The same pairs are scored with the previous implementation (before the search index):
lower-cased title LIKE '%word%' for up to 5 words of 4+ letters that are not stop words,
ranked by words matched then recency, among the newest 2000 threads), re-implemented here
in SQL on the SQLite database, as a baseline.
"""
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

DUMPS = os.environ.get(
    "SE_DUMPS",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data",
                 "stackexchange"))
OLD_STOP = set("""about after also been being could does doing from have into just like more most
much only other over same should some such than that their them then there these they this
what when where which while with would your""".split())


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.loads(r.read())


def old_similar(db, cid, title, exclude):
    """The LIKE-on-titles query that thread_db_similar ran before the index."""
    words = []
    for w in re.findall(r"[A-Za-z0-9\x80-\U0010ffff]+", title):
        w = w.lower()
        if len(w) >= 4 and w not in OLD_STOP and w not in words:
            words.append(w)
        if len(words) == 5:
            break
    if not words:
        return []
    pats = ["%" + w + "%" for w in words] + [""] * (5 - len(words))
    match = " + ".join("(CASE WHEN ?%d <> '' AND lower(t.title) LIKE ?%d THEN 1 ELSE 0 END)" % (i + 1, i + 1)
                       for i in range(5))
    sql = ("SELECT t.id FROM threads t WHERE t.id IN (SELECT id FROM threads WHERE deleted_at IS NULL "
           "AND community_id = ?6 ORDER BY last_activity_at DESC LIMIT 2000) AND t.id <> ?7 AND (%s) > 0 "
           "ORDER BY (%s) DESC, t.last_activity_at DESC, t.id DESC LIMIT 10") % (match, match)
    return [r[0] for r in db.execute(sql, pats + [cid, exclude])]


def score(ranks, n):
    at = lambda k: sum(1 for r in ranks if r and r <= k)
    mrr = sum(1.0 / r for r in ranks if r) / n if n else 0
    return at(1), at(5), at(10), mrr


def main():
    a = sys.argv[1:]
    praxis = os.path.abspath(a[a.index("--praxis") + 1]) if "--praxis" in a else os.path.abspath("build/praxis")
    backend = a[a.index("--backend") + 1] if "--backend" in a else "sqlite"
    sites = [x for i, x in enumerate(a) if not x.startswith("--") and (i == 0 or a[i - 1] not in ("--praxis", "--backend"))] or ["beer", "conlang"]
    tmp = tempfile.mkdtemp(prefix="praxis-dups.")
    rows = []
    try:
        for site in sites:
            if backend == "sqlite":
                path = os.path.join(tmp, site + ".db")
                url = "sqlite:" + path
            else:
                name = "praxis_dups_" + site
                subprocess.run(["scripts/pg.sh", "dropdb", name], capture_output=True)
                subprocess.run(["scripts/pg.sh", "createdb", name], check=True, capture_output=True)
                url = subprocess.run(["scripts/pg.sh", "url", name], check=True, capture_output=True,
                                     text=True).stdout.strip()
            t0 = time.time()
            r = subprocess.run([praxis, "import", "stackexchange", os.path.join(DUMPS, site), "--community", site,
                                "--db", url], capture_output=True, text=True)
            if r.returncode:
                sys.exit("import failed: " + r.stderr[-2000:])
            imp = time.time() - t0
            q = ("SELECT l.thread_id, l.target_id, t.title, t.community_id FROM thread_links l "
                 "JOIN threads t ON t.id = l.thread_id JOIN threads o ON o.id = l.target_id "
                 "WHERE l.kind = 'duplicate' AND t.deleted_at IS NULL AND o.deleted_at IS NULL "
                 "ORDER BY l.thread_id, l.target_id")
            if backend == "sqlite":
                pairs = sqlite3.connect(path).execute(q).fetchall()
            else:
                out = subprocess.run(["psql", url, "-qAt", "-F", "\x1f", "-c", q], check=True, capture_output=True,
                                     text=True).stdout
                pairs = [tuple(int(x) if i != 2 else x for i, x in enumerate(l.split("\x1f")))
                         for l in out.splitlines() if l]
            port = free_port()
            srv = subprocess.Popen([praxis, "serve", "--listen", "127.0.0.1:%d" % port, "--threads", "2", "--db", url],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                for _ in range(100):
                    try:
                        urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=1)
                        break
                    except Exception:
                        time.sleep(0.1)
                new_ranks, old_ranks = [], []
                db = sqlite3.connect(path) if backend == "sqlite" else None
                t1 = time.time()
                body_ranks = []
                for dup, orig, title, cid in pairs:
                    j = get("http://127.0.0.1:%d/api/v1/communities/%s/similar?%s" % (
                        port, site, urllib.parse.urlencode({"title": title, "exclude": dup})))
                    ids = [t["id"] for t in j["threads"]]
                    new_ranks.append(ids.index(orig) + 1 if orig in ids else 0)
                    op = get("http://127.0.0.1:%d/api/v1/threads/%d" % (port, dup))["posts"][0]["body_md"] or ""
                    j = get("http://127.0.0.1:%d/api/v1/communities/%s/similar?%s" % (
                        port, site, urllib.parse.urlencode({"title": title, "body": op[:1000], "exclude": dup})))
                    ids = [t["id"] for t in j["threads"]]
                    body_ranks.append(ids.index(orig) + 1 if orig in ids else 0)
                    if db:
                        old = old_similar(db, cid, title, dup)
                        old_ranks.append(old.index(orig) + 1 if orig in old else 0)
                per = (time.time() - t1) / max(len(pairs), 1) * 1000
            finally:
                srv.terminate()
                srv.wait()
            n = len(pairs)
            rows.append((site, backend, "search index, title", n) + score(new_ranks, n) + (imp, per))
            rows.append((site, backend, "search index, title + body", n) + score(body_ranks, n) + (imp, None))
            if old_ranks:
                rows.append((site, backend, "before (LIKE on titles)", n) + score(old_ranks, n) + (imp, None))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("| site | backend | similar questions | pairs | @1 | @5 | recall@10 | MRR |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for site, be, what, n, h1, h5, h10, mrr, imp, per in rows:
        pct = lambda h: "%d (%.0f%%)" % (h, 100.0 * h / n) if n else "0"
        print("| %s | %s | %s | %d | %s | %s | %s | %.2f |" % (site, be, what, n, pct(h1), pct(h5), pct(h10), mrr))
    for site, be, what, n, *_rest, imp, per in rows:
        if per is not None:
            print("%s (%s): import %.1f s; %.1f ms per similar request (sequential, HTTP)" % (site, be, imp, per))


if __name__ == "__main__":
    main()
