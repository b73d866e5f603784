/* SPDX-License-Identifier: GPL-3.0-or-later */
/* memmem(): in glibc and every BSD libc. */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>
#include <zlib.h>

#include "scholia-pdf-premark.h"
#include "scholia-pdf-structure.h"
#include "scholia-pdf-update.h"

/* cairo writes a page's content stream as "N 0 obj\n<< /Length M 0 R\n   /Filter /FlateDecode\n>>\n
 * stream\n…\nendstream", without the filter when the writer asked it not to compress: its
 * dictionary names nothing else, which tells it from a font, an image or a form. The object's
 * header and dictionary lie within this many bytes before the stream's data. */
#define LOOK_BACK      1024
#define STREAM_KEYWORD ">>\nstream\n"
#define END_KEYWORD    "endstream"

typedef struct
{
  guint   number;
  gsize   length;     /* of the data as the file has it */
  GBytes *raw;
  gboolean inflate;   /* @raw is compressed */
  GBytes *deflated;   /* marked and compressed again */
} Job;

struct _ScholiaPdfPremark
{
  GByteArray  *pending;  /* the file from LOOK_BACK bytes before @scanned on */
  gsize        scanned;  /* nothing before here is still to be looked at */
  GThreadPool *pool;     /* NULL once the worker is done */
  GMutex       lock;
  GHashTable  *done;     /* object number → Job, guarded by @lock while the worker runs */
};

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->raw, g_bytes_unref);
  g_clear_pointer (&job->deflated, g_bytes_unref);
  g_free (job);
}

/* The whole of a /FlateDecode stream's data, NULL unless it ends exactly where the data does:
 * anything else is not a stream cairo wrote whole. */
static GBytes *
inflate_all (GBytes *raw)
{
  z_stream stream = { 0 };
  gsize length;
  const guchar *data = g_bytes_get_data (raw, &length);
  GByteArray *out;
  int status = Z_OK;

  if (inflateInit (&stream) != Z_OK)
    return NULL;
  out = g_byte_array_sized_new (4 * length + 64);
  stream.next_in = (Bytef *) data;
  stream.avail_in = length;
  while (status == Z_OK)
    {
      gsize used = out->len;

      g_byte_array_set_size (out, MAX (2 * used, used + 4096));
      stream.next_out = out->data + used;
      stream.avail_out = out->len - used;
      status = inflate (&stream, Z_NO_FLUSH);
      g_byte_array_set_size (out, out->len - stream.avail_out);
    }
  inflateEnd (&stream);
  if (status != Z_STREAM_END || stream.avail_in != 0)
    {
      g_byte_array_unref (out);
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}

/* In the worker: a stream that cannot be read or marked is left for the end, which says why. */
static void
mark_job (gpointer data,
          gpointer user_data)
{
  Job *job = data;
  ScholiaPdfPremark *premark = user_data;
  g_autoptr(GBytes) content = job->inflate ? inflate_all (job->raw) : g_bytes_ref (job->raw);
  g_autoptr(GBytes) marked = NULL;
  gsize length;

  g_clear_pointer (&job->raw, g_bytes_unref);
  if (content != NULL)
    {
      const char *decoded = g_bytes_get_data (content, &length);

      marked = scholia_pdf_mark_artifacts (decoded, length, NULL);
    }
  if (marked != NULL)
    {
      const char *text = g_bytes_get_data (marked, &length);

      job->deflated = scholia_pdf_update_deflate (text, length, NULL);
    }
  if (job->deflated == NULL)
    {
      job_free (job);
      return;
    }
  g_mutex_lock (&premark->lock);
  g_hash_table_replace (premark->done, GUINT_TO_POINTER (job->number), job);
  g_mutex_unlock (&premark->lock);
}

ScholiaPdfPremark *
scholia_pdf_premark_new (void)
{
  ScholiaPdfPremark *premark = g_new0 (ScholiaPdfPremark, 1);

  premark->pending = g_byte_array_new ();
  g_mutex_init (&premark->lock);
  premark->done = g_hash_table_new_full (NULL, NULL, NULL, job_free);
  /* One worker: the thread drawing the pages keeps the other core busy. */
  premark->pool = g_thread_pool_new_full (mark_job, premark, job_free, 1, FALSE, NULL);
  return premark;
}

void
scholia_pdf_premark_free (ScholiaPdfPremark *premark)
{
  if (premark == NULL)
    return;
  /* The streams still queued are dropped, the one being marked finished. */
  if (premark->pool != NULL)
    g_thread_pool_free (premark->pool, TRUE, TRUE);
  g_byte_array_unref (premark->pending);
  g_hash_table_unref (premark->done);
  g_mutex_clear (&premark->lock);
  g_free (premark);
}

/* Whether the dictionary @dict … @end names only what a page's content stream has; @deflated
 * says whether it is compressed. */
static gboolean
is_content_dictionary (const guchar *dict,
                       const guchar *end,
                       gboolean     *deflated)
{
  static const char *const allowed[] = { "Length", "Filter", "FlateDecode" };

  *deflated = FALSE;
  for (const guchar *at = dict; at < end; at++)
    {
      const guchar *name = at + 1;
      guint i;

      if (*at != '/')
        continue;
      for (at = name; at < end && g_ascii_isalnum (*at); at++)
        ;
      for (i = 0; i < G_N_ELEMENTS (allowed); i++)
        if ((gsize) (at - name) == strlen (allowed[i]) && memcmp (name, allowed[i], at - name) == 0)
          break;
      if (i == G_N_ELEMENTS (allowed))
        return FALSE;
      *deflated = *deflated || i == 2;
      at--;
    }
  return TRUE;
}

/* The object number before " obj" at @obj, or 0. */
static guint
object_number (const guchar *start,
               const guchar *obj)
{
  const guchar *at = obj;
  guint64 number;

  /* Back over the generation, then the number. */
  for (int field = 0; field < 2; field++)
    {
      while (at > start && at[-1] == ' ')
        at--;
      if (at == start || !g_ascii_isdigit (at[-1]))
        return 0;
      while (at > start && g_ascii_isdigit (at[-1]))
        at--;
    }
  number = g_ascii_strtoull ((const char *) at, NULL, 10);
  return number > 0 && number <= G_MAXUINT ? (guint) number : 0;
}

/* The stream whose dictionary ends at @keyword and whose data runs from @data to @end (where
 * "endstream" is) is given to the worker when it is a page's content. */
static void
take_stream (ScholiaPdfPremark *premark,
             const guchar      *keyword,
             const guchar      *data,
             const guchar      *end)
{
  const guchar *start = premark->pending->data;
  const guchar *floor = keyword - MIN ((gsize) (keyword - start), LOOK_BACK);
  const guchar *obj = NULL;
  Job *job;
  guint number;
  gboolean deflated;

  for (const guchar *at = keyword; at - floor >= 4 && obj == NULL; at--)
    if (memcmp (at - 4, " obj", 4) == 0)
      obj = at - 4;
  if (obj == NULL || (number = object_number (floor, obj)) == 0 || !is_content_dictionary (obj + 4, keyword, &deflated))
    return;
  /* The data ends a line before "endstream". */
  if (end > data && end[-1] == '\n')
    end--;
  if (end > data && end[-1] == '\r')
    end--;

  job = g_new0 (Job, 1);
  job->number = number;
  job->length = end - data;
  job->raw = g_bytes_new (data, end - data);
  job->inflate = deflated;
  g_thread_pool_push (premark->pool, job, NULL);
}

void
scholia_pdf_premark_feed (ScholiaPdfPremark *premark,
                          const guchar      *data,
                          gsize              length)
{
  gsize keyword_length = strlen (STREAM_KEYWORD);

  if (premark->pool == NULL)
    return;
  g_byte_array_append (premark->pending, data, length);
  for (;;)
    {
      const guchar *start = premark->pending->data;
      gsize size = premark->pending->len;
      const guchar *keyword = memmem (start + premark->scanned, size - premark->scanned, STREAM_KEYWORD,
                                      keyword_length);
      const guchar *stream_data, *end;

      if (keyword == NULL)
        {
          /* The keyword may begin in what was fed last. */
          premark->scanned = MAX (premark->scanned, size - MIN (size, keyword_length - 1));
          break;
        }
      stream_data = keyword + keyword_length;
      end = memmem (stream_data, start + size - stream_data, END_KEYWORD, strlen (END_KEYWORD));
      if (end == NULL)
        {
          premark->scanned = keyword - start;
          break;
        }
      take_stream (premark, keyword, stream_data, end);
      premark->scanned = end + strlen (END_KEYWORD) - start;
    }
  if (premark->scanned > LOOK_BACK)
    {
      g_byte_array_remove_range (premark->pending, 0, premark->scanned - LOOK_BACK);
      premark->scanned = LOOK_BACK;
    }
}

GBytes *
scholia_pdf_premark_take (ScholiaPdfPremark *premark,
                          guint              number,
                          gsize              length)
{
  Job *job;

  if (premark->pool != NULL)
    {
      g_thread_pool_free (premark->pool, FALSE, TRUE);
      premark->pool = NULL;
      g_clear_pointer (&premark->pending, g_byte_array_unref);
      premark->pending = g_byte_array_new ();
    }
  job = g_hash_table_lookup (premark->done, GUINT_TO_POINTER (number));
  if (job == NULL || job->length != length)
    return NULL;
  return g_steal_pointer (&job->deflated);
}
