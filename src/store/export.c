/* The "praxis-export" format's record catalogue and its reader and writer: one spec per
 * record type (table, columns, JSON types, sort key, community filter), the tables left out
 * on purpose, the schema-coverage check, the snapshot writer and the transactional importer.
 * docs/export-format.md documents every record type listed here. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/export.h"
#include "core/util.h"

/* ---- the catalogue ---------------------------------------------------------------------- */

#define I(n)                                                                                       \
    {                                                                                              \
        n, XT_INT, 0, NULL, NULL                                                                   \
    }
#define IN(n)                                                                                      \
    {                                                                                              \
        n, XT_INT, XF_NULL, NULL, NULL                                                             \
    }
#define T(n)                                                                                       \
    {                                                                                              \
        n, XT_TEXT, 0, NULL, NULL                                                                  \
    }
#define TN(n)                                                                                      \
    {                                                                                              \
        n, XT_TEXT, XF_NULL, NULL, NULL                                                            \
    }
#define B(n)                                                                                       \
    {                                                                                              \
        n, XT_BOOL, 0, NULL, NULL                                                                  \
    }
/* Fields added after schema 5 (the first with this format): absent in older files. A
   nullable one (IN) needs no default: absent reads as null. */
#define IA(n, d)                                                                                   \
    {                                                                                              \
        n, XT_INT, XF_ADDED, d, NULL                                                               \
    }
#define TA(n, d)                                                                                   \
    {                                                                                              \
        n, XT_TEXT, XF_ADDED, d, NULL                                                              \
    }
/* HTML rendered from Markdown column src: exported, never imported (see XF_RENDERED). */
#define H(n, src)                                                                                  \
    {                                                                                              \
        n, XT_TEXT, XF_RENDERED, NULL, src                                                         \
    }
#define SPEC_COLS(a) a, (int)ARRAY_SIZE(a)

static const struct export_col user_cols[] = {
    I("id"),
    T("name"),
    T("name_key"),
    T("display_name"),
    {"password_hash", XT_TEXT, XF_NULL | XF_INSTANCE, NULL, NULL},
    {"is_admin", XT_INT, XF_INSTANCE, NULL, NULL},
    T("status"),
    T("bio_md"),
    H("bio_html", "bio_md"),
    T("timezone"),
    I("created_at"),
    I("updated_at"),
    IA("expertise_hidden", "0"),
    IA("auto_watch", "1"),
    /* schema 13: the address (personal: whole-instance exports only; absent = none) */
    {"email", XT_TEXT, XF_NULL | XF_INSTANCE, NULL, NULL},
    {"email_key", XT_TEXT, XF_NULL | XF_INSTANCE, NULL, NULL},
    {"email_verified_at", XT_INT, XF_NULL | XF_INSTANCE, NULL, NULL},
    /* schema 16: the digest setting and when the last digest was built */
    TA("digest_frequency", "weekly"),
    IA("digest_last_at", "0"),
    /* schema 20: timed restrictions from the review queue (null = none) */
    IN("suspended_until"),
    IN("silenced_until"),
    TA("restrict_reason", ""),

    /* schema 22: the colour theme (system, light or dark; absent = system) */
    TA("theme", "system"),
    /* schema 23: the trust level and whether an administrator locked it (absent = 0) */
    IA("trust_level", "0"),
    IA("trust_locked", "0")};
static const struct export_col user_skill_cols[] = {I("user_id"), T("tag")};
static const struct export_col setting_cols[] = {T("key"), T("value")};
static const struct export_col community_cols[] = {I("id"),
                                                   T("slug"),
                                                   T("name"),
                                                   T("charter_md"),
                                                   H("charter_html", "charter_md"),
                                                   T("visibility"),
                                                   B("archived"),
                                                   I("tag_proposals"),
                                                   IN("created_by"),
                                                   I("created_at"),
                                                   I("updated_at"),
                                                   TA("article_editors", "trusted"),
                                                   IA("review_first_posts", "0")};
static const struct export_col community_tag_cols[] = {I("community_id"), T("tag"),
                                                       T("description")};
static const struct export_col membership_cols[] = {I("community_id"), I("user_id"), T("role"),
                                                    I("joined_at")};
static const struct export_col community_invite_cols[] = {
    I("id"),         I("community_id"), T("token_hash"), IN("created_by"), I("created_at"),
    I("expires_at"), I("max_uses"),     I("uses"),       IN("revoked_at")};
static const struct export_col registration_invite_cols[] = {
    I("id"),         T("token_hash"), IN("created_by"), I("created_at"),
    I("expires_at"), IN("used_by"),   IN("used_at"),    T("note")};
static const struct export_col api_token_cols[] = {
    I("id"),     I("user_id"),    T("name"),          T("token_hash"),
    T("prefix"), I("created_at"), IN("last_used_at"), IN("revoked_at")};
static const struct export_col calendar_token_cols[] = {I("user_id"), T("token_hash"),
                                                        I("created_at")};
static const struct export_col thread_cols[] = {I("id"),
                                                I("community_id"),
                                                T("kind"),
                                                T("title"),
                                                T("tags"),
                                                IN("author_id"),
                                                I("created_at"),
                                                I("last_activity_at"),
                                                IN("last_post_id"),
                                                I("post_count"),
                                                I("reply_count"),
                                                I("answer_count"),
                                                I("score"),
                                                IN("accepted_post_id"),
                                                I("locked"),
                                                I("pinned"),
                                                IN("closed_at"),
                                                T("close_reason"),
                                                IN("deleted_at"),
                                                IN("moved_from_community_id"),
                                                IN("accepted_at"),
                                                IN("held_at")};
static const struct export_col post_cols[] = {I("id"),
                                              I("thread_id"),
                                              I("position"),
                                              IN("author_id"),
                                              IN("reply_to_post_id"),
                                              T("body_md"),
                                              H("body_html", "body_md"),
                                              I("created_at"),
                                              IN("edited_at"),
                                              I("edit_count"),
                                              I("score"),
                                              I("like_count"),
                                              IN("hidden_at"),
                                              IN("hidden_by"),
                                              T("hide_reason"),
                                              IN("deleted_at"),
                                              IA("base_score", "0"),
                                              IN("held_at")};
static const struct export_col flag_cols[] = {
    I("id"),         T("item_kind"),    I("item_id"),     I("post_id"),
    IN("author_id"), I("flagger_id"),   T("reason"),      IN("original_thread_id"),
    T("note"),       I("weight"),       T("status"),      T("outcome"),
    I("created_at"), IN("resolved_at"), IN("resolved_by")};
static const struct export_col revision_cols[] = {I("id"),         I("post_id"),    I("rev"),
                                                  IN("author_id"), I("created_at"), TN("title"),
                                                  TN("tags"),      T("body_md"),    T("summary")};
static const struct export_col thread_tag_cols[] = {I("thread_id"), T("tag")};
static const struct export_col tag_proposal_cols[] = {I("community_id"), T("tag"),
                                                      IN("proposed_by"), I("created_at")};
static const struct export_col vote_cols[] = {I("post_id"), I("user_id"), I("value"),
                                              I("created_at")};
static const struct export_col like_cols[] = {I("post_id"), I("user_id"), I("created_at")};
static const struct export_col mention_cols[] = {I("post_id"), I("user_id")};
static const struct export_col draft_cols[] = {
    I("user_id"), T("draft_key"), T("title"), T("body"), T("tags"), T("kind"), I("updated_at")};
static const struct export_col audit_cols[] = {I("id"),     I("community_id"), IN("actor_id"),
                                               T("action"), IN("thread_id"),   IN("post_id"),
                                               T("detail"), I("created_at")};
static const struct export_col event_cols[] = {I("id"),
                                               I("community_id"),
                                               T("title"),
                                               T("description_md"),
                                               H("description_html", "description_md"),
                                               T("tz"),
                                               I("start_local"),
                                               I("duration"),
                                               I("start_at"),
                                               I("last_end_at"),
                                               T("location"),
                                               T("online_url"),
                                               I("capacity"),
                                               T("freq"),
                                               I("rinterval"),
                                               I("byday"),
                                               T("monthly"),
                                               I("rcount"),
                                               T("until_date"),
                                               T("notes_url"),
                                               T("notes_md"),
                                               H("notes_html", "notes_md"),
                                               I("sequence"),
                                               B("cancelled"),
                                               IN("created_by"),
                                               I("created_at"),
                                               I("updated_at")};
static const struct export_col event_override_cols[] = {
    I("event_id"),  I("occ_key"),   TN("title"),   IN("start_at"), IN("end_at"),
    TN("location"), B("cancelled"), I("sequence"), I("updated_at")};
static const struct export_col rsvp_cols[] = {I("id"),           I("event_id"), I("occ_key"),
                                              I("user_id"),      T("status"),   I("responded_at"),
                                              I("waitlisted_at")};

/* Uploads (0021): the rows; the files themselves travel beside the export (cli/export.c). */
static const struct export_col upload_cols[] = {
    T("id"),     IN("user_id"),  IN("community_id"), T("name"),          T("content_type"),
    I("size"),   I("width"),     I("height"),        I("display_width"), I("display_height"),
    T("sha256"), I("created_at")};

/* Imported content (Stack Exchange importer): provenance and what came with it. */
static const struct export_col comment_cols[] = {
    I("id"), I("post_id"), IN("author_id"), T("body_md"), H("body_html", "body_md"),
    I("created_at"),
    /* schema 18: local comments (absent in older files: null) */
    IN("edited_at"), IN("deleted_at"), IN("deleted_by")};
static const struct export_col thread_link_cols[] = {I("thread_id"), I("target_id"), T("kind"),
                                                     I("created_at")};
static const struct export_col import_map_cols[] = {T("source"), T("kind"), I("ext_id"),
                                                    I("local_id"), IN("aux")};
static const struct export_col import_attribution_cols[] = {
    T("kind"), I("local_id"), T("source_url"), T("author_name"), T("author_url"), T("license")};
static const struct export_col account_claim_cols[] = {T("token_hash"),  I("user_id"),
                                                       IN("created_by"), I("created_at"),
                                                       I("expires_at"),  IN("used_at")};

/* The knowledge base. replaced_by is not in article: it may name an article with a higher
   id, so it travels in article_replacement records after every article (an UPDATE). */
static const struct export_col article_cols[] = {I("id"),
                                                 I("community_id"),
                                                 T("slug"),
                                                 T("title"),
                                                 T("tags"),
                                                 T("body_md"),
                                                 H("body_html", "body_md"),
                                                 T("status"),
                                                 I("current_rev"),
                                                 IN("owner_id"),
                                                 I("review_by"),
                                                 I("review_notified"),
                                                 I("helped_count"),
                                                 I("outdated_count"),
                                                 IN("created_by"),
                                                 I("created_at"),
                                                 I("updated_at")};
static const struct export_col article_replacement_cols[] = {I("id"), I("replaced_by")};
static const struct export_col article_revision_cols[] = {
    I("id"),    I("article_id"), I("rev"),     IN("author_id"), I("created_at"),
    T("title"), T("tags"),       T("body_md"), T("summary")};
static const struct export_col article_slug_cols[] = {I("community_id"), T("slug"),
                                                      I("article_id")};
static const struct export_col article_link_cols[] = {I("article_id"), I("community_id"),
                                                      T("to_slug")};
static const struct export_col article_thread_cols[] = {I("article_id"), I("thread_id"), T("kind")};
static const struct export_col article_feedback_cols[] = {I("article_id"), I("user_id"), T("kind"),
                                                          T("note"), I("created_at")};
static const struct export_col article_trusted_cols[] = {I("community_id"), I("user_id")};
static const struct export_col article_review_cols[] = {I("article_id"), I("user_id"), T("kind"),
                                                        I("created_at")};
static const struct export_col notification_cols[] = {
    I("id"),         I("user_id"),       T("kind"),           T("text"),          T("link"),
    I("created_at"), IN("read_at"),      IN("actor_id"),      IN("community_id"), IN("thread_id"),
    IN("post_id"),   IN("last_post_id"), TA("group_key", ""), IA("count", "1"),   IN("mailed_at"),
    IN("event_id")};
static const struct export_col follow_cols[] = {I("user_id"), I("community_id"), I("thread_id"),
                                                T("tag"),     I("level"),        I("updated_at")};
static const struct export_col notify_pref_cols[] = {I("user_id"), T("kind"), T("mode"),
                                                     I("updated_at")};
static const struct export_col thread_read_cols[] = {I("user_id"), I("thread_id"),
                                                     I("last_position")};
static const struct export_col search_miss_cols[] = {I("community_id"), T("query"), I("count"),
                                                     I("last_at")};

/* Community filters ($1 = the community's id). */
#define IN_THREADS "thread_id IN (SELECT id FROM threads WHERE community_id = $1)"
#define IN_POSTS                                                                                   \
    "post_id IN (SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id "                   \
    "WHERE t.community_id = $1)"
#define IN_EVENTS   "event_id IN (SELECT id FROM events WHERE community_id = $1)"
#define IN_ARTICLES "article_id IN (SELECT id FROM articles WHERE community_id = $1)"
/* Every user a community's rows point at: members, authors, voters, RSVPs, ... */
#define COMMUNITY_USERS                                                                            \
    "SELECT user_id FROM memberships WHERE community_id = $1 "                                     \
    "UNION SELECT created_by FROM communities WHERE id = $1 "                                      \
    "UNION SELECT author_id FROM threads WHERE community_id = $1 "                                 \
    "UNION SELECT author_id FROM posts WHERE " IN_THREADS " "                                      \
    "UNION SELECT hidden_by FROM posts WHERE " IN_THREADS " "                                      \
    "UNION SELECT author_id FROM post_revisions WHERE " IN_POSTS " "                               \
    "UNION SELECT user_id FROM votes WHERE " IN_POSTS " "                                          \
    "UNION SELECT user_id FROM likes WHERE " IN_POSTS " "                                          \
    "UNION SELECT user_id FROM mentions WHERE " IN_POSTS " "                                       \
    "UNION SELECT proposed_by FROM tag_proposals WHERE community_id = $1 "                         \
    "UNION SELECT actor_id FROM audit_log WHERE community_id = $1 "                                \
    "UNION SELECT created_by FROM events WHERE community_id = $1 "                                 \
    "UNION SELECT user_id FROM event_rsvps WHERE " IN_EVENTS " "                                   \
    "UNION SELECT author_id FROM comments WHERE " IN_POSTS " "                                     \
    "UNION SELECT deleted_by FROM comments WHERE " IN_POSTS " "                                    \
    "UNION SELECT owner_id FROM articles WHERE community_id = $1 "                                 \
    "UNION SELECT created_by FROM articles WHERE community_id = $1 "                               \
    "UNION SELECT author_id FROM article_revisions WHERE " IN_ARTICLES " "                         \
    "UNION SELECT user_id FROM article_feedback WHERE " IN_ARTICLES " "                            \
    "UNION SELECT user_id FROM article_reviews WHERE " IN_ARTICLES " "                             \
    "UNION SELECT user_id FROM article_trusted WHERE community_id = $1"
#define IN_COMMENTS                                                                                \
    "SELECT c.id FROM comments c JOIN posts p ON p.id = c.post_id JOIN threads t "                 \
    "ON t.id = p.thread_id WHERE t.community_id = $1"

/* Parents before children: an importer inserting in file order meets no dangling reference.
   To add a table: one line here (or in excluded[] below) and its section in
   docs/export-format.md. */
static const struct export_spec specs[] = {
    {"user", "users", SPEC_COLS(user_cols), "id", NULL, "id IN (" COMMUNITY_USERS ")", "id", 0},
    {"user_skill", "user_skills", SPEC_COLS(user_skill_cols), "user_id,tag", NULL,
     "user_id IN (" COMMUNITY_USERS ")", NULL, 0},
    {"setting", "settings", SPEC_COLS(setting_cols), "key", "key <> 'secret'", NULL, NULL, 0},
    {"community", "communities", SPEC_COLS(community_cols), "id", NULL, "id = $1", "id", 0},
    {"community_tag", "community_tags", SPEC_COLS(community_tag_cols), "community_id,tag", NULL,
     "community_id = $1", NULL, 0},
    {"membership", "memberships", SPEC_COLS(membership_cols), "community_id,user_id", NULL,
     "community_id = $1", NULL, 0},
    {"community_invite", "community_invites", SPEC_COLS(community_invite_cols), "id", NULL, NULL,
     "id", 0},
    {"registration_invite", "registration_invites", SPEC_COLS(registration_invite_cols), "id", NULL,
     NULL, "id", 0},
    {"api_token", "api_tokens", SPEC_COLS(api_token_cols), "id", NULL, NULL, "id", 0},
    {"calendar_token", "calendar_tokens", SPEC_COLS(calendar_token_cols), "user_id", NULL, NULL,
     NULL, 0},
    {"thread", "threads", SPEC_COLS(thread_cols), "id", NULL, "community_id = $1", "id", 0},
    {"post", "posts", SPEC_COLS(post_cols), "id", NULL, IN_THREADS, "id", 0},
    {"revision", "post_revisions", SPEC_COLS(revision_cols), "id", NULL, IN_POSTS, "id", 0},
    {"thread_tag", "thread_tags", SPEC_COLS(thread_tag_cols), "thread_id,tag", NULL, IN_THREADS,
     NULL, 0},
    {"tag_proposal", "tag_proposals", SPEC_COLS(tag_proposal_cols), "community_id,tag", NULL,
     "community_id = $1", NULL, 0},
    {"vote", "votes", SPEC_COLS(vote_cols), "post_id,user_id", NULL, IN_POSTS, NULL, 0},
    {"like", "likes", SPEC_COLS(like_cols), "post_id,user_id", NULL, IN_POSTS, NULL, 0},
    {"mention", "mentions", SPEC_COLS(mention_cols), "post_id,user_id", NULL, IN_POSTS, NULL, 0},
    {"comment", "comments", SPEC_COLS(comment_cols), "id", NULL, IN_POSTS, "id", 0},
    /* flags name their flaggers, who need not be in a community export: instance only */
    {"flag", "flags", SPEC_COLS(flag_cols), "id", NULL, NULL, "id", 0},
    {"thread_link", "thread_links", SPEC_COLS(thread_link_cols), "thread_id,target_id,kind", NULL,
     IN_THREADS " AND target_id IN (SELECT id FROM threads WHERE community_id = $1)", NULL, 0},
    {"import_map", "import_map", SPEC_COLS(import_map_cols), "source,kind,ext_id", NULL, NULL, NULL,
     0},
    {"import_attribution", "import_attribution", SPEC_COLS(import_attribution_cols),
     "kind,local_id", NULL,
     "(kind = 'post' AND local_id IN (SELECT p.id FROM posts p JOIN threads t "
     "ON t.id = p.thread_id WHERE t.community_id = $1)) "
     "OR (kind = 'comment' AND local_id IN (" IN_COMMENTS ")) "
     "OR (kind = 'user' AND local_id IN (" COMMUNITY_USERS "))",
     NULL, 0},
    {"account_claim", "account_claims", SPEC_COLS(account_claim_cols), "token_hash", NULL, NULL,
     NULL, 0},
    {"article", "articles", SPEC_COLS(article_cols), "id", NULL, "community_id = $1", "id", 0},
    {"article_replacement", "articles", SPEC_COLS(article_replacement_cols), "id",
     "replaced_by IS NOT NULL",
     "community_id = $1 AND replaced_by IN (SELECT id FROM articles WHERE community_id = $1)", NULL,
     1},
    {"article_revision", "article_revisions", SPEC_COLS(article_revision_cols), "id", NULL,
     IN_ARTICLES, "id", 0},
    {"article_slug", "article_slugs", SPEC_COLS(article_slug_cols), "community_id,slug", NULL,
     "community_id = $1", NULL, 0},
    {"article_link", "article_links", SPEC_COLS(article_link_cols), "article_id,to_slug", NULL,
     "community_id = $1", NULL, 0},
    {"article_thread", "article_threads", SPEC_COLS(article_thread_cols),
     "article_id,thread_id,kind", NULL, IN_ARTICLES " AND " IN_THREADS, NULL, 0},
    {"article_feedback", "article_feedback", SPEC_COLS(article_feedback_cols),
     "article_id,user_id,kind", NULL, IN_ARTICLES, NULL, 0},
    {"article_review", "article_reviews", SPEC_COLS(article_review_cols), "article_id,user_id",
     NULL, IN_ARTICLES, NULL, 0},
    {"article_trusted", "article_trusted", SPEC_COLS(article_trusted_cols), "community_id,user_id",
     NULL, "community_id = $1", NULL, 0},
    {"notification", "notifications", SPEC_COLS(notification_cols), "id", NULL, NULL, "id", 0},
    {"follow", "follows", SPEC_COLS(follow_cols), "user_id,community_id,thread_id,tag", NULL, NULL,
     NULL, 0},
    {"thread_read", "thread_reads", SPEC_COLS(thread_read_cols), "user_id,thread_id", NULL, NULL,
     NULL, 0},
    {"notify_pref", "notify_prefs", SPEC_COLS(notify_pref_cols), "user_id,kind", NULL, NULL, NULL,
     0},
    {"search_miss", "search_misses", SPEC_COLS(search_miss_cols), "community_id,query", NULL,
     "community_id = $1", NULL, 0},
    {"draft", "drafts", SPEC_COLS(draft_cols), "user_id,draft_key", NULL, NULL, NULL, 0},
    {"audit", "audit_log", SPEC_COLS(audit_cols), "id", NULL, "community_id = $1", "id", 0},
    {"event", "events", SPEC_COLS(event_cols), "id", NULL, "community_id = $1", "id", 0},
    {"event_override", "event_overrides", SPEC_COLS(event_override_cols), "event_id,occ_key", NULL,
     IN_EVENTS, NULL, 0},
    {"rsvp", "event_rsvps", SPEC_COLS(rsvp_cols), "id", NULL, IN_EVENTS, "id", 0},
    {"upload", "uploads", SPEC_COLS(upload_cols), "created_at,id", NULL, "community_id = $1", NULL,
     0},
};

/* Tables and columns left out on purpose (column NULL = the whole table; a table name
   ending in '*' is a prefix, for FTS shadow tables). */
static const struct {
    const char *table;
    const char *column;
    const char *why;
} excluded[] = {
    {"schema_migrations", NULL, "the header's schema_version says the same"},
    {"sessions", NULL, "sign-ins are per server; people sign in again"},
    {"login_attempts", NULL, "rate-limit state, minutes long"},
    {"communities", "member_count", "derived: triggers recount it from memberships"},
    {"expertise_suggest_runs", NULL, "a cache: suggestions are ranked again within the hour"},
    {"expertise_suggestions", NULL, "a cache: suggestions are ranked again within the hour"},
    {"search_docs", NULL, "derived: the search index's documents, refilled by triggers"},
    {"search_fts*", NULL, "derived: the FTS5 index and its shadow tables (SQLite)"},
    {"jobs", NULL, "a work queue (mail in flight), not content; an import starts empty"},
    {"live_messages", NULL, "the live-update backlog (minutes of transient messages)"},
    {"email_tokens", NULL, "verification and reset links, hours or days long"},
    {"mail_rate", NULL, "rate-limit state, an hour long"},
    {"mailin_seen", NULL, "Message-IDs mail-in handled: against MTA redelivery, not content"},
    {"webhooks", NULL,
     "connections to outside systems with their signing secrets: set up "
     "again on purpose, never carried along in a file"},
    {"webhook_deliveries", NULL, "a delivery queue and log of webhooks, not content"},
    {"webhook_attempts", NULL, "a delivery log of webhooks, not content"},
    {"user_days", NULL,
     "days each member visited (trust levels): personal activity, not content; "
     "counting starts afresh"},
    {"participation_months", NULL,
     "derived: monthly participation snapshots, computed again on demand"},
    {"participation_levels", NULL,
     "derived: monthly participation snapshots, computed again on demand"},
    {"report_questions", NULL, "derived: health report summaries, refilled by triggers"},
    {"report_posters", NULL, "derived: health report summaries, refilled by triggers"},
    {"report_dormant_runs", NULL, "a cache: who-knows tops are ranked again within a day"},
    {"report_dormant", NULL, "a cache: who-knows tops are ranked again within a day"},
};

const struct export_spec *export_specs(size_t *n)
{
    *n = ARRAY_SIZE(specs);
    return specs;
}

const struct export_spec *export_spec_find(const char *type)
{
    size_t i;
    for (i = 0; i < ARRAY_SIZE(specs); i++)
        if (!strcmp(specs[i].type, type))
            return &specs[i];
    return NULL;
}

static int excluded_match(const char *pat, const char *name)
{
    size_t n = strlen(pat);
    if (n && pat[n - 1] == '*')
        return strncmp(pat, name, n - 1) == 0;
    return strcmp(pat, name) == 0;
}

int export_table_excluded(const char *table)
{
    size_t i;
    for (i = 0; i < ARRAY_SIZE(excluded); i++)
        if (!excluded[i].column && excluded_match(excluded[i].table, table))
            return 1;
    return 0;
}

static const struct export_spec *spec_by_table(const char *table)
{
    size_t i;
    for (i = 0; i < ARRAY_SIZE(specs); i++)
        if (!strcmp(specs[i].table, table))
            return &specs[i];
    return NULL;
}

/* Is col of table named by any spec of the table (a table may feed two record types, e.g.
   articles and article_replacement) or excluded? */
static int column_covered(const char *table, const char *col)
{
    size_t i;
    int j;
    for (i = 0; i < ARRAY_SIZE(specs); i++) {
        if (strcmp(specs[i].table, table) != 0)
            continue;
        for (j = 0; j < specs[i].ncols; j++)
            if (!strcmp(specs[i].cols[j].name, col))
                return 1;
    }
    for (i = 0; i < ARRAY_SIZE(excluded); i++)
        if (excluded[i].column && !strcmp(excluded[i].table, table) &&
            !strcmp(excluded[i].column, col))
            return 1;
    return 0;
}

/* Does the column's name say it holds HTML (ends in "_html")? */
static int html_column(const char *col)
{
    size_t n = strlen(col);
    return n >= 5 && !strcmp(col + n - 5, "_html");
}

/* Is col of table exported as XF_RENDERED by every spec that names it? (Excluded columns
   are never imported, so they pass.) */
static int column_rendered(const char *table, const char *col)
{
    size_t i;
    int j;
    for (i = 0; i < ARRAY_SIZE(specs); i++) {
        if (strcmp(specs[i].table, table) != 0)
            continue;
        for (j = 0; j < specs[i].ncols; j++)
            if (!strcmp(specs[i].cols[j].name, col) && !(specs[i].cols[j].flags & XF_RENDERED))
                return 0;
    }
    return 1;
}

/* ---- schema coverage -------------------------------------------------------------------- */

#define NAMES_MAX 512

/* Read column 0 of every row of sql into names[] (x_strdup'd; caller frees). Returns the
   count or ERR_DB. */
static int read_names(struct db *db, const char *sql, const struct db_param *p, int np,
                      char **names)
{
    struct db_res *res;
    int n = 0, rc = db_query(db, sql, p, np, &res);
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) > 0)
        if (n < NAMES_MAX && db_text(res, 0))
            names[n++] = x_strdup(db_text(res, 0));
    db_done(res);
    if (rc < 0) {
        while (n > 0)
            free(names[--n]);
        return rc;
    }
    return n;
}

static void free_names(char **names, int n)
{
    while (n > 0)
        free(names[--n]);
}

int export_check_schema(struct db *db, struct errinfo *e)
{
    char *tables[NAMES_MAX], *cols[NAMES_MAX];
    struct buf miss;
    int nt, nc, i, j, rc = 0;

    nt = read_names(db,
                    db_kind(db) == DB_SQLITE
                        ? "SELECT name FROM sqlite_master WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                        : "SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                          "ORDER BY table_name",
                    NOPARAMS, tables);
    if (nt < 0)
        return error_set(e, ERR_DB, NULL, "cannot list tables: %s", db_last_error(db));
    buf_init(&miss, 4096);
    for (i = 0; i < nt && rc == 0; i++) {
        const struct export_spec *s = spec_by_table(tables[i]);
        if (!s) {
            if (!export_table_excluded(tables[i]))
                buf_printf(&miss, "%stable %s", miss.len ? ", " : "", tables[i]);
            continue;
        }
        nc = read_names(db,
                        db_kind(db) == DB_SQLITE
                            ? "SELECT name FROM pragma_table_info($1)"
                            : "SELECT column_name FROM information_schema.columns "
                              "WHERE table_schema = current_schema() AND table_name = $1",
                        PARAMS(P_TEXT(tables[i])), cols);
        if (nc < 0) {
            rc = error_set(e, ERR_DB, NULL, "cannot list columns of %s: %s", tables[i],
                           db_last_error(db));
            break;
        }
        for (j = 0; j < nc; j++) {
            if (!column_covered(tables[i], cols[j]))
                buf_printf(&miss, "%scolumn %s.%s", miss.len ? ", " : "", tables[i], cols[j]);
            else if (html_column(cols[j]) && !column_rendered(tables[i], cols[j]))
                buf_printf(&miss, "%scolumn %s.%s holds HTML but is not H() (XF_RENDERED)",
                           miss.len ? ", " : "", tables[i], cols[j]);
        }
        free_names(cols, nc);
    }
    /* Every spec's table must exist too (a renamed table would export nothing). */
    for (i = 0; rc == 0 && i < (int)ARRAY_SIZE(specs); i++) {
        int found = 0;
        for (j = 0; j < nt; j++)
            found |= !strcmp(tables[j], specs[i].table);
        if (!found)
            buf_printf(&miss, "%sspec %s names missing table %s", miss.len ? ", " : "",
                       specs[i].type, specs[i].table);
    }
    free_names(tables, nt);
    if (rc == 0 && miss.len)
        rc = error_set(e, ERR_INVALID, NULL,
                       "neither exported nor excluded (add them to src/store/export.c): %s",
                       miss.data);
    buf_release(&miss);
    return rc;
}

/* ---- SQL built from a spec --------------------------------------------------------------- */

static const struct export_col *spec_col(const struct export_spec *s, const char *name, size_t n)
{
    int j;
    for (j = 0; j < s->ncols; j++)
        if (strlen(s->cols[j].name) == n && !strncmp(s->cols[j].name, name, n))
            return &s->cols[j];
    return NULL;
}

/* SELECT of the spec's columns in key order; text keys sort bytewise on both backends. */
static void build_select(struct buf *b, struct db *db, const struct export_spec *s, int community)
{
    const char *p = s->order;
    int j;
    buf_puts(b, "SELECT ");
    for (j = 0; j < s->ncols; j++)
        buf_printf(b, "%s%s", j ? ", " : "", s->cols[j].name);
    buf_printf(b, " FROM %s", s->table);
    if (s->where)
        buf_printf(b, " WHERE %s", s->where);
    if (community)
        buf_printf(b, " %s (%s)", s->where ? "AND" : "WHERE", s->community);
    buf_puts(b, " ORDER BY ");
    while (*p) {
        size_t n = strcspn(p, ",");
        const struct export_col *c = spec_col(s, p, n);
        buf_append(b, p, n);
        if (c && c->type == XT_TEXT && db_kind(db) == DB_PG)
            buf_puts(b, " COLLATE \"C\"");
        p += n;
        if (*p == ',') {
            buf_puts(b, ", ");
            p++;
        }
    }
}

static void build_insert(struct buf *b, const struct export_spec *s)
{
    int j;
    buf_printf(b, "INSERT INTO %s (", s->table);
    for (j = 0; j < s->ncols; j++)
        buf_printf(b, "%s%s", j ? ", " : "", s->cols[j].name);
    buf_puts(b, ") VALUES (");
    for (j = 0; j < s->ncols; j++)
        buf_printf(b, "%s$%d", j ? ", " : "", j + 1);
    buf_puts(b, ")");
}

/* UPDATE for an update spec: cols[1..] set where cols[0] matches and they are still NULL, so
   a repeated record finds no row. */
static void build_update(struct buf *b, const struct export_spec *s)
{
    int j;
    buf_printf(b, "UPDATE %s SET ", s->table);
    for (j = 1; j < s->ncols; j++)
        buf_printf(b, "%s%s = $%d", j > 1 ? ", " : "", s->cols[j].name, j + 1);
    buf_printf(b, " WHERE %s = $1", s->cols[0].name);
    for (j = 1; j < s->ncols; j++)
        buf_printf(b, " AND %s IS NULL", s->cols[j].name);
}

/* ---- writer ------------------------------------------------------------------------------ */

int export_community_id(struct db *db, const char *slug, int64_t *id)
{
    return db_get_int(db, "SELECT id FROM communities WHERE slug = $1", PARAMS(P_TEXT(slug)), id);
}

/* Write the rows of one spec. The SQL string lives in sql until the statement is done; the
   statement cache notices a reused address by comparing texts. */
static int write_spec(struct db *db, const struct export_spec *s, int64_t community_id,
                      export_emit_fn emit, void *ud, int64_t *nrec, struct errinfo *e)
{
    struct buf sql;
    struct db_res *res;
    int rc, j;

    buf_init(&sql, 0);
    build_select(&sql, db, s, community_id != 0);
    rc = community_id ? db_query(db, sql.data, PARAMS(P_INT(community_id)), &res)
                      : db_query(db, sql.data, NOPARAMS, &res);
    if (rc < 0) {
        rc = error_set(e, ERR_DB, NULL, "reading %s: %s", s->table, db_last_error(db));
        buf_release(&sql);
        return rc;
    }
    while ((rc = db_step(res)) > 0) {
        json_t *o = json_object();
        char *line;
        json_object_set_new(o, "type", json_string(s->type));
        for (j = 0; j < s->ncols; j++) {
            const struct export_col *c = &s->cols[j];
            json_t *v;
            if (community_id && (c->flags & XF_INSTANCE))
                continue;
            if (db_isnull(res, j))
                v = json_null();
            else if (c->type == XT_TEXT)
                v = json_string(db_text(res, j));
            else if (c->type == XT_BOOL)
                v = json_boolean(db_int(res, j) != 0);
            else
                v = json_integer((json_int_t)db_int(res, j));
            if (!v) {
                json_decref(o);
                db_done(res);
                buf_release(&sql);
                return error_set(e, ERR_INVALID, NULL, "%s.%s holds text that is not UTF-8",
                                 s->table, c->name);
            }
            json_object_set_new(o, c->name, v);
        }
        line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        rc = emit(ud, line, strlen(line));
        free(line);
        if (rc < 0) {
            db_done(res);
            buf_release(&sql);
            return rc;
        }
        (*nrec)++;
    }
    db_done(res);
    buf_release(&sql);
    if (rc < 0)
        return error_set(e, ERR_DB, NULL, "reading %s: %s", s->table, db_last_error(db));
    return 0;
}

int export_write(struct db *db, int64_t community_id, export_emit_fn emit, void *ud, int64_t *nrec,
                 struct errinfo *e)
{
    size_t i;
    int rc;
    *nrec = 0;
    if (db_begin_snapshot(db) < 0)
        return error_set(e, ERR_DB, NULL, "cannot begin: %s", db_last_error(db));
    for (i = 0; i < ARRAY_SIZE(specs); i++) {
        if (community_id && !specs[i].community)
            continue;
        rc = write_spec(db, &specs[i], community_id, emit, ud, nrec, e);
        if (rc < 0) {
            db_rollback(db);
            return rc;
        }
    }
    db_rollback(db); /* read-only: nothing to keep */
    return 0;
}

/* ---- reader ------------------------------------------------------------------------------ */

int export_header_parse(const char *line, size_t len, int64_t latest_schema,
                        struct export_header *h, struct errinfo *e)
{
    json_error_t je;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    json_t *v;
    int rc = 0;

    memset(h, 0, sizeof(*h));
    if (!o || !json_is_object(o)) {
        rc = error_set(e, ERR_INVALID, NULL, "the header is not a JSON object%s%s", o ? "" : ": ",
                       o ? "" : je.text);
        goto out;
    }
    v = json_object_get(o, "format");
    if (!json_is_string(v) || strcmp(json_string_value(v), EXPORT_FORMAT) != 0) {
        rc = error_set(e, ERR_INVALID, "format", "not a praxis export (\"format\" is not \"%s\")",
                       EXPORT_FORMAT);
        goto out;
    }
    v = json_object_get(o, "format_version");
    if (!json_is_integer(v)) {
        rc = error_set(e, ERR_INVALID, "format_version", "the header has no format_version");
        goto out;
    }
    h->format_version = json_integer_value(v);
    if (h->format_version != EXPORT_FORMAT_VERSION) {
        rc = error_set(e, ERR_INVALID, "format_version",
                       "format version %lld is not one this praxis reads (it reads %d)",
                       (long long)h->format_version, EXPORT_FORMAT_VERSION);
        goto out;
    }
    v = json_object_get(o, "schema_version");
    if (!json_is_integer(v) || json_integer_value(v) < 1) {
        rc = error_set(e, ERR_INVALID, "schema_version", "the header has no schema_version");
        goto out;
    }
    h->schema_version = json_integer_value(v);
    if (h->schema_version > latest_schema) {
        rc = error_set(e, ERR_INVALID, "schema_version",
                       "the export comes from a newer praxis (schema %lld; this one has %lld): "
                       "upgrade praxis first",
                       (long long)h->schema_version, (long long)latest_schema);
        goto out;
    }
    v = json_object_get(o, "scope");
    if (!json_is_string(v) || (strcmp(json_string_value(v), "instance") != 0 &&
                               strcmp(json_string_value(v), "community") != 0)) {
        rc = error_set(e, ERR_INVALID, "scope",
                       "the header's scope must be \"instance\" or \"community\"");
        goto out;
    }
    str_copy(h->scope, json_string_value(v), sizeof(h->scope));
    v = json_object_get(o, "community");
    if (json_is_string(v))
        str_copy(h->community, json_string_value(v), sizeof(h->community));
out:
    json_decref(o);
    return rc;
}

void export_record_free(struct export_record *r)
{
    if (r->doc)
        json_decref((json_t *)r->doc);
    r->doc = NULL;
}

int export_record_parse(const char *line, size_t len, struct export_record *r, struct errinfo *e)
{
    json_error_t je;
    json_t *o, *v;
    const char *key, *type;
    const struct export_spec *s;
    int j;

    memset(r, 0, sizeof(*r));
    o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return error_set(e, ERR_INVALID, NULL, "not valid JSON: %s (column %d)", je.text,
                         je.column);
    r->doc = o;
    if (!json_is_object(o))
        return error_set(e, ERR_INVALID, NULL, "a record must be a JSON object");
    v = json_object_get(o, "type");
    if (!json_is_string(v))
        return error_set(e, ERR_INVALID, "type", "the record has no \"type\" string");
    type = json_string_value(v);
    if (!strcmp(type, "end")) {
        json_object_foreach(o, key, v)
        {
            if (strcmp(key, "type") != 0 && strcmp(key, "records") != 0)
                return error_set(e, ERR_INVALID, NULL, "unknown member \"%.60s\" in end", key);
        }
        v = json_object_get(o, "records");
        if (!json_is_integer(v) || json_integer_value(v) < 0)
            return error_set(e, ERR_INVALID, "records", "the end record needs a \"records\" count");
        r->end_count = json_integer_value(v);
        return 0;
    }
    s = export_spec_find(type);
    if (!s)
        return error_set(e, ERR_INVALID, "type", "unknown record type \"%.60s\"", type);
    json_object_foreach(o, key, v)
    {
        if (strcmp(key, "type") != 0 && !spec_col(s, key, strlen(key)))
            return error_set(e, ERR_INVALID, NULL, "unknown member \"%.60s\" in %s", key, s->type);
    }
    for (j = 0; j < s->ncols; j++) {
        const struct export_col *c = &s->cols[j];
        v = json_object_get(o, c->name);
        if (!v || json_is_null(v)) {
            if (c->flags & XF_NULL)
                r->vals[j] = P_NULL;
            else if (!v && (c->flags & XF_INSTANCE))
                r->vals[j] = P_INT(0);
            else if (!v && (c->flags & XF_ADDED))
                r->vals[j] =
                    c->type == XT_TEXT ? P_TEXT(c->dflt) : P_INT(strtoll(c->dflt, NULL, 10));
            else
                return error_set(e, ERR_INVALID, c->name, "%s.%s is %s", s->type, c->name,
                                 v ? "null" : "missing");
            continue;
        }
        switch (c->type) {
        case XT_INT:
            if (!json_is_integer(v))
                return error_set(e, ERR_INVALID, c->name, "%s.%s must be an integer", s->type,
                                 c->name);
            r->vals[j] = P_INT(json_integer_value(v));
            break;
        case XT_BOOL:
            if (!json_is_boolean(v))
                return error_set(e, ERR_INVALID, c->name, "%s.%s must be true or false", s->type,
                                 c->name);
            r->vals[j] = P_INT(json_is_true(v) ? 1 : 0);
            break;
        case XT_TEXT:
            if (!json_is_string(v))
                return error_set(e, ERR_INVALID, c->name, "%s.%s must be a string", s->type,
                                 c->name);
            r->vals[j] = P_TEXT(json_string_value(v));
            break;
        }
    }
    r->spec = s;
    return 0;
}

/* ---- importer ---------------------------------------------------------------------------- */

struct export_import {
    struct db *db;
    char *insert[ARRAY_SIZE(specs)]; /* INSERT (or UPDATE) per spec, built on first use (statement
                                        cache keys on the address, so each is prepared once) */
};

static void import_free(struct export_import *im)
{
    size_t i;
    for (i = 0; i < ARRAY_SIZE(specs); i++)
        free(im->insert[i]);
    free(im);
}

int export_import_begin(struct db *db, struct export_import **out, struct errinfo *e)
{
    size_t i;
    *out = NULL;
    if (db_begin_write(db) < 0)
        return error_set(e, ERR_DB, NULL, "cannot begin: %s", db_last_error(db));
    for (i = 0; i < ARRAY_SIZE(specs); i++) {
        struct buf sql;
        int64_t one = 0;
        int rc;
        buf_init(&sql, 0);
        buf_printf(&sql, "SELECT 1 FROM %s%s%s LIMIT 1", specs[i].table,
                   specs[i].where ? " WHERE " : "", specs[i].where ? specs[i].where : "");
        rc = db_get_int(db, sql.data, NOPARAMS, &one);
        buf_release(&sql);
        if (rc == ERR_NOTFOUND)
            continue;
        db_rollback(db);
        if (rc < 0)
            return error_set(e, ERR_DB, NULL, "reading %s: %s", specs[i].table, db_last_error(db));
        return error_set(e, ERR_CONFLICT, NULL,
                         "the target instance is not empty (table %s has rows): import "
                         "into a new, empty database",
                         specs[i].table);
    }
    *out = x_calloc(1, sizeof(**out));
    (*out)->db = db;
    return 0;
}

int export_import_insert(struct export_import *im, const struct export_record *r, struct errinfo *e)
{
    size_t k = (size_t)(r->spec - specs);
    int rc;
    if (k >= ARRAY_SIZE(specs))
        return error_set(e, ERR_INTERNAL, NULL, "record without a spec");
    if (!im->insert[k]) {
        struct buf sql;
        buf_init(&sql, 0);
        if (r->spec->update)
            build_update(&sql, r->spec);
        else
            build_insert(&sql, r->spec);
        im->insert[k] = buf_detach(&sql, NULL);
    }
    {
        /* HTML from the file is never stored: export_import_render makes it again */
        struct db_param vals[EXPORT_COLS_MAX];
        int j;
        for (j = 0; j < r->spec->ncols; j++)
            vals[j] = r->spec->cols[j].flags & XF_RENDERED ? P_TEXT("") : r->vals[j];
        rc = db_exec(im->db, im->insert[k], vals, r->spec->ncols);
    }
    if (rc == 0 && r->spec->update)
        return error_set(e, ERR_INVALID, NULL,
                         "%s: no %s row with %s %lld came earlier (or it was completed "
                         "already)",
                         r->spec->type, r->spec->table, r->spec->cols[0].name,
                         (long long)r->vals[0].i);
    if (rc == ERR_CONFLICT)
        return error_set(e, ERR_CONFLICT, NULL,
                         "duplicate %s: a record with the same key "
                         "came earlier",
                         r->spec->type);
    if (rc < 0)
        return error_set(e, ERR_DB, NULL, "cannot insert %s: %s", r->spec->type,
                         db_last_error(im->db));
    return 0;
}

#define RENDER_PAGE 200 /* rows read per query while rendering */

/* Render column col (XF_RENDERED) of every row of s's table; see export_import_render. */
static int render_column(struct export_import *im, const struct export_spec *s,
                         const struct export_col *col, export_render_fn fn, void *ud,
                         struct errinfo *e)
{
    struct buf sel = BUF_INIT, upd = BUF_INIT;
    int64_t ids[RENDER_PAGE], after = INT64_MIN;
    char *mds[RENDER_PAGE];
    int rc = 0;
    buf_printf(&sel, "SELECT id, %s FROM %s WHERE id > $1 ORDER BY id LIMIT %d", col->src, s->table,
               RENDER_PAGE);
    buf_printf(&upd, "UPDATE %s SET %s = $1 WHERE id = $2", s->table, col->name);
    while (rc == 0) {
        struct db_res *res;
        int n = 0, i, st;
        if (db_query(im->db, sel.data, PARAMS(P_INT(after)), &res) < 0) {
            rc = error_set(e, ERR_DB, NULL, "reading %s: %s", s->table, db_last_error(im->db));
            break;
        }
        while (n < RENDER_PAGE && (st = db_step(res)) == 1) {
            const char *md = db_text(res, 1);
            ids[n] = db_int(res, 0);
            mds[n++] = x_strdup(md ? md : "");
        }
        db_done(res);
        for (i = 0; i < n; i++) {
            const char *html = NULL;
            if (rc == 0 && (rc = fn(ud, s->type, col->name, ids[i], mds[i], &html, e)) < 0) {
                struct errinfo was = *e;
                rc = error_set(e, (enum err)rc, was.field[0] ? was.field : NULL, "%s %lld: %s",
                               s->type, (long long)ids[i], was.msg);
            } else if (rc == 0 && db_exec(im->db, upd.data,
                                          PARAMS(P_TEXT(html ? html : ""), P_INT(ids[i]))) < 0) {
                rc = error_set(e, ERR_DB, NULL, "cannot store %s.%s of %s %lld: %s", s->table,
                               col->name, s->type, (long long)ids[i], db_last_error(im->db));
            }
            free(mds[i]);
        }
        if (n < RENDER_PAGE)
            break;
        after = ids[n - 1];
    }
    buf_release(&sel);
    buf_release(&upd);
    return rc;
}

int export_import_render(struct export_import *im, export_render_fn fn, void *ud, struct errinfo *e)
{
    size_t i;
    int j, rc;
    for (i = 0; i < ARRAY_SIZE(specs); i++) {
        if (specs[i].update)
            continue;
        for (j = 0; j < specs[i].ncols; j++) {
            if (!(specs[i].cols[j].flags & XF_RENDERED))
                continue;
            if ((rc = render_column(im, &specs[i], &specs[i].cols[j], fn, ud, e)) < 0)
                return rc;
        }
    }
    return 0;
}

int export_import_finish(struct export_import *im, struct errinfo *e)
{
    struct db *db = im->db;
    size_t i;
    import_free(im);
    if (db_kind(db) == DB_PG) {
        for (i = 0; i < ARRAY_SIZE(specs); i++) {
            struct buf sql;
            int64_t v;
            int rc;
            if (!specs[i].serial)
                continue;
            buf_init(&sql, 0);
            buf_printf(&sql,
                       "SELECT setval(pg_get_serial_sequence('%s', '%s'), "
                       "COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)",
                       specs[i].table, specs[i].serial, specs[i].serial, specs[i].table);
            rc = db_get_int(db, sql.data, NOPARAMS, &v);
            buf_release(&sql);
            if (rc < 0) {
                db_rollback(db);
                return error_set(e, ERR_DB, NULL, "cannot reset the %s sequence: %s",
                                 specs[i].table, db_last_error(db));
            }
        }
    }
    if (db_commit(db) < 0)
        return error_set(e, ERR_DB, NULL, "cannot commit: %s", db_last_error(db));
    return 0;
}

void export_import_abort(struct export_import *im)
{
    if (!im)
        return;
    db_rollback(im->db);
    import_free(im);
}
