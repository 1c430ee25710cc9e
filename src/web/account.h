/* Page handlers of web/account.c: signing up, in and out, profiles, settings and API tokens.
 * Only the route table (src/cli/routes.c) and web/account.c include this header: page files do
 * not call each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_ACCOUNT_H
#define PRAXIS_WEB_ACCOUNT_H
#include "http/http.h"

int page_signup(struct req *r);
int page_signup_post(struct req *r);
int page_signin(struct req *r);
int page_signin_post(struct req *r);
int page_signout(struct req *r);
int page_user(struct req *r); /* /u/:name */
int page_settings_profile(struct req *r);
int page_settings_profile_post(struct req *r);
int page_settings_appearance(struct req *r);      /* the colour theme */
int page_settings_appearance_post(struct req *r); /* theme=system|light|dark */
int page_settings_password(struct req *r);
int page_settings_password_post(struct req *r);
int page_settings_tokens(struct req *r);
int page_settings_tokens_post(struct req *r);
int page_settings_token_revoke(struct req *r); /* /settings/tokens/:id/revoke */

#endif
