/* The one declarative route table: every page and API endpoint, with its preconditions.
 * The http layer checks the flags (R_LOGIN, R_ADMIN, R_CSRF, R_API) before a handler runs;
 * object-level permissions are checked in domain. Static assets (/static/, /favicon.ico)
 * are served by the http layer itself. Keep each feature's block together.
 *
 * It lives in cli, the top layer, because it is the one place that names both the HTML
 * pages (src/web, one header of page_* handlers per page family) and the JSON API
 * (src/api/api.h): web and api are siblings that never include each other, so the table
 * joining them must sit above both. One table rather than per-layer arrays keeps the order
 * of patterns (which decides matches such as /c/:slug/t/new before /c/:slug/t/:id) and each
 * feature's page and API routes readable side by side. */
#include "api/api.h"
#include "cli/cli.h"
#include "core/util.h"
#include "web/account.h"
#include "web/admin.h"
#include "web/article.h"
#include "web/claim.h"
#include "web/coaching.h"
#include "web/comment.h"
#include "web/community.h"
#include "web/event.h"
#include "web/expertise.h"
#include "web/participation.h"
#include "web/report.h"
#include "web/feed.h"
#include "web/home.h"
#include "web/digest.h"
#include "web/mail.h"
#include "web/notification.h"
#include "web/notify_mail.h"
#include "web/post.h"
#include "web/review.h"
#include "web/search.h"
#include "web/thread.h"
#include "web/thread_list.h"
#include "web/webhook.h"
#include "web/upload.h"

#define F_FORM (R_CSRF)           /* a state-changing HTML form post */
#define F_USER (R_LOGIN | R_CSRF) /* ... by a signed-in user */
#define F_API  (R_API)
#define F_APIW (R_API | R_CSRF) /* API write: Bearer token, or cookie + X-CSRF-Token */

const struct route praxis_routes[] = {
    /* instance */
    {HTTP_GET, "/", 0, page_home},
    {HTTP_GET, "/healthz", 0, page_healthz},
    {HTTP_GET, "/readyz", 0, page_readyz},
    /* uploads (web/upload.c, api/upload.c): the files, the no-JS form, the API */
    {HTTP_GET, "/uploads/new", R_LOGIN, page_upload_new},
    {HTTP_POST, "/uploads", F_USER | R_UPLOAD, page_upload_post},
    {HTTP_GET, "/uploads/:id/:name", 0, page_upload_file},
    {HTTP_POST, "/api/v1/uploads", F_APIW | R_LOGIN | R_UPLOAD, api_uploads_create},

    /* accounts: web/account.c, web/admin.c */
    {HTTP_GET, "/signup", 0, page_signup},
    {HTTP_POST, "/signup", F_FORM, page_signup_post},
    {HTTP_GET, "/signin", 0, page_signin},
    {HTTP_POST, "/signin", F_FORM, page_signin_post},
    {HTTP_POST, "/signout", F_FORM, page_signout},
    {HTTP_GET, "/u/:name", 0, page_user},
    {HTTP_GET, "/settings/profile", R_LOGIN, page_settings_profile},
    {HTTP_POST, "/settings/profile", F_USER, page_settings_profile_post},
    /* theme (phone): web/account.c */
    {HTTP_GET, "/settings/appearance", R_LOGIN, page_settings_appearance},
    {HTTP_POST, "/settings/appearance", F_USER, page_settings_appearance_post},
    {HTTP_GET, "/settings/password", R_LOGIN, page_settings_password},
    {HTTP_POST, "/settings/password", F_USER, page_settings_password_post},
    {HTTP_GET, "/settings/tokens", R_LOGIN, page_settings_tokens},
    {HTTP_POST, "/settings/tokens", F_USER, page_settings_tokens_post},
    {HTTP_POST, "/settings/tokens/:id/revoke", F_USER, page_settings_token_revoke},
    {HTTP_GET, "/admin", R_ADMIN, page_admin},
    {HTTP_POST, "/admin", R_ADMIN | R_CSRF, page_admin_post},
    {HTTP_GET, "/admin/moderation", R_ADMIN, page_admin_moderation},
    {HTTP_POST, "/admin/moderation", R_ADMIN | R_CSRF, page_admin_moderation_post},
    {HTTP_GET, "/admin/users", R_ADMIN, page_admin_users},
    {HTTP_POST, "/admin/users", R_ADMIN | R_CSRF, page_admin_users_post},
    {HTTP_POST, "/admin/users/:name", R_ADMIN | R_CSRF, page_admin_user_post},
    {HTTP_POST, "/admin/invites", R_ADMIN | R_CSRF, page_admin_invites_post},
    /* webhooks: web/webhook.c, api/webhook.c (issue 14) */
    {HTTP_GET, "/c/:slug/webhooks", R_LOGIN, page_community_webhooks},
    {HTTP_POST, "/c/:slug/webhooks", F_USER, page_community_webhooks_post},
    {HTTP_GET, "/c/:slug/webhooks/:id", R_LOGIN, page_community_webhook},
    {HTTP_POST, "/c/:slug/webhooks/:id", F_USER, page_community_webhook_post},
    {HTTP_POST, "/c/:slug/webhooks/:id/secret", F_USER, page_community_webhook_secret},
    {HTTP_POST, "/c/:slug/webhooks/:id/delete", F_USER, page_community_webhook_delete},
    {HTTP_POST, "/c/:slug/webhooks/:id/deliveries/:did/redeliver", F_USER,
     page_community_webhook_redeliver},
    {HTTP_GET, "/admin/webhooks", R_ADMIN, page_admin_webhooks},
    {HTTP_POST, "/admin/webhooks", R_ADMIN | R_CSRF, page_admin_webhooks_post},
    {HTTP_POST, "/admin/webhooks/settings", R_ADMIN | R_CSRF, page_admin_webhooks_settings},
    {HTTP_GET, "/admin/webhooks/:id", R_ADMIN, page_admin_webhook},
    {HTTP_POST, "/admin/webhooks/:id", R_ADMIN | R_CSRF, page_admin_webhook_post},
    {HTTP_POST, "/admin/webhooks/:id/secret", R_ADMIN | R_CSRF, page_admin_webhook_secret},
    {HTTP_POST, "/admin/webhooks/:id/delete", R_ADMIN | R_CSRF, page_admin_webhook_delete},
    {HTTP_POST, "/admin/webhooks/:id/deliveries/:did/redeliver", R_ADMIN | R_CSRF,
     page_admin_webhook_redeliver},
    {HTTP_GET, "/api/v1/communities/:slug/webhooks", F_API, api_community_webhooks},
    {HTTP_POST, "/api/v1/communities/:slug/webhooks", F_APIW, api_community_webhook_create},
    {HTTP_GET, "/api/v1/webhooks", F_API | R_ADMIN, api_webhooks},
    {HTTP_POST, "/api/v1/webhooks", F_APIW | R_ADMIN, api_webhook_create},
    {HTTP_GET, "/api/v1/webhooks/:id", F_API, api_webhook_get},
    {HTTP_PATCH, "/api/v1/webhooks/:id", F_APIW, api_webhook_update},
    {HTTP_DELETE, "/api/v1/webhooks/:id", F_APIW, api_webhook_delete},
    {HTTP_GET, "/api/v1/webhooks/:id/secret", F_API, api_webhook_secret},
    {HTTP_POST, "/api/v1/webhooks/:id/secret", F_APIW, api_webhook_rotate},
    {HTTP_GET, "/api/v1/webhooks/:id/deliveries", F_API, api_webhook_deliveries},
    {HTTP_POST, "/api/v1/webhooks/:id/deliveries/:did/redeliver", F_APIW, api_webhook_redeliver},

    /* mail: web/mail.c, api/mail.c */
    {HTTP_GET, "/settings/email", R_LOGIN, page_settings_email},
    {HTTP_POST, "/settings/email", F_USER, page_settings_email_post},
    {HTTP_GET, "/settings/digest", R_LOGIN, page_settings_digest},
    {HTTP_POST, "/settings/digest", F_USER, page_settings_digest_post},
    {HTTP_GET, "/verify-email", R_SECRET, page_verify_email},
    {HTTP_GET, "/password-reset", 0, page_password_reset},
    {HTTP_POST, "/password-reset", F_FORM, page_password_reset_post},
    {HTTP_GET, "/password-reset/confirm", R_SECRET, page_password_reset_confirm},
    {HTTP_POST, "/password-reset/confirm", F_FORM, page_password_reset_confirm_post},
    {HTTP_GET, "/admin/mail", R_ADMIN, page_admin_mail},
    {HTTP_POST, "/admin/mail/test", R_ADMIN | R_CSRF, page_admin_mail_test},
    {HTTP_POST, "/admin/mail/settings", R_ADMIN | R_CSRF, page_admin_mail_settings},
    {HTTP_POST, "/admin/mail/jobs/:id/retry", R_ADMIN | R_CSRF, page_admin_mail_retry},
    {HTTP_POST, "/api/v1/password-reset", F_API, api_password_reset},
    {HTTP_POST, "/api/v1/password-reset/confirm", F_API, api_password_reset_confirm},
    {HTTP_POST, "/api/v1/verify-email", F_API, api_verify_email},

    /* live updates (Server-Sent Events): api/live.c, app/live.c */
    {HTTP_GET, "/live", F_API, api_live},

    /* import: claiming imported accounts (web/claim.c; links made in web/admin.c) */
    {HTTP_GET, "/claim", 0, page_claim},
    {HTTP_POST, "/claim", F_FORM, page_claim_post},

    /* participation levels and trajectories (web/participation.c, api/participation.c) */
    {HTTP_GET, "/c/:slug/participation", 0, page_community_participation},
    {HTTP_GET, "/api/v1/communities/:slug/participation", F_API, api_community_participation},
    /* community health reports (api/report.c; the pages are web/report*.c) */
    {HTTP_GET, "/api/v1/communities/:slug/health", F_API, api_community_health},
    {HTTP_GET, "/api/v1/communities/:slug/health/:table", F_API, api_community_health_csv},
    {HTTP_GET, "/api/v1/health", F_API, api_instance_health},

    /* community health (web/report.c; the JSON and CSV are api/report.c) */
    {HTTP_GET, "/c/:slug/health", 0, page_community_health},
    {HTTP_GET, "/admin/health", R_ADMIN, page_admin_health},

    /* expertise: who knows, member expertise (web/expertise.c, api/expertise.c) */
    {HTTP_GET, "/who-knows", 0, page_who_knows},
    {HTTP_GET, "/c/:slug/who-knows", 0, page_community_who_knows},
    {HTTP_GET, "/api/v1/experts", F_API, api_experts},
    {HTTP_GET, "/api/v1/users/:name/expertise", F_API, api_user_expertise},

    /* communities: web/community.c */
    /* threads (web/thread.c, web/thread_list.c): t/new before t/:id */
    {HTTP_GET, "/c/:slug/t/new", R_LOGIN, page_thread_new},
    {HTTP_POST, "/c/:slug/t/new", F_USER, page_thread_create},
    {HTTP_GET, "/c/:slug/t/:id", 0, page_thread},
    {HTTP_POST, "/c/:slug/t/:id/reply", F_USER, page_thread_reply},
    {HTTP_POST, "/c/:slug/t/:id/unaccept", F_USER, page_thread_unaccept},
    {HTTP_POST, "/c/:slug/t/:id/mod", F_USER, page_thread_mod},
    {HTTP_POST, "/c/:slug/t/:id/close-vote", F_USER, page_thread_close_vote},
    {HTTP_POST, "/c/:slug/t/:id/close-vote/retract", F_USER, page_thread_close_unvote},
    {HTTP_GET, "/c/:slug/similar", 0, page_thread_similar},
    {HTTP_GET, "/c/:slug/audit", R_LOGIN, page_community_audit},
    {HTTP_GET, "/c/:slug/latest", 0, page_threads_community},
    {HTTP_GET, "/c/:slug/unanswered", 0, page_threads_community},
    {HTTP_GET, "/c/:slug/top", 0, page_threads_community},
    {HTTP_GET, "/c/:slug/tags/:tag", 0, page_threads_tag},
    {HTTP_GET, "/latest", 0, page_threads_instance},
    {HTTP_GET, "/unanswered", 0, page_threads_instance},
    {HTTP_GET, "/top", 0, page_threads_instance},
    {HTTP_GET, "/mine", R_LOGIN, page_threads_instance},
    {HTTP_GET, "/p/:id", 0, page_post},
    {HTTP_GET, "/p/:id/edit", R_LOGIN, page_post_edit},
    {HTTP_POST, "/p/:id/edit", F_USER, page_post_update},
    {HTTP_GET, "/p/:id/history", 0, page_post_history},
    {HTTP_POST, "/p/:id/vote", F_USER, page_post_vote},
    {HTTP_POST, "/p/:id/like", F_USER, page_post_like},
    {HTTP_POST, "/p/:id/accept", F_USER, page_post_accept},
    {HTTP_POST, "/p/:id/delete", F_USER, page_post_delete},
    {HTTP_POST, "/p/:id/hide", F_USER, page_post_hide},
    {HTTP_POST, "/p/:id/unhide", F_USER, page_post_unhide},
    {HTTP_GET, "/communities", 0, page_communities},
    {HTTP_GET, "/c/new", R_LOGIN, page_community_new},
    {HTTP_POST, "/c/new", F_USER, page_community_create},
    {HTTP_GET, "/c/:slug", 0, page_community},
    {HTTP_GET, "/c/:slug/edit", R_LOGIN, page_community_edit},
    {HTTP_POST, "/c/:slug/edit", F_USER, page_community_update},
    {HTTP_POST, "/c/:slug/archive", F_USER, page_community_archive},
    {HTTP_POST, "/c/:slug/join", F_USER, page_community_join},
    {HTTP_POST, "/c/:slug/leave", F_USER, page_community_leave},
    {HTTP_GET, "/c/:slug/members", 0, page_community_members},
    {HTTP_POST, "/c/:slug/members/:name", F_USER, page_community_member_update},
    {HTTP_GET, "/c/:slug/invites", R_LOGIN, page_community_invites},
    {HTTP_POST, "/c/:slug/invites", F_USER, page_community_invites_post},
    {HTTP_GET, "/join/:token", R_SECRET, page_join},
    {HTTP_POST, "/join/:token", F_USER | R_SECRET, page_join_post},

    /* finding (issue 15): tags with counts, descriptions, articles and experts
       (web/thread_list.c draws the tag page; web/community.c, api/community.c) */
    {HTTP_POST, "/c/:slug/tags/:tag/description", F_USER, page_community_tag_describe},
    {HTTP_GET, "/api/v1/communities/:slug/tags", F_API, api_community_tags},
    {HTTP_GET, "/api/v1/communities/:slug/tags/:tag", F_API, api_community_tag_get},
    {HTTP_PATCH, "/api/v1/communities/:slug/tags/:tag", F_APIW | R_LOGIN, api_community_tag_update},

    /* API: src/api, one file per resource */
    /* API: accounts (api/account.c) */
    {HTTP_POST, "/api/v1/signup", F_API, api_signup},          /* CSRF checked inside */
    {HTTP_POST, "/api/v1/session", F_API, api_session_create}, /* CSRF checked inside */
    {HTTP_DELETE, "/api/v1/session", F_APIW, api_session_delete},
    {HTTP_GET, "/api/v1/me", F_API | R_LOGIN, api_me},
    {HTTP_PATCH, "/api/v1/me", F_APIW | R_LOGIN, api_me_update},
    {HTTP_GET, "/api/v1/me/digest", F_API | R_LOGIN, api_digest_get},
    {HTTP_PUT, "/api/v1/me/digest", F_APIW | R_LOGIN, api_digest_put},
    {HTTP_GET, "/api/v1/users/:name", F_API, api_user_get},
    {HTTP_GET, "/api/v1/tokens", F_API | R_LOGIN, api_tokens_list},
    {HTTP_POST, "/api/v1/tokens", F_APIW | R_LOGIN, api_tokens_create},
    {HTTP_DELETE, "/api/v1/tokens/:id", F_APIW | R_LOGIN, api_tokens_delete},
    {HTTP_GET, "/api/v1/admin/settings", F_API | R_ADMIN, api_admin_settings},
    {HTTP_PATCH, "/api/v1/admin/settings", F_APIW | R_ADMIN, api_admin_settings_update},
    {HTTP_GET, "/api/v1/admin/users", F_API | R_ADMIN, api_admin_users},
    {HTTP_POST, "/api/v1/admin/users", F_APIW | R_ADMIN, api_admin_users_create},
    {HTTP_PATCH, "/api/v1/admin/users/:name", F_APIW | R_ADMIN, api_admin_user_update},
    /* trust levels (domain/trust.h) */
    {HTTP_PUT, "/api/v1/admin/users/:name/trust", F_APIW | R_ADMIN, api_admin_user_trust},
    {HTTP_GET, "/api/v1/admin/invites", F_API | R_ADMIN, api_admin_invites},
    {HTTP_POST, "/api/v1/admin/invites", F_APIW | R_ADMIN, api_admin_invites_create},
    /* API: communities (api/community.c) */
    {HTTP_GET, "/api/v1/communities", F_API, api_communities_list},
    {HTTP_POST, "/api/v1/communities", F_APIW | R_LOGIN, api_communities_create},
    {HTTP_GET, "/api/v1/communities/:slug", F_API, api_community_get},
    {HTTP_PATCH, "/api/v1/communities/:slug", F_APIW | R_LOGIN, api_community_update},
    {HTTP_POST, "/api/v1/communities/:slug/archive", F_APIW | R_LOGIN, api_community_archive},
    {HTTP_GET, "/api/v1/communities/:slug/members", F_API, api_community_members},
    {HTTP_POST, "/api/v1/communities/:slug/join", F_APIW | R_LOGIN, api_community_join},
    {HTTP_POST, "/api/v1/communities/:slug/leave", F_APIW | R_LOGIN, api_community_leave},
    {HTTP_PUT, "/api/v1/communities/:slug/members/:name", F_APIW | R_LOGIN,
     api_community_member_put},
    {HTTP_DELETE, "/api/v1/communities/:slug/members/:name", F_APIW | R_LOGIN,
     api_community_member_delete},
    {HTTP_POST, "/api/v1/communities/:slug/invites", F_APIW | R_LOGIN, api_community_invite_create},
    {HTTP_GET, "/api/v1/communities/:slug/invites", F_API | R_LOGIN, api_community_invites},
    {HTTP_DELETE, "/api/v1/communities/:slug/invites/:id", F_APIW | R_LOGIN,
     api_community_invite_revoke},
    /* API: threads and posts (api/thread.c) */
    {HTTP_GET, "/api/v1/threads", F_API, api_threads_list},
    {HTTP_GET, "/api/v1/communities/:slug/threads", F_API, api_community_threads},
    {HTTP_POST, "/api/v1/communities/:slug/threads", F_APIW | R_LOGIN, api_community_thread_create},
    {HTTP_GET, "/api/v1/communities/:slug/audit", F_API | R_LOGIN, api_community_audit},
    {HTTP_GET, "/api/v1/communities/:slug/similar", F_API, api_community_similar},
    {HTTP_GET, "/api/v1/threads/:id", F_API, api_thread_get},
    {HTTP_POST, "/api/v1/threads/:id/posts", F_APIW | R_LOGIN, api_thread_reply},
    {HTTP_PUT, "/api/v1/threads/:id/accepted", F_APIW | R_LOGIN, api_thread_accept},
    {HTTP_DELETE, "/api/v1/threads/:id/accepted", F_APIW | R_LOGIN, api_thread_unaccept},
    {HTTP_POST, "/api/v1/threads/:id/moderation", F_APIW | R_LOGIN, api_thread_moderate},
    {HTTP_GET, "/api/v1/threads/:id/close-votes", F_API, api_thread_close_votes},
    {HTTP_POST, "/api/v1/threads/:id/close-votes", F_APIW | R_LOGIN, api_thread_close_vote},
    {HTTP_DELETE, "/api/v1/threads/:id/close-votes", F_APIW | R_LOGIN, api_thread_close_unvote},
    /* comments and preview: api/comment.c, web/comment.c (adding: web/thread.c) */
    {HTTP_POST, "/p/:id/comments", F_USER, page_post_comment},
    {HTTP_GET, "/comments/:id", 0, page_comment},
    {HTTP_GET, "/comments/:id/edit", R_LOGIN, page_comment_edit},
    {HTTP_POST, "/comments/:id/edit", F_USER, page_comment_update},
    {HTTP_POST, "/comments/:id/delete", F_USER, page_comment_delete},
    {HTTP_GET, "/api/v1/posts/:id/comments", F_API, api_post_comments},
    {HTTP_POST, "/api/v1/posts/:id/comments", F_APIW | R_LOGIN, api_post_comment_create},
    {HTTP_GET, "/api/v1/comments/:id", F_API, api_comment_get},
    {HTTP_PATCH, "/api/v1/comments/:id", F_APIW | R_LOGIN, api_comment_update},
    {HTTP_DELETE, "/api/v1/comments/:id", F_APIW | R_LOGIN, api_comment_delete},
    {HTTP_POST, "/api/v1/preview", F_APIW | R_LOGIN, api_preview},

    {HTTP_GET, "/api/v1/posts/:id", F_API, api_post_get},
    {HTTP_PATCH, "/api/v1/posts/:id", F_APIW | R_LOGIN, api_post_update},
    {HTTP_DELETE, "/api/v1/posts/:id", F_APIW | R_LOGIN, api_post_delete},
    {HTTP_GET, "/api/v1/posts/:id/revisions", F_API, api_post_revisions},
    {HTTP_PUT, "/api/v1/posts/:id/vote", F_APIW | R_LOGIN, api_post_vote},
    {HTTP_PUT, "/api/v1/posts/:id/like", F_APIW | R_LOGIN, api_post_like},
    {HTTP_DELETE, "/api/v1/posts/:id/like", F_APIW | R_LOGIN, api_post_unlike},
    {HTTP_POST, "/api/v1/posts/:id/hide", F_APIW | R_LOGIN, api_post_hide},
    {HTTP_POST, "/api/v1/posts/:id/unhide", F_APIW | R_LOGIN, api_post_unhide},
    {HTTP_GET, "/api/v1/drafts/:key", F_API | R_LOGIN, api_draft_get},
    {HTTP_PUT, "/api/v1/drafts/:key", F_APIW | R_LOGIN, api_draft_put},
    {HTTP_DELETE, "/api/v1/drafts/:key", F_APIW | R_LOGIN, api_draft_delete},
    /* flags and the review queue, holds, suspend/silence (web/review.c, api/flag.c) */
    {HTTP_GET, "/p/:id/flag", R_LOGIN, page_post_flag},
    {HTTP_POST, "/p/:id/flag", F_USER, page_post_flag_post},
    {HTTP_GET, "/comments/:id/flag", R_LOGIN, page_comment_flag},
    {HTTP_POST, "/comments/:id/flag", F_USER, page_comment_flag_post},
    {HTTP_GET, "/settings/flags", R_LOGIN, page_my_flags},
    {HTTP_GET, "/c/:slug/review", R_LOGIN, page_review},
    {HTTP_POST, "/c/:slug/review", F_USER, page_review_settings},
    {HTTP_POST, "/review/posts/:id", F_USER, page_review_post},
    {HTTP_POST, "/review/comments/:id", F_USER, page_review_comment},
    {HTTP_POST, "/api/v1/posts/:id/flags", F_APIW | R_LOGIN, api_post_flag},
    {HTTP_POST, "/api/v1/comments/:id/flags", F_APIW | R_LOGIN, api_comment_flag},
    {HTTP_GET, "/api/v1/me/flags", F_API | R_LOGIN, api_me_flags},
    {HTTP_GET, "/api/v1/communities/:slug/review", F_API | R_LOGIN, api_community_review},
    {HTTP_PATCH, "/api/v1/communities/:slug/review", F_APIW | R_LOGIN, api_community_review_update},
    {HTTP_POST, "/api/v1/review/posts/:id", F_APIW | R_LOGIN, api_review_post},
    {HTTP_POST, "/api/v1/review/comments/:id", F_APIW | R_LOGIN, api_review_comment},
    /* newcomer coaching (web/coaching.c, web/parts_coaching.c, api/coaching.c) */
    {HTTP_GET, "/c/:slug/coaching", R_LOGIN, page_coaching},
    {HTTP_POST, "/c/:slug/coaching", F_USER, page_coaching_settings},
    {HTTP_POST, "/t/:id/coaching/comment", F_USER, page_coaching_comment},
    {HTTP_POST, "/t/:id/coaching/suggest", F_USER, page_coaching_suggest},
    {HTTP_POST, "/t/:id/coaching/publish", F_USER, page_coaching_publish},
    {HTTP_POST, "/t/:id/coaching/ready", F_USER, page_coaching_ready},
    {HTTP_POST, "/coaching/suggestions/:id", F_USER, page_coaching_suggestion},
    {HTTP_GET, "/api/v1/communities/:slug/coaching", F_API | R_LOGIN, api_community_coaching},
    {HTTP_PATCH, "/api/v1/communities/:slug/coaching", F_APIW | R_LOGIN,
     api_community_coaching_update},
    {HTTP_GET, "/api/v1/threads/:id/coaching", F_API, api_thread_coaching},
    {HTTP_POST, "/api/v1/threads/:id/coaching/comments", F_APIW | R_LOGIN,
     api_thread_coaching_comment},
    {HTTP_POST, "/api/v1/threads/:id/coaching/suggestions", F_APIW | R_LOGIN,
     api_thread_coaching_suggest},
    {HTTP_POST, "/api/v1/threads/:id/coaching/publish", F_APIW | R_LOGIN,
     api_thread_coaching_publish},
    {HTTP_POST, "/api/v1/threads/:id/coaching/ready", F_APIW | R_LOGIN, api_thread_coaching_ready},
    {HTTP_POST, "/api/v1/coaching/suggestions/:id", F_APIW | R_LOGIN, api_coaching_suggestion},
    /* articles: the knowledge base (web/article.c, api/article.c); the literal
       segments (new, review, settings) come before /a/:aslug */
    {HTTP_GET, "/c/:slug/a", 0, page_articles},
    {HTTP_GET, "/c/:slug/a/new", R_LOGIN, page_article_new},
    {HTTP_POST, "/c/:slug/a/new", F_USER, page_article_create},
    {HTTP_GET, "/c/:slug/a/review", 0, page_articles_review},
    {HTTP_GET, "/c/:slug/a/settings", R_LOGIN, page_articles_settings},
    {HTTP_POST, "/c/:slug/a/settings", F_USER, page_articles_settings_post},
    {HTTP_GET, "/c/:slug/a/:aslug", 0, page_article},
    {HTTP_GET, "/c/:slug/a/:aslug/edit", R_LOGIN, page_article_edit},
    {HTTP_POST, "/c/:slug/a/:aslug/edit", F_USER, page_article_update},
    {HTTP_GET, "/c/:slug/a/:aslug/history", 0, page_article_history},
    {HTTP_POST, "/c/:slug/a/:aslug/revert", F_USER, page_article_revert},
    {HTTP_POST, "/c/:slug/a/:aslug/status", F_USER, page_article_status},
    {HTTP_POST, "/c/:slug/a/:aslug/review", F_USER, page_article_review},
    {HTTP_POST, "/c/:slug/a/:aslug/feedback", F_USER, page_article_feedback},
    {HTTP_POST, "/c/:slug/t/:id/article", F_USER, page_thread_to_article},
    {HTTP_GET, "/notifications", R_LOGIN, page_notifications},
    {HTTP_POST, "/notifications/read", F_USER, page_notifications_read},
    /* API: articles (api/article.c) */
    {HTTP_GET, "/api/v1/communities/:slug/articles", F_API, api_community_articles},
    {HTTP_POST, "/api/v1/communities/:slug/articles", F_APIW | R_LOGIN,
     api_community_article_create},
    {HTTP_GET, "/api/v1/communities/:slug/article-settings", F_API, api_community_article_settings},
    {HTTP_PATCH, "/api/v1/communities/:slug/article-settings", F_APIW | R_LOGIN,
     api_community_article_settings_update},
    {HTTP_GET, "/api/v1/communities/:slug/articles/:aslug", F_API, api_article_get},
    {HTTP_PATCH, "/api/v1/communities/:slug/articles/:aslug", F_APIW | R_LOGIN, api_article_update},
    {HTTP_GET, "/api/v1/communities/:slug/articles/:aslug/revisions", F_API, api_article_revisions},
    {HTTP_POST, "/api/v1/communities/:slug/articles/:aslug/revert", F_APIW | R_LOGIN,
     api_article_revert},
    {HTTP_POST, "/api/v1/communities/:slug/articles/:aslug/feedback", F_APIW | R_LOGIN,
     api_article_feedback},
    {HTTP_GET, "/api/v1/communities/:slug/articles/:aslug/feedback", F_API | R_LOGIN,
     api_article_feedback_notes},
    {HTTP_POST, "/api/v1/threads/:id/article", F_APIW | R_LOGIN, api_thread_article},
    /* notifications and following: web/notification.c, api/notification.c */
    {HTTP_POST, "/notifications/settings", F_USER, page_notifications_settings},
    {HTTP_POST, "/c/:slug/t/:id/notification-level", F_USER, page_thread_follow},
    {HTTP_POST, "/c/:slug/notification-level", F_USER, page_community_follow},
    {HTTP_POST, "/c/:slug/tags/:tag/notification-level", F_USER, page_tag_follow},
    {HTTP_GET, "/api/v1/notifications", F_API | R_LOGIN, api_notifications},
    {HTTP_POST, "/api/v1/notifications/read", F_APIW | R_LOGIN, api_notifications_read},
    {HTTP_GET, "/api/v1/notifications/settings", F_API | R_LOGIN, api_notification_settings},
    {HTTP_GET, "/api/v1/notifications/preferences", F_API | R_LOGIN, api_notification_prefs},
    {HTTP_PUT, "/api/v1/notifications/preferences", F_APIW | R_LOGIN,
     api_notification_prefs_update},
    /* notification email: web/notify_mail.c (the unsubscribe POST needs no session and no
       CSRF token: the signed token is the secret; RFC 8058 one-click) */
    {HTTP_GET, "/settings/notifications", R_LOGIN, page_settings_notifications},
    {HTTP_POST, "/settings/notifications", F_USER, page_settings_notifications_post},
    {HTTP_GET, "/mail/unsubscribe", R_SECRET, page_mail_unsubscribe},
    {HTTP_POST, "/mail/unsubscribe", R_SECRET, page_mail_unsubscribe_post},
    {HTTP_PUT, "/api/v1/notifications/settings", F_APIW | R_LOGIN,
     api_notification_settings_update},
    {HTTP_GET, "/api/v1/threads/:id/notification-level", F_API | R_LOGIN, api_thread_level},
    {HTTP_PUT, "/api/v1/threads/:id/notification-level", F_APIW | R_LOGIN, api_thread_level_set},
    {HTTP_GET, "/api/v1/communities/:slug/notification-level", F_API | R_LOGIN,
     api_community_level},
    {HTTP_PUT, "/api/v1/communities/:slug/notification-level", F_APIW | R_LOGIN,
     api_community_level_set},
    {HTTP_GET, "/api/v1/communities/:slug/tags/:tag/notification-level", F_API | R_LOGIN,
     api_tag_level},
    {HTTP_PUT, "/api/v1/communities/:slug/tags/:tag/notification-level", F_APIW | R_LOGIN,
     api_tag_level_set},
    /* search: web/search.c, api/search.c */
    {HTTP_GET, "/search", 0, page_search},
    {HTTP_GET, "/search/misses", R_LOGIN, page_search_misses},
    {HTTP_GET, "/api/v1/search", F_API, api_search},
    /* events: web/event.c, api/event.c */
    {HTTP_GET, "/c/:slug/events", 0, page_community_events},
    {HTTP_GET, "/c/:slug/events.ics", 0, page_community_events_ics},
    {HTTP_GET, "/c/:slug/events/new", R_LOGIN, page_event_new},
    {HTTP_POST, "/c/:slug/events/new", F_USER, page_event_create},
    {HTTP_GET, "/events/:id", 0, page_event},
    {HTTP_GET, "/events/:id/edit", R_LOGIN, page_event_edit},
    {HTTP_POST, "/events/:id/edit", F_USER, page_event_update},
    {HTTP_POST, "/events/:id/cancel", F_USER, page_event_cancel},
    {HTTP_GET, "/events/:id/event.ics", 0, page_event_ics},
    {HTTP_GET, "/events/:id/o/:key", 0, page_event_occ},
    {HTTP_GET, "/events/:id/o/:key/event.ics", 0, page_event_ics},
    {HTTP_POST, "/events/:id/o/:key/rsvp", F_USER, page_event_rsvp},
    {HTTP_POST, "/events/:id/o/:key/cancel", F_USER, page_event_occ_cancel},
    {HTTP_GET, "/events/:id/o/:key/edit", R_LOGIN, page_event_occ_edit},
    {HTTP_POST, "/events/:id/o/:key/edit", F_USER, page_event_occ_update},
    {HTTP_GET, "/calendar", R_LOGIN, page_calendar},
    {HTTP_POST, "/calendar/reset", F_USER, page_calendar_reset},
    {HTTP_GET, "/calendar/:token/all.ics", R_SECRET, page_calendar_all},
    {HTTP_GET, "/calendar/:token/going.ics", R_SECRET, page_calendar_going},
    {HTTP_GET, "/api/v1/communities/:slug/events", F_API, api_community_events},
    {HTTP_POST, "/api/v1/communities/:slug/events", F_APIW | R_LOGIN, api_community_event_create},
    {HTTP_GET, "/api/v1/events/:id", F_API, api_event_get},
    {HTTP_PATCH, "/api/v1/events/:id", F_APIW | R_LOGIN, api_event_update},
    {HTTP_PUT, "/api/v1/events/:id/cancelled", F_APIW | R_LOGIN, api_event_cancel},
    {HTTP_GET, "/api/v1/events/:id/occurrences/:key", F_API, api_event_occ_get},
    {HTTP_PATCH, "/api/v1/events/:id/occurrences/:key", F_APIW | R_LOGIN, api_event_occ_update},
    {HTTP_PUT, "/api/v1/events/:id/occurrences/:key/rsvp", F_APIW | R_LOGIN, api_event_rsvp},
    {HTTP_POST, "/api/v1/me/calendar", F_APIW | R_LOGIN, api_calendar_reset},

    /* Atom feeds: web/feed.c (the links pages show: web/parts_feed.c), api/feed.c. A feed
       acts as nobody or as the owner of ?token= / :token, never as the session's user. */
    {HTTP_GET, "/c/:slug/latest.atom", 0, page_feed_latest},
    {HTTP_GET, "/c/:slug/tags/:tag/latest.atom", 0, page_feed_tag},
    {HTTP_GET, "/c/:slug/t/:id/posts.atom", 0, page_feed_thread},
    {HTTP_GET, "/c/:slug/articles.atom", 0, page_feed_articles},
    {HTTP_GET, "/u/:name/posts.atom", 0, page_feed_user},
    {HTTP_GET, "/feeds/:token/watched.atom", R_SECRET, page_feed_watched},
    {HTTP_GET, "/settings/feeds", R_LOGIN, page_settings_feeds},
    {HTTP_POST, "/settings/feeds/reset", F_USER, page_settings_feeds_reset},
    {HTTP_POST, "/settings/feeds/revoke", F_USER, page_settings_feeds_revoke},
    {HTTP_POST, "/api/v1/me/feeds", F_APIW | R_LOGIN, api_feeds_reset},
    {HTTP_DELETE, "/api/v1/me/feeds", F_APIW | R_LOGIN, api_feeds_revoke},

    /* RSVP for a whole series (phone): api/event.c */
    {HTTP_PUT, "/api/v1/events/:id/rsvp", F_APIW | R_LOGIN, api_event_rsvp_series},
};

const size_t praxis_nroutes = ARRAY_SIZE(praxis_routes);
