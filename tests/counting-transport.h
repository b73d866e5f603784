/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-transport.h"

G_BEGIN_DECLS

/* A transport for tests that passes every call to a real one, counts the calls by kind, and
 * can fail from the Nth call on as a server going down would (SCHOLIA_TRANSPORT_ERROR_OFFLINE):
 * each call is one request, so a sync's requests can be counted and cut anywhere. */
#define COUNTING_TYPE_TRANSPORT (counting_transport_get_type ())
G_DECLARE_FINAL_TYPE (CountingTransport, counting_transport, COUNTING, TRANSPORT, ScholiaTransport)

CountingTransport *counting_transport_new        (ScholiaTransport  *inner);
/* Calls after the first @n_calls fail; G_MAXUINT: none does. Resets the counts. */
void               counting_transport_fail_after (CountingTransport *self,
                                                  guint              n_calls);
/* Calls so far: "list", "get", "get-not-modified" (answered so), "put", "make-folder", or
 * NULL for all of them. */
guint              counting_transport_count      (CountingTransport *self,
                                                  const char        *kind);

G_END_DECLS
