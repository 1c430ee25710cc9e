/* Page handlers of web/event.c: events, dates, RSVPs, calendars and .ics feeds. Only the route
 * table (src/cli/routes.c) and web/event.c include this header: page files do not call each
 * other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_EVENT_H
#define PRAXIS_WEB_EVENT_H
#include "http/http.h"

int page_community_events(struct req *r);     /* GET /c/:slug/events */
int page_community_events_ics(struct req *r); /* GET /c/:slug/events.ics?token= */
int page_event_new(struct req *r);            /* GET /c/:slug/events/new */
int page_event_create(struct req *r);         /* POST /c/:slug/events/new */
int page_event(struct req *r);                /* GET /events/:id (next date) */
int page_event_edit(struct req *r);           /* GET /events/:id/edit */
int page_event_update(struct req *r);         /* POST /events/:id/edit */
int page_event_cancel(struct req *r);         /* POST /events/:id/cancel (cancelled=1|0) */
int page_event_ics(struct req *r);            /* GET /events/:id/event.ics, .../o/:key/event.ics */
int page_event_occ(struct req *r);            /* GET /events/:id/o/:key */
int page_event_rsvp(struct req *r);           /* POST /events/:id/o/:key/rsvp (status) */
int page_event_occ_cancel(struct req *r);     /* POST /events/:id/o/:key/cancel */
int page_event_occ_edit(struct req *r);       /* GET /events/:id/o/:key/edit (one date) */
int page_event_occ_update(struct req *r);     /* POST /events/:id/o/:key/edit */
int page_calendar(struct req *r);             /* GET /calendar */
int page_calendar_reset(struct req *r);       /* POST /calendar/reset */
int page_calendar_all(struct req *r);         /* GET /calendar/:token/all.ics */
int page_calendar_going(struct req *r);       /* GET /calendar/:token/going.ics */

#endif
