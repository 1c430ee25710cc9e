/* The anonymous page cache: rendered pages kept per worker thread and served again to
 * visitors who are not signed in, for as long as the database has not changed.
 *
 * Every anonymous visitor sees the same page for the same URL except for one thing: the CSRF
 * token derived from their px_anon cookie (in the csrf-token meta tag and any form). An entry
 * keeps the rendered body and the offsets where the token that rendered it appeared, and a
 * hit copies the body with the current visitor's token spliced in at those offsets.
 *
 * Validity: while rendering, a page names what it shows (web_cache_depends: a thread, a
 * community's structure, a community's content; a page that names nothing depends on
 * everything). The page is kept only if the database change stamp (db_change_stamp) did not
 * move while it was rendered; it then keeps that stamp and the counters of its scopes
 * (db_page_stamps, kept by the triggers of the page_stamps migration on both backends, so writes by
 * any process count) plus the people-and-settings scope every page shows. A hit whose database
 * stamp is unchanged is served at once; after a write anywhere, the entry's counters are read
 * again (one statement) and it is served if none moved, so a reply in one thread, a visit
 * recorded, a job's bookkeeping or a notification read leaves every other page cached. An
 * entry lives at most PC_MAX_AGE seconds (pages show relative times such as "5 minutes ago";
 * the thread page's asides, similar questions with their counts and people who may answer,
 * come from elsewhere in the community and may lag by as much). PostgreSQL offers no cheap
 * database stamp, so nothing is cached there yet.
 *
 * Responses that could come from the cache say so in an X-Cache header (hit or miss).
 *
 * Memory: at most PC_SLOTS entries and PC_MAX_BYTES of bodies per worker, least recently used
 * evicted first; a page larger than PC_MAX_ENTRY is not kept. */
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "web/web.h"
#include "core/util.h"

#define PC_SLOTS      64
#define PC_MAX_BYTES  (8u << 20)
#define PC_MAX_ENTRY  (1u << 20)
#define PC_MAX_AGE    60
#define PC_MAX_TOKENS 16

/* The scopes a page may name while rendering, besides PS_PEOPLE which every page has. */
#define PC_DEPS (PAGE_DEPS_MAX - 1)

struct pc_entry {
    char *key;        /* path '?' query; NULL = free slot */
    int64_t stamp[2]; /* database change stamp at which deps last read dep_n */
    struct page_dep deps[PAGE_DEPS_MAX];
    int64_t dep_n[PAGE_DEPS_MAX]; /* their counters when rendered */
    size_t ndeps;
    int64_t born;  /* time_now() when rendered */
    uint64_t used; /* LRU tick */
    char *body;    /* the rendered page */
    size_t len;
    size_t tok_len;            /* length of the CSRF token in body */
    size_t tok[PC_MAX_TOKENS]; /* where it appears */
    size_t ntok;
    int img_https; /* the page's CSP allows https: images (r->img_https when rendered) */
};

struct page_cache {
    struct pc_entry e[PC_SLOTS];
    size_t bytes; /* sum of len */
    uint64_t tick;
    /* Between web_cache_serve (a miss) and web_cache_keep of the same request: the stamp
       read before rendering. A worker runs one handler at a time. */
    int pending;
    int64_t pending_stamp[2];
    char *pending_key;
    struct page_dep pending_deps[PC_DEPS]; /* named by the renderer (web_cache_depends) */
    size_t pending_ndeps;
    int pending_overflow; /* named more than PC_DEPS: depend on everything */
};

static void entry_free(struct page_cache *pc, struct pc_entry *e)
{
    if (!e->key)
        return;
    pc->bytes -= e->len;
    free(e->key);
    free(e->body);
    memset(e, 0, sizeof(*e));
}

/* Free pc and every entry (the worker's cache_free, called at thread exit). */
static void web_cache_free(struct page_cache *pc)
{
    if (!pc)
        return;
    for (size_t i = 0; i < PC_SLOTS; i++)
        entry_free(pc, &pc->e[i]);
    free(pc->pending_key);
    free(pc);
}

/* May this request be answered from, or fill, the cache? Anonymous browser GETs only. */
static int eligible(struct req *r)
{
    return r->tctx && r->user_id == 0 && !r->via_token && r->csrf_token &&
           (str_eq(r->method_name, "GET") || str_eq(r->method_name, "HEAD")) && r->out.len == 0;
}

/* After rendering: was the page a plain success for the same anonymous visitor? */
static int eligible_after(struct req *r)
{
    return r->user_id == 0 && r->status == 200 && r->err.code == ERR_OK && !r->out.err &&
           r->out.len > 0 && r->content_type_out == NULL;
}

/* First occurrence of needle (n > 0 bytes) in hay, or NULL (memmem is not POSIX). */
static const char *find_bytes(const char *hay, size_t len, const char *needle, size_t n)
{
    const char *p = hay, *end = hay + len;
    while ((size_t)(end - p) >= n && (p = memchr(p, needle[0], (size_t)(end - p) - n + 1))) {
        if (!memcmp(p, needle, n))
            return p;
        p++;
    }
    return NULL;
}

static char *make_key(struct req *r)
{
    const char *q = r->query_string ? r->query_string : "";
    size_t lp = strlen(r->path), lq = strlen(q);
    char *k = x_malloc(lp + lq + 2);
    memcpy(k, r->path, lp);
    k[lp] = '?';
    memcpy(k + lp + 1, q, lq + 1);
    return k;
}

/* Is e still what its page would show? Its database stamp unchanged: yes. Otherwise read its
   scopes' counters: none moved means the writes since were elsewhere, and e is good as of
   stamp (read before the counters). */
static int still_valid(struct db *db, struct pc_entry *e, const int64_t stamp[2])
{
    int64_t now[PAGE_DEPS_MAX];
    if (e->stamp[0] == stamp[0] && e->stamp[1] == stamp[1])
        return 1;
    if (db_page_stamps(db, e->deps, e->ndeps, now) < 0)
        return 0;
    for (size_t i = 0; i < e->ndeps; i++)
        if (now[i] != e->dep_n[i])
            return 0;
    e->stamp[0] = stamp[0];
    e->stamp[1] = stamp[1];
    return 1;
}

void web_cache_depends(struct req *r, int kind, int64_t id)
{
    struct worker *w = r->tctx;
    struct page_cache *pc = w ? w->cache : NULL;
    if (!pc || !pc->pending)
        return;
    for (size_t i = 0; i < pc->pending_ndeps; i++)
        if (pc->pending_deps[i].kind == kind && pc->pending_deps[i].id == id)
            return;
    if (pc->pending_ndeps == PC_DEPS) {
        pc->pending_overflow = 1;
        return;
    }
    pc->pending_deps[pc->pending_ndeps].kind = kind;
    pc->pending_deps[pc->pending_ndeps].id = id;
    pc->pending_ndeps++;
}

/* 1 if r->out now holds the cached page; 0: render, then web_cache_keep. */
static int web_cache_serve(struct req *r)
{
    struct worker *w;
    struct page_cache *pc;
    struct pc_entry *hit = NULL;
    int64_t stamp[2];
    char *key;
    size_t at = 0, tl;

    if (!eligible(r))
        return 0;
    w = r->tctx;
    if (!w->cache) {
        w->cache = x_calloc(1, sizeof(*w->cache));
        w->cache_free = web_cache_free;
    }
    pc = w->cache;
    pc->pending = 0;
    if (db_change_stamp(w->db, stamp) != 0)
        return 0; /* no stamp (PostgreSQL) or a failed read: render as usual */
    key = make_key(r);
    for (size_t i = 0; i < PC_SLOTS; i++) {
        struct pc_entry *e = &pc->e[i];
        if (e->key && str_eq(e->key, key)) {
            hit = e;
            break;
        }
    }
    tl = strlen(r->csrf_token);
    if (hit && (time_now() - hit->born >= PC_MAX_AGE || hit->tok_len != tl ||
                !still_valid(w->db, hit, stamp))) {
        entry_free(pc, hit);
        hit = NULL;
    }
    if (!hit) {
        free(pc->pending_key);
        pc->pending_key = key;
        pc->pending_stamp[0] = stamp[0];
        pc->pending_stamp[1] = stamp[1];
        pc->pending = 1;
        pc->pending_ndeps = 0;
        pc->pending_overflow = 0;
        return 0;
    }
    free(key);
    resp_header(r, "X-Cache", "hit");
    r->img_https = hit->img_https;
    hit->used = ++pc->tick;
    buf_grow(&r->out, hit->len);
    for (size_t i = 0; i < hit->ntok; i++) {
        buf_append(&r->out, hit->body + at, hit->tok[i] - at);
        buf_append(&r->out, r->csrf_token, tl);
        at = hit->tok[i] + tl;
    }
    buf_append(&r->out, hit->body + at, hit->len - at);
    return 1;
}

/* After rendering a miss: keep a plain 200 page for later anonymous visitors. */
static void web_cache_keep(struct req *r)
{
    struct worker *w = r->tctx;
    struct page_cache *pc = w ? w->cache : NULL;
    struct pc_entry *slot = NULL;
    const char *tok = r->csrf_token;
    size_t tl, at = 0, ntok = 0, pos[PC_MAX_TOKENS], ndeps;
    struct page_dep deps[PAGE_DEPS_MAX];
    int64_t dep_n[PAGE_DEPS_MAX], now[2];

    if (!pc || !pc->pending)
        return;
    pc->pending = 0;
    resp_header(r, "X-Cache", "miss");
    if (!eligible_after(r) || r->out.len > PC_MAX_ENTRY || !tok || !*tok)
        return;
    /* What the page showed: the scopes it named (everything if none or too many), and the
       people and settings every page shows. Their counters are read now, which is only
       right if nothing was written while the page was rendered. */
    if (pc->pending_ndeps == 0 || pc->pending_overflow) {
        deps[0].kind = PS_ALL;
        deps[0].id = 0;
        ndeps = 1;
    } else {
        memcpy(deps, pc->pending_deps, pc->pending_ndeps * sizeof(deps[0]));
        ndeps = pc->pending_ndeps;
    }
    deps[ndeps].kind = PS_PEOPLE;
    deps[ndeps].id = 0;
    ndeps++;
    if (db_change_stamp(w->db, now) != 0 || now[0] != pc->pending_stamp[0] ||
        now[1] != pc->pending_stamp[1] || db_page_stamps(w->db, deps, ndeps, dep_n) < 0)
        return;
    tl = strlen(tok);
    for (;;) { /* find the token wherever the page carries it */
        const char *p = find_bytes(r->out.data + at, r->out.len - at, tok, tl);
        if (!p)
            break;
        if (ntok == PC_MAX_TOKENS)
            return; /* more forms than expected: not worth keeping */
        pos[ntok++] = (size_t)(p - r->out.data);
        at = (size_t)(p - r->out.data) + tl;
    }
    /* Room: a free slot, else evict least recently used until both limits hold. */
    for (;;) {
        struct pc_entry *lru = NULL;
        slot = NULL;
        for (size_t i = 0; i < PC_SLOTS; i++) {
            struct pc_entry *e = &pc->e[i];
            if (!e->key) {
                if (!slot)
                    slot = e;
            } else if (!lru || e->used < lru->used) {
                lru = e;
            }
        }
        if (slot && pc->bytes + r->out.len <= PC_MAX_BYTES)
            break;
        if (!lru)
            return;
        entry_free(pc, lru);
    }
    slot->key = pc->pending_key;
    pc->pending_key = NULL;
    slot->stamp[0] = pc->pending_stamp[0];
    slot->stamp[1] = pc->pending_stamp[1];
    memcpy(slot->deps, deps, ndeps * sizeof(deps[0]));
    memcpy(slot->dep_n, dep_n, ndeps * sizeof(dep_n[0]));
    slot->ndeps = ndeps;
    slot->born = time_now();
    slot->used = ++pc->tick;
    slot->body = x_malloc(r->out.len ? r->out.len : 1);
    memcpy(slot->body, r->out.data, r->out.len);
    slot->len = r->out.len;
    slot->tok_len = tl;
    memcpy(slot->tok, pos, ntok * sizeof(pos[0]));
    slot->ntok = ntok;
    slot->img_https = r->img_https;
    pc->bytes += slot->len;
}

int web_cache_page(struct req *r, int (*render)(struct req *r))
{
    int rc;
    if (web_cache_serve(r))
        return 0;
    rc = render(r);
    if (rc == 0)
        web_cache_keep(r);
    return rc;
}
