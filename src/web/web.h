/* The web layer's common ground: the layout every page is drawn in (layout.c), form pieces,
 * the HTML error page, and the anonymous page cache (pagecache.c). Page files (one per page
 * family, each with its own header of page_* handlers for the route table) include this
 * header and web/parts.h, never each other. What web shares with the JSON API (struct app,
 * struct worker, app_ctx, sessions) is in app/app.h. */
#ifndef PRAXIS_WEB_WEB_H
#define PRAXIS_WEB_WEB_H
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

/* The anonymous page cache (pagecache.c). A handler whose page is the same for every visitor
   who is not signed in is written as render_x and registered as
   page_x(r) { return web_cache_page(r, render_x); }: the page comes from the cache (this
   visitor's CSRF token spliced in) or is rendered and, if a plain 200, kept for later
   visitors. Only on SQLite; entries live at most a minute. While rendering, a page says
   what it shows with web_cache_depends(r, PS_THREAD / PS_STRUCTURE / PS_COMMUNITY, id) (up
   to 3 scopes, see enum page_scope in store/db.h); a write invalidates only the pages whose
   scopes it touched (triggers count the writes, the page_stamps migration). A page that names no
   scope depends on every write to content. Outside web_cache_page this does nothing. */
int web_cache_page(struct req *r, int (*render)(struct req *r));
void web_cache_depends(struct req *r, int kind, int64_t id);

/* The http render_error hook: the HTML error page for r->err, in the layout. */
void web_render_error(struct req *r);

/* Layout. page_begin writes the document head, the site header with navigation (and the
 * signed-in user's menu) and opens <main>; page_end closes it with the footer. The title is
 * escaped. */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);
/* An Atom feed a page offers (web/parts_feed.c fills these). */
struct page_feed {
    const char *title; /* plain text, e.g. "Latest threads in Clinical Informatics" */
    const char *href;  /* the feed's path, e.g. "/c/clin/latest.atom" (no token) */
    int open;          /* 1: readable without a token (public), so announced in the head */
};
/* page_begin announcing the open feeds of feeds[0..n) in the head with
   <link rel="alternate" type="application/atom+xml" title="..." href="...">, so that feed
   readers find them from the page's address. */
void page_begin_feeds(struct req *r, const char *title, const struct page_feed *feeds, size_t n);
/* <time datetime="ISO">3 days ago</time> */
void page_time(struct req *r, int64_t t);
/* The instance name (settings instance_name, default "Praxis"), arena copy. */
const char *page_instance_name(struct req *r);

/* The status for a form page shown again after error code: 422 for validation errors
 * (ERR_INVALID), else the code's own HTTP status. */
int web_form_status(int code);
/* 1 if code is the user's mistake, to show on the form again (ERR_INVALID, ERR_TOOBIG,
 * ERR_CONFLICT), rather than an error page (404, 403, 500...). */
int web_form_error(int code);
/* A form value or "" (never NULL), for showing again what was typed. */
const char *form_value(struct req *r, const char *key);
/* A success notice (role=status) at the top of a page; msg is escaped. */
void form_notice_ok(struct req *r, const char *msg);
/* Hidden CSRF input for a form: <input type="hidden" name="_csrf" value="..."> */
void form_csrf(struct req *r);
/* Forms report every error at once: a handler runs each field's check with its own errinfo
   and notes the result; rc < 0 adds a copy of *e to the request's field errors (the first
   one also becomes r->err, so statuses and error pages work as before). Returns rc. Every
   noted field gets its message next to it (form_field, form_field_error) and a line in
   form_error_summary. At most FORM_ERRORS_MAX are kept. */
#define FORM_ERRORS_MAX 16
int form_error_note(struct req *r, int rc, const struct errinfo *e);
/* How many field errors were noted (0 = none; r->err alone counts as 1 if set). */
size_t form_error_count(struct req *r);
/* 1 if field has an error (noted or in r->err); its message in *msg (may be NULL). */
int form_field_has_error(struct req *r, const char *field, const char **msg);
/* If r->err concerns `field`, an inline error message (role=alert) for it. */
void form_field_error(struct req *r, const char *field);
/* A flash-style notice box at the top of a form for r->err when set. */
void form_error_summary(struct req *r);
/* A labelled field in <div class="field"> with its hint and inline error linked by
   aria-describedby. type is an <input> type, or "textarea". value may be NULL. attrs is
   trusted literal markup for extra attributes (e.g. "required autocomplete=\"username\""),
   or NULL. */
void form_field(struct req *r, const char *type, const char *name, const char *label,
                const char *value, const char *hint, const char *attrs);

#endif
