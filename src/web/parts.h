/* Shared page pieces: fragments of HTML that several page families draw (badges, lists,
 * navigation, sections), each defined in a parts_*.c file by subject. Page files include
 * this header; parts never call page handlers, and page files never call each other. */
#ifndef PRAXIS_WEB_PARTS_H
#define PRAXIS_WEB_PARTS_H
#include "domain/community.h"
#include "web/web.h"

struct article;
struct article_ref;
struct comment_row;
struct community;
struct event_occ;
struct thread;
struct user;

/* --- communities (parts_community.c) --- */
/* Labels of a visibility ("Public"...), its one-line help, and a role ("Member"...). */
const char *web_community_vis_label(enum community_vis v);
const char *web_community_vis_help(enum community_vis v);
const char *web_role_label(enum role role);
/* Visibility, archived and the viewer's role as badges (inline HTML). */
void web_community_badges(struct req *r, const struct community *cm);
/* A <ul> of community cards (name, badges, member count, the charter's first sentence). */
void web_community_cards(struct req *r, const struct community *list, size_t n);
/* The tab bar of a community's pages and its search box; current is "about", "latest",
   "unanswered", "top", "events", "articles", "who-knows" or "members"; "Review" and
   "Coaching" tabs are added for the community's moderators and coordinators. */
void web_community_nav(struct req *r, const struct community *cm, const char *current);
/* A tag as a link to its page /c/SLUG/tags/TAG, with its number of threads when count >= 0
   (read as "12 threads" by screen readers) and description (may be NULL) as its title. */
void web_tag_link(struct req *r, const char *slug, const char *tag, int64_t count,
                  const char *description);
/* The number of threads tagged tag in cm (its tags loaded), or -1 when unknown. */
int64_t web_tag_count(const struct community *cm, const char *tag);
/* Communities loaded once per page for their tag counts (web_tags_community); zero it
   before use; everything lives in the request's arena. */
struct web_tag_communities {
    struct community *cm; /* loaded so far (arena) */
    size_t n;             /* entries used */
    size_t cap;           /* entries allocated */
};
/* The community slug from seen, loaded (with its tags) on first use; NULL when the viewer may
   not read it or it cannot be loaded (r->err is left as it was). */
const struct community *web_tags_community(struct req *r, struct web_tag_communities *seen,
                                           const char *slug);
/* The one way tags are shown on thread lists, thread pages, search results and articles: a
   <ul class="tags CLS"> (cls may be NULL) of web_tag_link, each with its thread count and
   description from cm (tags loaded; NULL = no counts). Nothing when n is 0. */
void web_tags(struct req *r, const char *slug, const char *const *tags, size_t n,
              const struct community *cm, const char *cls);
/* The same for tags given as space-separated text ("a b c", as stored). */
void web_tags_text(struct req *r, const char *slug, const char *tags_text,
                   const struct community *cm, const char *cls);
/* 1 if the viewer may start a thread in cm (member or administrator, not archived). */
int web_can_start_thread(struct req *r, const struct community *cm);

/* --- coaching (parts_coaching.c) --- */
/* The coaching panel of question t (in coaching, or published from it), id "coaching": for
   the author a banner saying who sees it and when it publishes itself, "Publish now", the
   coaches' notes and suggestions with Accept/Reject; for coaches the notes, a comment form,
   a suggest-an-edit form and "Ready: publish"; once published, "Coached by ..." for all. */
void web_coaching_panel(struct req *r, struct ctx *c, const struct thread *t);

/* --- uploads (parts_upload.c) --- */
/* The upload tools for the composer textarea with id field: a link to the upload page
   (JavaScript makes it a button and adds paste and drag-and-drop). community: the slug of
   the community the text belongs to (its uploads are served to its readers only), or NULL. */
void web_upload_tools(struct req *r, const char *field, const char *community);
/* The same for a text that shows no images (a comment): what is uploaded goes in as a link,
   [NAME](URL), not as an image. */
void web_upload_tools_links(struct req *r, const char *field, const char *community);

/* --- threads, posts and revisions (parts_thread.c) --- */
/* Kind and state badges of a thread (Question/Discussion, Solved, Pinned, Locked, Closed,
   Deleted, or Held for review) as inline HTML. */
void web_thread_badges(struct req *r, const struct thread *t);
/* An <ol> of thread rows (votes/answers, title, badges, tags, author, last activity);
   with_community adds each thread's community. */
void web_thread_rows(struct req *r, const struct thread *items, size_t n, int with_community);
/* "/c/SLUG/t/ID" of thread t (arena). */
const char *web_thread_path(struct req *r, const struct thread *t);
/* Where post pid is shown: "/c/SLUG/t/ID?page=N#pPID" (arena), or NULL with r->err set. */
const char *web_post_href(struct req *r, struct ctx *c, int64_t pid);
/* Redirect (303) to where post pid is shown; returns 0 or the error of web_post_href. */
int web_post_redirect(struct req *r, struct ctx *c, int64_t pid);
/* An author: a profile link showing display (or name when empty) with "@name" as its title
   (the account name on hover), or "a deleted account" when name is NULL or "". */
void web_author_link(struct req *r, const char *name, const char *display);
/* One <option> of a revision picker: "Revision N — author, YYYY-MM-DD". */
void web_rev_option(struct req *r, int64_t rev, const char *author, int64_t at, int64_t sel);
/* One section of a revision diff (label "Title", "Tags", "Text"...) between a and b (NULL
   reads as ""): "No change", or a line diff (lines) or word diff, with a note when the diff
   was simplified or too large. For post and article history pages. */
void web_diff_section(struct req *r, const char *label, const char *a, const char *b, int lines);

/* --- events (parts_event.c) --- */
/* The viewer's zone: profile timezone, else fallback (else "UTC"). Leaves r->err as it was
   (a form shown again keeps its error). */
const char *web_event_viewer_tz(struct req *r, struct ctx *c, const char *fallback);
/* "Tue 17 Mar 2026, 18:00–20:00 CET" of [start, end) in zone zname (arena). */
const char *web_event_range_text(struct req *r, int64_t start, int64_t end, const char *zname);
/* <time> range of o in zone vtz, with the organiser's zone alongside when different. */
void web_event_when(struct req *r, const struct event_occ *o, const char *vtz);
/* "/events/ID/o/KEY" (arena). */
const char *web_event_occ_url(struct req *r, const struct event_occ *o);
/* A <ul class="event-list"> of occurrences; with_community adds each one's community. */
void web_event_occ_list(struct req *r, struct ctx *c, const struct event_occ *occ, size_t n,
                        int with_community);
/* "Upcoming events" of cm (next 5, link to all) / of the viewer's communities (home; the
   section is skipped when empty). */
void web_events_upcoming(struct req *r, const struct community *cm);
void web_events_upcoming_home(struct req *r);

/* --- expertise (parts_expertise.c) --- */
/* The "Demonstrated expertise" section of u's profile (nothing when u hid it from the
   viewer). */
void web_expertise_profile(struct req *r, const struct user *u);
/* parts_participation.c: u's participation level per month (the last 12) in each community
   whose history the viewer may see (u themselves; coordinators; docs/participation.md);
   nothing when there is none. */
void web_participation_profile(struct req *r, const struct user *u);
/* "Who knows TAG": the top limit members for tag in cm, with their evidence and a link to
   the full who-knows page. Leaves r->err as it was. */
void web_expertise_tag(struct req *r, const struct community *cm, const char *tag, size_t limit);
/* "People who may be able to answer" on an unanswered question t. */
void web_expertise_suggest(struct req *r, const struct thread *t);
/* The "hide my expertise" checkbox of the profile form (from_post: as posted), and saving
   it from the posted form (0 or an enum err with r->err set). */
void web_expertise_settings_field(struct req *r, int64_t uid, int from_post);
int web_expertise_settings_save(struct req *r, int64_t uid);

/* --- articles (parts_article.c) --- */
/* "/c/SLUG/a/ASLUG" of an article reference (arena). */
const char *web_article_ref_path(struct req *r, const struct article_ref *x);
/* An <ol> of article rows (title, status, community when with_community, last update). */
void web_article_rows(struct req *r, const struct article *list, size_t n, int with_community);
/* "This became an article: ..." on a thread page, and the coordinators' "Turn into
   article" button. Leaves r->err as it was. */
void web_thread_article_notice(struct req *r, const struct thread *t, const struct community *cm);

/* --- a member's settings (parts_account.c) --- */
/* The tab bar of the settings pages; current is the path of the page shown
   ("/settings/profile", "/settings/email", "/settings/notifications", "/settings/password",
   "/settings/tokens", "/settings/feeds"). */
void web_settings_nav(struct req *r, const char *current);

/* --- notifications and following (parts_notification.c) --- */
/* The viewer's unread notifications (0 when anonymous or on a read error; r->err kept). */
int64_t web_notifications_unread(struct req *r);
/* The bell item of the header's account menu with the unread count n (signed-in users). */
void web_notifications_nav(struct req *r, int64_t n);
/* The follow-level form for a thread / a community or one of its tags (tag NULL); nothing
   for visitors. Leave r->err as it was. */
void web_follow_thread(struct req *r, const struct thread *t);
void web_follow_community(struct req *r, const struct community *cm, const char *tag);

/* --- Atom feeds (parts_feed.c; the feeds themselves are web/feed.c) --- */
/* The feed of cm's newest threads (tag NULL) or of its threads tagged tag / of cm's
   articles / of thread t (in a community of visibility vis) / of u's posts, into *f (arena
   strings). f->open is 1 when the feed opens without a token: a public community's, and a
   member's posts (which list what the reader may read). */
void web_feed_threads(struct req *r, const struct community *cm, const char *tag,
                      struct page_feed *f);
void web_feed_articles(struct req *r, const struct community *cm, struct page_feed *f);
void web_feed_thread(struct req *r, const struct thread *t, enum community_vis vis,
                     struct page_feed *f);
void web_feed_user(struct req *r, const struct user *u, struct page_feed *f);
/* The small visible link to feed f (<p class="feed-link">); for a feed that needs a token,
   with a pointer to the member's feed links in their settings. */
void web_feed_link(struct req *r, const struct page_feed *f);

/* --- comments and preview (parts_comment.c) --- */
/* What the viewer may do under one post. */
struct web_comment_opts {
    int can_comment;       /* show the "Add a comment" composer */
    int can_change;        /* may change comments at all (a member, not archived) */
    int staff;             /* moderator: may change anyone's comment */
    const char *community; /* the post's community slug, for the composer's uploads */
};
/* A composer coming back: the post it belongs to, the text, and whether to preview it (the
   error, if any, is r->err with field "comment"). */
struct web_comment_form {
    int64_t post_id; /* 0 = none */
    const char *body;
    int preview;
};
/* The comments of post pid among all[0..n) (live ones, by post then time) with edit/delete
   links for those the viewer may change, then the composer when o->can_comment. f (may be
   NULL) reopens the composer of f->post_id with its text, error and preview. */
void web_comments(struct req *r, const struct comment_row *all, size_t n, int64_t pid,
                  const struct web_comment_opts *o, const struct web_comment_form *f);
/* Where comment id under post pid is shown (its post's page, #comment-ID), or NULL with
   r->err set when the post cannot be located. */
const char *web_comment_href(struct req *r, struct ctx *c, int64_t pid, int64_t id);
/* 1 if the form was sent with the Preview button (preview=1). */
int web_is_preview(struct req *r);
/* The Preview submit button every composer carries (no JS needed; praxis.js previews in
   place through POST /api/v1/preview). */
void web_preview_button(struct req *r);
/* The rendered preview of body as kind ("post", or "article" with community slug) in a
   <section class="preview">; a render error is shown in it. r->err is kept. */
void web_preview_block(struct req *r, const char *body, const char *kind, const char *slug);

/* --- administration (parts_admin.c) --- */

/* The administration tabs (Site, Users, Moderation, Mail, Webhooks, Health), current (a path
   such as "/admin/mail") marked as the page. */
void web_admin_nav(struct req *r, const char *current);

/* --- live updates (parts_live.c) --- */
/* Mark the page as showing live channel ch ("thread:12", "community:3", "event:5",
   "user:7"): a hidden element that static/praxis.js reads to open GET /live, carrying the
   backlog's newest id at render time (so the stream replays what happened since). Pages
   without script ignore it. */
void web_live(struct req *r, const char *ch);

#endif
