/* Input fields mapped once into domain input structs, for the HTML forms (src/web) and the
 * JSON API (src/api) alike. Each reader takes the request and a getter returning a field's
 * text or NULL when absent: req_form for a form post, api_input for an API body (JSON or
 * form). What differs between the two (a form's checkbox lists and radio choices, the API's
 * JSON null) is applied by the caller afterwards. */
#ifndef PRAXIS_APP_INPUT_H
#define PRAXIS_APP_INPUT_H
#include "domain/event.h"
#include "http/http.h"

/* A field getter: the text of field key in r, or NULL when it is absent. */
typedef const char *(*app_get)(struct req *r, const char *key);

/* Fill *in (zeroed first) with the event fields of the same names: title, description_md,
   start, end, timezone, location, online_url, capacity, freq, interval, byday, monthly,
   count, until, notes_url, notes_md. Absent fields stay NULL (an update keeps them). */
void app_event_input(struct req *r, app_get get, struct event_input *in);

#endif
