/* In-process tests of the request flow in src/http/request.c and server.c: http_serve runs
 * in a thread on a free loopback port and raw HTTP/1.1 is written to it over sockets, so the
 * framing checks are exercised exactly as a client (or an attacker) sends them: keep-alive
 * reuse, security headers, 404/405 (JSON under /api/), 413 (Content-Length and chunked),
 * 414, 431, duplicate Content-Length and Content-Length + Transfer-Encoding (400 + close),
 * Host, HEAD, forms and CSRF, login redirect and 401, static assets with ETag/304, lazy
 * thread_init and thread_fini, and a graceful SIGTERM that lets a slow request finish. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/html.h"
#include "core/rand.h"
#include "http/http.h"
#include "core/util.h"

#define MAX_BODY 4096

static int port;
static pthread_t server_thread;
static int serve_rc = 99;
static atomic_int n_init, n_fini;
static char listen_addr[64];

static int h_home(struct req *r)
{
    buf_puts(&r->out, "home");
    return 0;
}
static int h_slug(struct req *r)
{
    html_printf(&r->out, "slug=%s q=%s", r->params[0], req_query(r, "q"));
    return 0;
}
static int h_post(struct req *r)
{
    html_printf(&r->out, "title=%s", req_form(r, "title"));
    return 0;
}
static int h_echo(struct req *r)
{
    buf_printf(&r->out, "len=%zu nform=%zu", r->body_len, r->nform);
    return 0;
}
static int h_slow(struct req *r)
{
    struct timespec ts = {0, 500 * 1000 * 1000};
    nanosleep(&ts, NULL);
    buf_puts(&r->out, "slow");
    return 0;
}
static int h_fail(struct req *r)
{
    return error_set(&r->err, ERR_CONFLICT, "slug", "That slug is <taken>.");
}
static int h_me(struct req *r)
{
    buf_printf(&r->out, "user=%lld", (long long)r->user_id);
    return 0;
}
static int h_cache(struct req *r)
{
    resp_header(r, "Cache-Control", "max-age=60");
    buf_puts(&r->out, "cached");
    return 0;
}

static const struct route routes[] = {
    {HTTP_GET, "/", 0, h_home},
    {HTTP_GET, "/c/:slug", 0, h_slug},
    {HTTP_POST, "/c/:slug", R_CSRF, h_post},
    {HTTP_POST, "/echo", 0, h_echo},
    {HTTP_GET, "/slow", 0, h_slow},
    {HTTP_POST, "/api/v1/fail", R_API, h_fail},
    {HTTP_POST, "/fail", 0, h_fail},
    {HTTP_GET, "/me", R_LOGIN, h_me},
    {HTTP_POST, "/me/keys/:id/revoke", R_LOGIN | R_CSRF, h_me},
    {HTTP_POST, "/nowhere/x", R_LOGIN | R_CSRF, h_me},
    {HTTP_GET, "/api/v1/me", R_LOGIN | R_API, h_me},
    {HTTP_GET, "/admin", R_ADMIN, h_me},
    {HTTP_GET, "/cache", 0, h_cache},
};

static int t_init(void *app, void **tctx)
{
    (void)app;
    atomic_fetch_add(&n_init, 1);
    *tctx = NULL;
    return 0;
}
static void t_fini(void *app, void *tctx)
{
    (void)app;
    (void)tctx;
    atomic_fetch_add(&n_fini, 1);
}
static int authenticate(struct req *r)
{
    const char *sid = req_cookie(r, "sid");
    if (sid && strcmp(sid, "good") == 0) {
        r->user_id = 7;
        r->csrf_token = "tok123";
    }
    return 0;
}

/* The application's error page: shows status, message and who is signed in. */
static void render_error(struct req *r)
{
    html_printf(&r->out, "app-error %d %s user=%lld", r->status, r->err.msg, (long long)r->user_id);
}

static struct http_config cfg;

static void *serve_main(void *arg)
{
    (void)arg;
    serve_rc = http_serve(&cfg);
    return NULL;
}

static int connect_server(void)
{
    struct sockaddr_in sa;
    struct timeval tv = {3, 0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        close(fd);
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

static void send_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
        if (w <= 0)
            return; /* the server may close early (413, 400): fine */
        s += w;
        n -= (size_t)w;
    }
}

/* Case-insensitive strstr (strcasestr is a GNU extension). */
static const char *find_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return hay;
    return NULL;
}

/* Read one response (head, then Content-Length bytes unless head_only). Caller frees.
 * Returns "" if the connection closed or timed out first. */
static char *read_response(int fd, int head_only)
{
    struct buf b = BUF_INIT;
    char tmp[4096];
    const char *end = NULL;
    size_t want = 0;
    for (;;) {
        ssize_t n;
        if (!end && (end = strstr(b.data, "\r\n\r\n")) != NULL) {
            const char *cl = find_ci(b.data, "\r\nContent-Length:");
            want = (size_t)(end + 4 - b.data);
            if (cl && cl < end && !head_only)
                want += strtoul(cl + 17, NULL, 10);
        }
        if (end && b.len >= want)
            break;
        n = recv(fd, tmp, sizeof(tmp), 0);
        if (n <= 0)
            break;
        buf_append(&b, tmp, (size_t)n);
    }
    return buf_detach(&b, NULL);
}

/* 1 if the server closed the connection (EOF or reset within 500 ms). */
static int peer_closed(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    char c;
    if (poll(&p, 1, 500) <= 0)
        return 0;
    return recv(fd, &c, 1, MSG_DONTWAIT) <= 0;
}

/* Send req on a new connection, return the response; *closed as peer_closed. */
static char *roundtrip(const char *req, size_t len, int *closed)
{
    int fd = connect_server();
    char *resp;
    assert_true(fd >= 0);
    send_all(fd, req, len ? len : strlen(req));
    resp = read_response(fd, strncmp(req, "HEAD ", 5) == 0);
    if (closed)
        *closed = peer_closed(fd);
    close(fd);
    return resp;
}

static int status_of(const char *resp)
{
    if (strncmp(resp, "HTTP/1.1 ", 9) != 0)
        return 0;
    return atoi(resp + 9);
}

/* The value of header name in resp (copied into out), or NULL. */
static const char *hdr(const char *resp, const char *name, char *out, size_t size)
{
    const char *end = strstr(resp, "\r\n\r\n"), *p = resp;
    size_t nl = strlen(name);
    while ((p = strstr(p, "\r\n")) != NULL && p < end) {
        p += 2;
        if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *v = p + nl + 1, *e;
            while (*v == ' ')
                v++;
            e = strstr(v, "\r\n");
            snprintf(out, size, "%.*s", (int)(e - v), v);
            return out;
        }
    }
    return NULL;
}

static const char *body_of(const char *resp)
{
    const char *e = strstr(resp, "\r\n\r\n");
    return e ? e + 4 : "";
}

static int setup_server(void **state)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int fd, i;
    (void)state;
    rand_init();
    /* find a free port */
    fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &sl) < 0)
        return -1;
    port = ntohs(sa.sin_port);
    close(fd);
    snprintf(listen_addr, sizeof(listen_addr), "127.0.0.1:%d", port);
    memset(&cfg, 0, sizeof(cfg));
    cfg.listen = listen_addr;
    cfg.threads = 2;
    cfg.limits.max_body = MAX_BODY;
    cfg.limits.max_url = 1000;
    cfg.routes = routes;
    cfg.nroutes = ARRAY_SIZE(routes);
    cfg.thread_init = t_init;
    cfg.thread_fini = t_fini;
    cfg.authenticate = authenticate;
    cfg.render_error = render_error;
    if (pthread_create(&server_thread, NULL, serve_main, NULL) != 0)
        return -1;
    for (i = 0; i < 200; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        int c = connect_server();
        if (c >= 0) {
            close(c);
            return 0;
        }
        nanosleep(&ts, NULL);
    }
    return -1;
}

static int teardown_server(void **state)
{
    (void)state;
    /* normally stopped by test_graceful_shutdown */
    if (serve_rc == 99) {
        kill(getpid(), SIGTERM);
        pthread_join(server_thread, NULL);
    }
    return 0;
}

static void test_keepalive_and_headers(void **state)
{
    char v[512];
    char *r1, *r2;
    int fd = connect_server();
    (void)state;
    assert_true(fd >= 0);
    send_all(fd, "GET / HTTP/1.1\r\nHost: t\r\n\r\n", 27);
    r1 = read_response(fd, 0);
    assert_int_equal(status_of(r1), 200);
    assert_string_equal(body_of(r1), "home");
    assert_null(hdr(r1, "Connection", v, sizeof(v)));
    /* same socket, second request: answered, so the connection was kept */
    send_all(fd, "GET /c/knit?q=a+b%21 HTTP/1.1\r\nHost: t\r\n\r\n", 43);
    r2 = read_response(fd, 0);
    assert_int_equal(status_of(r2), 200);
    assert_string_equal(body_of(r2), "slug=knit q=a b!");
    assert_int_equal(peer_closed(fd), 0);
    close(fd);
    /* security headers, with a fresh 32-hex-digit nonce per response */
    assert_non_null(hdr(r1, "Content-Security-Policy", v, sizeof(v)));
    assert_non_null(strstr(v, "default-src 'self'; script-src 'self' 'nonce-"));
    assert_non_null(strstr(v, "object-src 'none'; base-uri 'none'; form-action 'self'; "
                              "frame-ancestors 'none'"));
    {
        const char *n = strstr(v, "'nonce-") + 7;
        char v2[512];
        assert_int_equal(strspn(n, "0123456789abcdef"), 32);
        hdr(r2, "Content-Security-Policy", v2, sizeof(v2));
        assert_string_not_equal(v, v2);
    }
    assert_string_equal(hdr(r1, "X-Content-Type-Options", v, sizeof(v)), "nosniff");
    assert_string_equal(hdr(r1, "Referrer-Policy", v, sizeof(v)), "same-origin");
    assert_string_equal(hdr(r1, "X-Frame-Options", v, sizeof(v)), "DENY");
    assert_string_equal(hdr(r1, "Cache-Control", v, sizeof(v)), "no-store");
    assert_string_equal(hdr(r1, "Content-Type", v, sizeof(v)), "text/html; charset=utf-8");
    free(r1);
    free(r2);
    /* a handler's own Cache-Control replaces no-store */
    r1 = roundtrip("GET /cache HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_string_equal(hdr(r1, "Cache-Control", v, sizeof(v)), "max-age=60");
    free(r1);
}

static void test_pipelined(void **state)
{
    static const char req[] = "GET /c/a HTTP/1.1\r\nHost: t\r\n\r\n"
                              "GET /c/b HTTP/1.1\r\nHost: t\r\n\r\n";
    struct buf b = BUF_INIT;
    char tmp[4096];
    const char *a, *bb;
    int fd = connect_server();
    (void)state;
    send_all(fd, req, sizeof(req) - 1);
    while (!strstr(b.data, "slug=b q=")) {
        ssize_t n = recv(fd, tmp, sizeof(tmp), 0);
        if (n <= 0)
            break;
        buf_append(&b, tmp, (size_t)n);
    }
    a = strstr(b.data, "slug=a q=");
    bb = strstr(b.data, "slug=b q=");
    assert_non_null(a);
    assert_non_null(bb);
    assert_true(a < bb); /* answered in order */
    assert_int_equal(peer_closed(fd), 0);
    close(fd);
    buf_release(&b);
}

static void test_not_found_and_method(void **state)
{
    char v[256];
    char *r;
    int closed;
    (void)state;
    r = roundtrip("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n", 0, &closed);
    assert_int_equal(status_of(r), 404);
    assert_string_equal(hdr(r, "Content-Type", v, sizeof(v)), "text/html; charset=utf-8");
    assert_non_null(strstr(body_of(r), "app-error 404 There is nothing here."));
    assert_int_equal(closed, 0); /* errors after the first call keep the connection */
    free(r);
    /* the error page knows who is signed in: authenticate ran for the unrouted request */
    r = roundtrip("GET /nope HTTP/1.1\r\nHost: t\r\nCookie: sid=good\r\n\r\n", 0, NULL);
    assert_non_null(strstr(body_of(r), "user=7"));
    free(r);
    r = roundtrip("GET /api/v1/nope HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 404);
    assert_string_equal(hdr(r, "Content-Type", v, sizeof(v)), "application/json");
    assert_non_null(strstr(body_of(r), "{\"error\":{\"code\":\"not_found\",\"message\":\""));
    assert_non_null(strstr(body_of(r), "\"field\":null}}"));
    free(r);
    r = roundtrip("DELETE /c/x HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 405);
    assert_string_equal(hdr(r, "Allow", v, sizeof(v)), "GET, HEAD, POST");
    free(r);
    r = roundtrip("BREW /c/x HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 405);
    free(r);
    r = roundtrip("GET /c/x/ HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 404); /* trailing slash is another path */
    free(r);
}

static void test_head(void **state)
{
    char v[64];
    char *r;
    int fd = connect_server();
    (void)state;
    send_all(fd, "HEAD /c/xyz HTTP/1.1\r\nHost: t\r\n\r\n", 33);
    r = read_response(fd, 1);
    assert_int_equal(status_of(r), 200);
    assert_string_equal(hdr(r, "Content-Length", v, sizeof(v)), "11"); /* "slug=xyz q=" */
    assert_string_equal(body_of(r), "");
    free(r);
    /* no body bytes followed: the next response starts right away */
    send_all(fd, "GET / HTTP/1.1\r\nHost: t\r\n\r\n", 27);
    r = read_response(fd, 0);
    assert_int_equal(status_of(r), 200);
    assert_string_equal(body_of(r), "home");
    free(r);
    close(fd);
}

static void test_framing(void **state)
{
    char v[256];
    char *r;
    int closed;
    (void)state;
    /* two Content-Length headers: 400 and close (request smuggling shape) */
    r = roundtrip("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"
                  "helloGET / HTTP/1.1\r\n\r\n",
                  0, &closed);
    assert_int_equal(status_of(r), 400);
    assert_string_equal(hdr(r, "Connection", v, sizeof(v)), "close");
    assert_int_equal(closed, 1);
    assert_null(strstr(body_of(r), "HTTP/1.1")); /* the tail was not run as a request */
    free(r);
    /* Content-Length with Transfer-Encoding */
    r = roundtrip("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                  0, &closed);
    assert_int_equal(status_of(r), 400);
    assert_int_equal(closed, 1);
    free(r);
    r = roundtrip("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 0, &closed);
    assert_int_equal(status_of(r), 400);
    free(r);
    /* HTTP/1.1 needs exactly one Host; HTTP/1.0 does not */
    r = roundtrip("GET / HTTP/1.1\r\n\r\n", 0, &closed);
    assert_int_equal(status_of(r), 400);
    free(r);
    r = roundtrip("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 0, &closed);
    assert_int_equal(status_of(r), 400);
    free(r);
    r = roundtrip("GET / HTTP/1.0\r\n\r\n", 0, &closed);
    assert_int_equal(status_of(r), 200);
    free(r);
    /* bad escapes, NUL and invalid UTF-8 in the path */
    r = roundtrip("GET /c/%zz HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 400);
    free(r);
    r = roundtrip("GET /c/a%00b HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 400);
    free(r);
    r = roundtrip("GET /c/%ff HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 400);
    free(r);
    /* decoded path: %41 is A; query with bad UTF-8 is 400 */
    r = roundtrip("GET /c/%41b HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_string_equal(body_of(r), "slug=Ab q=");
    free(r);
    r = roundtrip("GET /c/x?q=%ff HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 400);
    free(r);
}

static void test_limits(void **state)
{
    struct buf b = BUF_INIT;
    char *r;
    int closed, i;
    (void)state;
    /* Content-Length over max_body: 413 before reading the body (and before 100-continue) */
    r = roundtrip("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1073741824\r\n"
                  "Expect: 100-continue\r\n\r\n",
                  0, &closed);
    assert_int_equal(status_of(r), 413);
    assert_int_equal(closed, 1);
    free(r);
    /* a body at the limit is fine */
    buf_printf(&b, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n", MAX_BODY);
    for (i = 0; i < MAX_BODY; i++)
        buf_putc(&b, 'x');
    r = roundtrip(b.data, b.len, NULL);
    assert_int_equal(status_of(r), 200);
    assert_string_equal(body_of(r), "len=4096 nform=0");
    free(r);
    /* chunked bodies are counted too */
    buf_reset(&b);
    buf_puts(&b, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (i = 0; i < 5; i++) {
        buf_puts(&b, "400\r\n");
        for (int j = 0; j < 1024; j++)
            buf_putc(&b, 'y');
        buf_puts(&b, "\r\n");
    }
    buf_puts(&b, "0\r\n\r\n");
    r = roundtrip(b.data, b.len, &closed);
    assert_int_equal(status_of(r), 413);
    assert_int_equal(closed, 1);
    free(r);
    /* a small chunked body is accepted */
    r = roundtrip("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "3\r\nabc\r\n0\r\n\r\n",
                  0, NULL);
    assert_string_equal(body_of(r), "len=3 nform=0");
    free(r);
    /* URL over max_url: 414 */
    buf_reset(&b);
    buf_puts(&b, "GET /c/");
    for (i = 0; i < 1000; i++)
        buf_putc(&b, 'u');
    buf_puts(&b, " HTTP/1.1\r\nHost: t\r\n\r\n");
    r = roundtrip(b.data, b.len, NULL);
    assert_int_equal(status_of(r), 414);
    free(r);
    /* head over max_header (16 KiB): 431 */
    buf_reset(&b);
    buf_puts(&b, "GET / HTTP/1.1\r\nHost: t\r\nX-Big: ");
    for (i = 0; i < 20000; i++)
        buf_putc(&b, 'h');
    buf_puts(&b, "\r\n\r\n");
    r = roundtrip(b.data, b.len, &closed);
    assert_int_equal(status_of(r), 431);
    assert_int_equal(closed, 1);
    free(r);
    buf_release(&b);
}

static void test_forms_and_preconditions(void **state)
{
    char v[256];
    char *r;
    (void)state;
    r = roundtrip(
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded; "
        "charset=UTF-8\r\nContent-Length: 7\r\n\r\na=1&b=2",
        0, NULL);
    assert_string_equal(body_of(r), "len=7 nform=2");
    free(r);
    r = roundtrip(
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded"
        "\r\nContent-Length: 5\r\n\r\na=%zz",
        0, NULL);
    assert_int_equal(status_of(r), 400);
    free(r);
    /* CSRF: missing, wrong, right (form field or header) */
    r = roundtrip("POST /c/x HTTP/1.1\r\nHost: t\r\nCookie: sid=good\r\nContent-Type: "
                  "application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\ntitle=a",
                  0, NULL);
    assert_int_equal(status_of(r), 403);
    free(r);
    r = roundtrip(
        "POST /c/x HTTP/1.1\r\nHost: t\r\nCookie: sid=good\r\nContent-Type: "
        "application/x-www-form-urlencoded\r\nContent-Length: 19\r\n\r\ntitle=a&_csrf=tok12",
        0, NULL);
    assert_int_equal(status_of(r), 403);
    free(r);
    r = roundtrip(
        "POST /c/x HTTP/1.1\r\nHost: t\r\nCookie: sid=good\r\nContent-Type: "
        "application/x-www-form-urlencoded\r\nContent-Length: 20\r\n\r\ntitle=a&_csrf=tok123",
        0, NULL);
    assert_int_equal(status_of(r), 200);
    assert_string_equal(body_of(r), "title=a");
    free(r);
    r = roundtrip(
        "POST /c/x HTTP/1.1\r\nHost: t\r\nCookie: x=1; sid=good\r\nX-CSRF-Token: tok123\r\n"
        "Content-Length: 0\r\n\r\n",
        0, NULL);
    assert_int_equal(status_of(r), 200);
    free(r);
    /* no session: no token to match */
    r = roundtrip(
        "POST /c/x HTTP/1.1\r\nHost: t\r\nX-CSRF-Token: tok123\r\nContent-Length: 0\r\n\r\n", 0,
        NULL);
    assert_int_equal(status_of(r), 403);
    free(r);
    /* R_LOGIN: redirect for pages (path and query kept), 401 JSON for the API */
    r = roundtrip("GET /me?tab=a%20b HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 303);
    assert_string_equal(hdr(r, "Location", v, sizeof(v)), "/signin?next=%2Fme%3Ftab%3Da%2520b");
    free(r);
    r = roundtrip("GET /me HTTP/1.1\r\nHost: t\r\nCookie: sid=good\r\n\r\n", 0, NULL);
    assert_string_equal(body_of(r), "user=7");
    free(r);
    /* a form post comes back to the nearest page above it that answers GET (a GET of the
       post's own path would be 405), or to "/" */
    r = roundtrip("POST /me/keys/5/revoke?a=b HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 0,
                  NULL);
    assert_int_equal(status_of(r), 303);
    assert_string_equal(hdr(r, "Location", v, sizeof(v)), "/signin?next=%2Fme");
    free(r);
    r = roundtrip("POST /nowhere/x HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 303);
    assert_string_equal(hdr(r, "Location", v, sizeof(v)), "/signin?next=%2F");
    free(r);
    r = roundtrip("GET /api/v1/me HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 401);
    assert_non_null(strstr(body_of(r), "\"code\":\"unauthorized\""));
    free(r);
    /* R_ADMIN: anonymous is sent to sign in, a member gets 403 */
    r = roundtrip("GET /admin HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 303);
    free(r);
    r = roundtrip("GET /admin HTTP/1.1\r\nHost: t\r\nCookie: sid=good\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 403);
    free(r);
    /* handler errors: JSON with message and field on API routes, escaped HTML elsewhere */
    r = roundtrip("POST /api/v1/fail HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 409);
    assert_string_equal(body_of(r), "{\"error\":{\"code\":\"conflict\",\"message\":"
                                    "\"That slug is \\u003ctaken\\u003e.\",\"field\":\"slug\"}}");
    free(r);
    r = roundtrip("POST /fail HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 409);
    assert_string_equal(body_of(r), "app-error 409 That slug is &lt;taken&gt;. user=0");
    free(r);
}

static void test_static(void **state)
{
    char v[256], etag[64];
    char *r, req[256];
    (void)state;
    r = roundtrip("GET /static/praxis.css HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 200);
    assert_string_equal(hdr(r, "Content-Type", v, sizeof(v)), "text/css; charset=utf-8");
    assert_string_equal(hdr(r, "Cache-Control", v, sizeof(v)),
                        "public, max-age=31536000, immutable");
    assert_string_equal(hdr(r, "X-Content-Type-Options", v, sizeof(v)), "nosniff");
    assert_non_null(hdr(r, "ETag", etag, sizeof(etag)));
    assert_int_equal(etag[0], '"');
    free(r);
    snprintf(req, sizeof(req),
             "GET /static/praxis.css?v=x HTTP/1.1\r\nHost: t\r\n"
             "If-None-Match: \"other\", %s\r\n\r\n",
             etag);
    r = roundtrip(req, 0, NULL);
    assert_int_equal(status_of(r), 304);
    assert_string_equal(body_of(r), "");
    free(r);
    r = roundtrip("GET /static/praxis.css HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"nope\"\r\n\r\n",
                  0, NULL);
    assert_int_equal(status_of(r), 200);
    free(r);
    r = roundtrip("GET /favicon.ico HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 200);
    assert_string_equal(hdr(r, "Content-Type", v, sizeof(v)), "image/svg+xml");
    assert_non_null(strstr(body_of(r), "<svg"));
    free(r);
    r = roundtrip("GET /static/../CMakeLists.txt HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    assert_int_equal(status_of(r), 404);
    assert_non_null(strstr(body_of(r), "<h1>Not Found</h1>")); /* built-in page for assets */
    free(r);
    r = roundtrip("POST /static/praxis.css HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 0,
                  NULL);
    assert_int_equal(status_of(r), 405);
    assert_string_equal(hdr(r, "Allow", v, sizeof(v)), "GET, HEAD");
    free(r);
}

struct slow_arg {
    char *resp;
};

static void *slow_client(void *arg)
{
    struct slow_arg *sa = arg;
    sa->resp = roundtrip("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n", 0, NULL);
    return NULL;
}

static void test_graceful_shutdown(void **state)
{
    pthread_t t;
    struct slow_arg sa = {NULL};
    struct timespec ts = {0, 150 * 1000 * 1000};
    (void)state;
    assert_true(atomic_load(&n_init) >= 1 && atomic_load(&n_init) <= 2); /* lazily, per thread */
    assert_int_equal(atomic_load(&n_fini), 0);
    pthread_create(&t, NULL, slow_client, &sa);
    nanosleep(&ts, NULL); /* the slow handler is running */
    kill(getpid(), SIGTERM);
    pthread_join(t, NULL);
    pthread_join(server_thread, NULL);
    assert_int_equal(serve_rc, 0);
    assert_int_equal(status_of(sa.resp), 200);
    assert_string_equal(body_of(sa.resp), "slow");
    free(sa.resp);
    /* every thread that ran thread_init ran thread_fini */
    assert_int_equal(atomic_load(&n_fini), atomic_load(&n_init));
    assert_true(connect_server() < 0); /* no longer listening */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keepalive_and_headers),
        cmocka_unit_test(test_pipelined),
        cmocka_unit_test(test_not_found_and_method),
        cmocka_unit_test(test_head),
        cmocka_unit_test(test_framing),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_forms_and_preconditions),
        cmocka_unit_test(test_static),
        cmocka_unit_test(test_graceful_shutdown),
    };
    return cmocka_run_group_tests(tests, setup_server, teardown_server);
}
