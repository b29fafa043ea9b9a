/* kanri-dkim-message.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dkim-message"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-dkim-message.h"

/* A message as signatures see it: its octets, not a decoded view. The
 * header section is split into fields exactly as written and the body is
 * kept whole, so that canonicalization (RFC 6376 §3.4) works on what the
 * signer signed. A file saved on Unix ends its lines in LF alone: those
 * become CRLF, the line end of mail on the wire (RFC 5322 §2.1), as every
 * verifier does for messages read from disk. */

typedef struct
{
  KanriDkimCanon canon;
  KanriDkimHash  hash;
  guint64        limit;
  guint64        canonical_length;
  gsize          size;
  guint8         digest[KANRI_DKIM_DIGEST_MAX];
} BodyHash;

/* DKIM and ARC signatures of one message mostly share their body
 * canonicalization and hash: each different one is computed once. */
#define MAX_BODY_HASHES 8

struct _KanriDkimMessage
{
  GObject   parent_instance;

  char     *data;
  gsize     length;
  GArray   *fields;
  gboolean  has_body;
  gsize     body_offset;

  BodyHash  body_hashes[MAX_BODY_HASHES];
  guint     n_body_hashes;
};

G_DEFINE_FINAL_TYPE (KanriDkimMessage, kanri_dkim_message, G_TYPE_OBJECT)

G_DEFINE_QUARK (kanri-dkim-message-error-quark, kanri_dkim_message_error)

static void
clear_field (gpointer data)
{
  KanriDkimField *field = data;

  g_free (field->name);
}

static void
kanri_dkim_message_finalize (GObject *object)
{
  KanriDkimMessage *self = (KanriDkimMessage *)object;

  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->data, g_free);

  G_OBJECT_CLASS (kanri_dkim_message_parent_class)->finalize (object);
}

static void
kanri_dkim_message_class_init (KanriDkimMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kanri_dkim_message_finalize;
}

static void
kanri_dkim_message_init (KanriDkimMessage *self)
{
  self->fields = g_array_sized_new (FALSE, FALSE, sizeof (KanriDkimField), 64);
  g_array_set_clear_func (self->fields, clear_field);
}

/* A copy with every LF not after a CR preceded by one. */
static char *
to_crlf (const char *data,
         gsize       length,
         gsize      *out_length)
{
  gsize bare = 0;
  char *out;
  gsize n = 0;

  for (const char *p = memchr (data, '\n', length); p != NULL;
       p = memchr (p + 1, '\n', length - (p + 1 - data)))
    {
      if (p == data || p[-1] != '\r')
        bare++;
    }

  out = g_malloc (length + bare + 1);
  if (bare == 0)
    memcpy (out, data, length);
  else
    {
      for (gsize i = 0; i < length; i++)
        {
          if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
            out[n++] = '\r';
          out[n++] = data[i];
        }
    }

  *out_length = length + bare;
  out[*out_length] = '\0';
  return out;
}

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* ftext (RFC 5322 §3.6.8): printable US-ASCII but the colon. */
static gboolean
is_ftext (guchar c)
{
  return c >= 33 && c <= 126 && c != ':';
}

/* The end of the line at @p, before its CRLF (or the end of the data). */
static gsize
line_end (const char *data,
          gsize       length,
          gsize       p)
{
  const char *crlf;

  while ((crlf = memchr (data + p, '\r', length - p)) != NULL)
    {
      gsize at = crlf - data;

      if (at + 1 < length && data[at + 1] == '\n')
        return at;
      p = at + 1;
    }

  return length;
}

static gboolean
set_malformed (GError **error,
               guint    line)
{
  g_set_error (error, KANRI_DKIM_MESSAGE_ERROR, KANRI_DKIM_MESSAGE_ERROR_MALFORMED,
               _("line %u of the header section is neither a header field nor the fold of one"),
               line);
  return FALSE;
}

static gboolean
start_field (KanriDkimMessage  *self,
             gsize              start,
             gsize              end,
             guint              line,
             GError           **error)
{
  KanriDkimField field = { 0 };
  gsize colon = start;
  gsize name_end;

  while (colon < end && is_ftext ((guchar)self->data[colon]))
    colon++;
  name_end = colon;
  while (colon < end && is_wsp (self->data[colon]))
    colon++;
  if (colon >= end || self->data[colon] != ':' || name_end == start)
    return set_malformed (error, line);

  field.field = self->data + start;
  field.length = end - start;
  field.name_length = colon - start;
  field.name = g_strndup (field.field, name_end - start);
  g_array_append_val (self->fields, field);
  return TRUE;
}

static gboolean
split (KanriDkimMessage  *self,
       gsize              p,
       GError           **error)
{
  guint line = 1;

  while (p < self->length)
    {
      gsize end = line_end (self->data, self->length, p);

      if (end == p)
        {
          /* The empty line: the body follows it (RFC 5322 §2.1). */
          self->has_body = TRUE;
          self->body_offset = MIN (p + 2, self->length);
          return TRUE;
        }

      if (is_wsp (self->data[p]))
        {
          KanriDkimField *field;

          if (self->fields->len == 0)
            return set_malformed (error, line);
          field = &g_array_index (self->fields, KanriDkimField, self->fields->len - 1);
          field->length = end - (field->field - self->data);
        }
      else if (!start_field (self, p, end, line, error))
        return FALSE;

      p = end + 2;
      line++;
    }

  return TRUE;
}

/**
 * kanri_dkim_message_new:
 * @data: a message as received, header section and body
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with
 *   %KANRI_DKIM_MESSAGE_ERROR_MALFORMED when a line of its header section
 *   is not a field; a message that ends within its header section has no
 *   body (kanri_dkim_message_has_body())
 */
KanriDkimMessage *
kanri_dkim_message_new (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(KanriDkimMessage) self = g_object_new (KANRI_TYPE_DKIM_MESSAGE, NULL);
  gsize start = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self->data = to_crlf (data != NULL ? data : "", length, &self->length);

  /* A byte order mark, then an mbox "From " line (RFC 4155), are the
   * file's, not the message's. */
  if (self->length >= 3 && memcmp (self->data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  if (self->length - start >= 5 && memcmp (self->data + start, "From ", 5) == 0)
    start = MIN (line_end (self->data, self->length, start) + 2, self->length);

  if (!split (self, start, error))
    return NULL;

  return g_steal_pointer (&self);
}

guint
kanri_dkim_message_get_n_fields (KanriDkimMessage *self)
{
  g_return_val_if_fail (KANRI_IS_DKIM_MESSAGE (self), 0);

  return self->fields->len;
}

/**
 * kanri_dkim_message_get_field:
 *
 * Returns: (transfer none): the field at @index, top first
 */
const KanriDkimField *
kanri_dkim_message_get_field (KanriDkimMessage *self,
                              guint             index)
{
  g_return_val_if_fail (KANRI_IS_DKIM_MESSAGE (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return &g_array_index (self->fields, KanriDkimField, index);
}

/**
 * kanri_dkim_message_has_body:
 *
 * Returns: whether the header section ended with an empty line, so that
 *   what follows it (possibly nothing) is the body
 */
gboolean
kanri_dkim_message_has_body (KanriDkimMessage *self)
{
  g_return_val_if_fail (KANRI_IS_DKIM_MESSAGE (self), FALSE);

  return self->has_body;
}

/**
 * kanri_dkim_message_body_hash:
 * @limit: the l= of the signature, or %KANRI_DKIM_NO_LIMIT
 * @out: room for %KANRI_DKIM_DIGEST_MAX bytes
 * @canonical_length: (out): the length of the whole canonical body
 *
 * Returns: the size of the body hash written to @out
 */
gsize
kanri_dkim_message_body_hash (KanriDkimMessage *self,
                              KanriDkimCanon    canon,
                              KanriDkimHash     hash,
                              guint64           limit,
                              guint8           *out,
                              guint64          *canonical_length)
{
  KanriDkimDigest digest;
  BodyHash *entry;

  g_return_val_if_fail (KANRI_IS_DKIM_MESSAGE (self), 0);

  for (guint i = 0; i < self->n_body_hashes; i++)
    {
      entry = &self->body_hashes[i];
      if (entry->canon == canon && entry->hash == hash && entry->limit == limit)
        {
          memcpy (out, entry->digest, entry->size);
          *canonical_length = entry->canonical_length;
          return entry->size;
        }
    }

  entry = &self->body_hashes[MIN (self->n_body_hashes, MAX_BODY_HASHES - 1)];
  if (self->n_body_hashes < MAX_BODY_HASHES)
    self->n_body_hashes++;

  kanri_dkim_digest_init (&digest, hash);
  entry->canonical_length = kanri_dkim_canon_body (canon, self->data + self->body_offset,
                                                   self->length - self->body_offset, limit, &digest);
  entry->canon = canon;
  entry->hash = hash;
  entry->limit = limit;
  entry->size = kanri_dkim_digest_finish (&digest, entry->digest);

  memcpy (out, entry->digest, entry->size);
  *canonical_length = entry->canonical_length;
  return entry->size;
}

/**
 * kanri_dkim_field_is:
 *
 * Returns: whether @field is named @name; names are case-insensitive
 */
gboolean
kanri_dkim_field_is (const KanriDkimField *field,
                     const char           *name)
{
  return g_ascii_strcasecmp (field->name, name) == 0;
}
