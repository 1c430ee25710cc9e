/* Communities: the rules. Who may read, create, edit, archive, join, leave, invite and
 * change roles, and what a valid slug, name, charter and tag vocabulary are.
 *
 * Visibility (the one rule everything else obeys, through community_can_read):
 *   public   anyone, even anonymous, can read;
 *   members  any signed-in user can read;
 *   private  only members and instance administrators can read. To everyone else a private
 *            community does not exist: every call answers ERR_NOTFOUND with the same message
 *            as for a slug that was never used, and lists never include it.
 * Roles: coordinators edit the community, archive it, change roles and remove members;
 * moderators (and coordinators) create invitation links; instance administrators (and the
 * CLI's system ctx) may do everything. An archived community is read-only: no joins, edits,
 * invitations or role changes until a coordinator unarchives it (leaving stays possible).
 *
 * The struct community, struct member and struct invite types, the visibility and role
 * enums and their name/parse helpers come from store/community.h. All results are
 * allocated in ctx->arena. Functions return 0 or a negative enum err with ctx->err set. */
#ifndef PRAXIS_DOMAIN_COMMUNITY_H
#define PRAXIS_DOMAIN_COMMUNITY_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/community.h"

#define COMMUNITY_SLUG_MIN     2
#define COMMUNITY_SLUG_MAX     40
#define COMMUNITY_NAME_MIN     2 /* code points */
#define COMMUNITY_NAME_MAX     80
#define COMMUNITY_CHARTER_MAX  (64 * 1024) /* bytes of Markdown */
#define COMMUNITY_TAGS_MAX     200
#define COMMUNITY_TAG_MAX      30
#define COMMUNITY_TAG_DESC_MAX 200 /* code points */
#define INVITE_DAYS_MAX        365
#define INVITE_USES_MAX        10000

/* --- validation (pure; e may be NULL) --- */

/* A slug is 2-40 characters of a-z, 0-9 and '-', neither starting nor ending with '-', and
   not a reserved word (new, edit, api, admin, ...). 0, ERR_INVALID (field "slug"), or
   ERR_CONFLICT for a reserved word, worded like a slug in use ("is not available"). */
int community_slug_check(const char *slug, struct errinfo *e);
int community_slug_reserved(const char *slug); /* 1 if reserved */
/* A slug made from a name: ASCII letters and digits lowercased, runs of anything else
   become one '-', trimmed to 40. Returns "" when fewer than 2 usable characters remain. */
const char *community_slug_suggest(struct arena *a, const char *name);
/* A name is 2-80 code points of valid UTF-8 without control characters, after trimming
   spaces at both ends. *out gets the trimmed copy. 0 or ERR_INVALID (field "name"). */
int community_name_check(struct arena *a, const char *name, const char **out, struct errinfo *e);
/* Parse a tag vocabulary typed as text: tags separated by commas and/or white space, ASCII
   letters folded to lower case, duplicates dropped, order kept. Each tag is 1-30 of
   [a-z0-9-]; at most 200 tags. Descriptions are "". 0, ERR_INVALID or ERR_TOOBIG
   (field "tags"). An empty text is a valid empty vocabulary. */
int community_tags_parse(struct arena *a, const char *text, struct community_tag **out, size_t *n,
                         struct errinfo *e);
/* Check a vocabulary given as a list (API): same rules as above, descriptions <= 200 code
   points of single-line text. Duplicates are an error here. */
int community_tags_check(const struct community_tag *tags, size_t n, struct errinfo *e);
/* "a, b, c": a vocabulary as the text community_tags_parse reads back. */
const char *community_tags_format(struct arena *a, const struct community_tag *tags, size_t n);

/* The first sentence of a charter (Markdown md, may be NULL or only its start) as plain
   text: Markdown syntax dropped (query_snippet_plain), cut after the first '.', '!' or '?'
   followed by a space or the end, and at COMMUNITY_SENTENCE_MAX bytes (at a word's end when
   possible, then "..."). "" for an empty charter. In a. For community cards. */
#define COMMUNITY_SENTENCE_MAX 200
const char *community_charter_sentence(struct arena *a, const char *md);

/* --- permissions (pure; cm must have been loaded for ctx->uid, so viewer_role is right) --- */

int community_can_read(const struct ctx *c, const struct community *cm);
/* The error for a community cm the viewer may not read, set on c->err: ERR_AUTH ("sign in
   to read it") for a signed-out visitor of a members-only community, else ERR_NOTFOUND
   ("there is no community"), so that a private community never shows it exists. */
int community_read_refused(struct ctx *c, const struct community *cm);
int community_can_edit(const struct ctx *c, const struct community *cm); /* + archive */
int community_can_manage_members(const struct ctx *c, const struct community *cm);
int community_can_invite(const struct ctx *c, const struct community *cm);
/* 1 if ctx->uid can join now without an invitation (signed in, not a member, not archived,
   not private). */
int community_can_join(const struct ctx *c, const struct community *cm);
int community_can_leave(const struct ctx *c, const struct community *cm);
/* 1 if the acting user is cm's only coordinator (so leaving would orphan it and
   community_leave refuses); 0 otherwise, and on a storage error (the leave itself checks
   again). */
int community_is_last_coordinator(struct ctx *c, const struct community *cm); /* is a member */
/* Admins; or any signed-in user when settings community_creation = members. */
int community_can_create(struct ctx *c);

/* --- communities --- */

/* Fields for create and update. On update a NULL field keeps the current value. */
struct community_input {
    const char *slug; /* create only; NULL or "" = suggested from the name */
    const char *name;
    const char *charter_md; /* Markdown */
    const char *visibility; /* "public" | "members" | "private"; create default "public" */
    const char *tags_text;  /* vocabulary as text (forms), or NULL */
    const struct community_tag *tags; /* vocabulary as a list (API), used when has_tags */
    size_t ntags;
    int has_tags;
};

/* Load a community the viewer may read, with its tags. ERR_NOTFOUND otherwise, or ERR_AUTH
   for a signed-out visitor of a members-only community (community_read_refused). */
int community_get(struct ctx *c, const char *slug, struct community *out);
/* Create; the creator becomes its coordinator. ERR_AUTH (anonymous), ERR_PERM (not allowed
   by community_creation), ERR_INVALID/ERR_TOOBIG (field set), ERR_CONFLICT (slug taken). */
int community_create(struct ctx *c, const struct community_input *in, struct community *out);
/* A charter md (NULL = "") checked (size, UTF-8) and rendered as on every write. *html in
   c->arena. 0, ERR_INVALID or ERR_TOOBIG (field "charter_md"). Used to render imported
   communities again. */
int community_charter_render(struct ctx *c, const char *md, const char **html);
/* Change name, charter, visibility and tags of cm (updated in place). */
int community_update(struct ctx *c, struct community *cm, const struct community_input *in);
/* The vocabulary entry of tag in cm (tags loaded), or NULL. */
const struct community_tag *community_tag_find(const struct community *cm, const char *tag);
/* Set the description of tag (in cm's vocabulary) to description (trimmed; "" clears it):
   coordinators and administrators. ERR_AUTH, ERR_PERM, ERR_CONFLICT (archived),
   ERR_NOTFOUND (field "tag": not in the vocabulary), ERR_INVALID (field "description": more
   than COMMUNITY_TAG_DESC_MAX characters or not one line). cm's tags are reloaded. */
int community_tag_describe(struct ctx *c, struct community *cm, const char *tag,
                           const char *description);
/* Archive (1) or unarchive (0). */
int community_set_archived(struct ctx *c, struct community *cm, int archived);

/* The lists; f->viewer and f->see_all are set here from ctx (the caller sets kind, q,
   include_archived, limit, offset). Private communities appear only to their members and
   (in the directory) to administrators. */
int community_list(struct ctx *c, struct community_filter *f, struct community **out, size_t *n);

/* --- membership --- */

/* Join cm as a member (no-op if already one). Private communities need an invitation:
   use community_join_token. ERR_AUTH, ERR_CONFLICT (archived), ERR_NOTFOUND. */
int community_join(struct ctx *c, struct community *cm);
/* Join the community an invitation token opens; *out gets it. ERR_NOTFOUND (unknown token),
   ERR_INVALID (expired, revoked or used up; field "invite"), ERR_CONFLICT (archived). */
int community_join_token(struct ctx *c, const char *token, struct community *out);
/* Leave cm. ERR_CONFLICT when the viewer is its last coordinator. */
int community_leave(struct ctx *c, struct community *cm);
/* Members of cm (role ROLE_NONE = all), coordinators first. Needs read access. */
int community_members(struct ctx *c, const struct community *cm, enum role role, int limit,
                      int offset, struct member **out, size_t *n);
/* The member directory of a community: filters and order. */
enum member_sort {
    MEMBER_SORT_ROLE,     /* coordinators, moderators, members; each by name (default) */
    MEMBER_SORT_NAME,     /* by shown name (display name, else account name), natural order */
    MEMBER_SORT_JOINED,   /* newest members first */
    MEMBER_SORT_ACTIVITY, /* most posts in the community first */
    MEMBER_SORT__MAX
};
const char *member_sort_name(enum member_sort s);            /* "role", "name", ... */
int member_sort_parse(const char *s, enum member_sort *out); /* 0 or -1 ("" = role) */
#define MEMBER_SEARCH_MAX 10000 /* members sorted per search (larger results are cut) */
struct member_search {
    const char *q;     /* part of the name or display name, or NULL/"" */
    const char *skill; /* a claimed skill (profile), or NULL/"" */
    const char *tag;   /* posted under this tag in the community, or NULL/"" */
    enum member_sort sort;
    int64_t offset; /* rows skipped */
    int limit;      /* rows returned (1..500) */
};
/* Members of cm matching s (needs read access), sorted, from s->offset: at most s->limit in
   *out, *total = all matches (at most MEMBER_SEARCH_MAX). Names compare naturally
   (str_natcmp: "beer-2" before "beer-10"). ERR_INVALID (field "skill" / "tag") for a
   malformed skill or tag, ERR_NOTFOUND when cm is not readable. */
int community_member_search(struct ctx *c, const struct community *cm,
                            const struct member_search *s, struct member **out, size_t *n,
                            int64_t *total);
/* Change the role of the member called user_name. Coordinators and admins. ERR_NOTFOUND
   (not a member), ERR_CONFLICT (would leave no coordinator). */
int community_set_role(struct ctx *c, struct community *cm, const char *user_name, enum role role);
/* Remove the member called user_name. Same rules as community_set_role. */
int community_remove_member(struct ctx *c, struct community *cm, const char *user_name);

/* --- invitations --- */

enum invite_state { INVITE_OK, INVITE_EXPIRED, INVITE_REVOKED, INVITE_USED_UP, INVITE__MAX };
enum invite_state invite_state(const struct invite *inv, int64_t now);
const char *invite_state_name(enum invite_state s); /* "active", "expired", ... */

/* Make an invitation link valid for days (1-365) and max_uses uses (0 = unlimited).
   out->token holds the secret (shown once; only its hash is stored). Moderators,
   coordinators, admins; not on archived communities. */
int community_invite_create(struct ctx *c, struct community *cm, int days, int max_uses,
                            struct invite *out);
int community_invites(struct ctx *c, struct community *cm, struct invite **out, size_t *n);
int community_invite_revoke(struct ctx *c, struct community *cm, int64_t id);
/* Resolve a token to its invitation and community without joining (for the /join page).
   The community is loaded whatever its visibility: the token is the capability.
   ERR_NOTFOUND (unknown token), ERR_INVALID (expired, revoked, used up). */
int community_invite_open(struct ctx *c, const char *token, struct community *cm,
                          struct invite *inv);

#endif
