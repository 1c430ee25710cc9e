#!/usr/bin/env python3
"""Write a synthetic Stack Exchange dump (deterministic for given arguments).

    python3 bench/gen_sedump.py OUTDIR POSTS [--seed N]

OUTDIR gets Users.xml, Tags.xml, Posts.xml, PostHistory.xml, Comments.xml, Votes.xml and
PostLinks.xml in the format of the public data dump: a quarter of the posts are questions,
the rest answers to earlier questions; each post has one or two body revisions, a title row
for questions, about one comment in two posts, a few votes, closed questions and links.
Used by bench/import.sh (1M posts) and tests/http/import.test.mjs (resume after kill -9).
Streams its output, so memory stays small for any POSTS.
"""
import os
import random
import sys
from xml.sax.saxutils import quoteattr

WORDS = ("malt hop yeast lager ale stout porter barrel cask keg bottle brew ferment mash "
         "wort boil chill pitch gravity bitter sweet sour dry crisp hazy amber pale dark "
         "wheat rye oat smoke oak cherry citrus pine resin bread caramel coffee cocoa").split()


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def date(i):
    # one post every 37 s from 2015-01-01, as the dump writes dates
    t = 1420070400 + i * 37
    days, rem = divmod(t, 86400)
    # civil from days (Howard Hinnant)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    y += m <= 2
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03d" % (y, m, d, rem // 3600, rem // 60 % 60,
                                                   rem % 60, i % 1000)


def row(f, **attrs):
    f.write("  <row " + " ".join("%s=%s" % (k, quoteattr(str(v))) for k, v in attrs.items())
            + " />\n")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, posts = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    users = max(10, posts // 5)
    ntags = 40

    def open_xml(name, root):
        f = open(os.path.join(out, name), "w", encoding="utf-8", newline="\n")
        f.write('\ufeff<?xml version="1.0" encoding="utf-8"?>\n<%s>\n' % root)
        return f

    def close_xml(f, root):
        f.write("</%s>\n" % root)
        f.close()

    f = open_xml("Users.xml", "users")
    for u in range(1, users + 1):
        row(f, Id=u, Reputation=rng.randint(1, 5000), CreationDate=date(u - users),
            DisplayName="User %d" % u, LastAccessDate=date(u), AccountId=u + 1000)
    close_xml(f, "users")

    f = open_xml("Tags.xml", "tags")
    for t in range(1, ntags + 1):
        row(f, Id=t, TagName="%s-%d" % (WORDS[t % len(WORDS)], t), Count=posts // ntags)
    close_xml(f, "tags")

    fp = open_xml("Posts.xml", "posts")
    fh = open_xml("PostHistory.xml", "posthistory")
    fc = open_xml("Comments.xml", "comments")
    fv = open_xml("Votes.xml", "votes")
    fl = open_xml("PostLinks.xml", "postlinks")
    questions = []
    hid = cid = vid = lid = 0
    force_parent = 0  # the next post answers this question (its accepted answer)
    for i in range(1, posts + 1):
        owner = rng.randint(1, users)
        body = text(rng, rng.randint(20, 120))
        score = rng.randint(-2, 30)
        lic = "CC BY-SA 4.0"
        is_q = not force_parent and (not questions or rng.random() < 0.25)
        if is_q:
            title = "How do I %s the %s?" % (rng.choice(WORDS), text(rng, 4))
            tags = "".join("<%s-%d>" % (WORDS[t % len(WORDS)], t)
                           for t in sorted(rng.sample(range(1, ntags + 1), 3)))
            attrs = dict(Id=i, PostTypeId=1, CreationDate=date(i), Score=score, ViewCount=10,
                         Body="<p>%s</p>\n" % body, OwnerUserId=owner, LastActivityDate=date(i),
                         Title=title, Tags=tags, AnswerCount=0, CommentCount=0,
                         ContentLicense=lic)
            if i % 50 == 0:
                attrs["ClosedDate"] = date(i + 1)
            elif i < posts and rng.random() < 0.4:
                attrs["AcceptedAnswerId"] = i + 1
                force_parent = i
            row(fp, **attrs)
            questions.append(i)
            hid += 1
            row(fh, Id=hid, PostHistoryTypeId=1, PostId=i, CreationDate=date(i), UserId=owner,
                Text=title, ContentLicense=lic)
            if i % 50 == 0:
                hid += 1
                row(fh, Id=hid, PostHistoryTypeId=10, PostId=i, CreationDate=date(i + 1),
                    UserId=owner, Comment="103", Text="{}")
        else:
            parent = force_parent or questions[-1 - rng.randrange(min(len(questions), 20))]
            force_parent = 0
            row(fp, Id=i, PostTypeId=2, ParentId=parent, CreationDate=date(i), Score=score,
                Body="<p>%s</p>\n" % body, OwnerUserId=owner, LastActivityDate=date(i),
                CommentCount=0, ContentLicense=lic)
        hid += 1
        row(fh, Id=hid, PostHistoryTypeId=2, PostId=i, CreationDate=date(i), UserId=owner,
            Text="%s\n\n**%s**" % (body, text(rng, 3)), ContentLicense=lic)
        if rng.random() < 0.3:
            hid += 1
            row(fh, Id=hid, PostHistoryTypeId=5, PostId=i, CreationDate=date(i + 2),
                UserId=rng.randint(1, users), Text="%s\n\n*edited*: %s" % (body, text(rng, 5)),
                Comment="clarified", ContentLicense=lic)
        if rng.random() < 0.5:
            cid += 1
            row(fc, Id=cid, PostId=i, Score=0, Text="Have you tried `%s`?" % text(rng, 2),
                CreationDate=date(i + 1), UserId=rng.randint(1, users), ContentLicense=lic)
        for _ in range(rng.randint(0, 3)):
            vid += 1
            row(fv, Id=vid, PostId=i, VoteTypeId=rng.choice((2, 2, 2, 3)),
                CreationDate=date(i)[:10] + "T00:00:00.000")
        if is_q and len(questions) > 5 and rng.random() < 0.05:
            lid += 1
            row(fl, Id=lid, CreationDate=date(i), PostId=i,
                RelatedPostId=questions[rng.randrange(len(questions) - 1)],
                LinkTypeId=rng.choice((1, 3)))
    for fx, root in ((fp, "posts"), (fh, "posthistory"), (fc, "comments"), (fv, "votes"),
                     (fl, "postlinks")):
        close_xml(fx, root)


if __name__ == "__main__":
    main()
