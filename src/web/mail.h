/* Page handlers of web/mail.c: the email address on the settings page, its verification
 * link, password reset by email, and the admin page's Mail section. Only the route table
 * (src/cli/routes.c) and web/mail.c include this header: page files do not call each other
 * (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_MAIL_H
#define PRAXIS_WEB_MAIL_H
#include "http/http.h"

int page_settings_email(struct req *r);              /* GET /settings/email */
int page_settings_email_post(struct req *r);         /* POST /settings/email */
int page_verify_email(struct req *r);                /* GET /verify-email?token= */
int page_password_reset(struct req *r);              /* GET /password-reset */
int page_password_reset_post(struct req *r);         /* POST /password-reset {who} */
int page_password_reset_confirm(struct req *r);      /* GET /password-reset/confirm?token= */
int page_password_reset_confirm_post(struct req *r); /* POST {token,password,password2} */
int page_admin_mail(struct req *r);                  /* GET /admin/mail */
int page_admin_mail_test(struct req *r);             /* POST /admin/mail/test {to} */
int page_admin_mail_settings(struct req *r);         /* POST /admin/mail/settings */
int page_admin_mail_retry(struct req *r);            /* POST /admin/mail/jobs/:id/retry */

#endif
