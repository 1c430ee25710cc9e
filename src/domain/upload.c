/* Uploads: the rules of domain/upload.h. Type by content, libvips to decode and encode
 * images again (stripping metadata, bounded display versions, header checks against
 * decompression bombs), files written atomically into the upload directory, and the
 * Markdown image hook that turns this instance's uploads into <img>. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vips/vips.h>

#include "core/log.h"
#include "core/markdown.h"
#include "core/rand.h"
#include "core/utf8.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "domain/upload.h"
#include "domain/trust.h"
#include "core/util.h"

enum kind { K_NONE, K_JPEG, K_PNG, K_GIF, K_WEBP, K_PDF, K_TEXT };

/* The kind of data[0..n) from its first bytes (and, for text, all of it). */
static enum kind sniff(const unsigned char *d, size_t n)
{
    size_t i;
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return K_JPEG;
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return K_PNG;
    if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
        return K_GIF;
    if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
        return K_WEBP;
    if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
        return K_PDF;
    for (i = 0; i < n; i++)
        if ((d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' && d[i] != '\f') ||
            d[i] == 0x7f)
            return K_NONE;
    return utf8_valid((const char *)d, n) ? K_TEXT : K_NONE;
}

/* The loader libvips must pick for kind k (a prefix of its class name). */
static const char *loader_prefix(enum kind k)
{
    switch (k) {
    case K_JPEG:
        return "VipsForeignLoadJpeg";
    case K_PNG:
        return "VipsForeignLoadPng";
    case K_GIF:
        return "VipsForeignLoadGif";
    case K_WEBP:
        return "VipsForeignLoadWebp";
    default:
        return NULL;
    }
}

static pthread_once_t vips_once = PTHREAD_ONCE_INIT;
static int vips_ok; /* written once under vips_once, read-only afterwards */

/* libvips for untrusted input: no operation cache, one worker thread per pipeline, and the
   loaders it marks untrusted (matload, ...) blocked. */
static void vips_setup(void)
{
    if (VIPS_INIT("praxis") != 0) {
        log_error("msg=\"cannot initialise libvips\" error=\"%s\"", vips_error_buffer());
        return;
    }
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    vips_block_untrusted_set(TRUE);
    vips_ok = 1;
}

/* One encoded image. */
struct enc {
    void *data; /* g_free */
    size_t len;
    int width, height;
};

/* Load data[0..n) (kind k) and save it in the output format of k, fitting in max x max
   pixels when max > 0 (a thumbnail, never enlarged). Returns 0, ERR_UNSUPPORTED (cannot
   decode) or ERR_TOOBIG (over the pixel limits, checked on the header first). */
static int vips_convert(struct ctx *c, enum kind k, const char *data, size_t n, int max,
                        struct enc *out)
{
    VipsImage *in = NULL, *img = NULL;
    const char *loader;
    int rc = 0, w, h, ok;

    memset(out, 0, sizeof(*out));
    loader = vips_foreign_find_load_buffer(data, n);
    if (!loader || !str_starts(loader, loader_prefix(k))) {
        vips_error_clear();
        return error_set(c->err, ERR_UNSUPPORTED, "file",
                         "The image could not be read; only JPEG, PNG, GIF and WebP images "
                         "are taken.");
    }
    in = vips_image_new_from_buffer(data, n, "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                    VIPS_FAIL_ON_ERROR, NULL);
    if (!in) {
        vips_error_clear();
        return error_set(c->err, ERR_UNSUPPORTED, "file", "The image could not be read.");
    }
    w = vips_image_get_width(in);
    h = vips_image_get_height(in);
    if (w <= 0 || h <= 0 || w > UPLOAD_MAX_SIDE || h > UPLOAD_MAX_SIDE ||
        (int64_t)w * h > UPLOAD_MAX_PIXELS) {
        g_object_unref(in);
        return error_set(c->err, ERR_TOOBIG, "file",
                         "The image is too large: at most %d pixels a side and %lld "
                         "megapixels.",
                         UPLOAD_MAX_SIDE, (long long)(UPLOAD_MAX_PIXELS / 1000000));
    }
    if (max > 0) {
        g_object_unref(in);
        in = NULL;
        /* shrink-on-load where the format has it; "fail_on" as above */
        ok = vips_thumbnail_buffer((void *)data, n, &img, max, "height", max, "size",
                                   VIPS_SIZE_DOWN, "option_string", "fail_on=error", NULL) == 0;
    } else {
        ok = vips_autorot(in, &img, NULL) == 0;
        g_object_unref(in);
    }
    if (ok) {
        out->width = vips_image_get_width(img);
        out->height = vips_image_get_height(img);
        switch (k) {
        case K_JPEG:
            ok =
                vips_jpegsave_buffer(img, &out->data, &out->len, "Q", 88, "strip", TRUE, NULL) == 0;
            break;
        case K_WEBP:
            ok =
                vips_webpsave_buffer(img, &out->data, &out->len, "Q", 85, "strip", TRUE, NULL) == 0;
            break;
        default: /* PNG, and a GIF's first frame */
            ok = vips_pngsave_buffer(img, &out->data, &out->len, "strip", TRUE, NULL) == 0;
            break;
        }
    }
    if (img)
        g_object_unref(img);
    if (!ok) {
        log_info("msg=\"image refused\" error=\"%s\"", vips_error_buffer());
        vips_error_clear();
        if (out->data)
            g_free(out->data);
        memset(out, 0, sizeof(*out));
        rc = error_set(c->err, ERR_UNSUPPORTED, "file",
                       "The image could not be read (damaged or not really an image).");
    }
    return rc;
}

/* mkdir -p for one level below an existing parent (the directory and its parent). */
static int ensure_dir(const char *dir)
{
    char *parent, *slash;
    if (mkdir(dir, 0750) == 0 || errno == EEXIST)
        return 0;
    if (errno != ENOENT)
        return -1;
    parent = x_strdup(dir);
    slash = strrchr(parent, '/');
    if (slash && slash != parent) {
        *slash = '\0';
        ensure_dir(parent);
    }
    free(parent);
    return mkdir(dir, 0750) == 0 || errno == EEXIST ? 0 : -1;
}

int upload_write_file(const char *dir, const char *name, const char *data, size_t len)
{
    char path[4096], tmp[4200], rnd[9];
    unsigned char r[4];
    int fd;
    size_t done = 0;

    if (ensure_dir(dir) < 0) {
        log_error("msg=\"cannot make the upload directory\" dir=\"%s\" error=\"%s\"", dir,
                  strerror(errno));
        return ERR_INTERNAL;
    }
    rand_bytes(r, sizeof(r));
    snprintf(rnd, sizeof(rnd), "%02x%02x%02x%02x", r[0], r[1], r[2], r[3]);
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    snprintf(tmp, sizeof(tmp), "%s/.tmp-%s-%s", dir, rnd, name);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0)
        goto fail;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            goto fail;
        }
        done += (size_t)w;
    }
    if (fsync(fd) < 0 || close(fd) < 0 || rename(tmp, path) < 0) {
        unlink(tmp);
        goto fail;
    }
    return 0;
fail:
    log_error("msg=\"cannot write an upload\" path=\"%s\" error=\"%s\"", path, strerror(errno));
    return ERR_INTERNAL;
}

/* A safe display name from what the member sent: its last path segment, letters, digits
   and ". _ -" kept (other bytes become '-', runs of them one), at most UPLOAD_NAME_MAX
   bytes, never starting with '.'; "file" when nothing is left. The extension is set to
   ext (the real type's) when ext is not NULL. */
static const char *safe_name(struct arena *a, const char *sent, const char *ext)
{
    struct buf b = BUF_INIT;
    const char *p, *base = sent ? sent : "";
    const char *res;
    char *dot;
    for (p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    for (p = base; *p && b.len < UPLOAD_NAME_MAX - 6; p++) {
        char ch = *p;
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '.' || ch == '_' || ch == '-';
        if (!ok)
            ch = '-';
        if ((ch == '-' && b.len && b.data[b.len - 1] == '-') || (ch == '.' && b.len == 0))
            continue;
        buf_putc(&b, ch);
    }
    while (b.len && (b.data[b.len - 1] == '-' || b.data[b.len - 1] == '.'))
        b.data[--b.len] = '\0';
    if (!b.len)
        buf_puts(&b, "file");
    if (ext) {
        dot = strrchr(b.data, '.');
        if (dot) {
            b.len = (size_t)(dot - b.data);
            b.data[b.len] = '\0';
        }
        while (b.len && (b.data[b.len - 1] == '-' || b.data[b.len - 1] == '.'))
            b.data[--b.len] = '\0';
        if (!b.len)
            buf_puts(&b, "file");
        buf_puts(&b, ext);
    }
    res = arena_strdup(a, b.data);
    buf_release(&b);
    return res;
}

static int64_t setting_int(struct ctx *c, const char *key, int64_t def)
{
    int64_t v;
    const char *s = settings_get(c, key, NULL);
    return s && str_to_i64(s, &v) == 0 ? v : def;
}

static void sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    size_t i;
    crypto_hash_sha256(h, data, len);
    for (i = 0; i < sizeof(h); i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

int upload_create(struct ctx *c, const struct upload_input *in, struct upload_row *out)
{
    struct upload_row u;
    struct enc orig = {0}, disp = {0};
    enum kind k;
    int64_t max, daily, count = 0;
    char id[UPLOAD_ID_LEN + 1], hash[65], dname[UPLOAD_ID_LEN + 9];
    const char *data = in->data, *ext = NULL;
    size_t len = in->len;
    unsigned char raw[UPLOAD_ID_LEN / 2];
    int rc, wrote = 0;
    size_t i;

    memset(&u, 0, sizeof(u));
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Please sign in to upload files.");
    if (!data || len == 0)
        return error_set(c->err, ERR_INVALID, "file", "Choose a file to upload.");
    if (!c->is_admin && !c->system) { /* level 0 may not upload (domain/trust.h) */
        int64_t level;
        if (trust_level(c, c->uid, &level, NULL) < 0)
            return c->err->code;
        if (level == TRUST_NEW)
            return error_set(c->err, ERR_PERM, "file",
                             "New members cannot upload images or files yet. This unlocks at "
                             "trust level 1 (basic): an account %s days old with %s published "
                             "posts.",
                             settings_get(c, "newcomer_days", "3"),
                             settings_get(c, "newcomer_posts", "3"));
    }
    max = setting_int(c, "upload_max_bytes", 10 << 20);
    if ((int64_t)len > max)
        return error_set(c->err, ERR_TOOBIG, "file",
                         "The file is larger than %lld KB, the most this server takes.",
                         (long long)(max / 1024));
    daily = setting_int(c, "upload_daily_limit", 100);
    if (daily > 0) {
        if (store_upload_count_since(c->db, c->uid, c->now - 86400, &count) < 0)
            return domain_db_fail(c, "count uploads");
        if (count >= daily)
            return error_set(c->err, ERR_RATE, "file",
                             "You have uploaded %lld files in the last 24 hours, the most "
                             "allowed. Please try again later.",
                             (long long)daily);
    }
    if (in->community && *in->community) {
        struct community cm;
        rc = community_get(c, in->community, &cm);
        if (rc < 0)
            return rc;
        if (cm.visibility != COMMUNITY_PUBLIC && cm.viewer_role == ROLE_NONE && !c->is_admin)
            return error_set(c->err, ERR_PERM, "community",
                             "Only members of %s can upload files to it.", cm.name);
        u.community_id = cm.id;
    }
    k = sniff((const unsigned char *)data, len);
    switch (k) {
    case K_NONE:
        return error_set(c->err, ERR_UNSUPPORTED, "file",
                         "This kind of file cannot be uploaded. Images (JPEG, PNG, GIF, WebP), "
                         "PDF documents and plain text files can.");
    case K_JPEG:
    case K_PNG:
    case K_GIF:
    case K_WEBP:
        pthread_once(&vips_once, vips_setup);
        if (!vips_ok)
            return error_set(c->err, ERR_INTERNAL, "file", "Images cannot be processed now.");
        rc = vips_convert(c, k, data, len, 0, &orig);
        if (rc < 0)
            return rc;
        if (orig.width > UPLOAD_DISPLAY_MAX || orig.height > UPLOAD_DISPLAY_MAX) {
            rc = vips_convert(c, k, data, len, UPLOAD_DISPLAY_MAX, &disp);
            if (rc < 0) {
                g_free(orig.data);
                return rc;
            }
        }
        data = orig.data;
        len = orig.len;
        u.width = orig.width;
        u.height = orig.height;
        u.display_width = disp.data ? disp.width : 0;
        u.display_height = disp.data ? disp.height : 0;
        u.type = k == K_JPEG ? "image/jpeg" : k == K_WEBP ? "image/webp" : "image/png";
        ext = k == K_JPEG ? ".jpg" : k == K_WEBP ? ".webp" : ".png";
        break;
    case K_PDF:
        u.type = "application/pdf";
        ext = ".pdf";
        break;
    case K_TEXT:
        u.type = "text/plain; charset=utf-8";
        break;
    }
    rand_bytes(raw, sizeof(raw));
    for (i = 0; i < sizeof(raw); i++)
        snprintf(id + 2 * i, 3, "%02x", raw[i]);
    sha256_hex(data, len, hash);
    u.id = arena_strdup(c->arena, id);
    u.user_id = c->uid;
    u.name = safe_name(c->arena, in->filename, ext);
    if (k == K_TEXT && !strchr(u.name, '.'))
        u.name = arena_printf(c->arena, "%s.txt", u.name);
    u.size = (int64_t)len;
    u.sha256 = arena_strdup(c->arena, hash);
    u.created_at = c->now;
    rc = upload_write_file(in->dir, id, data, len);
    if (rc == 0) {
        wrote = 1;
        if (disp.data) {
            snprintf(dname, sizeof(dname), "%s.display", id);
            rc = upload_write_file(in->dir, dname, disp.data, disp.len);
        }
    }
    if (orig.data)
        g_free(orig.data);
    if (disp.data)
        g_free(disp.data);
    if (rc < 0) {
        if (wrote) {
            char p[4200];
            snprintf(p, sizeof(p), "%s/%s", in->dir, id);
            unlink(p);
        }
        return error_set(c->err, ERR_INTERNAL, "file", "The file could not be stored.");
    }
    rc = store_upload_insert(c->db, &u);
    if (rc < 0) {
        char p[4200];
        snprintf(p, sizeof(p), "%s/%s", in->dir, id);
        unlink(p);
        snprintf(p, sizeof(p), "%s/%s.display", in->dir, id);
        unlink(p);
        return domain_db_fail(c, "insert upload");
    }
    log_info("msg=\"upload\" id=%s type=\"%s\" size=%lld user=%lld", id, u.type, (long long)u.size,
             (long long)c->uid);
    *out = u;
    return 0;
}

/* 1 if s is exactly UPLOAD_ID_LEN lower-case hex digits. */
static int id_ok(const char *s)
{
    size_t i;
    for (i = 0; i < UPLOAD_ID_LEN; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[UPLOAD_ID_LEN] == '\0';
}

int upload_get(struct ctx *c, const char *id, struct upload_row *out)
{
    int rc;
    if (!id || strlen(id) != UPLOAD_ID_LEN || !id_ok(id))
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such file.");
    rc = store_upload_get(c->db, c->arena, id, out);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such file.");
    if (rc < 0)
        return domain_db_fail(c, "read upload");
    if (out->community_id) {
        struct community cm;
        if (!out->community_slug[0] || community_get(c, out->community_slug, &cm) < 0) {
            memset(out, 0, sizeof(*out));
            return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such file.");
        }
    }
    return 0;
}

int upload_read(struct ctx *c, const char *dir, const struct upload_row *u, int display,
                struct buf *out)
{
    char path[4200], chunk[65536];
    FILE *f;
    size_t n;
    snprintf(path, sizeof(path), "%s/%s%s", dir, u->id,
             display && u->display_width ? ".display" : "");
    f = fopen(path, "rb");
    if (!f) {
        log_error("msg=\"upload file missing\" path=\"%s\" error=\"%s\"", path, strerror(errno));
        return error_set(c->err, ERR_NOTFOUND, NULL, "The file is missing.");
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_append(out, chunk, n);
    fclose(f);
    return 0;
}

int upload_is_image(const struct upload_row *u)
{
    return str_starts(u->type, "image/");
}

const char *upload_url(struct ctx *c, const struct upload_row *u)
{
    return arena_printf(c->arena, "/uploads/%s/%s", u->id, u->name);
}

const char *upload_markdown(struct ctx *c, const struct upload_row *u)
{
    /* safe names hold only [A-Za-z0-9._-]: '_' is the one Markdown character to escape */
    struct buf b = BUF_INIT;
    const char *p, *res;
    if (upload_is_image(u))
        buf_putc(&b, '!');
    buf_putc(&b, '[');
    for (p = u->name; *p; p++) {
        if (*p == '_')
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_printf(&b, "](%s)", upload_url(c, u));
    res = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return res;
}

/* 1 if everyone who reads a text of e's community may load upload u (struct upload_embed). */
static int embed_ok(const struct upload_embed *e, const struct upload_row *u)
{
    if (!u->community_id || str_eq(u->community_visibility, "public"))
        return 1;
    if (e->community_id && u->community_id == e->community_id)
        return 1;
    return str_eq(u->community_visibility, "members") && e->community_id && !e->public_text;
}

/* The markdown_opts.image hook: ud is the struct ctx, or (embed set) a struct upload_embed. */
static int image_hook_any(struct ctx *c, struct upload_embed *embed, const char *url,
                          struct markdown_image *img)
{
    const char *p = url, *base;
    char id[UPLOAD_ID_LEN + 1];
    struct upload_row u;

    base = settings_get(c, "base_url", "");
    if (base && *base && str_starts(p, base) && p[strlen(base)] == '/')
        p += strlen(base);
    if (str_starts(p, "/uploads/") && strlen(p) > 9 + UPLOAD_ID_LEN &&
        p[9 + UPLOAD_ID_LEN] == '/') {
        memcpy(id, p + 9, UPLOAD_ID_LEN);
        id[UPLOAD_ID_LEN] = '\0';
        if (!id_ok(id) || store_upload_get(c->db, c->arena, id, &u) < 0 || !upload_is_image(&u))
            return 0;
        if (embed && !embed_ok(embed, &u)) {
            if (!embed->refused)
                embed->refused = arena_strdup(c->arena, url);
            return 0;
        }
        img->href = upload_url(c, &u);
        if (u.display_width) {
            img->src = arena_printf(c->arena, "%s?size=display", img->href);
            img->width = (int)u.display_width;
            img->height = (int)u.display_height;
        } else {
            img->src = img->href;
            img->width = (int)u.width;
            img->height = (int)u.height;
        }
        return 1;
    }
    if (str_starts(url, "https://") && str_eq(settings_get(c, "external_images", "off"), "on")) {
        img->src = url;
        img->href = NULL;
        img->width = img->height = 0;
        return 1;
    }
    return 0;
}

static int image_hook(void *ud, const char *url, struct markdown_image *img)
{
    return image_hook_any(ud, NULL, url, img);
}

static int image_hook_embed(void *ud, const char *url, struct markdown_image *img)
{
    struct upload_embed *e = ud;
    return image_hook_any(e->c, e, url, img);
}

void upload_markdown_hook(struct ctx *c, struct markdown_opts *o)
{
    o->image = image_hook;
    o->image_ud = c;
}

void upload_markdown_hook_in(struct ctx *c, struct markdown_opts *o, struct upload_embed *e,
                             const struct community *cm)
{
    memset(e, 0, sizeof(*e));
    e->c = c;
    e->community_id = cm ? cm->id : 0;
    e->public_text = !cm || cm->visibility == COMMUNITY_PUBLIC;
    o->image = image_hook_embed;
    o->image_ud = e;
}

int upload_embed_check(struct ctx *c, const struct upload_embed *e, const char *field)
{
    if (!e->refused)
        return 0;
    return error_set(c->err, ERR_INVALID, field,
                     "The image %s belongs to a community whose readers are not all readers of "
                     "this text, so some of them would see a broken image. Upload the image "
                     "again here (or link to the post it came from).",
                     e->refused);
}

char *upload_default_dir(const char *db_url)
{
    if (db_url && str_starts(db_url, "sqlite:")) {
        const char *path = db_url + 7, *slash = strrchr(path, '/');
        size_t n = slash ? (size_t)(slash - path) : 0;
        char *out = x_malloc(n + 16);
        if (slash)
            snprintf(out, n + 16, "%.*s/uploads", (int)n, path);
        else
            snprintf(out, n + 16, "uploads");
        return out;
    }
    return x_strdup("var/uploads");
}

/* Read the whole file path into out (heap); 0 or -1 (errno set). */
static int read_file(const char *path, struct buf *out)
{
    char chunk[65536];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_append(out, chunk, n);
    n = ferror(f);
    fclose(f);
    return n || out->err ? -1 : 0;
}

int upload_copy_files(struct ctx *c, const char *from, const char *to, int64_t community_id,
                      size_t *copied, size_t *missing)
{
    struct upload_row *rows;
    size_t n, i;
    int v;
    *copied = *missing = 0;
    if (store_upload_list(c->db, c->arena, &rows, &n) < 0)
        return domain_db_fail(c, "list uploads");
    for (i = 0; i < n; i++) {
        if (community_id && rows[i].community_id != community_id)
            continue;
        for (v = 0; v < (rows[i].display_width ? 2 : 1); v++) {
            char name[UPLOAD_ID_LEN + 16], path[4200];
            struct buf b;
            snprintf(name, sizeof(name), "%s%s", rows[i].id, v ? ".display" : "");
            snprintf(path, sizeof(path), "%s/%s", from, name);
            buf_init(&b, 0);
            if (read_file(path, &b) < 0) {
                log_warn("msg=\"upload file missing\" path=\"%s\"", path);
                (*missing)++;
            } else if (upload_write_file(to, name, b.data, b.len) < 0) {
                buf_release(&b);
                return error_set(c->err, ERR_INTERNAL, NULL, "Cannot write %s/%s.", to, name);
            } else {
                (*copied)++;
            }
            buf_release(&b);
        }
    }
    return 0;
}
