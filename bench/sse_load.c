/* bench/sse_load.c: hold N Server-Sent Events clients on one praxis and time one broadcast.
 *
 *   sse_load PORT PATH N POST_PATH TOKEN BODY SERVER_PID [POST_PORT]
 *
 * Opens N non-blocking connections to 127.0.0.1:PORT (at most 256 connecting at a time),
 * sends GET PATH (Accept: text/event-stream) on each and waits (epoll) until every stream has
 * sent its "ready" event. Reads the server's VmRSS from /proc/SERVER_PID/status, then sends
 * one POST POST_PATH (Authorization: Bearer TOKEN, JSON BODY) on a separate connection (to
 * POST_PORT when given: the streams may be on praxis serve's --live-listen port),
 * taking t0 just before it writes, and waits until every stream has received an event with
 * "type":"post" (or 60 s). Prints one line of key=value figures: clients connected and
 * ready, connect time, RSS before and after, delivered count and the p50 / p99 / max of the
 * delivery latency (receipt time - t0), in milliseconds.
 * Built by bench/sse.sh with cc -O2; not part of the praxis build. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct conn {
    int fd;
    int state;        /* 0 connecting, 1 sent, 2 ready, 3 got the post */
    double t_got;     /* ms */
    char tail[64];    /* last bytes seen, for matches across reads */
    size_t ntail;
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long rss_kb(const char *pid)
{
    char path[64], line[256];
    long kb = -1;
    FILE *f;
    snprintf(path, sizeof(path), "/proc/%s/status", pid);
    f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f))
        if (!strncmp(line, "VmRSS:", 6))
            kb = atol(line + 6);
    fclose(f);
    return kb;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int open_conn(struct sockaddr_in *sa)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)sa, sizeof(*sa)) < 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    return fd;
}

int main(int argc, char **argv)
{
    struct sockaddr_in sa;
    struct conn *c;
    struct epoll_event ev, evs[512];
    char req[1024], buf[65536];
    int n, ep, i, opened = 0, connecting = 0, ready = 0, got = 0, failed = 0;
    double t_start, t_ready, t0, deadline;
    long rss0, rss1;
    double *lat;
    int nl = 0;

    if (argc != 8 && argc != 9) {
        fprintf(stderr, "usage: sse_load PORT PATH N POST_PATH TOKEN BODY SERVER_PID [POST_PORT]\n");
        return 2;
    }
    n = atoi(argv[3]);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)atoi(argv[1]));
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    snprintf(req, sizeof(req),
             "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n", argv[2]);
    c = calloc((size_t)n, sizeof(*c));
    ep = epoll_create1(0);
    t_start = now_ms();
    deadline = t_start + 300000;
    while (ready + failed < n && now_ms() < deadline) {
        int k;
        while (opened < n && connecting < 256) {
            int fd = open_conn(&sa);
            if (fd < 0) {
                failed++;
                opened++;
                continue;
            }
            c[opened].fd = fd;
            ev.events = EPOLLOUT | EPOLLIN;
            ev.data.u32 = (unsigned)opened;
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
            opened++;
            connecting++;
        }
        k = epoll_wait(ep, evs, 512, 1000);
        for (i = 0; i < k; i++) {
            struct conn *x = &c[evs[i].data.u32];
            if (evs[i].events & (EPOLLERR | EPOLLHUP)) {
                if (x->state < 2) {
                    failed++;
                    if (x->state < 2)
                        connecting--;
                }
                epoll_ctl(ep, EPOLL_CTL_DEL, x->fd, NULL);
                close(x->fd);
                x->state = 9;
                continue;
            }
            if (x->state == 0 && (evs[i].events & EPOLLOUT)) {
                if (write(x->fd, req, strlen(req)) < 0) {
                    failed++;
                    connecting--;
                    x->state = 9;
                    epoll_ctl(ep, EPOLL_CTL_DEL, x->fd, NULL);
                    close(x->fd);
                    continue;
                }
                x->state = 1;
                ev.events = EPOLLIN;
                ev.data.u32 = evs[i].data.u32;
                epoll_ctl(ep, EPOLL_CTL_MOD, x->fd, &ev);
            }
            if (evs[i].events & EPOLLIN) {
                ssize_t r = read(x->fd, buf, sizeof(buf) - 1);
                if (r > 0) {
                    buf[r] = '\0';
                    if (x->state == 1 && strncmp(buf, "HTTP/1.1 200", 12) != 0 &&
                        !strstr(buf, "event: ready")) {
                        failed++; /* refused (429, 503): not a stream */
                        connecting--;
                        x->state = 9;
                        epoll_ctl(ep, EPOLL_CTL_DEL, x->fd, NULL);
                        close(x->fd);
                        continue;
                    }
                    if (x->state == 1 && strstr(buf, "event: ready")) {
                        x->state = 2;
                        ready++;
                        connecting--;
                    }
                } else if (r == 0) {
                    failed++;
                    connecting--;
                    x->state = 9;
                    epoll_ctl(ep, EPOLL_CTL_DEL, x->fd, NULL);
                    close(x->fd);
                }
            }
        }
    }
    t_ready = now_ms();
    rss0 = rss_kb(argv[7]);

    /* the post */
    {
        int pfd = socket(AF_INET, SOCK_STREAM, 0);
        char post[4096];
        int len = snprintf(post, sizeof(post),
                           "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                           "Content-Type: application/json\r\nAccept: application/json\r\n"
                           "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                           argv[4], argv[5], strlen(argv[6]), argv[6]);
        if (argc == 9)
            sa.sin_port = htons((unsigned short)atoi(argv[8]));
        if (connect(pfd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
            perror("connect (post)");
            return 1;
        }
        t0 = now_ms();
        if (write(pfd, post, (size_t)len) != len) {
            perror("write (post)");
            return 1;
        }
        close(pfd); /* the answer does not matter; the streams tell */
    }
    lat = calloc((size_t)n, sizeof(double));
    deadline = now_ms() + 60000;
    while (got < ready && now_ms() < deadline) {
        int k = epoll_wait(ep, evs, 512, 1000);
        double t = now_ms();
        for (i = 0; i < k; i++) {
            struct conn *x = &c[evs[i].data.u32];
            ssize_t r;
            char joined[sizeof(x->tail) + sizeof(buf)];
            if (x->state != 2)
                continue;
            r = read(x->fd, buf, sizeof(buf) - 1);
            if (r <= 0)
                continue;
            memcpy(joined, x->tail, x->ntail);
            memcpy(joined + x->ntail, buf, (size_t)r);
            joined[x->ntail + (size_t)r] = '\0';
            if (strstr(joined, "\"type\":\"post\"")) {
                x->state = 3;
                x->t_got = t;
                lat[nl++] = t - t0;
                got++;
            } else {
                size_t keep = (size_t)r < sizeof(x->tail) ? (size_t)r : sizeof(x->tail);
                memcpy(x->tail, buf + r - keep, keep);
                x->ntail = keep;
            }
        }
    }
    rss1 = rss_kb(argv[7]);
    qsort(lat, (size_t)nl, sizeof(double), cmp_d);
    printf("clients=%d ready=%d failed=%d connect_s=%.1f rss_before_mb=%.1f rss_after_mb=%.1f "
           "delivered=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f\n",
           n, ready, failed, (t_ready - t_start) / 1e3, rss0 / 1024.0, rss1 / 1024.0, nl,
           nl ? lat[nl / 2] : -1, nl ? lat[(int)(nl * 0.99) < nl ? (int)(nl * 0.99) : nl - 1] : -1,
           nl ? lat[nl - 1] : -1);
    return 0;
}
