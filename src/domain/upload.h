/* Uploads: images and files members attach to what they write (docs/internals/uploads.md).
 *
 * What is taken is decided by the content, never by the file name or the declared type:
 * JPEG, PNG, GIF and WebP images (magic bytes, then a full decode by libvips), PDF
 * documents ("%PDF-") and plain UTF-8 text (no NUL, no control characters but tab, CR, LF
 * and form feed). Anything else, a renamed executable for one, is ERR_UNSUPPORTED (415).
 * Images are decoded and encoded again, turned upright by their EXIF orientation, so that
 * no metadata (EXIF with GPS positions, XMP, comments) survives: JPEG, PNG and WebP keep
 * their format, a GIF becomes a PNG of its first frame. An image wider or taller than
 * UPLOAD_DISPLAY_MAX pixels also gets a display version that fits in that square. An image
 * over UPLOAD_MAX_PIXELS pixels or UPLOAD_MAX_SIDE pixels a side is refused from its header,
 * before any pixel is decoded (decompression bombs).
 *
 * Files live in the upload directory, named by a random id (ID, and ID.display), written to
 * a temporary name and renamed into place; a row in table uploads describes each. An upload
 * made from a community's composer belongs to that community: while the community is not
 * public, only those who may read it get the file (others get ERR_NOTFOUND).
 *
 * Limits (settings): upload_max_bytes per file, upload_daily_limit uploads per member in any
 * 24 hours. */
#ifndef PRAXIS_DOMAIN_UPLOAD_H
#define PRAXIS_DOMAIN_UPLOAD_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/domain.h"
#include "store/upload.h"

#define UPLOAD_ID_LEN      32                          /* lower-case hex digits of an id */
#define UPLOAD_MAX_PIXELS  ((int64_t)50 * 1000 * 1000) /* width * height of an image */
#define UPLOAD_MAX_SIDE    20000                       /* pixels of either side */
#define UPLOAD_DISPLAY_MAX 1600                        /* the display version fits this square */
#define UPLOAD_NAME_MAX    80                          /* bytes of a stored display name */
#define UPLOAD_MAX_BYTES   ((int64_t)32 << 20)         /* highest upload_max_bytes allowed */

/* What the uploader sends. */
struct upload_input {
    const char *dir;       /* the upload directory (made if missing) */
    const char *community; /* slug of the composer's community, or NULL/"" for none */
    const char *filename;  /* as sent (only its last path segment is kept, made safe) */
    const char *data;      /* the bytes */
    size_t len;
};

/* Check, convert and store one upload for the signed-in member; *out describes it (arena
   strings). Returns 0, ERR_AUTH (anonymous), ERR_NOTFOUND (community unknown or unreadable),
   ERR_PERM (not a member of a private or members-only community it names... see the doc),
   ERR_INVALID (empty file), ERR_TOOBIG (over upload_max_bytes, or an image over the pixel
   limits), ERR_UNSUPPORTED (a type not taken, or an image libvips cannot decode), ERR_RATE
   (upload_daily_limit reached), ERR_INTERNAL (the file could not be written) or ERR_DB. */
int upload_create(struct ctx *c, const struct upload_input *in, struct upload_row *out);

/* The upload id for the viewer: ERR_NOTFOUND when the id is malformed or unknown, or when
   it belongs to a community the viewer may not read. */
int upload_get(struct ctx *c, const char *id, struct upload_row *out);

/* Read the stored bytes of u (display = 1: its display version when it has one) into out.
   Returns 0, or ERR_NOTFOUND when the file is missing (logged). */
int upload_read(struct ctx *c, const char *dir, const struct upload_row *u, int display,
                struct buf *out);

/* "/uploads/ID/NAME" (arena). */
const char *upload_url(struct ctx *c, const struct upload_row *u);
/* The Markdown that shows u: "![NAME](URL)" for an image, "[NAME](URL)" otherwise, with
   NAME's Markdown punctuation escaped (arena). */
const char *upload_markdown(struct ctx *c, const struct upload_row *u);
/* 1 if u is an image (shown inline), 0 for files (served as attachments). */
int upload_is_image(const struct upload_row *u);

/* The Markdown renderer's image hook for this instance (struct markdown_opts.image): set
   o->image and o->ud = c. A URL "/uploads/ID/..." (or the same under the base_url setting)
   naming an existing upload that is an image becomes an <img> of its display size; an
   https image elsewhere becomes an <img> only when the setting external_images is "on";
   anything else stays a link. */
struct community;
struct markdown_opts;
void upload_markdown_hook(struct ctx *c, struct markdown_opts *o);

/* upload_markdown_hook_in and upload_embed_check (for texts whose readers are known) are
   declared in domain/domain_int.h, so that community.c can use them without including this
   header (upload.c includes community.h). */

/* The default upload directory for a database URL: "DIR/uploads" next to an SQLite file
   ("sqlite:var/praxis.db" -> "var/uploads"), "var/uploads" for PostgreSQL. Heap string
   (the caller frees it). */
char *upload_default_dir(const char *db_url);

/* Write bytes data[0..len) as the file named name in dir (made if missing) through a
   temporary file and a rename. Returns 0 or ERR_INTERNAL (logged). For import and restore. */
int upload_write_file(const char *dir, const char *name, const char *data, size_t len);

/* Copy the files of the uploads in c->db (of community community_id, or all when 0) from
   directory from into directory to (export, import and backup carry files this way), each
   through upload_write_file. A file missing in from is counted in *missing (and logged),
   not an error. Returns 0 with *copied and *missing set, or ERR_DB / ERR_INTERNAL. */
int upload_copy_files(struct ctx *c, const char *from, const char *to, int64_t community_id,
                      size_t *copied, size_t *missing);

#endif
