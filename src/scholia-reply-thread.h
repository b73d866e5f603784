/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-annotation.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_REPLY_THREAD (scholia_reply_thread_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaReplyThread, scholia_reply_thread, SCHOLIA, REPLY_THREAD, GtkWidget)

/* The discussion under an annotation of a seminar essay (issue 14): the participants' replies,
 * oldest first, each with its author in their colour, its date and text; the ones not read
 * before are marked and counted, and count as read once the thread has been on screen. A
 * field and Send (Ctrl+Enter) add a reply of mine, which the store logs for the next sync; my
 * own replies can be deleted, after a confirmation since a deleted reply cannot come back.
 * Outside a seminar, or with no annotation, the thread hides itself. */
GtkWidget *scholia_reply_thread_new            (void);

/* Shows @annotation's thread from @store, or nothing when either is NULL or the annotation's
 * essay is in no seminar. Follows the store's changes (a sync bringing replies). */
void       scholia_reply_thread_set_annotation (ScholiaReplyThread *self,
                                                ScholiaStore       *store,
                                                ScholiaAnnotation  *annotation);
/* How many replies were new when the thread was last filled: they stay marked until the
 * annotation changes, even once the store counts them read. */
guint      scholia_reply_thread_get_n_unread   (ScholiaReplyThread *self);

G_END_DECLS
