/* kanri-dkim-canon.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dkim-canon"

#include "config.h"

#include <string.h>

#include "kanri-dkim-canon.h"

/* The canonicalization algorithms of RFC 6376 §3.4, on a message whose
 * lines all end in CRLF (KanriDkimMessage makes them so). */

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* §3.4.2: the name in lower case without the white space before the colon;
 * the value unfolded, each run of WSP one space, none at either end. */
static void
canon_header_relaxed (const char *field,
                      gsize       length,
                      gsize       name_length,
                      GString    *out)
{
  gsize name_end = name_length;
  gboolean pending_space = FALSE;
  gboolean started = FALSE;

  while (name_end > 0 && is_wsp (field[name_end - 1]))
    name_end--;
  for (gsize i = 0; i < name_end; i++)
    g_string_append_c (out, g_ascii_tolower (field[i]));
  g_string_append_c (out, ':');

  for (gsize i = name_length + 1; i < length; i++)
    {
      char c = field[i];

      /* Unfolding removes the CRLF; the WSP after it joins the run. */
      if (c == '\r' && i + 1 < length && field[i + 1] == '\n')
        {
          i++;
          continue;
        }
      if (is_wsp (c))
        {
          pending_space = TRUE;
          continue;
        }
      if (pending_space && started)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      started = TRUE;
      g_string_append_c (out, c);
    }
}

/**
 * kanri_dkim_canon_header:
 * @field: one header field as written, "Name:value" with its folding but
 *   without the CRLF that ends it
 * @name_length: where its colon is
 * @crlf: whether to end it with CRLF; the signature field itself is
 *   hashed without one (RFC 6376 §3.7)
 * @out: where to append the canonical form
 */
void
kanri_dkim_canon_header (KanriDkimCanon  canon,
                         const char     *field,
                         gsize           length,
                         gsize           name_length,
                         gboolean        crlf,
                         GString        *out)
{
  if (canon == KANRI_DKIM_CANON_SIMPLE)
    g_string_append_len (out, field, length);
  else
    canon_header_relaxed (field, length, name_length, out);

  if (crlf)
    g_string_append_len (out, "\r\n", 2);
}

/* Feeds what is left of @limit of @data to @digest. */
static void
feed (KanriDkimDigest *digest,
      guint64         *budget,
      const char      *data,
      gsize            length)
{
  gsize n = (gsize)MIN ((guint64)length, *budget);

  kanri_dkim_digest_update (digest, data, n);
  *budget -= n;
}

/* §3.4.3: empty lines at the end are dropped, and a body that does not
 * end in CRLF (none at all included) gets one. */
static guint64
canon_body_simple (const char      *body,
                   gsize            length,
                   guint64          limit,
                   KanriDkimDigest *digest)
{
  gsize end = length;
  guint64 budget = limit;

  while (end >= 4 && memcmp (body + end - 4, "\r\n\r\n", 4) == 0)
    end -= 2;

  feed (digest, &budget, body, end);
  if (end >= 2 && memcmp (body + end - 2, "\r\n", 2) == 0)
    return end;

  feed (digest, &budget, "\r\n", 2);
  return (guint64)end + 2;
}

/* One line of §3.4.4: WSP at its end dropped, runs of WSP inside one
 * space. Returns the length written to @out, which holds @length bytes. */
static gsize
reduce_line (const char *line,
             gsize       length,
             char       *out)
{
  gsize n = 0;
  gboolean pending_space = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = line[i];

      if (is_wsp (c))
        {
          pending_space = TRUE;
          continue;
        }
      if (pending_space)
        out[n++] = ' ';
      pending_space = FALSE;
      out[n++] = c;
    }

  return n;
}

/* §3.4.4: each line reduced; empty lines at the end dropped; a non-empty
 * body that does not end in CRLF gets one; an empty body stays empty. The
 * lines that end up empty are counted and only written once a line with
 * text follows them. */
static guint64
canon_body_relaxed (const char      *body,
                    gsize            length,
                    guint64          limit,
                    KanriDkimDigest *digest)
{
  g_autofree char *scratch = NULL;
  char small[1024];
  guint64 budget = limit;
  guint64 total = 0;
  guint64 empty_lines = 0;
  gsize p = 0;

  while (p < length)
    {
      const char *line = body + p;
      const char *newline = memchr (line, '\n', length - p);
      gsize line_length = newline != NULL ? (gsize)(newline - line) : length - p;
      gsize text_length = line_length;
      char *out = small;
      gsize reduced;

      p += line_length + (newline != NULL);
      if (newline != NULL && text_length > 0 && line[text_length - 1] == '\r')
        text_length--;

      if (text_length > sizeof small)
        {
          g_free (scratch);
          out = scratch = g_malloc (text_length);
        }
      reduced = reduce_line (line, text_length, out);
      if (reduced == 0)
        {
          empty_lines++;
          continue;
        }

      total += empty_lines * 2;
      for (; empty_lines > 0; empty_lines--)
        feed (digest, &budget, "\r\n", 2);
      feed (digest, &budget, out, reduced);
      feed (digest, &budget, "\r\n", 2);
      total += reduced + 2;
    }

  return total;
}

/**
 * kanri_dkim_canon_body:
 * @body: the body, lines ending in CRLF
 * @limit: how many octets of the canonical body to hash (l=), or
 *   %KANRI_DKIM_NO_LIMIT
 * @digest: the body hash being computed
 *
 * Hashes the canonical body, at most @limit octets of it.
 *
 * Returns: the length of the whole canonical body, to compare with l=
 */
guint64
kanri_dkim_canon_body (KanriDkimCanon   canon,
                       const char      *body,
                       gsize            length,
                       guint64          limit,
                       KanriDkimDigest *digest)
{
  if (canon == KANRI_DKIM_CANON_SIMPLE)
    return canon_body_simple (body, length, limit, digest);

  return canon_body_relaxed (body, length, limit, digest);
}
