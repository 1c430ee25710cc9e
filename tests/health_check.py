#!/usr/bin/env python3
"""Community health metrics computed straight from a Stack Exchange dump's XML, independently
of Praxis's code (plain python3, standard library only), to check the health report's API
(docs/health.md) exactly.

    python3 tests/health_check.py DUMP_DIR                  print the metrics as JSON
    python3 tests/health_check.py DUMP_DIR --compare FILE   compare with an API answer
                                                            (GET .../health?from=&to= with
                                                            the range printed by the first
                                                            form); exit 1 on any difference

The definitions, restated from docs/health.md for a dump (which has no deleted posts):
- a question is a row with PostTypeId 1 (with a Title); its month is the UTC calendar month
  of its CreationDate (seconds; the fraction is dropped, as the importer does);
- an answer is a row with PostTypeId 2 whose ParentId is a question;
- a post's author is known when its OwnerUserId is a user of Users.xml, else unknown;
- answered: at least one answer whose author is unknown, or whose asker is unknown, or whose
  author is not the asker; the first answer time is the earliest such answer's, in hours
  (seconds / 3600) after the question; median and p90 by nearest rank (value number
  ceil(p/100 * n) of the sorted values), null when no question is answered;
- solved: the question's AcceptedAnswerId names one of its answers;
- tags: the question's tags normalised as the importer does (lower-case a-z, 0-9 and '-';
  c++ -> cpp, c# -> csharp, .net -> dotnet; other characters '-', runs collapsed, ends
  trimmed, at most 30); per tag: questions, answered, solved, questions neither answered nor
  solved, the median first answer time, and the bus factor: the smallest number of people
  who wrote at least half of the tag's accepted answers (an unknown author is one person
  per answer);
- retention: members (known authors) by the month of their first post (question or
  answer); again within N days: their second post is at most N days after the first;
- reciprocity: known askers of questions in the range; how many of them wrote an answer in
  the range to a question of someone else (or of an unknown asker).
"""
import calendar
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

DAY = 86400


def rows(path):
    for _, el in ET.iterparse(path, events=("end",)):
        if el.tag == "row":
            yield dict(el.attrib)
            el.clear()


def seconds(text):
    """ '2018-02-06T20:19:50.957' -> UTC seconds, the fraction dropped."""
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)", text)
    y, mo, d, h, mi, s = (int(x) for x in m.groups())
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0))


def month_of(t):
    g = __import__("time").gmtime(t)
    return "%04d-%02d" % (g.tm_year, g.tm_mon)


def norm_tag(name):
    s = name.lower()
    s = s.replace("c++", "cpp").replace("c#", "csharp").replace(".net", "dotnet")
    out = []
    for ch in s:
        if ("a" <= ch <= "z") or ("0" <= ch <= "9"):
            out.append(ch)
        elif not out or out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:30].strip("-")


def split_tags(value):
    if not value:
        return []
    if value.startswith("|"):
        names = [x for x in value.split("|") if x]
    else:
        names = re.findall(r"<([^>]*)>", value)
    out = []
    for n in names:
        t = norm_tag(n)
        if t and t not in out:
            out.append(t)
    return out


def nearest_rank(values, p):
    v = sorted(values)
    rank = max(1, (p * len(v) + 99) // 100)
    return v[rank - 1]


def bus_factor(authors):
    """authors: one entry per accepted answer, None = unknown (a person of its own)."""
    counts = {}
    solo = 0
    for a in authors:
        if a is None:
            solo += 1
        else:
            counts[a] = counts.get(a, 0) + 1
    ordered = sorted(list(counts.values()) + [1] * solo, reverse=True)
    total, people = 0, 0
    for c in ordered:
        if 2 * total >= len(authors):
            break
        total += c
        people += 1
    return people


def metrics(dump):
    users = {r["Id"] for r in rows(os.path.join(dump, "Users.xml"))}
    questions, answers = {}, []
    for r in rows(os.path.join(dump, "Posts.xml")):
        owner = r.get("OwnerUserId")
        author = owner if owner in users else None
        if r.get("PostTypeId") == "1" and r.get("Title"):
            questions[r["Id"]] = {
                "t": seconds(r["CreationDate"]), "author": author,
                "accepted": r.get("AcceptedAnswerId"), "tags": split_tags(r.get("Tags", "")),
                "answers": [],
            }
        elif r.get("PostTypeId") == "2":
            answers.append({"id": r["Id"], "parent": r.get("ParentId"),
                            "t": seconds(r["CreationDate"]), "author": author})
    answers = [a for a in answers if a["parent"] in questions]
    for a in answers:
        questions[a["parent"]]["answers"].append(a)

    for q in questions.values():
        others = [a["t"] for a in q["answers"]
                  if q["author"] is None or a["author"] is None or a["author"] != q["author"]]
        q["first"] = min(others) if others else None
        acc = [a for a in q["answers"] if a["id"] == q["accepted"]]
        q["solved"] = bool(acc)
        q["acc_author"] = acc[0]["author"] if acc else None

    posts = [(q["t"], q["author"]) for q in questions.values()] + \
            [(a["t"], a["author"]) for a in answers]
    times = sorted(t for t, _ in posts)
    first_month, last_month = month_of(times[0]), month_of(times[-1])
    y, m = int(last_month[:4]), int(last_month[5:])
    last_day = calendar.monthrange(y, m)[1]

    # every month of the range, empty ones too
    months = []
    y, m = int(first_month[:4]), int(first_month[5:])
    while "%04d-%02d" % (y, m) <= last_month:
        months.append("%04d-%02d" % (y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)

    def row(qs):
        delays = [(q["first"] - q["t"]) / 3600.0 for q in qs if q["first"] is not None]
        return {
            "questions": len(qs),
            "answered": len(delays),
            "solved": sum(1 for q in qs if q["solved"]),
            "first_answer_median_h": nearest_rank(delays, 50) if delays else None,
            "first_answer_p90_h": nearest_rank(delays, 90) if delays else None,
        }

    by_month = {mo: [] for mo in months}
    for q in questions.values():
        by_month[month_of(q["t"])].append(q)
    out_months = [dict(month=mo, **row(by_month[mo])) for mo in months]

    by_tag = {}
    for q in questions.values():
        for t in q["tags"]:
            by_tag.setdefault(t, []).append(q)
    out_tags = {}
    for t, qs in by_tag.items():
        r = row(qs)
        out_tags[t] = {
            "questions": r["questions"], "answered": r["answered"], "solved": r["solved"],
            "open_unanswered": sum(1 for q in qs if q["first"] is None and not q["solved"]),
            "first_answer_median_h": r["first_answer_median_h"],
            "bus_factor": bus_factor([q["acc_author"] for q in qs if q["solved"]]),
        }

    per_user = {}
    for t, a in posts:
        if a is not None:
            per_user.setdefault(a, []).append(t)
    retention = {mo: [0, 0, 0] for mo in months}
    for ts in per_user.values():
        ts.sort()
        r = retention[month_of(ts[0])]
        r[0] += 1
        if len(ts) > 1 and ts[1] <= ts[0] + 30 * DAY:
            r[1] += 1
        if len(ts) > 1 and ts[1] <= ts[0] + 90 * DAY:
            r[2] += 1

    askers = {q["author"] for q in questions.values() if q["author"] is not None}
    also = set()
    for a in answers:
        q = questions[a["parent"]]
        if a["author"] in askers and (q["author"] is None or q["author"] != a["author"]):
            also.add(a["author"])

    return {
        "from": first_month + "-01",
        "to": "%s-%02d" % (last_month, last_day),
        "months": out_months,
        "total": row(list(questions.values())),
        "tags": out_tags,
        "retention": [[mo] + retention[mo] for mo in months],
        "reciprocity": {"askers": len(askers), "also_answered": len(also)},
    }


def compare(mine, api):
    """Lines describing each difference (empty when equal) and a summary."""
    diffs = []
    if mine["months"] != [{k: m[k] for k in mine["months"][0]} for m in api["months"]]:
        for a, b in zip(mine["months"], api["months"]):
            b = {k: b.get(k) for k in a}
            if a != b:
                diffs.append("month %s: script %s, api %s" % (a["month"], a, b))
        if len(mine["months"]) != len(api["months"]):
            diffs.append("months: script %d, api %d" % (len(mine["months"]), len(api["months"])))
    total = {k: api["total"].get(k) for k in mine["total"]}
    if mine["total"] != total:
        diffs.append("total: script %s, api %s" % (mine["total"], total))
    api_tags = {t["tag"]: t for t in api["tags"]}
    if set(api_tags) != set(mine["tags"]):
        diffs.append("tags: only in script %s, only in api %s" % (
            sorted(set(mine["tags"]) - set(api_tags)), sorted(set(api_tags) - set(mine["tags"]))))
    for t, a in mine["tags"].items():
        b = {k: api_tags.get(t, {}).get(k) for k in a}
        if a != b:
            diffs.append("tag %s: script %s, api %s" % (t, a, b))
    ret = [[r["month"], r["newcomers"], r["again_30"], r["again_90"]] for r in api["retention"]]
    if mine["retention"] != ret:
        diffs.append("retention: script %s, api %s" % (mine["retention"], ret))
    rec = {k: api["reciprocity"][k] for k in ("askers", "also_answered")}
    if mine["reciprocity"] != rec:
        diffs.append("reciprocity: script %s, api %s" % (mine["reciprocity"], rec))
    summary = ("%d months, %d questions, %d tags, %d newcomers, %d askers compared: %s" % (
        len(mine["months"]), mine["total"]["questions"], len(mine["tags"]),
        sum(r[1] for r in mine["retention"]), mine["reciprocity"]["askers"],
        "all equal" if not diffs else "%d differences" % len(diffs)))
    return diffs, summary


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--compare") \
            or argv[1].startswith("-"):
        sys.stderr.write("usage: health_check.py DUMP_DIR [--compare API_JSON_FILE]\n")
        return 2
    mine = metrics(argv[1])
    if len(argv) == 2:
        json.dump(mine, sys.stdout, indent=1, sort_keys=True)
        sys.stdout.write("\n")
        return 0
    with open(argv[3], encoding="utf-8") as f:
        api = json.load(f)
    diffs, summary = compare(mine, api)
    for d in diffs:
        print(d)
    print(summary)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
