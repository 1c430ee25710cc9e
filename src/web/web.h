/* The web layer: server-rendered HTML pages, one file per page family, and the shared pieces
 * every page uses (layout, forms, the per-thread worker state and the application struct).
 * The JSON API in src/api shares struct app and struct worker. */
#ifndef PRAXIS_WEB_WEB_H
#define PRAXIS_WEB_WEB_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "http/http.h"

/* Immutable after start-up; shared by all threads. Owned by cli/serve. */
struct app {
    const char *db_url;        /* "sqlite:var/praxis.db" or "postgres://..." */
    char secret[65];           /* settings.secret, loaded at start (keyed hashes, CSRF) */
    int64_t session_ttl;       /* seconds a session lives after last use [30 days] */
    unsigned hash_slots;       /* concurrent password hashes allowed [1] */
    void *hash_sem;            /* sem_t* limiting concurrent argon2id hashes */
    const char *smtp_url;      /* --smtp, or NULL: the smtp_url setting decides */
    const char *listen_url;    /* "http://" + --listen: links in mail when base_url is unset */
    const char *base_url_flag; /* --base-url, or NULL */
};

/* The public address for links in mail: --base-url, else the base_url setting, else
   "http://" + the listen address. Arena copy. (web/mail.c) */
const char *web_base_url(struct req *r);

/* Per worker thread (http thread_init). */
struct page_cache;
struct worker {
    struct db *db;             /* this thread's connection */
    struct page_cache *cache;  /* anonymous page cache (pagecache.c), made on first use */
};

/* The anonymous page cache (pagecache.c). A handler whose page is the same for every visitor
   who is not signed in is written as render_x and registered as
   page_x(r) { return web_cache_page(r, render_x); }: the page comes from the cache (this
   visitor's CSRF token spliced in) or is rendered and, if a plain 200, kept for later
   visitors. Only on SQLite; any database write invalidates every entry; entries live at
   most a minute. */
int web_cache_page(struct req *r, int (*render)(struct req *r));

/* One section of a revision diff (label "Title", "Tags", "Text"...) between a and b (NULL
   reads as ""): "No change", or a line diff (lines) or word diff, with a note when the diff
   was simplified or too large. Shared by post and article history pages (web/thread.c). */
void web_diff_section(struct req *r, const char *label, const char *a, const char *b, int lines);
/* One <option> of a revision picker: "Revision N — author, YYYY-MM-DD" (web/thread.c). */
void web_rev_option(struct req *r, int64_t rev, const char *author, int64_t at, int64_t sel);
void web_cache_free(struct page_cache *pc);

int web_thread_init(void *app, void **tctx);
void web_thread_fini(void *app, void *tctx);
int web_authenticate(struct req *r);   /* cookie session or Bearer token; see session.c */
void web_render_error(struct req *r);  /* HTML error page in the layout */

/* A domain ctx for this request (arena-allocated, acting as the signed-in user). */
struct ctx *web_ctx(struct req *r);

/* Layout. page_begin writes the document head, the site header with navigation (and the
 * signed-in user's menu) and opens <main>; page_end closes it with the footer. The title is
 * escaped. */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);
/* The status for a form page shown again after error code: 422 for validation errors
 * (ERR_INVALID), else the code's own HTTP status. */
int web_form_status(int code);
/* A form value or "" (never NULL), for showing again what was typed. */
const char *form_value(struct req *r, const char *key);
/* A success notice (role=status) at the top of a page; msg is escaped. */
void form_notice_ok(struct req *r, const char *msg);
/* Hidden CSRF input for a form: <input type="hidden" name="_csrf" value="..."> */
void form_csrf(struct req *r);
/* If r->err concerns `field`, an inline error message (role=alert) for it. */
void form_field_error(struct req *r, const char *field);
/* A flash-style notice box at the top of a form for r->err when set. */
void form_error_summary(struct req *r);

/* Route table (routes.c). */
extern const struct route praxis_routes[];
extern const size_t praxis_nroutes;

/* --- handlers, one block per page family (keep each block in its owner's file) --- */

/* web/home.c, web/static.c */
int page_home(struct req *r);
int page_healthz(struct req *r);

/* web/account.c: sign up, sign in, sign out, profile, tokens; web/admin.c */
int page_signup(struct req *r);
int page_signup_post(struct req *r);
int page_signin(struct req *r);
int page_signin_post(struct req *r);
int page_signout(struct req *r);
int page_user(struct req *r);                 /* /u/:name */
int page_settings_profile(struct req *r);
int page_settings_profile_post(struct req *r);
int page_settings_password(struct req *r);
int page_settings_password_post(struct req *r);
int page_settings_tokens(struct req *r);
int page_settings_tokens_post(struct req *r);
int page_settings_token_revoke(struct req *r); /* /settings/tokens/:id/revoke */
int page_admin(struct req *r);
int page_admin_post(struct req *r);
int page_admin_users(struct req *r);
int page_admin_users_post(struct req *r);      /* create an account */
int page_admin_user_post(struct req *r);       /* /admin/users/:name */
int page_admin_invites_post(struct req *r);
/* Mail (web/mail.c): the address on the settings page, its verification link, password
   reset by email, and the admin page's Mail section. */
void web_settings_nav(struct req *r, const char *current); /* account.c's settings tabs */
int page_settings_email(struct req *r);          /* GET /settings/email */
int page_settings_email_post(struct req *r);     /* POST /settings/email */
int page_verify_email(struct req *r);            /* GET /verify-email?token= */
int page_password_reset(struct req *r);          /* GET /password-reset */
int page_password_reset_post(struct req *r);     /* POST /password-reset {who} */
int page_password_reset_confirm(struct req *r);  /* GET /password-reset/confirm?token= */
int page_password_reset_confirm_post(struct req *r); /* POST {token,password,password2} */
int page_admin_mail(struct req *r);              /* GET /admin/mail */
int page_admin_mail_test(struct req *r);         /* POST /admin/mail/test {to} */
int page_admin_mail_settings(struct req *r);     /* POST /admin/mail/settings */
int page_admin_mail_retry(struct req *r);        /* POST /admin/mail/jobs/:id/retry */
/* Import feature (web/claim.c): claim an imported account with a one-time link. */
int page_claim(struct req *r);
int page_claim_post(struct req *r);
/* web/session.c: the raw px_session token of this request (NULL if none); start a session
   (sets the cookie, rotates the CSRF token); forget it (deletes the cookie). */
const char *web_session_token(struct req *r);
void web_session_begin(struct req *r, const char *token);
void web_session_clear(struct req *r);
/* web/layout.c, more form pieces: a labelled field in <div class="field"> with its hint
   and inline error linked by aria-describedby. type is an <input> type, or "textarea".
   value may be NULL. attrs is trusted literal markup for extra attributes (e.g.
   "required autocomplete=\"username\""), or NULL. */
void form_field(struct req *r, const char *type, const char *name, const char *label,
                const char *value, const char *hint, const char *attrs);
/* <time datetime="ISO">3 days ago</time> */
void page_time(struct req *r, int64_t t);
/* The instance name (settings instance_name, default "Praxis"), arena copy. */
const char *page_instance_name(struct req *r);

/* web/community.c: directory, create, view, edit, archive, join/leave, members, invitation
 * links; the two renderers below are shared with home.c. */
struct community;
/* Visibility, archived and the viewer's role as badges (inline HTML). */
void web_community_badges(struct req *r, const struct community *cm);
/* A <ul> of community cards (name, badges, member count). */
void web_community_cards(struct req *r, const struct community *list, size_t n);
int page_communities(struct req *r);             /* GET /communities?q=&page= */
int page_community_new(struct req *r);           /* GET /c/new */
int page_community_create(struct req *r);        /* POST /c/new */
int page_community(struct req *r);               /* GET /c/:slug */
int page_community_edit(struct req *r);          /* GET /c/:slug/edit */
int page_community_update(struct req *r);        /* POST /c/:slug/edit */
int page_community_archive(struct req *r);       /* POST /c/:slug/archive (archived=1|0) */
int page_community_join(struct req *r);          /* POST /c/:slug/join */
int page_community_leave(struct req *r);         /* POST /c/:slug/leave */
int page_community_members(struct req *r);       /* GET /c/:slug/members */
int page_community_member_update(struct req *r); /* POST /c/:slug/members/:name */
int page_community_invites(struct req *r);       /* GET /c/:slug/invites */
int page_community_invites_post(struct req *r);  /* POST /c/:slug/invites (create|revoke) */
int page_join(struct req *r);                    /* GET /join/:token */
int page_join_post(struct req *r);               /* POST /join/:token */

/* SEARCH-DECL (web/search.c) */
int page_search(struct req *r);        /* GET /search?q=&kind=&page=&tag=&in=&author=&is=&state=&after=&before= */
int page_search_misses(struct req *r); /* GET /search/misses?c=slug (admins; coordinators with c) */

/* THREADS-DECL (web/thread.c, web/thread_list.c) */
struct thread;
/* Kind and state badges of a thread (Question/Discussion, Solved, Pinned, Locked, Closed,
   Deleted) as inline HTML. */
void web_thread_badges(struct req *r, const struct thread *t);
/* An <ol> of thread rows (votes/answers, title, badges, tags, author, last activity);
   with_community adds each thread's community. Shared with community.c and home.c. */
void web_thread_rows(struct req *r, const struct thread *items, size_t n, int with_community);
/* The tab bar of a community's pages (community.c); current is "about", "latest",
   "unanswered", "top" or "members". */
void web_community_nav(struct req *r, const struct community *cm, const char *current);
/* 1 if the viewer may start a thread in cm (member or administrator, not archived). */
int web_can_start_thread(struct req *r, const struct community *cm);
int page_thread_new(struct req *r);        /* GET /c/:slug/t/new?kind=&title= */
int page_thread_create(struct req *r);     /* POST /c/:slug/t/new (check=1: similar only) */
int page_thread(struct req *r);            /* GET /c/:slug/t/:id?page=&quote=&reply_to= */
int page_thread_reply(struct req *r);      /* POST /c/:slug/t/:id/reply */
int page_thread_unaccept(struct req *r);   /* POST /c/:slug/t/:id/unaccept */
int page_thread_mod(struct req *r);        /* POST /c/:slug/t/:id/mod */
int page_thread_similar(struct req *r);    /* GET /c/:slug/similar?title= (fragment) */
int page_community_audit(struct req *r);   /* GET /c/:slug/audit?before= */
int page_post(struct req *r);              /* GET /p/:id (permalink redirect) */
int page_post_edit(struct req *r);         /* GET /p/:id/edit */
int page_post_update(struct req *r);       /* POST /p/:id/edit */
int page_post_history(struct req *r);      /* GET /p/:id/history?a=&b=&mode= */
int page_post_vote(struct req *r);         /* POST /p/:id/vote (value=1|-1|0) */
int page_post_like(struct req *r);         /* POST /p/:id/like (on=1|0) */
int page_post_accept(struct req *r);       /* POST /p/:id/accept */
int page_post_delete(struct req *r);       /* POST /p/:id/delete */
int page_post_hide(struct req *r);         /* POST /p/:id/hide (reason) */
int page_post_unhide(struct req *r);       /* POST /p/:id/unhide */
int page_threads_community(struct req *r); /* GET /c/:slug/latest|unanswered|top */
int page_threads_tag(struct req *r);       /* GET /c/:slug/tags/:tag */
int page_threads_instance(struct req *r);  /* GET /latest|/unanswered|/top|/mine */

/* events (web/event.c) */
/* "Upcoming events" of cm (next 5, link to all) / of the viewer's communities (home; the
   section is skipped when empty). For community.c and home.c. */
void web_events_upcoming(struct req *r, const struct community *cm);
void web_events_upcoming_home(struct req *r);
int page_community_events(struct req *r);     /* GET /c/:slug/events */
int page_community_events_ics(struct req *r); /* GET /c/:slug/events.ics?token= */
int page_event_new(struct req *r);            /* GET /c/:slug/events/new */
int page_event_create(struct req *r);         /* POST /c/:slug/events/new */
int page_event(struct req *r);                /* GET /events/:id (next date) */
int page_event_edit(struct req *r);           /* GET /events/:id/edit */
int page_event_update(struct req *r);         /* POST /events/:id/edit */
int page_event_cancel(struct req *r);         /* POST /events/:id/cancel (cancelled=1|0) */
int page_event_ics(struct req *r);            /* GET /events/:id/event.ics, .../o/:key/event.ics */
int page_event_occ(struct req *r);            /* GET /events/:id/o/:key */
int page_event_rsvp(struct req *r);           /* POST /events/:id/o/:key/rsvp (status) */
int page_event_occ_cancel(struct req *r);     /* POST /events/:id/o/:key/cancel */
int page_event_occ_edit(struct req *r);       /* GET /events/:id/o/:key/edit (one date) */
int page_event_occ_update(struct req *r);     /* POST /events/:id/o/:key/edit */
int page_calendar(struct req *r);             /* GET /calendar */
int page_calendar_reset(struct req *r);       /* POST /calendar/reset */
int page_calendar_all(struct req *r);         /* GET /calendar/:token/all.ics */
int page_calendar_going(struct req *r);       /* GET /calendar/:token/going.ics */

/* ARTICLES-DECL (web/article.c): the knowledge base, its notices on thread pages, and the
   minimal notifications page with the header's unread count */
struct thread;
/* "This became an article: ..." on a thread page, and the coordinators' "Turn into
   article" button. Leaves r->err as it was. */
void web_thread_article_notice(struct req *r, const struct thread *t, const struct community *cm);
/* The "Notifications (N)" item of the header's account menu (signed-in users). */
void web_notifications_nav(struct req *r);
int page_articles(struct req *r);                /* GET /c/:slug/a */
int page_articles_review(struct req *r);         /* GET /c/:slug/a/review */
int page_articles_settings(struct req *r);       /* GET /c/:slug/a/settings */
int page_articles_settings_post(struct req *r);  /* POST /c/:slug/a/settings */
int page_article_new(struct req *r);             /* GET /c/:slug/a/new?title= */
int page_article_create(struct req *r);          /* POST /c/:slug/a/new */
int page_article(struct req *r);                 /* GET /c/:slug/a/:aslug (old slugs: 301) */
int page_article_edit(struct req *r);            /* GET /c/:slug/a/:aslug/edit */
int page_article_update(struct req *r);          /* POST /c/:slug/a/:aslug/edit (conflict: 409) */
int page_article_history(struct req *r);         /* GET /c/:slug/a/:aslug/history?a=&b=&mode= */
int page_article_revert(struct req *r);          /* POST /c/:slug/a/:aslug/revert (rev) */
int page_article_status(struct req *r);          /* POST /c/:slug/a/:aslug/status */
int page_article_review(struct req *r);          /* POST /c/:slug/a/:aslug/review */
int page_article_feedback(struct req *r);        /* POST /c/:slug/a/:aslug/feedback */
int page_thread_to_article(struct req *r);       /* POST /c/:slug/t/:id/article */
int page_notifications(struct req *r);           /* GET /notifications */
int page_notifications_read(struct req *r);      /* POST /notifications/read (id or all) */
/* EXPERTISE-DECL (web/expertise.c) */
struct user;
int page_who_knows(struct req *r);           /* GET /who-knows?tag=&q= */
int page_community_who_knows(struct req *r); /* GET /c/:slug/who-knows?tag=&q= */
/* The "Demonstrated expertise" section of u's profile (nothing when u hid it from the
   viewer); for web/account.c. */
void web_expertise_profile(struct req *r, const struct user *u);
/* "People who may be able to answer" on an unanswered question t; for web/thread.c. */
void web_expertise_suggest(struct req *r, const struct thread *t);
/* The "hide my expertise" checkbox of the profile form (from_post: as posted), and saving
   it from the posted form (0 or an enum err with r->err set); for web/account.c. */
void web_expertise_settings_field(struct req *r, int64_t uid, int from_post);
int web_expertise_settings_save(struct req *r, int64_t uid);

#endif
