/* `praxis demo --posts FILE.jsonl --community SLUG`: load real forum content for the
 * benchmarks (bench/thread.sh) from the posts.jsonl written beside its artifacts by
 * ../shared/bench/fossil_forum_from_se.py, so that Praxis and Fossil's forum serve the same
 * threads. One JSON object per line: id (string), root (null for an opening post, else the id
 * of the thread's opening post), in_reply_to (null or an earlier post's id), title (opening
 * posts), author (a login name), date ("2014-05-18T22:59:55.433", UTC) and markdown; other
 * members (se_post_id) are ignored. Opening posts become discussion threads (posts in order,
 * as Fossil shows a thread), replies become posts with reply_to. Each author becomes a member
 * of the community: an account without a password whose name is the login made valid for
 * account_check_name. Everything goes through the domain layer with ctx->uid = the author and
 * ctx->now = the post's date, so the rules and the stored times are those of real use. */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "domain/account.h"
#include "domain/community.h"
#include "domain/thread.h"
#include "core/util.h"

#define NAME_MAX_LEN 30 /* account names: 2-30 characters */

/* A string-keyed hash map (open addressing, keys owned by the map) to int64 pairs. */
struct smap_slot {
    char *key;
    int64_t a, b;
};
struct smap {
    struct smap_slot *slots;
    size_t cap, n;
};

static uint64_t smap_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* The slot for key: the one holding it, or the empty one where it would go. */
static struct smap_slot *smap_slot(const struct smap *m, const char *key)
{
    size_t i = (size_t)smap_hash(key) & (m->cap - 1);
    while (m->slots[i].key && strcmp(m->slots[i].key, key))
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

static struct smap_slot *smap_get(const struct smap *m, const char *key)
{
    struct smap_slot *s;
    if (!m->cap)
        return NULL;
    s = smap_slot(m, key);
    return s->key ? s : NULL;
}

/* Insert or overwrite key -> (a, b). */
static void smap_put(struct smap *m, const char *key, int64_t a, int64_t b)
{
    struct smap_slot *s;
    if ((m->n + 1) * 2 > m->cap) {
        struct smap old = *m;
        size_t i;
        m->cap = old.cap ? old.cap * 2 : 1024;
        m->slots = x_calloc(m->cap, sizeof(*m->slots));
        for (i = 0; i < old.cap; i++)
            if (old.slots[i].key)
                *smap_slot(m, old.slots[i].key) = old.slots[i];
        free(old.slots);
    }
    s = smap_slot(m, key);
    if (!s->key) {
        s->key = x_strdup(key);
        m->n++;
    }
    s->a = a;
    s->b = b;
}

static void smap_free(struct smap *m)
{
    size_t i;
    for (i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof(*m));
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DDTHH:MM:SS" with optional ".fff" and optional "Z" (a space may replace the T),
   read as UTC, into *out. Returns 0 or -1. */
static int parse_date(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec, n = 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 ||
        n != 19)
        return -1;
    s += n;
    if (*s == '.') {
        s++;
        if (!isdigit((unsigned char)*s))
            return -1;
        while (isdigit((unsigned char)*s))
            s++;
    }
    if (*s == 'Z')
        s++;
    if (*s || y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 ||
        mi > 59 || sec > 60)
        return -1;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}

/* A valid account name made from a login: characters outside [A-Za-z0-9_.-] become '-',
   leading characters that are not a letter or digit are dropped, at most 30 characters,
   "user" when too little is left. Writes into out (NAME_MAX_LEN + 1 bytes). */
static void name_sanitise(const char *login, char out[NAME_MAX_LEN + 1])
{
    size_t n = 0;
    for (; *login && n < NAME_MAX_LEN; login++) {
        unsigned char ch = (unsigned char)*login;
        int ok = ch < 0x80 && (isalnum(ch) || ch == '_' || ch == '.' || ch == '-');
        if (ch >= 0x80 && ch < 0xC0)
            continue; /* a UTF-8 continuation byte: one '-' per character */
        if (!n && !(ch < 0x80 && isalnum(ch)))
            continue;
        out[n++] = ok ? (char)ch : '-';
    }
    out[n] = 0;
    if (n < 2)
        str_copy(out, "user", NAME_MAX_LEN + 1);
}

/* A title the domain accepts (THREAD_TITLE_MIN..THREAD_TITLE_MAX code points after trimming
   spaces): shorter ones get " (imported thread)" appended, longer ones are cut at a character
   boundary with "...". Returns title itself when it fits, else an arena copy, and sets
   *changed. Other faults (control characters, bad UTF-8) are left for thread_create to name. */
static const char *title_fit(struct arena *a, const char *title, int *changed)
{
    const char *s = title, *e;
    size_t cps = 0, keep = 0;
    while (*s == ' ')
        s++;
    e = s + strlen(s);
    while (e > s && e[-1] == ' ')
        e--;
    for (const char *p = s; p < e; p++)
        if (((unsigned char)*p & 0xC0) != 0x80 && ++cps == THREAD_TITLE_MAX - 2)
            keep = (size_t)(p - s);
    if (cps < THREAD_TITLE_MIN) {
        *changed = 1;
        return arena_printf(a, "%.*s%s(imported thread)", (int)(e - s), s, e > s ? " " : "");
    }
    if (cps > THREAD_TITLE_MAX) {
        *changed = 1;
        return arena_printf(a, "%.*s...", (int)keep, s);
    }
    return title;
}

/* The member's account for login, made on first sight: a sanitised name, made unique (any
   case, against this load and the accounts that exist) with "-2", "-3"..., and joined to
   cm. *uid gets the account id; *made is incremented for a new account. */
static int author_uid(struct ctx *c, struct community *cm, struct smap *authors, struct smap *names,
                      const char *login, int64_t *uid, int64_t *made)
{
    char base[NAME_MAX_LEN + 1], name[NAME_MAX_LEN + 8], key[NAME_MAX_LEN + 8];
    struct smap_slot *s = smap_get(authors, login);
    struct account_new in = {0};
    struct community mc;
    struct user u;
    int attempt, rc;

    if (s) {
        *uid = s->a;
        return 0;
    }
    name_sanitise(login, base);
    for (attempt = 1;; attempt++) {
        struct errinfo e = {0};
        if (attempt == 1) {
            str_copy(name, base, sizeof(name));
        } else {
            char suffix[16];
            int sl = snprintf(suffix, sizeof(suffix), "-%d", attempt);
            snprintf(name, sizeof(name), "%.*s%s", NAME_MAX_LEN - sl, base, suffix);
        }
        account_name_key(name, key, sizeof(key));
        if (smap_get(names, key) || account_check_name(name, &e) < 0)
            continue;
        if (attempt > 1000)
            return error_set(c->err, ERR_INVALID, "author", "No free account name for %s.", login);
        in.name = name;
        in.display_name = login;
        {
            struct errinfo de = {0};
            if (strlen(login) > 60 || account_check_display_name(login, &de) < 0)
                in.display_name = NULL; /* the name then */
        }
        rc = account_create(c, &in, &u);
        if (rc == ERR_CONFLICT) { /* taken before this load: keep theirs, take another */
            smap_put(names, key, 0, 0);
            continue;
        }
        if (rc < 0)
            return rc;
        break;
    }
    smap_put(names, key, u.id, 0);
    smap_put(authors, login, u.id, 0);
    (*made)++;
    mc = *cm;
    mc.viewer_role = ROLE_NONE; /* cm was loaded for the importer */
    c->uid = u.id;
    rc = community_join(c, &mc);
    if (rc < 0 && rc != ERR_CONFLICT)
        return rc;
    *uid = u.id;
    return 0;
}

/* A string member of o, or NULL (and *bad set) when present with another type. null and a
   missing member both give NULL. */
static const char *member_str(json_t *o, const char *k, const char **bad)
{
    json_t *v = json_object_get(o, k);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        *bad = k;
        return NULL;
    }
    return json_string_value(v);
}

/* The community to load into: found, or made (public) by the account "importer". */
static int load_community(struct ctx *c, const char *slug, struct community *cm)
{
    struct community_input in = {0};
    struct account_new an = {0};
    struct user owner;
    int rc = community_get(c, slug, cm);
    if (rc == 0 || rc != ERR_NOTFOUND)
        return rc;
    an.name = "importer";
    an.display_name = "Importer";
    rc = account_create(c, &an, &owner);
    if (rc == ERR_CONFLICT)
        rc = account_get(c, "importer", &owner);
    if (rc < 0)
        return rc;
    in.slug = slug;
    in.name = slug;
    in.visibility = "public";
    in.charter_md = "Threads imported with `praxis demo --posts`.";
    c->uid = owner.id;
    rc = community_create(c, &in, cm);
    c->uid = 0;
    return rc;
}

/*
 * Load the posts of file into the community slug (created public if missing); see the file
 * comment for the format. Stops at the first bad line or refused post with a message naming
 * the line on stderr. Prints a summary (threads, posts, new accounts, seconds) on stdout.
 * Returns 0, or 1 after an error. The community must have no threads yet (a second load
 * would duplicate them).
 */
int demo_posts_load(struct ctx *c, const char *file, const char *slug)
{
    struct smap posts = {0}, authors = {0}, names = {0};
    struct arena *keep = c->arena, scratch;
    struct community cm;
    struct thread_filter f = {0};
    struct thread_list tl;
    int64_t t0 = time_now_ms(), nthreads = 0, nposts = 0, nusers = 0, lineno = 0, nfit = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    FILE *in;
    int rc = 1;

    if (!strcmp(file, "-")) {
        in = stdin;
    } else if (!(in = fopen(file, "r"))) {
        fprintf(stderr, "praxis demo: cannot open %s\n", file);
        return 1;
    }
    if (load_community(c, slug, &cm) < 0) {
        fprintf(stderr, "praxis demo: community %s: %s\n", slug, c->err->msg);
        goto out;
    }
    f.list = TL_LATEST;
    f.kind = -1;
    f.limit = 1;
    if (thread_list(c, &cm, &f, &tl) < 0) {
        fprintf(stderr, "praxis demo: %s\n", c->err->msg);
        goto out;
    }
    if (tl.total > 0) {
        fprintf(stderr, "praxis demo: %s already has %lld threads; load into a new community\n",
                slug, (long long)tl.total);
        goto out;
    }
    arena_init(&scratch);
    c->arena = &scratch;
    while ((len = getline(&line, &cap, in)) >= 0) {
        json_error_t je;
        json_t *o;
        const char *id, *root, *irt, *title, *author, *date, *md, *bad = NULL;
        int64_t when = 0, uid = 0, r = 0;
        struct smap_slot *rs = NULL, *ps = NULL;

        lineno++;
        arena_reset(&scratch);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (!len)
            continue;
        o = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES, &je);
        if (!o || !json_is_object(o)) {
            fprintf(stderr, "praxis demo: %s:%lld: not a JSON object%s%s\n", file,
                    (long long)lineno, o ? "" : ": ", o ? "" : je.text);
            json_decref(o);
            goto fail;
        }
        id = member_str(o, "id", &bad);
        root = member_str(o, "root", &bad);
        irt = member_str(o, "in_reply_to", &bad);
        title = member_str(o, "title", &bad);
        author = member_str(o, "author", &bad);
        date = member_str(o, "date", &bad);
        md = member_str(o, "markdown", &bad);
        if (!bad && (!id || !*id))
            bad = "id";
        else if (!bad && (!author || !*author))
            bad = "author";
        else if (!bad && (!date || parse_date(date, &when) < 0))
            bad = "date";
        else if (!bad && !md)
            bad = "markdown";
        else if (!bad && !root && !title)
            bad = "title";
        if (bad) {
            fprintf(stderr, "praxis demo: %s:%lld: missing or invalid \"%s\"\n", file,
                    (long long)lineno, bad);
            json_decref(o);
            goto fail;
        }
        if (smap_get(&posts, id)) {
            fprintf(stderr, "praxis demo: %s:%lld: id %s appears twice\n", file, (long long)lineno,
                    id);
            json_decref(o);
            goto fail;
        }
        if (root && !(rs = smap_get(&posts, root))) {
            fprintf(stderr, "praxis demo: %s:%lld: root %s is not an earlier post\n", file,
                    (long long)lineno, root);
            json_decref(o);
            goto fail;
        }
        if (root && irt) {
            ps = smap_get(&posts, irt);
            if (!ps || ps->b != rs->b) {
                fprintf(stderr,
                        "praxis demo: %s:%lld: in_reply_to %s is not an earlier post "
                        "of the same thread\n",
                        file, (long long)lineno, irt);
                json_decref(o);
                goto fail;
            }
        }
        c->now = when;
        c->uid = 0;
        if (author_uid(c, &cm, &authors, &names, author, &uid, &nusers) < 0) {
            fprintf(stderr, "praxis demo: %s:%lld: author %s: %s\n", file, (long long)lineno,
                    author, c->err->msg);
            json_decref(o);
            goto fail;
        }
        c->uid = uid;
        c->now = when;
        if (!root) {
            struct thread_input ti = {0};
            struct thread t;
            ti.kind = "discussion";
            int fitted = 0;
            ti.title = title_fit(c->arena, title, &fitted);
            if (fitted) {
                fprintf(stderr,
                        "praxis demo: %s:%lld: title \"%s\" made \"%s\" (%d-%d "
                        "characters)\n",
                        file, (long long)lineno, title, ti.title, THREAD_TITLE_MIN,
                        THREAD_TITLE_MAX);
                nfit++;
            }
            ti.body_md = md;
            cm.viewer_role = ROLE_MEMBER; /* the author, who joined in author_uid */
            r = thread_create(c, &cm, &ti, &t);
            if (r == 0 && !t.last_post_id) /* the opening post, counted by thread_create */
                r = error_set(c->err, ERR_DB, NULL, "the new thread has no posts");
            if (r == 0) {
                smap_put(&posts, id, t.last_post_id, t.id);
                nthreads++;
                nposts++;
            }
        } else {
            struct post p;
            r = thread_reply(c, rs->b, md, ps ? ps->a : 0, &p);
            if (r == 0) {
                smap_put(&posts, id, p.id, rs->b);
                nposts++;
            }
        }
        if (r < 0) {
            fprintf(stderr, "praxis demo: %s:%lld: %s refused: %s%s%s%s\n", file, (long long)lineno,
                    root ? "reply" : "thread", c->err->msg, c->err->field[0] ? " (field " : "",
                    c->err->field, c->err->field[0] ? ")" : "");
            json_decref(o);
            goto fail;
        }
        json_decref(o);
        if (lineno % 500 == 0 && isatty(2))
            fprintf(stderr, "\r%lld posts", (long long)nposts);
    }
    if (ferror(in)) {
        fprintf(stderr, "praxis demo: error reading %s\n", file);
        goto fail;
    }
    if (isatty(2))
        fprintf(stderr, "\r");
    printf("Loaded %lld threads and %lld posts by %lld new members into %s in %.1f s",
           (long long)nthreads, (long long)nposts, (long long)nusers, slug,
           (double)(time_now_ms() - t0) / 1000.0);
    if (nfit)
        printf(" (%lld titles padded or cut to fit)", (long long)nfit);
    printf(".\n");
    rc = 0;
fail:
    c->arena = keep;
    c->uid = 0;
    arena_release(&scratch);
out:
    free(line);
    if (in != stdin)
        fclose(in);
    smap_free(&posts);
    smap_free(&authors);
    smap_free(&names);
    return rc;
}
