/* Stack Exchange dump import (see import.h and docs/internals/import.md): one streaming pass
 * per file in dependency order (Users, Tags, Posts, PostHistory, Comments, Votes,
 * PostLinks), each row mapped through import_map so that reruns update; then accepted
 * answers and thread counters are set from the map. Also the account claim rules. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/html.h"
#include "core/markdown.h"
#include "core/rand.h"
#include "core/sedump.h"
#include "core/utf8.h"
#include "domain/account.h"
#include "domain/community.h"
#include "domain/import.h"
#include "store/account.h"
#include "store/thread.h"
#include "core/util.h"

#define DEFAULT_BATCH 2000
#define TAGS_MAX      5
#define CHUNK         (64 * 1024) /* bytes read per XML_Parse call */

struct run;
typedef int (*row_fn)(struct run *r, const char **attrs);

struct run {
    struct ctx *c;
    const struct import_opts *o;
    struct import_stats *st;
    const char *src; /* site URL: the mapping's source */
    int64_t cid;
    const char *slug;
    const char *file; /* current file's base name */
    struct sedump *p;
    row_fn row;
    int64_t in_batch;
    int batch;
    struct arena tmp; /* per row */
    struct buf md, html;
};

/* ------------------------------------------------------------------------------------------ */
/* Pure helpers */

/* A title as shown: at most 300 bytes (a whole UTF-8 sequence), without the spaces, tabs
   and line ends around it that the dump's history sometimes keeps. Arena copy. */
static const char *import_title(struct arena *a, const char *s)
{
    size_t n;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    n = strlen(s);
    if (n > 300) {
        n = 300;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return arena_strndup(a, s, n);
}

const char *import_site_from_dir(struct arena *a, const char *dir)
{
    const char *base, *end;
    size_t n, i;
    if (!dir || !*dir)
        return NULL;
    end = dir + strlen(dir);
    while (end > dir && end[-1] == '/')
        end--;
    base = end;
    while (base > dir && base[-1] != '/')
        base--;
    n = (size_t)(end - base);
    if (n == 0 || n > 100)
        return NULL;
    for (i = 0; i < n; i++) {
        char ch = base[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.'))
            return NULL;
    }
    if (base[0] == '.' || base[n - 1] == '.')
        return NULL;
    /* A whole host name, as the dump's archives are named: beer.stackexchange.com,
       bicycles.meta.stackexchange.com, stackoverflow.com, meta.serverfault.com,
       mathoverflow.net. */
    {
        static const char *const tlds[] = {".com", ".net", ".org", ".io"};
        for (i = 0; i < ARRAY_SIZE(tlds); i++) {
            size_t t = strlen(tlds[i]);
            if (n > t && !memcmp(base + n - t, tlds[i], t))
                return arena_printf(a, "https://%.*s", (int)n, base);
        }
    }
    /* A site's meta, named like its folder in the dump: bicycles.meta. */
    if (n > 5 && !memcmp(base + n - 5, ".meta", 5) && !memchr(base, '.', n - 5))
        return arena_printf(a, "https://%.*s.stackexchange.com", (int)n, base);
    /* Any other dotted name cannot be told (give --site-url). */
    if (memchr(base, '.', n))
        return NULL;
    return arena_printf(a, "https://%.*s.stackexchange.com", (int)n, base);
}

int import_site_check(struct arena *a, const char *url, const char **out)
{
    const char *h;
    size_t n, i;
    if (!url)
        return -1;
    if (str_starts(url, "https://"))
        h = url + 8;
    else if (str_starts(url, "http://"))
        h = url + 7;
    else
        return -1;
    n = strlen(h);
    while (n > 0 && h[n - 1] == '/')
        n--;
    if (n == 0 || n > 200)
        return -1;
    for (i = 0; i < n; i++) {
        char ch = h[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '.' || ch == ':'))
            return -1;
    }
    *out = arena_printf(a, "%.*s", (int)(h - url + (ptrdiff_t)n), url);
    return 0;
}

void import_user_name(const char *slug, int64_t ext, char *out, size_t size)
{
    snprintf(out, size, "%.20s-%s%lld", slug, ext < 0 ? "m" : "",
             (long long)(ext < 0 ? -ext : ext));
}

const char *import_close_reason(const char *code)
{
    static const struct {
        const char *code, *text;
    } reasons[] = {
        {"1", "exact duplicate"},
        {"2", "off-topic"},
        {"3", "subjective and argumentative"},
        {"4", "not a real question"},
        {"7", "too localized"},
        {"10", "general reference"},
        {"20", "noise or pointless"},
        {"101", "duplicate"},
        {"102", "off-topic"},
        {"103", "unclear what you're asking"},
        {"104", "too broad"},
        {"105", "opinion-based"},
    };
    size_t i;
    for (i = 0; code && i < ARRAY_SIZE(reasons); i++)
        if (!strcmp(code, reasons[i].code))
            return reasons[i].text;
    return "closed";
}

void import_html_text(struct buf *out, const char *html)
{
    html_to_text(out, html);
}

int thread_extras_load(struct ctx *c, int64_t tid, int64_t cid, struct thread_extras *out)
{
    memset(out, 0, sizeof(*out));
    if (import_db_thread_attribs(c->db, c->arena, tid, &out->attribs, &out->nattribs) < 0 ||
        import_db_thread_comments(c->db, c->arena, tid, THREAD_COMMENTS_MAX, &out->comments,
                                  &out->ncomments) < 0 ||
        import_db_thread_links(c->db, c->arena, tid, cid, THREAD_LINKS_MAX, &out->links,
                               &out->nlinks) < 0)
        return error_set(c->err, ERR_DB, NULL, "The database could not load the thread.");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Row handling */

static int fail(struct run *r, int rc, const char *what)
{
    if (rc == ERR_DB)
        return error_set(r->c->err, ERR_DB, NULL, "%s: line %lu: cannot %s: %s", r->file,
                         sedump_line(r->p), what, db_last_error(r->c->db));
    return error_set(r->c->err, rc, NULL, "%s: line %lu: cannot %s", r->file, sedump_line(r->p),
                     what);
}

/* A row skipped for a malformed or missing value. */
static int skip(struct run *r, const char *why)
{
    r->st->skipped++;
    if (r->o->warn)
        r->o->warn(r->o->ud, r->file, sedump_line(r->p), why);
    return 0;
}

static int req_int(const char **attrs, const char *name, int64_t *v)
{
    return sedump_int(sedump_attr(attrs, name), v);
}

/* The local user of source user attribute name, or 0. */
static int64_t user_of(struct run *r, const char **attrs, const char *name)
{
    int64_t ext, uid = 0;
    if (req_int(attrs, name, &ext) < 0)
        return 0;
    if (import_db_map_get(r->c->db, r->src, "user", ext, &uid) < 0)
        return 0;
    return uid;
}

/* Render md (capped at MARKDOWN_MAX, invalid UTF-8 refused) into r->html; the rendered
   text is r->html.data. -1 when it cannot be rendered. */
static int render(struct run *r, const char *md)
{
    size_t n = strlen(md);
    buf_reset(&r->html);
    if (n > MARKDOWN_MAX)
        n = MARKDOWN_MAX;
    while (n > 0 && !utf8_valid(md, n)) /* a cut inside a character */
        n--;
    if (markdown_render(&r->html, md, n) < 0 || r->html.err)
        return -1;
    return 0;
}

static int row_user(struct run *r, const char **attrs)
{
    int64_t ext, uid, created;
    const char *disp = sedump_attr(attrs, "DisplayName");
    char name[64], key[64];
    int rc;
    if (req_int(attrs, "Id", &ext) < 0)
        return skip(r, "Id is not a number");
    if (sedump_time(sedump_attr(attrs, "CreationDate"), &created) < 0)
        created = r->c->now;
    if (!disp || account_check_display_name(disp, NULL) < 0)
        disp = arena_printf(&r->tmp, "user%lld", (long long)ext);
    if (import_db_map_get(r->c->db, r->src, "user", ext, &uid) == 0) {
        if ((rc = import_db_user_update(r->c->db, uid, disp)) < 0)
            return fail(r, rc, "update a user");
    } else {
        import_user_name(r->slug, ext, name, sizeof(name));
        account_name_key(name, key, sizeof(key));
        rc = import_db_user_insert(r->c->db, name, key, disp, created, &uid);
        if (rc == ERR_CONFLICT)
            return skip(r, "the account name is taken by a local account");
        if (rc < 0 || (rc = import_db_map_set(r->c->db, r->src, "user", ext, uid, 0)) < 0)
            return fail(r, rc, "add a user");
    }
    if ((rc = import_db_member_add(r->c->db, r->cid, uid, created)) < 0 ||
        (rc = import_db_attrib_set(r->c->db, "user", uid,
                                   arena_printf(&r->tmp, "%s/users/%lld", r->src, (long long)ext),
                                   disp, "", "")) < 0)
        return fail(r, rc, "record a user");
    r->st->users++;
    return 0;
}

static int row_tag(struct run *r, const char **attrs)
{
    const char *name = sedump_attr(attrs, "TagName");
    char tag[32];
    int rc;
    if (!name || !sedump_tag_norm(name, strlen(name), tag, sizeof(tag)))
        return skip(r, "TagName is missing or has no usable characters");
    if ((rc = import_db_tag_add(r->c->db, r->cid, tag)) < 0)
        return fail(r, rc, "add a tag");
    r->st->tags++;
    return 0;
}

static int row_post(struct run *r, const char **attrs)
{
    int64_t ext, type, created, active, score = 0, accepted = 0, parent, closed = 0, tid = 0;
    const char *owner_name = sedump_attr(attrs, "OwnerDisplayName");
    const char *owner_ext = sedump_attr(attrs, "OwnerUserId");
    const char *url, *author_url = "";
    struct import_post p;
    int rc, is_q;

    if (req_int(attrs, "Id", &ext) < 0)
        return skip(r, "Id is not a number");
    if (req_int(attrs, "PostTypeId", &type) < 0)
        return skip(r, "PostTypeId is not a number");
    if (type != 1 && type != 2)
        return 0; /* tag wikis, nominations, ...: not content of the Q&A */
    is_q = type == 1;
    if (sedump_time(sedump_attr(attrs, "CreationDate"), &created) < 0)
        return skip(r, "CreationDate is not a date");
    if (sedump_time(sedump_attr(attrs, "LastActivityDate"), &active) < 0)
        active = created;
    if (sedump_attr(attrs, "Score") && req_int(attrs, "Score", &score) < 0)
        return skip(r, "Score is not a number");
    memset(&p, 0, sizeof(p));
    p.author_id = user_of(r, attrs, "OwnerUserId");
    p.created_at = created;
    p.base_score = score;

    if (is_q) {
        struct import_thread t;
        const char *tags[TAGS_MAX];
        size_t ntags, i;
        struct buf tb;
        const char *title = sedump_attr(attrs, "Title");
        if (!title || !*title || !utf8_valid(title, strlen(title)))
            return skip(r, "a question without a Title");
        if (sedump_attr(attrs, "AcceptedAnswerId") &&
            req_int(attrs, "AcceptedAnswerId", &accepted) < 0)
            return skip(r, "AcceptedAnswerId is not a number");
        if (sedump_attr(attrs, "ClosedDate") &&
            sedump_time(sedump_attr(attrs, "ClosedDate"), &closed) < 0)
            return skip(r, "ClosedDate is not a date");
        ntags = sedump_tags(&r->tmp, sedump_attr(attrs, "Tags"), tags, TAGS_MAX);
        buf_init(&tb, 0);
        for (i = 0; i < ntags; i++)
            buf_printf(&tb, "%s%s", i ? " " : "", tags[i]);
        memset(&t, 0, sizeof(t));
        t.community_id = r->cid;
        t.author_id = p.author_id;
        t.created_at = created;
        t.last_activity_at = active > created ? active : created;
        t.title = import_title(&r->tmp, title);
        t.tags = arena_strdup(&r->tmp, tb.data ? tb.data : "");
        buf_release(&tb);
        for (i = 0; i < ntags; i++)
            if ((rc = import_db_tag_add(r->c->db, r->cid, tags[i])) < 0)
                return fail(r, rc, "add a tag");
        if (import_db_map_get(r->c->db, r->src, "thread", ext, &t.id) == 0) {
            rc = import_db_thread_update(r->c->db, &t);
        } else {
            rc = import_db_thread_insert(r->c->db, &t);
        }
        if (rc == 0)
            rc = import_db_map_set(r->c->db, r->src, "thread", ext, t.id, accepted);
        if (rc == 0)
            rc = thread_db_tags_replace(r->c->db, t.id, tags, ntags);
        if (rc == 0)
            rc = import_db_thread_closed(r->c->db, t.id, closed,
                                         closed ? "closed on the original site" : "");
        if (rc < 0)
            return fail(r, rc, "write a question");
        tid = t.id;
        if (closed)
            r->st->closed++;
    } else {
        if (req_int(attrs, "ParentId", &parent) < 0)
            return skip(r, "an answer without a ParentId");
        if (import_db_map_get(r->c->db, r->src, "thread", parent, &tid) < 0)
            return skip(r, "an answer to a question not in the dump");
    }
    p.thread_id = tid;
    if (import_db_map_get(r->c->db, r->src, "post", ext, &p.id) == 0) {
        rc = import_db_post_update(r->c->db, &p);
    } else {
        buf_reset(&r->md);
        import_html_text(&r->md, sedump_attr(attrs, "Body"));
        p.body_md = r->md.data ? r->md.data : "";
        if (render(r, p.body_md) < 0)
            return skip(r, "the Body cannot be rendered");
        p.body_html = r->html.data ? r->html.data : "";
        rc = import_db_post_insert(r->c->db, &p);
        if (rc == 0)
            rc = import_db_map_set(r->c->db, r->src, "post", ext, p.id, 0);
    }
    if (rc < 0)
        return fail(r, rc, is_q ? "write a question" : "write an answer");
    url = arena_printf(&r->tmp, "%s/%s/%lld", r->src, is_q ? "q" : "a", (long long)ext);
    if (p.author_id && owner_ext)
        author_url = arena_printf(&r->tmp, "%s/users/%s", r->src, owner_ext);
    if ((rc = import_db_attrib_set(r->c->db, "post", p.id, url, p.author_id ? "" : owner_name,
                                   author_url, sedump_attr(attrs, "ContentLicense"))) < 0)
        return fail(r, rc, "record the attribution");
    if (is_q)
        r->st->questions++;
    else
        r->st->answers++;
    return 0;
}

static int row_history(struct run *r, const char **attrs)
{
    int64_t ext, type, pext, pid, tid, pos, at, author, rid;
    const char *text = sedump_attr(attrs, "Text");
    int rc;
    if (req_int(attrs, "Id", &ext) < 0)
        return skip(r, "Id is not a number");
    if (req_int(attrs, "PostHistoryTypeId", &type) < 0)
        return skip(r, "PostHistoryTypeId is not a number");
    if (req_int(attrs, "PostId", &pext) < 0)
        return skip(r, "PostId is not a number");
    if (type != 1 && type != 2 && type != 4 && type != 5 && type != 7 && type != 8 && type != 10 &&
        type != 11)
        return 0;
    if (import_db_map_get(r->c->db, r->src, "post", pext, &pid) < 0)
        return 0; /* history of a post that is not imported (deleted, tag wiki) */
    if (sedump_time(sedump_attr(attrs, "CreationDate"), &at) < 0)
        return skip(r, "CreationDate is not a date");
    if ((rc = import_db_post_thread(r->c->db, pid, &tid, &pos)) < 0)
        return fail(r, rc, "find a post");
    author = user_of(r, attrs, "UserId");
    if (type == 2 || type == 5 || type == 8) {
        if (!text || !utf8_valid(text, strlen(text)))
            return skip(r, "a body revision without valid Text");
        if (render(r, text) < 0)
            return skip(r, "the Text cannot be rendered");
        if (import_db_map_get(r->c->db, r->src, "rev", ext, &rid) == 0) {
            rc = import_db_rev_update(r->c->db, rid, author, at, text);
        } else {
            rc = import_db_rev_insert(r->c->db, pid, author, at, text, &rid);
            if (rc == 0)
                rc = import_db_map_set(r->c->db, r->src, "rev", ext, rid, 0);
        }
        if (rc == 0)
            rc = import_db_post_body(r->c->db, pid, text, r->html.data ? r->html.data : "", at);
        if (rc < 0)
            return fail(r, rc, "write a revision");
        r->st->revisions++;
        return 0;
    }
    if (pos != 1)
        return 0;
    if (type == 1 || type == 4 || type == 7) {
        if (!text || !*text || !utf8_valid(text, strlen(text)))
            return skip(r, "a title revision without valid Text");
        rc = import_db_thread_title(r->c->db, tid, import_title(&r->tmp, text));
    } else if (type == 10) {
        rc = import_db_thread_closed(r->c->db, tid, at,
                                     import_close_reason(sedump_attr(attrs, "Comment")));
    } else {
        rc = import_db_thread_closed(r->c->db, tid, 0, "");
    }
    return rc < 0 ? fail(r, rc, "update a question") : 0;
}

static int row_comment(struct run *r, const char **attrs)
{
    int64_t ext, pext, pid, at, author, id;
    const char *text = sedump_attr(attrs, "Text");
    const char *uext = sedump_attr(attrs, "UserId");
    int rc;
    if (req_int(attrs, "Id", &ext) < 0)
        return skip(r, "Id is not a number");
    if (req_int(attrs, "PostId", &pext) < 0)
        return skip(r, "PostId is not a number");
    if (import_db_map_get(r->c->db, r->src, "post", pext, &pid) < 0)
        return 0;
    if (sedump_time(sedump_attr(attrs, "CreationDate"), &at) < 0)
        return skip(r, "CreationDate is not a date");
    if (!text || !utf8_valid(text, strlen(text)))
        return skip(r, "a comment without valid Text");
    if (render(r, text) < 0)
        return skip(r, "the Text cannot be rendered");
    author = user_of(r, attrs, "UserId");
    if (import_db_map_get(r->c->db, r->src, "comment", ext, &id) == 0) {
        rc = import_db_comment_update(r->c->db, id, author, text, r->html.data, at);
    } else {
        rc = import_db_comment_insert(r->c->db, pid, author, text, r->html.data, at, &id);
        if (rc == 0)
            rc = import_db_map_set(r->c->db, r->src, "comment", ext, id, 0);
    }
    if (rc == 0)
        rc = import_db_attrib_set(
            r->c->db, "comment", id,
            arena_printf(&r->tmp, "%s/posts/comments/%lld", r->src, (long long)ext),
            author ? "" : sedump_attr(attrs, "UserDisplayName"),
            author && uext ? arena_printf(&r->tmp, "%s/users/%s", r->src, uext) : "",
            sedump_attr(attrs, "ContentLicense"));
    if (rc < 0)
        return fail(r, rc, "write a comment");
    r->st->comments++;
    return 0;
}

static int row_vote(struct run *r, const char **attrs)
{
    int64_t type;
    if (req_int(attrs, "VoteTypeId", &type) < 0)
        return skip(r, "VoteTypeId is not a number");
    if (type == 2 || type == 3)
        r->st->votes++; /* already summed in Posts.xml's Score: see import.md */
    return 0;
}

static int row_link(struct run *r, const char **attrs)
{
    int64_t a, b, type, pa, pb, ta, tb, pos, at;
    int rc;
    if (req_int(attrs, "PostId", &a) < 0 || req_int(attrs, "RelatedPostId", &b) < 0 ||
        req_int(attrs, "LinkTypeId", &type) < 0)
        return skip(r, "PostId, RelatedPostId or LinkTypeId is not a number");
    if (type != 1 && type != 3)
        return 0;
    if (sedump_time(sedump_attr(attrs, "CreationDate"), &at) < 0)
        at = r->c->now;
    if (import_db_map_get(r->c->db, r->src, "post", a, &pa) < 0 ||
        import_db_map_get(r->c->db, r->src, "post", b, &pb) < 0)
        return 0;
    if ((rc = import_db_post_thread(r->c->db, pa, &ta, &pos)) < 0 ||
        (rc = import_db_post_thread(r->c->db, pb, &tb, &pos)) < 0)
        return fail(r, rc, "find a linked post");
    if (ta == tb)
        return 0;
    if ((rc = import_db_link_add(r->c->db, ta, tb, type == 3 ? "duplicate" : "linked", at)) < 0)
        return fail(r, rc, "add a link");
    r->st->links++;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Files */

static int on_row(void *ud, const char **attrs)
{
    struct run *r = ud;
    int rc;
    arena_reset(&r->tmp);
    rc = r->row(r, attrs);
    if (rc < 0)
        return rc;
    if (++r->in_batch >= r->batch) {
        if (db_commit(r->c->db) < 0 || db_begin_write(r->c->db) < 0)
            return fail(r, ERR_DB, "commit a batch");
        r->in_batch = 0;
    }
    return 0;
}

/* Stream dir/name through row. Missing optional files are skipped. */
static int run_file(struct run *r, const char *name, row_fn row, int required)
{
    char path[4096];
    FILE *f;
    struct stat sb;
    char *chunk;
    struct import_progress pr;
    uint64_t last_rows = 0;
    int rc = 0;
    size_t n;

    snprintf(path, sizeof(path), "%s/%s", r->o->dir, name);
    f = fopen(path, "rb");
    if (!f) {
        if (!required && errno == ENOENT)
            return 0;
        return error_set(r->c->err, ERR_INVALID, NULL, "%s: cannot open: %s", path,
                         strerror(errno));
    }
    memset(&pr, 0, sizeof(pr));
    pr.file = name;
    pr.size = fstat(fileno(f), &sb) == 0 ? (uint64_t)sb.st_size : 0;
    r->file = name;
    r->row = row;
    r->in_batch = 0;
    r->p = sedump_new(on_row, r);
    chunk = x_malloc(CHUNK);
    if (db_begin_write(r->c->db) < 0) {
        rc = error_set(r->c->err, ERR_DB, NULL, "cannot start a transaction: %s",
                       db_last_error(r->c->db));
        goto out;
    }
    do {
        n = fread(chunk, 1, CHUNK, f);
        if (ferror(f)) {
            rc = error_set(r->c->err, ERR_INVALID, NULL, "%s: read error", path);
            break;
        }
        rc = sedump_feed(r->p, chunk, n, n == 0, r->c->err);
        if (rc < 0) {
            if (rc == ERR_INVALID && !str_starts(r->c->err->msg, name)) {
                char why[sizeof(r->c->err->msg)];
                str_copy(why, r->c->err->msg[0] ? r->c->err->msg : "malformed XML", sizeof(why));
                error_set(r->c->err, ERR_INVALID, NULL, "%s: %s", name, why);
            }
            break;
        }
        pr.bytes += n;
        pr.rows = sedump_rows(r->p);
        if (r->o->progress && (pr.rows - last_rows >= (uint64_t)r->batch || n == 0)) {
            last_rows = pr.rows;
            pr.done = n == 0;
            r->o->progress(r->o->ud, &pr);
        }
    } while (n > 0);
    if (rc < 0) {
        db_rollback(r->c->db);
    } else if (db_commit(r->c->db) < 0) {
        rc = error_set(r->c->err, ERR_DB, NULL, "%s: cannot commit: %s", name,
                       db_last_error(r->c->db));
        db_rollback(r->c->db);
    }
out:
    free(chunk);
    sedump_free(r->p);
    r->p = NULL;
    fclose(f);
    return rc;
}

/* The community to import into: created (public, crediting the source) when missing. A
   source already imported into another community is refused. */
static int open_community(struct run *r)
{
    struct community cm;
    int64_t mapped = 0;
    int rc = community_get(r->c, r->o->slug, &cm);
    if (rc == ERR_NOTFOUND) {
        struct community_input in;
        const char *host = strstr(r->src, "://") + 3;
        memset(&in, 0, sizeof(in));
        in.slug = r->o->slug;
        size_t label = strcspn(host, ".");
        char first = host[0] >= 'a' && host[0] <= 'z' ? (char)(host[0] - 'a' + 'A') : host[0];
        in.name = label > 1 && label < 60 ? arena_printf(r->c->arena, "%c%.*s (Stack Exchange)",
                                                         first, (int)label - 1, host + 1)
                                          : arena_printf(r->c->arena, "%.80s", host);
        in.visibility = "public";
        in.charter_md = arena_printf(
            r->c->arena,
            "Questions and answers imported from [%s](%s), a Stack Exchange site.\n\n"
            "The content is by that site's users and is licensed under CC BY-SA "
            "([3.0](https://creativecommons.org/licenses/by-sa/3.0/) or "
            "[4.0](https://creativecommons.org/licenses/by-sa/4.0/)): each post names its "
            "author and licence and links to its source. Stack Exchange publishes it in its "
            "[data dump](https://archive.org/details/stackexchange).\n\n"
            "People with an account on the original site have an account here that is not "
            "claimed yet: an administrator can send them a link to claim it.",
            host, r->src);
        rc = community_create(r->c, &in, &cm);
    }
    if (rc < 0)
        return rc;
    r->cid = cm.id;
    r->slug = cm.slug;
    if (import_db_map_get(r->c->db, r->src, "community", 0, &mapped) == 0 && mapped != cm.id)
        return error_set(r->c->err, ERR_CONFLICT, NULL,
                         "%s was imported into another community (id %lld) before", r->src,
                         (long long)mapped);
    if (import_db_map_set(r->c->db, r->src, "community", 0, cm.id, 0) < 0)
        return error_set(r->c->err, ERR_DB, NULL, "cannot record the source: %s",
                         db_last_error(r->c->db));
    return 0;
}

int import_stackexchange(struct ctx *c, const struct import_opts *o, struct import_stats *st)
{
    static const struct {
        const char *name;
        row_fn fn;
        int required;
    } files[] = {
        {"Users.xml", row_user, 0},       {"Tags.xml", row_tag, 0}, /* Users.xml checked above */
        {"Posts.xml", row_post, 1},       {"PostHistory.xml", row_history, 0},
        {"Comments.xml", row_comment, 0}, {"Votes.xml", row_vote, 0},
        {"PostLinks.xml", row_link, 0},
    };
    struct run r;
    size_t i;
    int rc = 0;

    memset(st, 0, sizeof(*st));
    if (!c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only the command line can import.");
    memset(&r, 0, sizeof(r));
    r.c = c;
    r.o = o;
    r.st = st;
    r.batch = o->batch > 0 ? o->batch : DEFAULT_BATCH;
    if (o->site_url) {
        if (import_site_check(c->arena, o->site_url, &r.src) < 0)
            return error_set(c->err, ERR_INVALID, "site-url",
                             "The site URL is https://HOST, e.g. https://beer.stackexchange.com.");
    } else if (!(r.src = import_site_from_dir(c->arena, o->dir))) {
        return error_set(c->err, ERR_INVALID, "site-url",
                         "Cannot tell the site from the directory's name: give --site-url.");
    }
    {
        /* The files a dump cannot do without, all named at once, before the community is
           made: Posts.xml, and Users.xml unless the caller said there are no users (without
           it every post would lose its author). */
        static const char *const need[] = {"Posts.xml", "Users.xml"};
        char path[4096], missing[200] = "";
        FILE *f;
        for (i = 0; i < ARRAY_SIZE(need); i++) {
            if (i == 1 && o->no_users)
                continue;
            snprintf(path, sizeof(path), "%s/%s", o->dir, need[i]);
            if ((f = fopen(path, "rb"))) {
                fclose(f);
                continue;
            }
            if (errno != ENOENT)
                return error_set(c->err, ERR_INVALID, NULL, "%s: cannot open: %s", path,
                                 strerror(errno));
            snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing), "%s%s",
                     *missing ? " and " : "", need[i]);
        }
        if (*missing)
            return error_set(c->err, ERR_INVALID, NULL,
                             "%s: %s missing: this is not a complete Stack Exchange dump%s", o->dir,
                             missing,
                             strstr(missing, "Users.xml") && !strstr(missing, "Posts.xml")
                                 ? " (--no-users imports the posts without their authors)"
                                 : "");
    }
    if ((rc = open_community(&r)) < 0)
        return rc;
    arena_init(&r.tmp);
    buf_init(&r.md, 0);
    buf_init(&r.html, 0);
    for (i = 0; i < ARRAY_SIZE(files) && rc == 0; i++)
        rc = run_file(&r, files[i].name, files[i].fn, files[i].required);
    if (rc == 0) {
        if (db_begin_write(c->db) < 0 || import_db_finish(c->db, r.src) < 0 ||
            db_commit(c->db) < 0) {
            rc = error_set(c->err, ERR_DB, NULL, "cannot finish: %s", db_last_error(c->db));
            db_rollback(c->db);
        }
    }
    if (rc == 0 && import_db_accepted_count(c->db, r.src, &st->accepted) < 0)
        rc = error_set(c->err, ERR_DB, NULL, "cannot count: %s", db_last_error(c->db));
    buf_release(&r.md);
    buf_release(&r.html);
    arena_release(&r.tmp);
    return rc;
}
