/* The TZif reader and zone arithmetic behind core/tz.h: parses the version-2+ (64-bit) body
 * of a compiled zone file into transition instants and local time types, plus the POSIX TZ
 * footer ("CET-1CEST,M3.5.0,M10.5.0/3") that describes every year after the last listed
 * transition. Version-1-only files are read from their 32-bit body. Loaded zones live in a
 * mutex-guarded cache and are immutable afterwards. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "core/util.h"

#define ZONEINFO_DIR "/usr/share/zoneinfo"
#define TZ_FILE_MAX  (256 * 1024)
#define TZ_TIMES_MAX 4000
#define TZ_TYPES_MAX 256

struct tz_type {
    int32_t utoff;
    int isdst;
    char abbr[16];
};

/* A POSIX rule date: Mm.w.d (kind 'M'), Jn (kind 'J', 1..365 no leap day) or n (kind 'N'). */
struct tz_rdate {
    char kind;
    int m, w, d, n;
    int32_t time; /* seconds after local midnight (may be negative or > 24 h) */
};

struct tz_rule {
    int present; /* 0: no footer (use the last type) */
    int has_dst;
    int32_t std_off; /* seconds east */
    int32_t dst_off;
    char std_abbr[16], dst_abbr[16];
    struct tz_rdate start, end;
};

struct tz {
    char name[64];
    size_t ntimes;
    int64_t *times;     /* transition instants, ascending */
    unsigned char *idx; /* type index in effect from times[i] */
    size_t ntypes;
    struct tz_type *types;
    struct tz_rule rule;
    struct tz *next; /* cache chain */
};

/* ------------------------------------------------------------------------------------------ */
/* Civil calendar */

int64_t civil_days(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp, yy;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int civil_weekday(int64_t days)
{
    int64_t w = (days + 4) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

int civil_month_days(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12)
        return 0;
    return md[m - 1] + (m == 2 && leap);
}

void civil_split(int64_t local, int *y, int *mo, int *d, int *h, int *mi, int *wday)
{
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t secs = local - days * 86400;
    int yy, mm, dd;
    civil_from_days(days, &yy, &mm, &dd);
    if (y)
        *y = yy;
    if (mo)
        *mo = mm;
    if (d)
        *d = dd;
    if (h)
        *h = (int)(secs / 3600);
    if (mi)
        *mi = (int)(secs % 3600 / 60);
    if (wday)
        *wday = civil_weekday(days);
}

/* ------------------------------------------------------------------------------------------ */
/* POSIX TZ footer */

/* An abbreviation: letters, or <...> with letters, digits, + and -. */
static const char *parse_abbr(const char *p, char out[16])
{
    size_t n = 0;
    if (*p == '<') {
        p++;
        while (*p && *p != '>' && n < 15)
            out[n++] = *p++;
        if (*p != '>')
            return NULL;
        p++;
    } else {
        while (((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) && n < 15)
            out[n++] = *p++;
    }
    out[n] = '\0';
    return n >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]] into *secs (as written). */
static const char *parse_hms(const char *p, int32_t *secs)
{
    int sign = 1, h = 0, m = 0, s = 0, digits = 0;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    while (*p >= '0' && *p <= '9' && digits < 3) {
        h = h * 10 + (*p++ - '0');
        digits++;
    }
    if (!digits || h > 167)
        return NULL;
    if (*p == ':') {
        p++;
        if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9'))
            return NULL;
        m = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p == ':') {
            p++;
            if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9'))
                return NULL;
            s = (p[0] - '0') * 10 + (p[1] - '0');
            p += 2;
        }
    }
    *secs = sign * (h * 3600 + m * 60 + s);
    return p;
}

static const char *parse_int(const char *p, int *out, int lo, int hi)
{
    int v = 0, digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 4) {
        v = v * 10 + (*p++ - '0');
        digits++;
    }
    if (!digits || v < lo || v > hi)
        return NULL;
    *out = v;
    return p;
}

static const char *parse_rdate(const char *p, struct tz_rdate *rd)
{
    memset(rd, 0, sizeof(*rd));
    rd->time = 7200;
    if (*p == 'M') {
        rd->kind = 'M';
        if (!(p = parse_int(p + 1, &rd->m, 1, 12)) || *p++ != '.' ||
            !(p = parse_int(p, &rd->w, 1, 5)) || *p++ != '.' || !(p = parse_int(p, &rd->d, 0, 6)))
            return NULL;
    } else if (*p == 'J') {
        rd->kind = 'J';
        if (!(p = parse_int(p + 1, &rd->n, 1, 365)))
            return NULL;
    } else {
        rd->kind = 'N';
        if (!(p = parse_int(p, &rd->n, 0, 365)))
            return NULL;
    }
    if (*p == '/')
        p = parse_hms(p + 1, &rd->time);
    return p;
}

/* Parse a footer such as "CET-1CEST,M3.5.0,M10.5.0/3" into r. 0 or -1. */
static int parse_rule(const char *s, struct tz_rule *r)
{
    const char *p = s;
    int32_t off;
    memset(r, 0, sizeof(*r));
    if (!*s)
        return 0;
    if (!(p = parse_abbr(p, r->std_abbr)) || !(p = parse_hms(p, &off)))
        return -1;
    r->std_off = -off; /* POSIX offsets are west of UTC */
    r->present = 1;
    if (!*p)
        return 0;
    if (!(p = parse_abbr(p, r->dst_abbr)))
        return -1;
    r->has_dst = 1;
    r->dst_off = r->std_off + 3600;
    if (*p && *p != ',') {
        if (!(p = parse_hms(p, &off)))
            return -1;
        r->dst_off = -off;
    }
    if (*p != ',') /* DST without rules: POSIX default is US rules; treat as none */
        return (r->has_dst = 0), 0;
    if (!(p = parse_rdate(p + 1, &r->start)) || *p != ',' || !(p = parse_rdate(p + 1, &r->end)))
        return -1;
    return *p ? -1 : 0;
}

/* Local days (since the epoch) of the rule date in year y. */
static int64_t rdate_days(const struct tz_rdate *rd, int y)
{
    int leap = civil_month_days(y, 2) == 29;
    if (rd->kind == 'J')
        return civil_days(y, 1, 1) + rd->n - 1 + (leap && rd->n >= 60);
    if (rd->kind == 'N')
        return civil_days(y, 1, 1) + rd->n;
    {
        int64_t first = civil_days(y, rd->m, 1);
        int wd = civil_weekday(first);
        int64_t day = first + (rd->d - wd + 7) % 7 + 7 * (rd->w - 1);
        int64_t last = first + civil_month_days(y, rd->m) - 1;
        while (day > last)
            day -= 7;
        return day;
    }
}

/* Offset from the footer rule at utc; sets *abbr. */
static int32_t rule_offset(const struct tz_rule *r, int64_t utc, const char **abbr)
{
    int y, dst;
    int64_t start, end;
    if (!r->has_dst) {
        if (abbr)
            *abbr = r->std_abbr;
        return r->std_off;
    }
    civil_split(utc + r->std_off, &y, NULL, NULL, NULL, NULL, NULL);
    start = rdate_days(&r->start, y) * 86400 + r->start.time - r->std_off;
    end = rdate_days(&r->end, y) * 86400 + r->end.time - r->dst_off;
    if (start < end)
        dst = utc >= start && utc < end;
    else
        dst = utc < end || utc >= start;
    if (abbr)
        *abbr = dst ? r->dst_abbr : r->std_abbr;
    return dst ? r->dst_off : r->std_off;
}

/* ------------------------------------------------------------------------------------------ */
/* TZif */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzhead {
    int version;
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static int read_head(const unsigned char *p, unsigned long len, struct tzhead *h)
{
    if (len < 44 || memcmp(p, "TZif", 4) != 0)
        return -1;
    h->version = p[4] ? p[4] - '0' : 1;
    h->isutcnt = be32(p + 20);
    h->isstdcnt = be32(p + 24);
    h->leapcnt = be32(p + 28);
    h->timecnt = be32(p + 32);
    h->typecnt = be32(p + 36);
    h->charcnt = be32(p + 40);
    if (h->timecnt > TZ_TIMES_MAX || h->typecnt == 0 || h->typecnt > TZ_TYPES_MAX ||
        h->charcnt > 1024 || h->leapcnt > 1000 || (h->isutcnt && h->isutcnt != h->typecnt) ||
        (h->isstdcnt && h->isstdcnt != h->typecnt))
        return -1;
    return 0;
}

static unsigned long body_len(const struct tzhead *h, int tsize)
{
    return (unsigned long)h->timecnt * tsize + h->timecnt + h->typecnt * 6 + h->charcnt +
           (unsigned long)h->leapcnt * (tsize + 4) + h->isstdcnt + h->isutcnt;
}

void tz_free(struct tz *z)
{
    if (!z)
        return;
    free(z->times);
    free(z->idx);
    free(z->types);
    free(z);
}

struct tz *tz_parse(const unsigned char *data, unsigned long len, const char *name)
{
    struct tzhead h;
    const unsigned char *p = data, *chars;
    unsigned long off, need;
    int tsize = 4;
    struct tz *z;
    size_t i;

    if (read_head(p, len, &h) < 0)
        return NULL;
    need = 44 + body_len(&h, 4);
    if (need > len)
        return NULL;
    if (h.version >= 2) {
        p = data + need;
        len -= need;
        if (read_head(p, len, &h) < 0)
            return NULL;
        tsize = 8;
        if (44 + body_len(&h, 8) > len)
            return NULL;
    }
    z = x_calloc(1, sizeof(*z));
    str_copy(z->name, name ? name : "", sizeof(z->name));
    z->ntimes = h.timecnt;
    z->times = x_calloc(h.timecnt + 1, sizeof(int64_t));
    z->idx = x_calloc(h.timecnt + 1, 1);
    z->ntypes = h.typecnt;
    z->types = x_calloc(h.typecnt, sizeof(struct tz_type));
    off = 44;
    for (i = 0; i < h.timecnt; i++, off += (unsigned long)tsize) {
        z->times[i] = tsize == 8 ? be64(p + off) : (int64_t)(int32_t)be32(p + off);
        if (i && z->times[i] <= z->times[i - 1])
            goto bad;
    }
    for (i = 0; i < h.timecnt; i++, off++) {
        z->idx[i] = p[off];
        if (p[off] >= h.typecnt)
            goto bad;
    }
    chars = p + off + h.typecnt * 6;
    for (i = 0; i < h.typecnt; i++, off += 6) {
        unsigned ai = p[off + 5];
        z->types[i].utoff = (int32_t)be32(p + off);
        z->types[i].isdst = p[off + 4] != 0;
        if (z->types[i].utoff < -26 * 3600 || z->types[i].utoff > 26 * 3600 || ai >= h.charcnt)
            goto bad;
        str_copy(z->types[i].abbr, (const char *)chars + ai,
                 sizeof(z->types[i].abbr) < h.charcnt - ai + 1 ? sizeof(z->types[i].abbr)
                                                               : h.charcnt - ai + 1);
    }
    off += h.charcnt + (unsigned long)h.leapcnt * (tsize + 4) + h.isstdcnt + h.isutcnt;
    if (tsize == 8 && off < len && p[off] == '\n') {
        char footer[128];
        unsigned long j = off + 1, n = 0;
        while (j < len && p[j] != '\n' && n < sizeof(footer) - 1)
            footer[n++] = (char)p[j++];
        footer[n] = '\0';
        if (j >= len || p[j] != '\n' || parse_rule(footer, &z->rule) < 0)
            memset(&z->rule, 0, sizeof(z->rule)); /* unusable footer: last type rules */
    }
    return z;
bad:
    tz_free(z);
    return NULL;
}

const char *tz_name(const struct tz *z)
{
    return z->name;
}

int tz_offset(const struct tz *z, int64_t utc, const char **abbr)
{
    size_t lo = 0, hi = z->ntimes;
    const struct tz_type *t;
    if (z->ntimes == 0 || utc < z->times[0]) {
        size_t i;
        if (z->ntimes == 0 && z->rule.present)
            return rule_offset(&z->rule, utc, abbr);
        t = &z->types[0];
        for (i = 0; i < z->ntypes; i++)
            if (!z->types[i].isdst) {
                t = &z->types[i];
                break;
            }
        if (abbr)
            *abbr = t->abbr;
        return t->utoff;
    }
    if (utc >= z->times[z->ntimes - 1] && z->rule.present)
        return rule_offset(&z->rule, utc, abbr);
    while (hi - lo > 1) { /* last i with times[i] <= utc */
        size_t mid = lo + (hi - lo) / 2;
        if (z->times[mid] <= utc)
            lo = mid;
        else
            hi = mid;
    }
    t = &z->types[z->idx[lo]];
    if (abbr)
        *abbr = t->abbr;
    return t->utoff;
}

int64_t tz_utc_to_local(const struct tz *z, int64_t utc)
{
    return utc + tz_offset(z, utc, NULL);
}

enum tz_local_kind tz_local_to_utc(const struct tz *z, int64_t local, int64_t *utc)
{
    /* The offsets in effect a day before and a day after: zones change at most once in two
       days, so the answer is one of these. */
    int32_t before = tz_offset(z, local - 86400 - 26 * 3600, NULL);
    int32_t after = tz_offset(z, local + 86400 + 26 * 3600, NULL);
    int ok_before = tz_offset(z, local - before, NULL) == before;
    int ok_after = tz_offset(z, local - after, NULL) == after;
    if (ok_before && ok_after && before != after) {
        /* twice: the earlier instant has the larger offset */
        *utc = local - (before > after ? before : after);
        return TZ_LOCAL_AMBIGUOUS;
    }
    if (ok_before) {
        *utc = local - before;
        return TZ_LOCAL_OK;
    }
    if (ok_after) {
        *utc = local - after;
        return TZ_LOCAL_OK;
    }
    /* In the gap: read with the offset before it (RFC 5545), which lands after the gap. */
    *utc = local - before;
    return TZ_LOCAL_GAP;
}

/* ------------------------------------------------------------------------------------------ */
/* The cache */

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tz *cache_head;
static unsigned cache_count;

/* Read the zone file into a new struct tz, or NULL. */
static struct tz *load_file(const char *name)
{
    char path[192];
    unsigned char *data;
    size_t n;
    struct tz *z;
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", ZONEINFO_DIR, name);
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    data = x_malloc(TZ_FILE_MAX);
    n = fread(data, 1, TZ_FILE_MAX, f);
    fclose(f);
    z = n < TZ_FILE_MAX ? tz_parse(data, n, name) : NULL;
    free(data);
    return z;
}

const struct tz *tz_get(const char *name)
{
    struct tz *z;
    if (!name || !tz_valid(name))
        return NULL;
    pthread_mutex_lock(&cache_lock);
    for (z = cache_head; z; z = z->next)
        if (!strcmp(z->name, name))
            break;
    if (!z && cache_count < TZ_CACHE_MAX) {
        z = load_file(name);
        if (z) {
            z->next = cache_head;
            cache_head = z;
            cache_count++;
        }
    } else if (!z) {
        /* Cache full (only reachable with hundreds of distinct zones): answer from a fresh
           load without keeping it would leak; refuse instead. */
        z = NULL;
    }
    pthread_mutex_unlock(&cache_lock);
    return z;
}

/* ---- the list of zones for pickers ---------------------------------------------------- */

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void tz_names(struct arena *a, const char ***out, size_t *n)
{
    static const char *const files[] = {ZONEINFO_DIR "/zone1970.tab", ZONEINFO_DIR "/zone.tab"};
    enum { MAX_NAMES = 1000 };
    const char **v = ARENA_ARRAY(a, const char *, MAX_NAMES + 1);
    size_t k = 0, i, j;
    char line[512];
    FILE *f = NULL;
    for (i = 0; i < ARRAY_SIZE(files) && !f; i++)
        f = fopen(files[i], "r");
    v[k++] = "UTC";
    while (f && k < MAX_NAMES && fgets(line, sizeof(line), f)) {
        /* country-codes TAB coordinates TAB TZ [TAB comments] */
        char *p = line, *name, *end;
        if (*p == '#')
            continue;
        p = strchr(p, '\t');
        if (!p || !(p = strchr(p + 1, '\t')))
            continue;
        name = p + 1;
        end = name + strcspn(name, "\t\r\n");
        *end = '\0';
        if (*name && tz_valid(name))
            v[k++] = arena_strdup(a, name);
    }
    if (f)
        fclose(f);
    qsort(v, k, sizeof(*v), cmp_name);
    for (i = j = 0; i < k; i++)
        if (j == 0 || strcmp(v[j - 1], v[i]))
            v[j++] = v[i];
    *out = v;
    *n = j;
}
