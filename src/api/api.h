/* The JSON API under /api/v1: one file per resource, mirroring the pages' data.
 * Responses are built with jansson and sent with api_send; errors are returned as enum err
 * with r->err set, and the http layer renders {"error":{"code","message","field"}}.
 * Request bodies are JSON (Content-Type: application/json) or urlencoded forms; api_input
 * reads a field from either. Documented in docs/api.md. */
#ifndef PRAXIS_API_API_H
#define PRAXIS_API_API_H
#include <jansson.h>

#include "app/app.h"

/* Send obj (reference stolen) as the response with status. Returns 0. */
int api_send(struct req *r, int status, json_t *obj);
/* Parse the request body as JSON object once (cached in the request); NULL if the body is
 * not JSON. Returns ERR_INVALID with a message when the body is malformed JSON. */
int api_body(struct req *r, json_t **out);
/* A string field from the JSON body or the form, arena-copied; NULL when absent.
 * Non-string JSON values (numbers, booleans) are rendered as text. */
const char *api_input(struct req *r, const char *key);

/* An integer from the body (JSON number or text, or form) into *out, or def when absent.
 * ERR_INVALID with field key when present but not a whole number in [lo, hi]. (From the
 * query string: req_query_int in http.h.) */
int api_int_input(struct req *r, const char *key, int64_t def, int64_t lo, int64_t hi,
                  int64_t *out);
/* A time as JSON: an ISO 8601 UTC string ("2026-03-17T18:00:00Z"), or null for 0 (never). */
json_t *api_time(int64_t t);

/* --- handlers, one block per resource; named only by the route table (cli/routes.c) --- */
/* api/comment.c: comments under posts and Markdown preview */
int api_post_comments(struct req *r);       /* GET /posts/:id/comments */
int api_post_comment_create(struct req *r); /* POST /posts/:id/comments {body} */
int api_comment_get(struct req *r);         /* GET /comments/:id */
int api_comment_update(struct req *r);      /* PATCH /comments/:id {body} */
int api_comment_delete(struct req *r);      /* DELETE /comments/:id */
int api_preview(struct req *r);             /* POST /preview {body, kind, community} */
struct comment_row;
/* The comments of post pid among all[0..n) (a thread's, store/import.h) as a JSON array of
   {id, author, author_name?, body_html, created_at, edited_at, source_url, url}. */
json_t *api_comments_json(struct req *r, const struct comment_row *all, size_t n, int64_t pid);
/* api/participation.c: GET /communities/:slug/participation?months=&user= */
int api_community_participation(struct req *r);
/* api/report.c: community health reports (docs/health.md) */
int api_community_health(struct req *r);     /* GET /communities/:slug/health?from=&to= */
int api_community_health_csv(struct req *r); /* GET /communities/:slug/health/TABLE.csv */
int api_instance_health(struct req *r);      /* GET /health?from=&to= */
/* api/account.c */
int api_signup(struct req *r);
int api_session_create(struct req *r);
int api_session_delete(struct req *r);
int api_me(struct req *r);
int api_me_update(struct req *r);
int api_digest_get(struct req *r); /* digest.c: GET /api/v1/me/digest */
int api_digest_put(struct req *r); /* digest.c: PUT /api/v1/me/digest */
int api_user_get(struct req *r);
int api_tokens_list(struct req *r);
int api_tokens_create(struct req *r);
int api_tokens_delete(struct req *r);
int api_admin_settings(struct req *r);
int api_admin_settings_update(struct req *r);
int api_admin_users(struct req *r);
int api_admin_users_create(struct req *r);
int api_admin_user_update(struct req *r);
int api_admin_user_trust(struct req *r); /* PUT .../admin/users/:name/trust */
int api_admin_invites(struct req *r);
int api_admin_invites_create(struct req *r);
/* api/mail.c: password reset and email verification; the email members of /me. */
int api_password_reset(struct req *r);         /* POST /password-reset {email} */
int api_password_reset_confirm(struct req *r); /* POST /password-reset/confirm {token,password} */
int api_verify_email(struct req *r);           /* POST /verify-email {token} */
void api_mail_me_fields(struct req *r, json_t *user); /* adds email, email_verified */
int api_mail_me_check(struct req *r);  /* PATCH /me: email valid (before any change) */
int api_mail_me_update(struct req *r); /* PATCH /me's email member, if given */
/* api/live.c: live updates (Server-Sent Events) */
int api_live(struct req *r); /* GET /live?ch=thread:ID&ch=...&since=ID */
/* api/community.c: communities, members, invitation links (docs/api.md) */
int api_communities_list(struct req *r);   /* GET /communities?mine=1&q=&limit=&offset= */
int api_communities_create(struct req *r); /* POST /communities */
int api_community_get(struct req *r);      /* GET /communities/:slug */
int api_community_update(struct req *r);   /* PATCH /communities/:slug */
int api_community_archive(struct req *r);  /* POST /communities/:slug/archive */
int api_community_members(struct req *r);  /* GET /communities/:slug/members */
/* Tags (finding): the vocabulary with counts; one tag with its description, thread count,
   articles and top experts; PATCH its description (coordinators). */
int api_community_tags(struct req *r);          /* GET /communities/:slug/tags */
int api_community_tag_get(struct req *r);       /* GET /communities/:slug/tags/:tag */
int api_community_tag_update(struct req *r);    /* PATCH /communities/:slug/tags/:tag */
int api_community_join(struct req *r);          /* POST /communities/:slug/join */
int api_community_leave(struct req *r);         /* POST /communities/:slug/leave */
int api_community_member_put(struct req *r);    /* PUT /communities/:slug/members/:name */
int api_community_member_delete(struct req *r); /* DELETE /communities/:slug/members/:name */
int api_community_invite_create(struct req *r); /* POST /communities/:slug/invites */
int api_community_invites(struct req *r);       /* GET /communities/:slug/invites */
int api_community_invite_revoke(struct req *r); /* DELETE /communities/:slug/invites/:id */

/* api/flag.c: flags and the review queue (docs/api.md, Flags and review) */
int api_post_flag(struct req *r);               /* POST /posts/:id/flags */
int api_comment_flag(struct req *r);            /* POST /comments/:id/flags */
int api_me_flags(struct req *r);                /* GET /me/flags */
int api_community_review(struct req *r);        /* GET /communities/:slug/review */
int api_community_review_update(struct req *r); /* PATCH /communities/:slug/review */
int api_review_post(struct req *r);             /* POST /review/posts/:id */
int api_review_comment(struct req *r);          /* POST /review/comments/:id */

/* api/thread.c: threads, posts, votes, moderation, drafts (docs/api.md, THREADS-API) */
int api_community_threads(struct req *r);       /* GET /communities/:slug/threads */
int api_community_thread_create(struct req *r); /* POST /communities/:slug/threads */
int api_community_audit(struct req *r);         /* GET /communities/:slug/audit */
int api_community_similar(struct req *r);       /* GET /communities/:slug/similar?title= */
int api_threads_list(struct req *r);            /* GET /threads (instance lists) */
int api_thread_get(struct req *r);              /* GET /threads/:id?page= */
int api_thread_reply(struct req *r);            /* POST /threads/:id/posts */
int api_thread_accept(struct req *r);           /* PUT /threads/:id/accepted */
int api_thread_unaccept(struct req *r);         /* DELETE /threads/:id/accepted */
int api_thread_moderate(struct req *r);         /* POST /threads/:id/moderation */
int api_post_get(struct req *r);                /* GET /posts/:id */
int api_post_update(struct req *r);             /* PATCH /posts/:id */
int api_post_delete(struct req *r);             /* DELETE /posts/:id */
int api_post_revisions(struct req *r);          /* GET /posts/:id/revisions?a=&b= */
int api_post_vote(struct req *r);               /* PUT /posts/:id/vote */
int api_post_like(struct req *r);               /* PUT /posts/:id/like */
int api_post_unlike(struct req *r);             /* DELETE /posts/:id/like */
int api_post_hide(struct req *r);               /* POST /posts/:id/hide */
int api_post_unhide(struct req *r);             /* POST /posts/:id/unhide */
int api_draft_get(struct req *r);               /* GET /drafts/:key */
int api_draft_put(struct req *r);               /* PUT /drafts/:key */
int api_draft_delete(struct req *r);            /* DELETE /drafts/:key */

/* search (api/search.c; docs/api.md, SEARCH-API) */
int api_search(struct req *r); /* GET /search?q=&kind=&page= */

/* events (api/event.c; docs/api.md, EVENTS-API) */
int api_community_events(struct req *r);       /* GET /communities/:slug/events?past=1 */
int api_community_event_create(struct req *r); /* POST /communities/:slug/events */
int api_event_get(struct req *r);              /* GET /events/:id */
int api_event_update(struct req *r);           /* PATCH /events/:id */
int api_event_cancel(struct req *r);           /* PUT /events/:id/cancelled {cancelled} */
int api_event_occ_get(struct req *r);          /* GET /events/:id/occurrences/:key */
int api_event_occ_update(struct req *r);       /* PATCH /events/:id/occurrences/:key */
int api_event_rsvp(struct req *r);             /* PUT /events/:id/occurrences/:key/rsvp */
int api_event_rsvp_series(struct req *r);      /* PUT /events/:id/rsvp: every date to come */
int api_calendar_reset(struct req *r);         /* POST /me/calendar */

/* feed links (api/feed.c; docs/api.md, "Atom feeds") */
int api_feeds_reset(struct req *r);  /* POST /me/feeds: a new feed token (replaces the old) */
int api_feeds_revoke(struct req *r); /* DELETE /me/feeds */

/* articles (api/article.c; docs/api.md, ARTICLES-API) */
int api_community_articles(struct req *r);         /* GET /communities/:slug/articles?due_days= */
int api_community_article_create(struct req *r);   /* POST /communities/:slug/articles */
int api_community_article_settings(struct req *r); /* GET .../article-settings */
int api_community_article_settings_update(struct req *r); /* PATCH .../article-settings */
int api_article_get(struct req *r);            /* GET /communities/:slug/articles/:aslug */
int api_article_update(struct req *r);         /* PATCH (content with base_rev, status, review) */
int api_article_revisions(struct req *r);      /* GET .../revisions?a=&b=&mode= */
int api_article_revert(struct req *r);         /* POST .../revert {rev} */
int api_article_feedback(struct req *r);       /* POST .../feedback {kind, note, on} */
int api_article_feedback_notes(struct req *r); /* GET .../feedback (coordinators) */
int api_thread_article(struct req *r);         /* POST /threads/:id/article */
/* notifications and following (api/notification.c) */
int api_notifications(struct req *r);                /* GET /notifications?filter=unread */
int api_notifications_read(struct req *r);           /* POST /notifications/read {id?} */
int api_notification_settings(struct req *r);        /* GET /notifications/settings */
int api_notification_settings_update(struct req *r); /* PUT/PATCH {auto_watch} */
int api_notification_prefs(struct req *r);           /* GET .../notifications/preferences */
int api_notification_prefs_update(struct req *r);    /* PUT {"kind": "app"|"email"|"digest"} */
int api_thread_level(struct req *r);                 /* GET /threads/:id/notification-level */
int api_thread_level_set(struct req *r);             /* PUT {level} */
int api_community_level(struct req *r);              /* GET /communities/:slug/notification-level */
int api_community_level_set(struct req *r);          /* PUT {level} */
int api_tag_level(struct req *r);     /* GET /communities/:slug/tags/:tag/notification-level */
int api_tag_level_set(struct req *r); /* PUT {level} */
/* webhooks (api/webhook.c; docs/api.md, WEBHOOKS-API) */
int api_community_webhooks(struct req *r);       /* GET /communities/:slug/webhooks */
int api_community_webhook_create(struct req *r); /* POST /communities/:slug/webhooks */
int api_webhooks(struct req *r);                 /* GET /webhooks (instance hooks) */
int api_webhook_create(struct req *r);           /* POST /webhooks */
int api_webhook_get(struct req *r);              /* GET /webhooks/:id */
int api_webhook_update(struct req *r);           /* PATCH /webhooks/:id */
int api_webhook_delete(struct req *r);           /* DELETE /webhooks/:id */
int api_webhook_secret(struct req *r);           /* GET /webhooks/:id/secret */
int api_webhook_rotate(struct req *r);           /* POST /webhooks/:id/secret */
int api_webhook_deliveries(struct req *r);       /* GET /webhooks/:id/deliveries */
int api_webhook_redeliver(struct req *r);        /* POST .../deliveries/:did/redeliver */
/* expertise (api/expertise.c) */
int api_experts(struct req *r);        /* GET /experts?tag=&q=&community=&limit= */
int api_user_expertise(struct req *r); /* GET /users/:name/expertise */
/* uploads (api/upload.c; docs/api.md, Uploads) */
int api_uploads_create(struct req *r); /* POST /uploads (multipart: file, community) */

#endif
