/* Private helpers shared by domain/article.c and domain/article_text.c (not for other
 * layers). */
#ifndef PRAXIS_DOMAIN_ARTICLE_INT_H
#define PRAXIS_DOMAIN_ARTICLE_INT_H
#include <stddef.h>

#include "core/arena.h"

/* Arena copy of s[0..n) without leading and trailing spaces and tabs. */
const char *article_trim(struct arena *a, const char *s, size_t n);

#endif
