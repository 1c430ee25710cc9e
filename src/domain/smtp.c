/* The SMTP client (see smtp.h): a thin wrapper over one libcurl easy handle, reused across
 * messages so a run of mail jobs shares one connection. Time limits keep a stuck relay from
 * holding a worker: 10 s to connect, 60 s per message. */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "domain/smtp.h"
#include "core/util.h"

struct smtp {
    CURL *curl;   /* reused handle (keeps the connection) */
    char *url;    /* without the ?starttls suffix */
    int starttls; /* 1 = CURLUSESSL_ALL */
};

struct reader {
    const char *p; /* next byte to send */
    size_t left;   /* bytes left */
};

int smtp_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

struct smtp *smtp_open(const char *url)
{
    struct smtp *s = x_calloc(1, sizeof(*s));
    char *q;
    s->url = x_strdup(url);
    q = strchr(s->url, '?');
    if (q) {
        s->starttls = strstr(q, "starttls") != NULL;
        *q = '\0';
    }
    s->curl = curl_easy_init();
    if (!s->curl) {
        free(s->url);
        free(s);
        return NULL;
    }
    return s;
}

static size_t read_cb(char *buf, size_t size, size_t nmemb, void *arg)
{
    struct reader *r = arg;
    size_t n = size * nmemb;
    if (n > r->left)
        n = r->left;
    memcpy(buf, r->p, n);
    r->p += n;
    r->left -= n;
    return n;
}

int smtp_send(struct smtp *s, const char *from, const char *to, const char *msg, size_t len,
              char *err, size_t errsize)
{
    struct curl_slist *rcpt = NULL;
    struct reader r = {msg, len};
    char ebuf[CURL_ERROR_SIZE] = "", sender[300], rcpt_s[300];
    CURLcode rc;
    snprintf(sender, sizeof(sender), "<%s>", from);
    snprintf(rcpt_s, sizeof(rcpt_s), "<%s>", to);
    rcpt = curl_slist_append(rcpt, rcpt_s);
    curl_easy_reset(s->curl); /* keeps the live connection and caches */
    curl_easy_setopt(s->curl, CURLOPT_URL, s->url);
    curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, sender);
    curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(s->curl, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(s->curl, CURLOPT_READDATA, &r);
    curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(s->curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, ebuf);
    curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (s->starttls)
        curl_easy_setopt(s->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    rc = curl_easy_perform(s->curl);
    curl_slist_free_all(rcpt);
    if (rc != CURLE_OK) {
        snprintf(err, errsize, "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
        return -1;
    }
    return 0;
}

void smtp_close(struct smtp *s)
{
    if (!s)
        return;
    curl_easy_cleanup(s->curl);
    free(s->url);
    free(s);
}
