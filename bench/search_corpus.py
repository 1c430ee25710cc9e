#!/usr/bin/env python3
"""bench/search_corpus.py: fill a praxis database with synthetic threads and posts whose
words follow the word frequencies of real Stack Exchange posts (the beer and conlang dumps),
so search benchmarks hit realistic numbers of documents. Used by bench/search.sh.

  search_corpus.py sqlite PATH.db --posts N [--seed S]     insert through python's sqlite3
  search_corpus.py pg DIR --posts N [--seed S]            write DIR/{threads,posts,tags}.tsv
                                                          for psql COPY (ids from 1e9 up)
  search_corpus.py sqlite PATH.db --overhead 10000        time inserting N posts with and
                                                          without the search triggers
                                                          (each in a rolled-back transaction)

Threads go round-robin over the communities already in the database (praxis demo
--generate --threads 0 made them), authored by random existing users; 40% of threads are
discussions; each thread has 0-4 replies (2.5 posts per thread on average); half the
answered questions have an accepted answer. Inserting into posts fires the search triggers
of migration 0006, so the SQLite load time includes keeping the index.
"""
import html
import os
import random
import re
import sys
import time
from collections import Counter

DUMPS = os.environ.get(
    "SE_DUMPS",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data",
                 "stackexchange"))
TAGS = ["yeast", "hops", "bottling", "fermentation", "water", "grammar", "phonology",
        "history", "recipes", "equipment", "morphology", "lager", "ipa", "stout", "cider"]


def vocabulary():
    words = Counter()
    row = re.compile(r'<row [^>]*?(?:Title="([^"]*)")?[^>]*?Body="([^"]*)"')
    for site in ("beer", "conlang"):
        path = os.path.join(DUMPS, site, "Posts.xml")
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.search(r'Body="([^"]*)"', line)
                if not m:
                    continue
                text = html.unescape(m.group(1))
                t = re.search(r'Title="([^"]*)"', line)
                if t:
                    text += " " + html.unescape(t.group(1))
                text = re.sub(r"<[^>]+>", " ", text)
                words.update(w.lower() for w in re.findall(r"[A-Za-z\u00c0-\u024f']{2,}", text))
    del row
    return [w for w, _ in words.most_common(40000)], [c for _, c in words.most_common(40000)]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        vocab, weights = vocabulary()
        self.pool = self.r.choices(vocab, weights=weights, k=2_000_000)

    def words(self, n):
        i = self.r.randrange(len(self.pool) - n)
        return " ".join(self.pool[i:i + n])

    def title(self):
        t = self.words(self.r.randint(5, 11))
        return t[0].upper() + t[1:] + ("?" if self.r.random() < 0.6 else "")

    def body(self):
        return self.words(self.r.randint(25, 140))


def plan(g, nposts, comms, users, now):
    """Yield (thread row, [post rows], tags) until nposts posts are made."""
    made = 0
    k = 0
    while made < nposts:
        kind = "discussion" if g.r.random() < 0.4 else "question"
        nrep = min(g.r.choice([0, 0, 1, 1, 2, 2, 3, 4, 2, 1]), nposts - made - 1)
        created = now - g.r.randrange(2 * 365 * 86400)
        author = g.r.choice(users)
        posts = [(1, author, g.body(), created)]
        for p in range(nrep):
            posts.append((p + 2, g.r.choice(users), g.body(), created + g.r.randrange(1, 86400 * 30)))
        accepted = kind == "question" and nrep and g.r.random() < 0.5
        tags = sorted(set(g.r.sample(TAGS, g.r.randint(0, 3))))
        yield (comms[k % len(comms)], kind, g.title(), " ".join(tags), author, created,
               max(p[3] for p in posts)), posts, tags, accepted
        made += len(posts)
        k += 1


def load_sqlite(path, nposts, seed):
    import sqlite3
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    comms = [r[0] for r in db.execute("SELECT id FROM communities ORDER BY id")]
    users = [r[0] for r in db.execute("SELECT id FROM users ORDER BY id")]
    g = Gen(seed)
    t0 = time.time()
    db.execute("BEGIN IMMEDIATE")
    n = 0
    for th, posts, tags, accepted in plan(g, nposts, comms, users, int(time.time())):
        tid = db.execute(
            "INSERT INTO threads (community_id, kind, title, tags, author_id, created_at, "
            "last_activity_at, post_count, reply_count, answer_count) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "RETURNING id",
            th + (len(posts), len(posts) - 1, len(posts) - 1 if th[1] == "question" else 0)).fetchone()[0]
        last = None
        for pos, author, body, created in posts:
            last = db.execute(
                "INSERT INTO posts (thread_id, position, author_id, body_md, body_html, created_at) "
                "VALUES (?,?,?,?,?,?) RETURNING id",
                (tid, pos, author, body, "<p>" + body + "</p>", created)).fetchone()[0]
        db.execute("UPDATE threads SET last_post_id = ?, accepted_post_id = ? WHERE id = ?",
                   (last, last if accepted else None, tid))
        db.executemany("INSERT INTO thread_tags (thread_id, tag) VALUES (?, ?)", [(tid, t) for t in tags])
        n += len(posts)
        if n % 50000 < len(posts):
            db.execute("COMMIT")
            sys.stderr.write("\r%d posts, %.0f s" % (n, time.time() - t0))
            db.execute("BEGIN IMMEDIATE")
    db.execute("COMMIT")
    sys.stderr.write("\n")
    print("loaded %d posts in %.1f s (%.0f posts/s, search triggers on)" % (n, time.time() - t0, n / (time.time() - t0)))


def overhead_sqlite(path, nposts, seed):
    import sqlite3
    db = sqlite3.connect(path, isolation_level=None)
    comms = [r[0] for r in db.execute("SELECT id FROM communities ORDER BY id")]
    users = [r[0] for r in db.execute("SELECT id FROM users ORDER BY id")]
    triggers = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'")]
    g = Gen(seed)
    rows = list(plan(g, nposts, comms, users, int(time.time())))
    out = {}
    for mode in ("with", "without"):
        db.execute("BEGIN IMMEDIATE")
        if mode == "without":
            for t in triggers:
                db.execute('DROP TRIGGER "%s"' % t)
        t0 = time.time()
        for th, posts, tags, accepted in rows:
            tid = db.execute(
                "INSERT INTO threads (community_id, kind, title, tags, author_id, created_at, "
                "last_activity_at) VALUES (?,?,?,?,?,?,?) RETURNING id", th).fetchone()[0]
            for pos, author, body, created in posts:
                db.execute("INSERT INTO posts (thread_id, position, author_id, body_md, body_html, "
                           "created_at) VALUES (?,?,?,?,?,?)", (tid, pos, author, body, body, created))
        out[mode] = time.time() - t0
        db.execute("ROLLBACK")
    n = sum(len(p) for _, p, _, _ in rows)
    print("insert %d posts: %.2f s with the search triggers, %.2f s without (x%.2f)"
          % (n, out["with"], out["without"], out["with"] / out["without"]))


def write_pg(d, nposts, seed, base_thread=1_000_000_000, base_post=1_000_000_000):
    """TSV for COPY; community and user ids are read from files comms.txt / users.txt in d."""
    comms = [int(x) for x in open(os.path.join(d, "comms.txt")).read().split()]
    users = [int(x) for x in open(os.path.join(d, "users.txt")).read().split()]
    g = Gen(seed)
    esc = lambda s: s.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")
    tid, pid = base_thread, base_post
    with open(os.path.join(d, "threads.tsv"), "w") as ft, open(os.path.join(d, "posts.tsv"), "w") as fp, \
            open(os.path.join(d, "tags.tsv"), "w") as fg:
        for th, posts, tags, accepted in plan(g, nposts, comms, users, int(time.time())):
            tid += 1
            first = pid + 1
            for pos, author, body, created in posts:
                pid += 1
                fp.write("%d\t%d\t%d\t%d\t%s\t%s\t%d\n" % (pid, tid, pos, author, esc(body), esc(body), created))
            nrep = len(posts) - 1
            ft.write("%d\t%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n" % (
                tid, th[0], th[1], esc(th[2]), th[3], th[4], th[5], th[6], pid, len(posts), nrep,
                nrep if th[1] == "question" else 0, str(pid) if accepted else "\\N"))
            for t in tags:
                fg.write("%d\t%s\n" % (tid, t))
            del first
    print("wrote %d threads, %d posts" % (tid - base_thread, pid - base_post))


def main():
    a = sys.argv[1:]
    if len(a) < 3:
        sys.exit(__doc__)
    seed = int(a[a.index("--seed") + 1]) if "--seed" in a else 1
    if "--overhead" in a:
        overhead_sqlite(a[1], int(a[a.index("--overhead") + 1]), seed)
    elif a[0] == "sqlite":
        load_sqlite(a[1], int(a[a.index("--posts") + 1]), seed)
    else:
        write_pg(a[1], int(a[a.index("--posts") + 1]), seed)


if __name__ == "__main__":
    main()
