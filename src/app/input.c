/* Mapping input fields into domain input structs once, for pages and the API (input.h). */
#include <string.h>

#include "app/input.h"

void app_event_input(struct req *r, app_get get, struct event_input *in)
{
    memset(in, 0, sizeof(*in));
    in->title = get(r, "title");
    in->description_md = get(r, "description_md");
    in->start = get(r, "start");
    in->end = get(r, "end");
    in->timezone = get(r, "timezone");
    in->location = get(r, "location");
    in->online_url = get(r, "online_url");
    in->capacity = get(r, "capacity");
    in->freq = get(r, "freq");
    in->interval = get(r, "interval");
    in->byday = get(r, "byday");
    in->monthly = get(r, "monthly");
    in->count = get(r, "count");
    in->until = get(r, "until");
    in->notes_url = get(r, "notes_url");
    in->notes_md = get(r, "notes_md");
}
