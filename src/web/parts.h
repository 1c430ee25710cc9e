/* Shared page pieces: fragments of HTML that several page families draw (badges, lists,
 * navigation, sections), each defined in a parts_*.c file by subject. Page files include
 * this header; parts never call page handlers, and page files never call each other. */
#ifndef PRAXIS_WEB_PARTS_H
#define PRAXIS_WEB_PARTS_H
#include "domain/community.h"
#include "web/web.h"

struct article_ref;
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
/* A <ul> of community cards (name, badges, member count). */
void web_community_cards(struct req *r, const struct community *list, size_t n);
/* The tab bar of a community's pages and its search box; current is "about", "latest",
   "unanswered", "top", "events", "articles", "who-knows" or "members". */
void web_community_nav(struct req *r, const struct community *cm, const char *current);
/* 1 if the viewer may start a thread in cm (member or administrator, not archived). */
int web_can_start_thread(struct req *r, const struct community *cm);

/* --- threads, posts and revisions (parts_thread.c) --- */
/* Kind and state badges of a thread (Question/Discussion, Solved, Pinned, Locked, Closed,
   Deleted) as inline HTML. */
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
/* An author: a profile link showing display (or name when empty), or "a deleted account"
   when name is NULL or "". */
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
/* "People who may be able to answer" on an unanswered question t. */
void web_expertise_suggest(struct req *r, const struct thread *t);
/* The "hide my expertise" checkbox of the profile form (from_post: as posted), and saving
   it from the posted form (0 or an enum err with r->err set). */
void web_expertise_settings_field(struct req *r, int64_t uid, int from_post);
int web_expertise_settings_save(struct req *r, int64_t uid);

/* --- articles (parts_article.c) --- */
/* "/c/SLUG/a/ASLUG" of an article reference (arena). */
const char *web_article_ref_path(struct req *r, const struct article_ref *x);
/* "This became an article: ..." on a thread page, and the coordinators' "Turn into
   article" button. Leaves r->err as it was. */
void web_thread_article_notice(struct req *r, const struct thread *t, const struct community *cm);

/* --- a member's settings (parts_account.c) --- */
/* The tab bar of the settings pages; current is the path of the page shown
   ("/settings/profile", "/settings/email", "/settings/notifications", "/settings/password",
   "/settings/tokens"). */
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

#endif
