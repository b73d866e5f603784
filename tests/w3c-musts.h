/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Fails the test unless @annotation has what the MUST assertions of the W3C test suite
 * (../shared/w3c-annotation-model/annotations/annotationMusts.test) require of the
 * annotations Scholia writes: the context, one id that is an IRI, the type, a target, not both
 * "body" and "bodyValue", dates in RFC 3339 (UTC), TextualBodies with a value, and selectors of
 * the forms the suite validates. */
void test_w3c_assert_musts (JsonObject *annotation);

G_END_DECLS
