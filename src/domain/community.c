/* Communities: validation of slugs, names, charters and tag vocabularies; the visibility and
 * role permissions; create, edit, archive; join, leave, roles; invitation links. See
 * domain/community.h for the rules. Every write runs in one write transaction, and the
 * checks that depend on other rows (last coordinator, invitation uses) are made inside it. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/markdown.h"
#include "core/rand.h"
#include "core/utf8.h"
#include "core/query.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "store/notification.h"
#include "domain/webhook.h"
#include "core/util.h"

/* Words a slug may not be: path segments Praxis uses or may use next to /c/, and names that
   would confuse people. Sorted only for the reader. */
static const char *const reserved_slugs[] = {
    "about",   "account", "admin",       "all",       "api",     "archive", "assets",
    "auth",    "c",       "communities", "community", "edit",    "events",  "feed",
    "feeds",   "healthz", "readyz",      "help",      "home",    "invite",  "invites",
    "join",    "leave",   "login",       "logout",    "mail",    "me",      "members",
    "metrics", "new",     "null",        "praxis",    "private", "public",  "register",
    "root",    "search",  "settings",    "signin",    "signout", "signup",  "static",
    "system",  "tags",    "tokens",      "undefined", "user",    "users",   "www",
};

static int slug_char(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
}

int community_slug_reserved(const char *slug)
{
    size_t i;
    for (i = 0; i < ARRAY_SIZE(reserved_slugs); i++)
        if (!strcmp(slug, reserved_slugs[i]))
            return 1;
    return 0;
}

int community_slug_check(const char *slug, struct errinfo *e)
{
    size_t n, i;
    if (!slug || !*slug)
        return error_set(e, ERR_INVALID, "slug",
                         "Choose a short address (slug) for the community.");
    n = strlen(slug);
    for (i = 0; i < n; i++)
        if (!slug_char((unsigned char)slug[i]))
            break;
    if (n < COMMUNITY_SLUG_MIN || n > COMMUNITY_SLUG_MAX || i < n || slug[0] == '-' ||
        slug[n - 1] == '-')
        return error_set(e, ERR_INVALID, "slug",
                         "A slug is %d to %d characters: a-z, 0-9 and -, not starting or "
                         "ending with -.",
                         COMMUNITY_SLUG_MIN, COMMUNITY_SLUG_MAX);
    /* The same answer as for a slug in use (community_create): a private community's slug
       must not be told apart from a word Praxis keeps for itself. */
    if (community_slug_reserved(slug))
        return error_set(e, ERR_CONFLICT, "slug",
                         "The slug \"%s\" is not available; choose another.", slug);
    return 0;
}

const char *community_slug_suggest(struct arena *a, const char *name)
{
    char out[COMMUNITY_SLUG_MAX + 1];
    size_t n = 0;
    const unsigned char *p;
    int dash = 0;
    for (p = (const unsigned char *)(name ? name : ""); *p && n < COMMUNITY_SLUG_MAX; p++) {
        int ch = *p;
        if (ch >= 'A' && ch <= 'Z')
            ch = ch - 'A' + 'a';
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && n > 0 && n < COMMUNITY_SLUG_MAX - 1)
                out[n++] = '-';
            dash = 0;
            out[n++] = (char)ch;
        } else if (ch >= 0x80 && (ch & 0xC0) == 0x80) {
            /* continuation byte of a non-ASCII character: already counted as a separator */
        } else {
            dash = 1;
        }
    }
    while (n > 0 && out[n - 1] == '-')
        n--;
    out[n] = '\0';
    if (n < COMMUNITY_SLUG_MIN)
        return "";
    return arena_strdup(a, out);
}

/* Trim ASCII spaces and tabs at both ends into an arena copy. */
static const char *trim(struct arena *a, const char *s)
{
    const char *end;
    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    return arena_strndup(a, s, (size_t)(end - s));
}

int community_name_check(struct arena *a, const char *name, const char **out, struct errinfo *e)
{
    const char *t;
    size_t chars;
    if (!name)
        name = "";
    if (!utf8_valid(name, strlen(name)) || utf8_has_controls(name, 0))
        return error_set(e, ERR_INVALID, "name", "The name must be one line of plain text.");
    t = trim(a, name);
    chars = utf8_chars(t, strlen(t));
    if (chars < COMMUNITY_NAME_MIN || chars > COMMUNITY_NAME_MAX)
        return error_set(e, ERR_INVALID, "name", "A name is %d to %d characters.",
                         COMMUNITY_NAME_MIN, COMMUNITY_NAME_MAX);
    *out = t;
    return 0;
}

/* Check one tag; 0 or ERR_INVALID naming it. */
static int tag_check(const char *tag, struct errinfo *e)
{
    size_t n = strlen(tag), i;
    for (i = 0; i < n; i++)
        if (!slug_char((unsigned char)tag[i]))
            break;
    if (n < 1 || n > COMMUNITY_TAG_MAX || i < n)
        return error_set(e, ERR_INVALID, "tags",
                         "Tag \"%.40s\" is not valid: a tag is 1 to %d characters of a-z, 0-9 "
                         "and -.",
                         tag, COMMUNITY_TAG_MAX);
    return 0;
}

int community_tags_parse(struct arena *a, const char *text, struct community_tag **out, size_t *n,
                         struct errinfo *e)
{
    struct community_tag *arr = ARENA_ARRAY(a, struct community_tag, COMMUNITY_TAGS_MAX);
    size_t count = 0, i;
    const char *p = text ? text : "";
    *out = arr;
    *n = 0;
    while (*p) {
        const char *start;
        char *tag;
        size_t len, j;
        int dupl = 0;
        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        start = p;
        while (*p && *p != ',' && !isspace((unsigned char)*p))
            p++;
        len = (size_t)(p - start);
        if (len > COMMUNITY_TAG_MAX)
            return error_set(e, ERR_INVALID, "tags",
                             "Tag \"%.*s...\" is too long: a tag is 1 to %d characters.", 20, start,
                             COMMUNITY_TAG_MAX);
        tag = arena_strndup(a, start, len);
        for (j = 0; j < len; j++)
            if (tag[j] >= 'A' && tag[j] <= 'Z')
                tag[j] = (char)(tag[j] - 'A' + 'a');
        if (tag_check(tag, e) < 0)
            return ERR_INVALID;
        for (i = 0; i < count; i++)
            if (!strcmp(arr[i].tag, tag))
                dupl = 1;
        if (dupl)
            continue;
        if (count == COMMUNITY_TAGS_MAX)
            return error_set(e, ERR_TOOBIG, "tags", "A community has at most %d tags.",
                             COMMUNITY_TAGS_MAX);
        arr[count].tag = tag;
        arr[count].description = "";
        count++;
    }
    *n = count;
    return 0;
}

int community_tags_check(const struct community_tag *tags, size_t n, struct errinfo *e)
{
    size_t i, j;
    if (n > COMMUNITY_TAGS_MAX)
        return error_set(e, ERR_TOOBIG, "tags", "A community has at most %d tags.",
                         COMMUNITY_TAGS_MAX);
    for (i = 0; i < n; i++) {
        const char *d = tags[i].description ? tags[i].description : "";
        if (!tags[i].tag || tag_check(tags[i].tag, e) < 0)
            return error_set(e, ERR_INVALID, "tags",
                             "Each tag is 1 to %d characters of a-z, 0-9 and -.",
                             COMMUNITY_TAG_MAX);
        if (!utf8_valid(d, strlen(d)) || utf8_has_controls(d, 0) ||
            utf8_chars(d, strlen(d)) > COMMUNITY_TAG_DESC_MAX)
            return error_set(e, ERR_INVALID, "tags",
                             "The description of tag \"%s\" must be one line of at most %d "
                             "characters.",
                             tags[i].tag, COMMUNITY_TAG_DESC_MAX);
        for (j = 0; j < i; j++)
            if (!strcmp(tags[i].tag, tags[j].tag))
                return error_set(e, ERR_INVALID, "tags", "Tag \"%s\" is listed twice.",
                                 tags[i].tag);
    }
    return 0;
}

const char *community_tags_format(struct arena *a, const struct community_tag *tags, size_t n)
{
    struct buf b;
    const char *s;
    size_t i;
    buf_init(&b, 0);
    for (i = 0; i < n; i++) {
        if (i)
            buf_puts(&b, ", ");
        buf_puts(&b, tags[i].tag);
    }
    s = arena_strdup(a, b.data);
    buf_release(&b);
    return s;
}

const char *community_charter_sentence(struct arena *a, const char *md)
{
    const char *t = query_snippet_plain(a, md ? md : "");
    size_t i, end = strlen(t), cap = COMMUNITY_SENTENCE_MAX;
    for (i = 0; t[i]; i++)
        if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && (t[i + 1] == ' ' || !t[i + 1])) {
            end = i + 1;
            break;
        }
    if (end <= cap)
        return arena_strndup(a, t, end);
    while (cap > 0 && ((unsigned char)t[cap] & 0xC0) == 0x80) /* not inside a character */
        cap--;
    while (cap > 0 && t[cap - 1] != ' ' && cap > COMMUNITY_SENTENCE_MAX / 2)
        cap--; /* at a word's end when one is near */
    return arena_printf(a, "%.*s\xE2\x80\xA6", (int)(cap && t[cap - 1] == ' ' ? cap - 1 : cap), t);
}

/* ------------------------------------------------------------------------------------------ */
/* Permissions */

static int is_super(const struct ctx *c)
{
    return c->system || c->is_admin;
}

int community_can_read(const struct ctx *c, const struct community *cm)
{
    if (is_super(c) || cm->visibility == COMMUNITY_PUBLIC)
        return 1;
    if (cm->visibility == COMMUNITY_MEMBERS)
        return c->uid != 0;
    return c->uid != 0 && cm->viewer_role != ROLE_NONE;
}

int community_can_edit(const struct ctx *c, const struct community *cm)
{
    return is_super(c) || (c->uid && cm->viewer_role == ROLE_COORDINATOR);
}

int community_can_manage_members(const struct ctx *c, const struct community *cm)
{
    return community_can_edit(c, cm);
}

int community_can_invite(const struct ctx *c, const struct community *cm)
{
    if (cm->archived)
        return 0;
    return is_super(c) || (c->uid && cm->viewer_role >= ROLE_MODERATOR);
}

int community_can_join(const struct ctx *c, const struct community *cm)
{
    return c->uid && cm->viewer_role == ROLE_NONE && !cm->archived &&
           cm->visibility != COMMUNITY_PRIVATE;
}

int community_can_leave(const struct ctx *c, const struct community *cm)
{
    return c->uid && cm->viewer_role != ROLE_NONE;
}

int community_can_create(struct ctx *c)
{
    if (is_super(c))
        return 1;
    return c->uid && str_eq(settings_get(c, "community_creation", "admins"), "members");
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers for writes */

/* Record a storage failure (details to the log) and return ERR_DB. */
/* Roll back the open transaction and pass rc on. */
static int not_found(struct ctx *c, const char *slug)
{
    return error_set(c->err, ERR_NOTFOUND, NULL, "There is no community at /c/%.60s.",
                     slug ? slug : "");
}

/* The refusal for a community the viewer may not read: a signed-out visitor of a
   members-only community is asked to sign in (ERR_AUTH: the error page links to the sign-in
   page with the way back; the message names nothing of the community); everyone else is
   told there is no such community, so a private community's existence never shows. */
static int read_refused(struct ctx *c, const struct community *cm, const char *slug)
{
    if (!c->uid && cm->visibility == COMMUNITY_MEMBERS)
        return error_set(c->err, ERR_AUTH, NULL,
                         "This community is open to the members of this site: sign in to "
                         "read it.");
    return not_found(c, slug);
}

int community_read_refused(struct ctx *c, const struct community *cm)
{
    return read_refused(c, cm, cm->slug);
}

static int need_signin(struct ctx *c)
{
    return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
}

static int archived_err(struct ctx *c, const struct community *cm)
{
    return error_set(c->err, ERR_CONFLICT, NULL,
                     "%s is archived and read-only; a coordinator can unarchive it.", cm->name);
}

/* Render and check a charter: md (may be NULL = "") into *html. */
/* The charter md of cm (NULL: an import, no embedding check) rendered: Markdown with the
   upload images all of cm's readers can load (upload_markdown_hook_in; another is
   ERR_INVALID on "charter_md"). */
static int charter_render(struct ctx *c, const struct community *cm, const char *md,
                          const char **html)
{
    struct upload_embed embed = {0};
    struct markdown_opts o = {0};
    struct buf b;
    size_t n = md ? strlen(md) : 0;
    int rc;
    if (n > COMMUNITY_CHARTER_MAX)
        return error_set(c->err, ERR_TOOBIG, "charter_md", "The charter is limited to %d KiB.",
                         COMMUNITY_CHARTER_MAX / 1024);
    if (n && !utf8_valid(md, n))
        return error_set(c->err, ERR_INVALID, "charter_md",
                         "The charter must be valid UTF-8 text.");
    buf_init(&b, 0);
    if (cm)
        upload_markdown_hook_in(c, &o, &embed, cm);
    rc = n ? markdown_render_opts(&b, md, n, &o) : 0;
    if (rc < 0 || b.err) {
        buf_release(&b);
        return error_set(c->err, rc == ERR_TOOBIG || b.err ? ERR_TOOBIG : ERR_INVALID, "charter_md",
                         "The charter could not be rendered.");
    }
    if (upload_embed_check(c, &embed, "charter_md") < 0) {
        buf_release(&b);
        return ERR_INVALID;
    }
    *html = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return 0;
}

int community_charter_render(struct ctx *c, const char *md, const char **html)
{
    return charter_render(c, NULL, md, html);
}

/* The vocabulary from input (text or list), keeping the descriptions of tags that stay
   (old may be NULL). Sets *tags and *n, and *given = 0 when the input has no vocabulary. */
static int tags_from_input(struct ctx *c, const struct community_input *in,
                           const struct community *old, struct community_tag **tags, size_t *n,
                           int *given)
{
    size_t i, j;
    *given = 0;
    if (in->has_tags) {
        if (community_tags_check(in->tags, in->ntags, c->err) < 0)
            return c->err->code;
        *tags = ARENA_ARRAY(c->arena, struct community_tag, in->ntags + 1);
        memcpy(*tags, in->tags, in->ntags * sizeof(**tags));
        *n = in->ntags;
        *given = 1;
        return 0;
    }
    if (!in->tags_text)
        return 0;
    if (community_tags_parse(c->arena, in->tags_text, tags, n, c->err) < 0)
        return c->err->code;
    *given = 1;
    for (i = 0; old && i < *n; i++)
        for (j = 0; j < old->ntags; j++)
            if (!strcmp((*tags)[i].tag, old->tags[j].tag))
                (*tags)[i].description = old->tags[j].description;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Communities */

/* Load by slug for the viewer, without the read check. */
static int load(struct ctx *c, const char *slug, struct community *out)
{
    int rc = community_db_get_slug(c->db, c->arena, slug, c->uid, out);
    if (rc == ERR_NOTFOUND)
        return not_found(c, slug);
    if (rc < 0)
        return domain_db_fail(c, "get");
    return 0;
}

static int load_tags(struct ctx *c, struct community *cm)
{
    if (community_db_tags(c->db, c->arena, cm->id, &cm->tags, &cm->ntags) < 0)
        return domain_db_fail(c, "tags");
    return 0;
}

int community_get(struct ctx *c, const char *slug, struct community *out)
{
    int rc;
    if (!slug || strlen(slug) > COMMUNITY_SLUG_MAX)
        return not_found(c, slug);
    rc = load(c, slug, out);
    if (rc < 0)
        return rc;
    if (!community_can_read(c, out)) {
        rc = read_refused(c, out, slug);
        memset(out, 0, sizeof(*out));
        return rc;
    }
    return load_tags(c, out);
}

int community_create(struct ctx *c, const struct community_input *in, struct community *out)
{
    struct community cm;
    struct community_tag *tags = NULL;
    size_t ntags = 0;
    int given, rc, attempt, suggested = 0;
    const char *base = NULL;

    if (!c->uid && !c->system)
        return need_signin(c);
    if (!community_can_create(c))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only administrators can create communities on this instance.");
    memset(&cm, 0, sizeof(cm));
    if (community_name_check(c->arena, in->name, &cm.name, c->err) < 0)
        return ERR_INVALID;
    if (in->slug && *in->slug) {
        cm.slug = in->slug;
    } else {
        base = community_slug_suggest(c->arena, cm.name);
        if (!*base)
            return error_set(c->err, ERR_INVALID, "slug",
                             "Choose a slug: the name has too few letters a-z or digits to "
                             "make one.");
        cm.slug = base;
        suggested = 1;
        if (community_slug_reserved(base))
            cm.slug = arena_printf(c->arena, "%.30s-community", base);
    }
    if ((rc = community_slug_check(cm.slug, c->err)) < 0)
        return rc; /* ERR_INVALID, or ERR_CONFLICT for a reserved word */
    if (in->visibility && *in->visibility) {
        if (community_vis_parse(in->visibility, &cm.visibility) < 0)
            return error_set(c->err, ERR_INVALID, "visibility",
                             "Visibility is public, members or private.");
    } else {
        cm.visibility = COMMUNITY_PUBLIC;
    }
    cm.charter_md = in->charter_md ? in->charter_md : "";
    if (charter_render(c, &cm, cm.charter_md, &cm.charter_html) < 0)
        return c->err->code;
    if (tags_from_input(c, in, NULL, &tags, &ntags, &given) < 0)
        return c->err->code;
    cm.created_by = c->uid;
    cm.created_at = cm.updated_at = c->now;

    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    /* A suggested slug that is taken gets -2, -3, ...; a chosen one is a conflict. */
    for (attempt = 2;; attempt++) {
        rc = community_db_insert(c->db, &cm);
        if (rc != ERR_CONFLICT || !suggested || attempt > 20)
            break;
        cm.slug = arena_printf(c->arena, "%.36s-%d", base, attempt);
    }
    if (rc == ERR_CONFLICT)
        return domain_rollback(c, error_set(c->err, ERR_CONFLICT, "slug",
                                            "The slug \"%s\" is not available; choose another.",
                                            cm.slug));
    if (rc < 0)
        return domain_rollback(c, domain_db_fail(c, "insert"));
    if (ntags && community_db_tags_replace(c->db, cm.id, tags, ntags) < 0)
        return domain_rollback(c, domain_db_fail(c, "tags"));
    if (c->uid && membership_db_add(c->db, cm.id, c->uid, ROLE_COORDINATOR, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "coordinator"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    log_info("msg=\"community created\" slug=%s by=%lld", cm.slug, (long long)c->uid);
    rc = community_db_get_id(c->db, c->arena, cm.id, c->uid, out);
    if (rc < 0)
        return domain_db_fail(c, "reload");
    return load_tags(c, out);
}

int community_update(struct ctx *c, struct community *cm, const struct community_input *in)
{
    struct community nw = *cm;
    struct community_tag *tags = NULL;
    size_t ntags = 0;
    int given, rc;

    if (!c->uid && !c->system)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (!community_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators can edit %s.", cm->name);
    if (cm->archived)
        return archived_err(c, cm);
    if (in->name && community_name_check(c->arena, in->name, &nw.name, c->err) < 0)
        return ERR_INVALID;
    if (in->visibility && *in->visibility &&
        community_vis_parse(in->visibility, &nw.visibility) < 0)
        return error_set(c->err, ERR_INVALID, "visibility",
                         "Visibility is public, members or private.");
    if (in->charter_md) {
        nw.charter_md = in->charter_md;
        if (charter_render(c, &nw, nw.charter_md, &nw.charter_html) < 0)
            return c->err->code;
    }
    if (!cm->tags && load_tags(c, cm) < 0)
        return ERR_DB;
    if (tags_from_input(c, in, cm, &tags, &ntags, &given) < 0)
        return c->err->code;
    nw.updated_at = c->now;

    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = community_db_update(c->db, &nw);
    if (rc == ERR_NOTFOUND)
        return domain_rollback(c, not_found(c, cm->slug));
    if (rc < 0)
        return domain_rollback(c, domain_db_fail(c, "update"));
    if (given && community_db_tags_replace(c->db, cm->id, tags, ntags) < 0)
        return domain_rollback(c, domain_db_fail(c, "tags"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    rc = community_db_get_id(c->db, c->arena, cm->id, c->uid, cm);
    if (rc < 0)
        return domain_db_fail(c, "reload");
    return load_tags(c, cm);
}

const struct community_tag *community_tag_find(const struct community *cm, const char *tag)
{
    size_t i;
    for (i = 0; tag && i < cm->ntags; i++)
        if (!strcmp(cm->tags[i].tag, tag))
            return &cm->tags[i];
    return NULL;
}

int community_tag_describe(struct ctx *c, struct community *cm, const char *tag,
                           const char *description)
{
    const char *d = description ? description : "";
    size_t len;
    while (*d == ' ' || *d == '\t')
        d++;
    len = strlen(d);
    while (len && (d[len - 1] == ' ' || d[len - 1] == '\t'))
        len--;
    d = arena_strndup(c->arena, d, len);
    int rc;
    if (!c->uid && !c->system)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (!community_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators can describe the tags of %s.",
                         cm->name);
    if (cm->archived)
        return archived_err(c, cm);
    if (!cm->tags && load_tags(c, cm) < 0)
        return ERR_DB;
    if (!community_tag_find(cm, tag))
        return error_set(c->err, ERR_NOTFOUND, "tag", "%s has no tag \"%.40s\".", cm->name,
                         tag ? tag : "");
    if (!utf8_valid(d, strlen(d)) || utf8_has_controls(d, 0) ||
        utf8_chars(d, strlen(d)) > COMMUNITY_TAG_DESC_MAX)
        return error_set(c->err, ERR_INVALID, "description",
                         "A tag's description is one line of at most %d characters.",
                         COMMUNITY_TAG_DESC_MAX);
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = community_db_tag_describe(c->db, cm->id, tag, d);
    if (rc == ERR_NOTFOUND)
        return domain_rollback(c, error_set(c->err, ERR_NOTFOUND, "tag", "No such tag."));
    if (rc < 0)
        return domain_rollback(c, domain_db_fail(c, "tag_describe"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return load_tags(c, cm);
}

int community_set_archived(struct ctx *c, struct community *cm, int archived)
{
    if (!c->uid && !c->system)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (!community_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators can archive %s.", cm->name);
    if (community_db_set_archived(c->db, cm->id, archived, c->now) < 0)
        return domain_db_fail(c, "archive");
    cm->archived = archived ? 1 : 0;
    cm->updated_at = c->now;
    log_info("msg=\"community %s\" slug=%s by=%lld", archived ? "archived" : "unarchived", cm->slug,
             (long long)c->uid);
    return 0;
}

int community_list(struct ctx *c, struct community_filter *f, struct community **out, size_t *n)
{
    f->viewer = c->uid;
    f->see_all = is_super(c) && f->kind == COMMUNITY_LIST_DIRECTORY;
    if (f->kind == COMMUNITY_LIST_MINE && !c->uid) {
        *out = NULL;
        *n = 0;
        return 0;
    }
    if (f->q && strlen(f->q) > 200)
        return error_set(c->err, ERR_INVALID, "q", "The filter is at most 200 characters.");
    if (community_db_list(c->db, c->arena, f, out, n) < 0)
        return domain_db_fail(c, "list");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Membership */

/* The "welcome" notification (domain/notification.h's NOTIFY_WELCOME; written here, as
   notification.c depends on this file) for c->uid who just joined cm, inside the join's
   transaction: the community page has its charter, best-practice articles and how to ask
   well. In the app only (the kind's mail default is "app" and members cannot choose it). */
static int welcome(struct ctx *c, const struct community *cm)
{
    const char *text = arena_printf(c->arena,
                                    "Welcome to %s: read its charter, its best-practice "
                                    "articles and how to ask a good question.",
                                    cm->name);
    const char *link = arena_printf(c->arena, "/c/%s", cm->slug);
    if (notification_db_insert(c->db, c->uid, "welcome", text, link, c->now) < 0)
        return domain_db_fail(c, "welcome");
    return 0;
}

/* Insert the viewer's membership inside an open transaction, consuming invite id (0 = none).
   Re-reads the role so a double submit is a no-op. Commits or rolls back. */
static int join_tx(struct ctx *c, struct community *cm, int64_t invite_id)
{
    enum role role;
    int rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (membership_db_role(c->db, cm->id, c->uid, &role) < 0)
        return domain_rollback(c, domain_db_fail(c, "role"));
    if (role != ROLE_NONE) {
        db_rollback(c->db);
        cm->viewer_role = role;
        return 0;
    }
    if (invite_id) {
        rc = invite_db_use(c->db, invite_id, c->now);
        if (rc == ERR_NOTFOUND)
            return domain_rollback(c, error_set(c->err, ERR_INVALID, "invite",
                                                "This invitation can no longer be used."));
        if (rc < 0)
            return domain_rollback(c, domain_db_fail(c, "invite use"));
    }
    rc = membership_db_add(c->db, cm->id, c->uid, ROLE_MEMBER, c->now);
    if (rc < 0 && rc != ERR_CONFLICT)
        return domain_rollback(c, domain_db_fail(c, "join"));
    if (rc == 0 && webhook_member(c, "member.joined", cm, c->uid, "member") < 0)
        return domain_rollback(c, c->err->code);
    if (rc == 0 && welcome(c, cm) < 0)
        return domain_rollback(c, c->err->code);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    if (rc == 0)
        cm->member_count++;
    cm->viewer_role = ROLE_MEMBER;
    return 0;
}

int community_join(struct ctx *c, struct community *cm)
{
    if (!c->uid)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (cm->viewer_role != ROLE_NONE)
        return 0;
    if (cm->archived)
        return archived_err(c, cm);
    if (cm->visibility == COMMUNITY_PRIVATE)
        return error_set(c->err, ERR_PERM, NULL,
                         "%s is private: you need an invitation link to join.", cm->name);
    return join_tx(c, cm, 0);
}

int community_join_token(struct ctx *c, const char *token, struct community *out)
{
    struct invite inv;
    int rc;
    if (!c->uid)
        return need_signin(c);
    rc = community_invite_open(c, token, out, &inv);
    if (rc < 0)
        return rc;
    if (out->viewer_role != ROLE_NONE)
        return 0;
    return join_tx(c, out, inv.id);
}

/* Would taking the coordinator role from uid leave cm without one? Inside a transaction. */
static int last_coordinator(struct ctx *c, int64_t cid, enum role current, int *last)
{
    int64_t n = 0;
    *last = 0;
    if (current != ROLE_COORDINATOR)
        return 0;
    if (membership_db_count(c->db, cid, ROLE_COORDINATOR, &n) < 0)
        return ERR_DB;
    *last = n <= 1;
    return 0;
}

int community_is_last_coordinator(struct ctx *c, const struct community *cm)
{
    int last = 0;
    if (!c->uid || cm->viewer_role != ROLE_COORDINATOR)
        return 0;
    if (last_coordinator(c, cm->id, cm->viewer_role, &last) < 0)
        return 0;
    return last;
}

int community_leave(struct ctx *c, struct community *cm)
{
    enum role role;
    int last;
    if (!c->uid)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (membership_db_role(c->db, cm->id, c->uid, &role) < 0)
        return domain_rollback(c, domain_db_fail(c, "role"));
    if (role == ROLE_NONE)
        return domain_rollback(
            c, error_set(c->err, ERR_CONFLICT, NULL, "You are not a member of %s.", cm->name));
    if (last_coordinator(c, cm->id, role, &last) < 0)
        return domain_rollback(c, domain_db_fail(c, "count"));
    if (last)
        return domain_rollback(c, error_set(c->err, ERR_CONFLICT, NULL,
                                            "You are the last coordinator of %s: appoint another "
                                            "coordinator before you leave.",
                                            cm->name));
    if (membership_db_remove(c->db, cm->id, c->uid) < 0)
        return domain_rollback(c, domain_db_fail(c, "leave"));
    if (webhook_member(c, "member.left", cm, c->uid, role_name(role)) < 0)
        return domain_rollback(c, c->err->code);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    cm->viewer_role = ROLE_NONE;
    if (cm->member_count > 0)
        cm->member_count--;
    return 0;
}

int community_members(struct ctx *c, const struct community *cm, enum role role, int limit,
                      int offset, struct member **out, size_t *n)
{
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (membership_db_list(c->db, c->arena, cm->id, role, limit, offset, out, n) < 0)
        return domain_db_fail(c, "members");
    return 0;
}

static const char *const member_sort_names[MEMBER_SORT__MAX] = {"role", "name", "joined",
                                                                "activity"};

const char *member_sort_name(enum member_sort s)
{
    return (unsigned)s < MEMBER_SORT__MAX ? member_sort_names[s] : "role";
}

int member_sort_parse(const char *s, enum member_sort *out)
{
    int i;
    if (!s || !*s) {
        *out = MEMBER_SORT_ROLE;
        return 0;
    }
    for (i = 0; i < MEMBER_SORT__MAX; i++)
        if (str_eq(s, member_sort_names[i])) {
            *out = (enum member_sort)i;
            return 0;
        }
    return -1;
}

static const char *member_shown(const struct member *m)
{
    return m->display_name && *m->display_name ? m->display_name : m->name;
}

/* qsort comparators of the member directory; ties by account name, then id. */
static int member_by_name(const void *a, const void *b)
{
    const struct member *x = a, *y = b;
    int d = str_natcmp(member_shown(x), member_shown(y));
    if (!d)
        d = str_natcmp(x->name, y->name);
    return d ? d : (x->user_id < y->user_id ? -1 : x->user_id > y->user_id);
}

static int member_by_role(const void *a, const void *b)
{
    const struct member *x = a, *y = b;
    if (x->role != y->role)
        return x->role > y->role ? -1 : 1; /* coordinator > moderator > member */
    return member_by_name(a, b);
}

static int member_by_joined(const void *a, const void *b)
{
    const struct member *x = a, *y = b;
    if (x->joined_at != y->joined_at)
        return x->joined_at > y->joined_at ? -1 : 1;
    return member_by_name(a, b);
}

static int member_by_activity(const void *a, const void *b)
{
    const struct member *x = a, *y = b;
    if (x->activity != y->activity)
        return x->activity > y->activity ? -1 : 1;
    return member_by_name(a, b);
}

/* A filter value: trimmed and lower-cased; "" when absent. */
static const char *member_filter(struct arena *a, const char *s)
{
    char *out;
    size_t i, len;
    if (!s)
        return "";
    while (*s == ' ' || *s == '#')
        s++;
    len = strlen(s);
    while (len && s[len - 1] == ' ')
        len--;
    out = arena_strndup(a, s, len);
    for (i = 0; out[i]; i++)
        out[i] = (char)tolower((unsigned char)out[i]);
    return out;
}

int community_member_search(struct ctx *c, const struct community *cm,
                            const struct member_search *s, struct member **out, size_t *n,
                            int64_t *total)
{
    static int (*const cmp[MEMBER_SORT__MAX])(const void *, const void *) = {
        member_by_role, member_by_name, member_by_joined, member_by_activity};
    const char *skill = member_filter(c->arena, s->skill);
    const char *tag = member_filter(c->arena, s->tag);
    const char *q = s->q ? s->q : "";
    struct member *all;
    size_t got, from;
    *out = NULL;
    *n = 0;
    *total = 0;
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (*skill && tag_check(skill, NULL) < 0)
        return error_set(c->err, ERR_INVALID, "skill",
                         "A skill is 1 to %d characters of a-z, 0-9 and -.", COMMUNITY_TAG_MAX);
    if (*tag && tag_check(tag, NULL) < 0)
        return error_set(c->err, ERR_INVALID, "tag",
                         "A tag is 1 to %d characters of a-z, 0-9 and -.", COMMUNITY_TAG_MAX);
    if (strlen(q) > 100)
        return error_set(c->err, ERR_INVALID, "q", "Search for at most 100 characters of a name.");
    if (membership_db_search(c->db, c->arena, cm->id, q, skill, tag, MEMBER_SEARCH_MAX, &all,
                             &got) < 0)
        return domain_db_fail(c, "member_search");
    if ((unsigned)s->sort < MEMBER_SORT__MAX && got > 1)
        qsort(all, got, sizeof(*all), cmp[s->sort]);
    *total = (int64_t)got;
    from = s->offset > 0 ? (size_t)s->offset : 0;
    if (from >= got)
        return 0;
    *out = all + from;
    *n = got - from;
    if (*n > (size_t)(s->limit > 0 ? s->limit : 1))
        *n = (size_t)(s->limit > 0 ? s->limit : 1);
    return 0;
}

/* Shared by set_role and remove: checks, then in one transaction finds the member, refuses
   to remove the last coordinator, and applies the change (role NONE = remove). */
static int change_member(struct ctx *c, struct community *cm, const char *user_name, enum role role)
{
    int64_t uid = 0;
    const char *canon = NULL;
    enum role current;
    int rc, last;

    if (!c->uid && !c->system)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (!community_can_manage_members(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only coordinators can change roles or remove members.");
    if (cm->archived)
        return archived_err(c, cm);
    if (!user_name || !*user_name || strlen(user_name) > 100)
        return error_set(c->err, ERR_NOTFOUND, "name", "No such member.");
    rc = membership_db_find_user(c->db, c->arena, user_name, &uid, &canon);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, "name", "%s is not a member of %s.", user_name,
                         cm->name);
    if (rc < 0)
        return domain_db_fail(c, "user");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (membership_db_role(c->db, cm->id, uid, &current) < 0)
        return domain_rollback(c, domain_db_fail(c, "role"));
    if (current == ROLE_NONE)
        return domain_rollback(c, error_set(c->err, ERR_NOTFOUND, "name",
                                            "%s is not a member of %s.", canon, cm->name));
    if (role != ROLE_COORDINATOR) {
        if (last_coordinator(c, cm->id, current, &last) < 0)
            return domain_rollback(c, domain_db_fail(c, "count"));
        if (last)
            return domain_rollback(c, error_set(c->err, ERR_CONFLICT, "role",
                                                "%s is the last coordinator of %s: appoint another "
                                                "coordinator first.",
                                                canon, cm->name));
    }
    if (role == ROLE_NONE)
        rc = membership_db_remove(c->db, cm->id, uid);
    else
        rc = current == role ? 0 : membership_db_set_role(c->db, cm->id, uid, role);
    if (rc < 0)
        return domain_rollback(c, domain_db_fail(c, "change member"));
    if (role == ROLE_NONE && webhook_member(c, "member.left", cm, uid, role_name(current)) < 0)
        return domain_rollback(c, c->err->code);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    if (uid == c->uid)
        cm->viewer_role = role;
    if (role == ROLE_NONE && cm->member_count > 0)
        cm->member_count--;
    log_info("msg=\"membership changed\" slug=%s user=%s role=%s by=%lld", cm->slug, canon,
             role == ROLE_NONE ? "removed" : role_name(role), (long long)c->uid);
    return 0;
}

int community_set_role(struct ctx *c, struct community *cm, const char *user_name, enum role role)
{
    if (role <= ROLE_NONE || role >= ROLE__MAX)
        return error_set(c->err, ERR_INVALID, "role",
                         "A role is coordinator, moderator or member.");
    return change_member(c, cm, user_name, role);
}

int community_remove_member(struct ctx *c, struct community *cm, const char *user_name)
{
    return change_member(c, cm, user_name, ROLE_NONE);
}

/* ------------------------------------------------------------------------------------------ */
/* Invitations */

static const char *const invite_state_names[INVITE__MAX] = {"active", "expired", "revoked",
                                                            "used up"};

enum invite_state invite_state(const struct invite *inv, int64_t now)
{
    if (inv->revoked_at)
        return INVITE_REVOKED;
    if (inv->expires_at <= now)
        return INVITE_EXPIRED;
    if (inv->max_uses > 0 && inv->uses >= inv->max_uses)
        return INVITE_USED_UP;
    return INVITE_OK;
}

const char *invite_state_name(enum invite_state s)
{
    return (unsigned)s < INVITE__MAX ? invite_state_names[s] : "";
}

/* Checks shared by the invitation calls: signed in, may read, may invite. */
static int invite_allowed(struct ctx *c, const struct community *cm)
{
    if (!c->uid && !c->system)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (cm->archived)
        return archived_err(c, cm);
    if (!community_can_invite(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only coordinators and moderators can manage invitations.");
    return 0;
}

int community_invite_create(struct ctx *c, struct community *cm, int days, int max_uses,
                            struct invite *out)
{
    char token[TOKEN_HEX_LEN + 1], hash[TOKEN_HASH_LEN + 1];
    int rc = invite_allowed(c, cm);
    if (rc < 0)
        return rc;
    if (days < 1 || days > INVITE_DAYS_MAX)
        return error_set(c->err, ERR_INVALID, "days", "An invitation is valid for 1 to %d days.",
                         INVITE_DAYS_MAX);
    if (max_uses < 0 || max_uses > INVITE_USES_MAX)
        return error_set(c->err, ERR_INVALID, "max_uses", "Uses are 0 (unlimited) to %d.",
                         INVITE_USES_MAX);
    memset(out, 0, sizeof(*out));
    rand_token(token);
    token_hash(token, hash);
    out->community_id = cm->id;
    out->created_by = c->uid;
    out->created_at = c->now;
    out->expires_at = c->now + (int64_t)days * 86400;
    out->max_uses = max_uses;
    rc = invite_db_insert(c->db, out, hash);
    if (rc < 0)
        return domain_db_fail(c, "invite");
    out->token = arena_strdup(c->arena, token);
    log_info("msg=\"invitation created\" slug=%s id=%lld by=%lld", cm->slug, (long long)out->id,
             (long long)c->uid);
    return 0;
}

int community_invites(struct ctx *c, struct community *cm, struct invite **out, size_t *n)
{
    int rc;
    *out = NULL;
    *n = 0;
    if (!c->uid && !c->system)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (!is_super(c) && cm->viewer_role < ROLE_MODERATOR)
        return error_set(c->err, ERR_PERM, NULL,
                         "Only coordinators and moderators can see invitations.");
    rc = invite_db_list(c->db, c->arena, cm->id, 200, out, n);
    return rc < 0 ? domain_db_fail(c, "invites") : 0;
}

int community_invite_revoke(struct ctx *c, struct community *cm, int64_t id)
{
    struct invite inv;
    int rc;
    if (!c->uid && !c->system)
        return need_signin(c);
    if (!community_can_read(c, cm))
        return not_found(c, cm->slug);
    if (!is_super(c) && cm->viewer_role < ROLE_MODERATOR)
        return error_set(c->err, ERR_PERM, NULL,
                         "Only coordinators and moderators can revoke invitations.");
    rc = invite_db_get(c->db, c->arena, id, &inv);
    if (rc == ERR_NOTFOUND || (rc == 0 && inv.community_id != cm->id))
        return error_set(c->err, ERR_NOTFOUND, NULL, "No such invitation.");
    if (rc < 0)
        return domain_db_fail(c, "invite");
    if (inv.revoked_at)
        return 0;
    rc = invite_db_revoke(c->db, id, c->now);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return domain_db_fail(c, "revoke");
    return 0;
}

int community_invite_open(struct ctx *c, const char *token, struct community *cm,
                          struct invite *inv)
{
    char hash[TOKEN_HASH_LEN + 1];
    size_t i;
    int rc;
    static const char *const why[INVITE__MAX] = {
        "", "This invitation has expired. Ask a coordinator for a new link.",
        "This invitation was revoked. Ask a coordinator for a new link.",
        ("This invitation has been used as many times as it allows. Ask a coordinator for a "
         "new link.")};
    enum invite_state st;

    for (i = 0; token && token[i]; i++)
        if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
            break;
    if (!token || i != TOKEN_HEX_LEN || token[i])
        return error_set(c->err, ERR_NOTFOUND, "invite", "This invitation link is not valid.");
    token_hash(token, hash);
    rc = invite_db_by_hash(c->db, c->arena, hash, inv);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, "invite", "This invitation link is not valid.");
    if (rc < 0)
        return domain_db_fail(c, "invite");
    st = invite_state(inv, c->now);
    if (st != INVITE_OK)
        return error_set(c->err, ERR_INVALID, "invite", "%s", why[st]);
    rc = community_db_get_id(c->db, c->arena, inv->community_id, c->uid, cm);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, "invite", "This invitation link is not valid.");
    if (rc < 0)
        return domain_db_fail(c, "get");
    if (cm->archived)
        return archived_err(c, cm);
    return load_tags(c, cm);
}
