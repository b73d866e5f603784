/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "counting-transport.h"

struct _CountingTransport
{
  ScholiaTransport  parent_instance;
  ScholiaTransport *inner;
  guint             fail_after;
  guint             calls;
  guint             lists;
  guint             gets;
  guint             not_modified;
  guint             puts;
  guint             folders;
};

G_DEFINE_FINAL_TYPE (CountingTransport, counting_transport, SCHOLIA_TYPE_TRANSPORT)

/* Threads: a sync calls from its worker while the test reads the counts afterwards. */
G_LOCK_DEFINE_STATIC (counts);

static gboolean
count_call (CountingTransport  *self,
            guint              *kind,
            GError            **error)
{
  gboolean down;

  G_LOCK (counts);
  down = self->calls >= self->fail_after;
  self->calls++;
  if (!down)
    (*kind)++;
  G_UNLOCK (counts);
  if (down)
    g_set_error_literal (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_OFFLINE,
                         "Could not reach the server: it went down (test)");
  return !down;
}

static GPtrArray *
counting_list (ScholiaTransport  *transport,
               const char        *path,
               GCancellable      *cancellable,
               GError           **error)
{
  CountingTransport *self = COUNTING_TRANSPORT (transport);

  if (!count_call (self, &self->lists, error))
    return NULL;
  return scholia_transport_list (self->inner, path, cancellable, error);
}

static ScholiaTransportGetResult
counting_get (ScholiaTransport  *transport,
              const char        *path,
              const char        *if_none_match,
              GBytes           **contents,
              char             **etag,
              GCancellable      *cancellable,
              GError           **error)
{
  CountingTransport *self = COUNTING_TRANSPORT (transport);
  ScholiaTransportGetResult result;

  if (!count_call (self, &self->gets, error))
    return SCHOLIA_TRANSPORT_GET_FAILED;
  result = scholia_transport_get (self->inner, path, if_none_match, contents, etag, cancellable, error);
  if (result == SCHOLIA_TRANSPORT_GET_NOT_MODIFIED)
    {
      G_LOCK (counts);
      self->not_modified++;
      G_UNLOCK (counts);
    }
  return result;
}

static gboolean
counting_put (ScholiaTransport  *transport,
              const char        *path,
              GBytes            *contents,
              const char        *if_match,
              char             **new_etag,
              GCancellable      *cancellable,
              GError           **error)
{
  CountingTransport *self = COUNTING_TRANSPORT (transport);

  if (!count_call (self, &self->puts, error))
    return FALSE;
  return scholia_transport_put (self->inner, path, contents, if_match, new_etag, cancellable, error);
}

static gboolean
counting_make_folder (ScholiaTransport  *transport,
                      const char        *path,
                      GCancellable      *cancellable,
                      GError           **error)
{
  CountingTransport *self = COUNTING_TRANSPORT (transport);

  if (!count_call (self, &self->folders, error))
    return FALSE;
  return scholia_transport_make_folder (self->inner, path, cancellable, error);
}

static void
counting_transport_finalize (GObject *object)
{
  g_object_unref (COUNTING_TRANSPORT (object)->inner);

  G_OBJECT_CLASS (counting_transport_parent_class)->finalize (object);
}

static void
counting_transport_class_init (CountingTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ScholiaTransportClass *transport_class = SCHOLIA_TRANSPORT_CLASS (klass);

  object_class->finalize = counting_transport_finalize;
  transport_class->list = counting_list;
  transport_class->get = counting_get;
  transport_class->put = counting_put;
  transport_class->make_folder = counting_make_folder;
}

static void
counting_transport_init (CountingTransport *self)
{
  self->fail_after = G_MAXUINT;
}

CountingTransport *
counting_transport_new (ScholiaTransport *inner)
{
  CountingTransport *self = g_object_new (COUNTING_TYPE_TRANSPORT, "location",
                                          scholia_transport_get_location (inner), NULL);

  self->inner = g_object_ref (inner);
  return self;
}

void
counting_transport_fail_after (CountingTransport *self,
                               guint              n_calls)
{
  G_LOCK (counts);
  self->fail_after = n_calls;
  self->calls = self->lists = self->gets = self->not_modified = self->puts = self->folders = 0;
  G_UNLOCK (counts);
}

guint
counting_transport_count (CountingTransport *self,
                          const char        *kind)
{
  guint n;

  G_LOCK (counts);
  if (kind == NULL)
    n = self->lists + self->gets + self->puts + self->folders;
  else if (g_str_equal (kind, "list"))
    n = self->lists;
  else if (g_str_equal (kind, "get"))
    n = self->gets;
  else if (g_str_equal (kind, "get-not-modified"))
    n = self->not_modified;
  else if (g_str_equal (kind, "put"))
    n = self->puts;
  else
    n = self->folders;
  G_UNLOCK (counts);
  return n;
}
