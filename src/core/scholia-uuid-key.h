/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

/* An annotation's uuid as the library keeps it (schema 18, issue 17): a canonical uuid
 * (8-4-4-4-12 hex digits) is stored as its 16 bytes (a BLOB), with a 17th byte of 1 when its
 * letters were upper case; any other id (a W3C or REFI-QDA import may bring one) as the TEXT it
 * is, so the value's type is the flag and every id comes back byte for byte.
 *
 * scholia_uuid_key(text): the value to store, or to look a stored one up by (the annotations'
 * unique index holds these). scholia_uuid_text(value): the text again; the annotations' `uuid`
 * column is generated from it. Registered with the search's functions, which every connection
 * touching the library needs. */
int scholia_uuid_key_register (sqlite3 *db);
