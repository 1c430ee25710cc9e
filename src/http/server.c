/* http_serve: binds the listening socket, runs libmicrohttpd (internal polling thread pool
 * with epoll) with Praxis's limits, waits for SIGINT or SIGTERM, then shuts down gracefully:
 * stop accepting (MHD_quiesce_daemon), let the requests in flight finish (up to
 * HTTP_SHUTDOWN_GRACE_MS), stop the daemon (which joins the pool threads, running each
 * thread's thread_fini through the pthread key destructor) and restore the signal handlers.
 *
 * Signals use the self-pipe trick: the handler writes one byte to a pipe the serving thread
 * polls. The pipe's write end is the only mutable global of the http layer, because a
 * signal handler cannot be given any other context; a self-pipe (unlike sigwait) also works
 * whatever signal mask other threads of the process have. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "http/asset.h"
#include "http/http_int.h"
#include "core/util.h"

/* Write end of the self-pipe; set while http_serve runs (see the file comment). */
static volatile sig_atomic_t sig_pipe_fd = -1;

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char c = (unsigned char)sig;
    if (sig_pipe_fd >= 0) {
        ssize_t n = write(sig_pipe_fd, &c, 1);
        (void)n;
    }
    errno = saved;
}

/* Route libmicrohttpd's own diagnostics into the log. */
static void mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512], esc[1100];
    size_t i, j = 0;
    (void)cls;
    vsnprintf(msg, sizeof(msg), fmt, ap);
    for (i = 0; msg[i] && j + 5 < sizeof(esc); i++) {
        unsigned char c = (unsigned char)msg[i];
        if (c == '\n' && !msg[i + 1])
            break;
        if (c == '"' || c == '\\')
            esc[j++] = '\\', esc[j++] = (char)c;
        else if (c < 0x20 || c == 0x7f)
            esc[j++] = ' ';
        else
            esc[j++] = (char)c;
    }
    esc[j] = '\0';
    log_warn("msg=\"libmicrohttpd: %s\"", esc);
}

/* Parse "host:port", "[v6addr]:port" or ":port" (all IPv4 interfaces), resolve it (numeric
 * addresses or names) and open a non-blocking listening socket. Writes a printable address
 * (with the real port when 0 was asked) into shown. Returns the socket, or -1 with the
 * reason logged. */
static int listen_open(const char *listen_addr, char *shown, size_t shown_size)
{
    char host[256], port[16], hbuf[NI_MAXHOST], pbuf[NI_MAXSERV];
    const char *colon;
    struct addrinfo hints, *res = NULL;
    struct sockaddr_storage ss;
    socklen_t sslen = sizeof(ss);
    int fd, one = 1, rc;

    if (!listen_addr || !*listen_addr)
        listen_addr = "127.0.0.1:8080";
    if (listen_addr[0] == '[') {
        const char *close = strchr(listen_addr, ']');
        if (!close || close[1] != ':' || (size_t)(close - listen_addr) > sizeof(host)) {
            log_error("msg=\"bad listen address\" addr=\"%s\" want=\"[::1]:8080\"", listen_addr);
            return -1;
        }
        snprintf(host, sizeof(host), "%.*s", (int)(close - listen_addr - 1), listen_addr + 1);
        colon = close + 1;
    } else {
        colon = strrchr(listen_addr, ':');
        if (!colon || (size_t)(colon - listen_addr) >= sizeof(host)) {
            log_error("msg=\"bad listen address\" addr=\"%s\" want=\"127.0.0.1:8080\"",
                      listen_addr);
            return -1;
        }
        snprintf(host, sizeof(host), "%.*s", (int)(colon - listen_addr), listen_addr);
    }
    if (strlen(colon + 1) == 0 || strlen(colon + 1) > 5 ||
        strspn(colon + 1, "0123456789") != strlen(colon + 1) || atoi(colon + 1) > 65535) {
        log_error("msg=\"bad listen port\" addr=\"%s\"", listen_addr);
        return -1;
    }
    str_copy(port, colon + 1, sizeof(port));
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    rc = getaddrinfo(host[0] ? host : "0.0.0.0", port, &hints, &res);
    if (rc != 0 || !res) {
        log_error("msg=\"cannot resolve listen address\" addr=\"%s\" reason=\"%s\"", listen_addr,
                  gai_strerror(rc));
        return -1;
    }
    fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        log_error("msg=\"socket failed\" reason=\"%s\"", strerror(errno));
        freeaddrinfo(res);
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (res->ai_family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
    if (bind(fd, res->ai_addr, res->ai_addrlen) < 0 || listen(fd, 511) < 0) {
        log_error("msg=\"cannot listen\" addr=\"%s\" reason=\"%s\"", listen_addr, strerror(errno));
        freeaddrinfo(res);
        close(fd);
        return -1;
    }
    freeaddrinfo(res);
    if (getsockname(fd, (struct sockaddr *)&ss, &sslen) == 0 &&
        getnameinfo((struct sockaddr *)&ss, sslen, hbuf, sizeof(hbuf), pbuf, sizeof(pbuf),
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0)
        snprintf(shown, shown_size, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", hbuf, pbuf);
    else
        str_copy(shown, listen_addr, shown_size);
    return fd;
}

/* Block until a byte arrives on the self-pipe; returns the signal number. */
static int wait_signal(int fd)
{
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        unsigned char c;
        if (poll(&p, 1, -1) < 0 && errno != EINTR)
            return 0;
        if (read(fd, &c, 1) == 1)
            return c;
    }
}

/* Raise the soft limit on open files to the hard limit: every live stream holds a socket,
   and 10,000 of them must fit. */
static void raise_nofile(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
            log_warn("msg=\"cannot raise the open file limit\" reason=\"%s\"", strerror(errno));
    }
}

int http_serve(const struct http_config *cfg)
{
    struct server srv;
    struct MHD_Daemon *d, *d2 = NULL;
    struct sigaction sa, old_int, old_term;
    char shown[300];
    int lfd, pipefd[2], sig;
    unsigned threads = cfg->threads ? cfg->threads : 2;
    int64_t deadline;
    MHD_socket quiesced;

    memset(&srv, 0, sizeof(srv));
    srv.cfg = cfg;
    http_limits_fill(&srv.lim, &cfg->limits);
    atomic_init(&srv.inflight, 0);
    atomic_init(&srv.stopping, 0);
    pthread_mutex_init(&srv.streams_lock, NULL);
    srv.max_streams = cfg->max_streams ? cfg->max_streams : HTTP_DEFAULT_MAX_STREAMS;
    asset_find(NULL); /* hash the assets now, not on the first request */
    raise_nofile();

    lfd = listen_open(cfg->listen, shown, sizeof(shown));
    if (lfd < 0)
        return ERR_INTERNAL;
    if (pipe(pipefd) < 0) {
        log_error("msg=\"pipe failed\" reason=\"%s\"", strerror(errno));
        close(lfd);
        return ERR_INTERNAL;
    }
    fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
    fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
    fcntl(pipefd[1], F_SETFL, O_NONBLOCK);
    if (pthread_key_create(&srv.tkey, tstate_free) != 0) {
        log_error("msg=\"pthread_key_create failed\"");
        close(lfd);
        close(pipefd[0]);
        close(pipefd[1]);
        return ERR_INTERNAL;
    }
    sig_pipe_fd = pipefd[1];
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                             MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME,
                         0, NULL, NULL, hreq_access_cb, &srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
                         NULL, MHD_OPTION_LISTEN_SOCKET, (MHD_socket)lfd,
                         MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                         srv.lim.max_header, MHD_OPTION_CONNECTION_LIMIT,
                         (unsigned)HTTP_CONN_LIMIT + srv.max_streams, MHD_OPTION_CONNECTION_TIMEOUT,
                         (unsigned)HTTP_CONN_TIMEOUT, MHD_OPTION_URI_LOG_CALLBACK, hreq_uri_cb,
                         &srv, MHD_OPTION_NOTIFY_COMPLETED, hreq_completed_cb, &srv,
                         /* stricter parsing where the library has it (0.9.75 changes little:
                            request.c checks header names itself; docs/security.md) */
                         MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_END);
    if (!d) {
        log_error("msg=\"cannot start the HTTP server\" addr=%s", shown);
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        sig_pipe_fd = -1;
        pthread_key_delete(srv.tkey);
        close(lfd);
        close(pipefd[0]);
        close(pipefd[1]);
        return ERR_INTERNAL;
    }
    log_info("msg=\"listening\" addr=%s threads=%u max_header=%zu max_body=%zu", shown, threads,
             srv.lim.max_header, srv.lim.max_body);
    if (cfg->stream_listen && *cfg->stream_listen) {
        /* the same application on a second socket whose connections get a small memory pool
           (and so a small head limit): for many long-lived streams (see http.h) */
        int sfd = listen_open(cfg->stream_listen, shown, sizeof(shown));
        if (sfd >= 0)
            d2 = MHD_start_daemon(
                MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                    MHD_ALLOW_SUSPEND_RESUME,
                0, NULL, NULL, hreq_access_cb, &srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
                MHD_OPTION_LISTEN_SOCKET, (MHD_socket)sfd, MHD_OPTION_THREAD_POOL_SIZE, threads,
                MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_STREAM_POOL,
                MHD_OPTION_CONNECTION_LIMIT, srv.max_streams + 64u, MHD_OPTION_CONNECTION_TIMEOUT,
                (unsigned)HTTP_CONN_TIMEOUT, MHD_OPTION_URI_LOG_CALLBACK, hreq_uri_cb, &srv,
                MHD_OPTION_NOTIFY_COMPLETED, hreq_completed_cb, &srv,
                /* stricter parsing where the library has it (0.9.75 changes little: request.c
                   checks header names itself; docs/security.md) */
                MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_END);
        if (!d2) {
            log_error("msg=\"cannot start the stream listener\" addr=\"%s\"", cfg->stream_listen);
            if (sfd >= 0)
                close(sfd);
            MHD_stop_daemon(d);
            sigaction(SIGINT, &old_int, NULL);
            sigaction(SIGTERM, &old_term, NULL);
            sig_pipe_fd = -1;
            pthread_key_delete(srv.tkey);
            close(pipefd[0]);
            close(pipefd[1]);
            return ERR_INTERNAL;
        }
        log_info("msg=\"listening for streams\" addr=%s pool=%d", shown, HTTP_STREAM_POOL);
    }

    sig = wait_signal(pipefd[0]);
    log_info("msg=\"stopping\" signal=%d inflight=%d", sig, atomic_load(&srv.inflight));
    atomic_store(&srv.stopping, 1);
    quiesced = MHD_quiesce_daemon(d);
    if (quiesced != MHD_INVALID_SOCKET)
        close(quiesced); /* new clients are refused at once instead of waiting */
    if (d2 && (quiesced = MHD_quiesce_daemon(d2)) != MHD_INVALID_SOCKET)
        close(quiesced);
    stream_end_all(&srv); /* live streams finish their responses */
    deadline = time_now_ms() + HTTP_SHUTDOWN_GRACE_MS;
    while (atomic_load(&srv.inflight) > 0 && time_now_ms() < deadline) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (atomic_load(&srv.inflight) > 0)
        log_warn("msg=\"shutdown grace period over\" inflight=%d", atomic_load(&srv.inflight));
    MHD_stop_daemon(d);
    if (d2)
        MHD_stop_daemon(d2);

    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sig_pipe_fd = -1;
    close(pipefd[0]);
    close(pipefd[1]);
    pthread_key_delete(srv.tkey);
    pthread_mutex_destroy(&srv.streams_lock);
    log_info("msg=\"stopped\"");
    return 0;
}
