/* kanri-pasted-text.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-pasted-text"

#include "config.h"

#include <string.h>

#include "kanri-pasted-text.h"

/* Headers copied from Outlook's "Internet headers" box, a web page or a
 * ticket arrive with a line of explanation before them, blank lines, CRLF,
 * every line indented by the same amount, and sometimes the body after them.
 * This finds where the header section starts and undoes the indentation, so
 * that the header block parser sees what the mail server wrote. */

typedef struct
{
  const char *start;
  gsize       length;
} Line;

/* Names that start a header section in practice; any other name must be
 * followed by a second header line to count, so that a line of prose such
 * as "Note: see below" is not taken for a header. */
static const char *const likely_names[] = {
  "Received", "Return-Path", "Delivered-To", "From", "To", "Cc", "Subject",
  "Date", "Message-ID", "MIME-Version", "Content-Type", "Authentication-Results",
  "DKIM-Signature", "Reply-To", "Sender", "Thread-Topic", "Thread-Index",
  "Received-SPF",
};

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

static gsize
indentation (const Line *line)
{
  gsize n = 0;

  while (n < line->length && is_wsp (line->start[n]))
    n++;

  return n;
}

static gboolean
is_blank (const Line *line)
{
  return indentation (line) == line->length;
}

/* "Name:" with a name of letters, digits, "-" and "_" only: stricter than
 * RFC 5322 on purpose, so that "h=from:to:subject" in a folded DKIM
 * signature is never mistaken for a new field. */
static gsize
header_name_length (const char *text,
                    gsize       length)
{
  gsize n = 0;
  gsize colon;

  while (n < length && (g_ascii_isalnum (text[n]) || text[n] == '-' || text[n] == '_'))
    n++;

  colon = n;
  while (colon < length && is_wsp (text[colon]))
    colon++;

  return n > 0 && colon < length && text[colon] == ':' ? n : 0;
}

static gboolean
is_likely_name (const char *name,
                gsize       length)
{
  if (length > 2 && (g_ascii_strncasecmp (name, "X-", 2) == 0))
    return TRUE;
  if (length > 4 && (g_ascii_strncasecmp (name, "ARC-", 4) == 0))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (likely_names); i++)
    {
      if (strlen (likely_names[i]) == length && g_ascii_strncasecmp (name, likely_names[i], length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Lines end with CRLF, LF, or the lone CR of old Mac text. */
static GArray *
split_lines (const char *text,
             gsize       length)
{
  GArray *lines = g_array_sized_new (FALSE, FALSE, sizeof (Line), 128);
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *line_end = p;
      Line line;

      while (line_end < end && *line_end != '\n' && *line_end != '\r')
        line_end++;

      line.start = p;
      line.length = line_end - p;
      g_array_append_val (lines, line);

      if (line_end < end && *line_end == '\r' && line_end + 1 < end && line_end[1] == '\n')
        line_end++;
      p = line_end < end ? line_end + 1 : end;
    }

  return lines;
}

static gboolean
starts_header_section (GArray *lines,
                       guint   index)
{
  const Line *line = &g_array_index (lines, Line, index);
  gsize indent = indentation (line);
  gsize name_length = header_name_length (line->start + indent, line->length - indent);
  const Line *next;
  gsize next_indent;

  if (name_length == 0)
    return FALSE;
  if (is_likely_name (line->start + indent, name_length))
    return TRUE;
  if (index + 1 >= lines->len)
    return FALSE;

  next = &g_array_index (lines, Line, index + 1);
  next_indent = indentation (next);
  if (is_blank (next))
    return FALSE;

  /* A continuation line, or another field at the same indentation. */
  return next_indent > indent ||
         (next_indent == indent && header_name_length (next->start + indent, next->length - indent) > 0);
}

/**
 * kanri_pasted_text_clean:
 * @text: pasted text, valid UTF-8
 * @length: its length
 * @clean_length: (out): the length of the result
 *
 * Returns: (transfer full) (nullable): the text from the first header line
 *   on, with "\n" line ends, the common indentation removed and
 *   whitespace-only lines emptied; %NULL when no header line was found
 */
char *
kanri_pasted_text_clean (const char *text,
                         gsize       length,
                         gsize      *clean_length)
{
  g_autoptr(GArray) lines = NULL;
  GString *out;
  guint first = 0;
  gsize base;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (clean_length != NULL, NULL);

  lines = split_lines (text, length);

  while (first < lines->len && !starts_header_section (lines, first))
    first++;
  if (first == lines->len)
    return NULL;

  base = indentation (&g_array_index (lines, Line, first));
  out = g_string_sized_new (length);

  for (guint i = first; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      gsize indent = indentation (line);
      const char *content = line->start + indent;
      gsize content_length = line->length - indent;

      if (content_length == 0)
        {
          g_string_append_c (out, '\n');
          continue;
        }

      if (indent > base)
        {
          /* Deeper than the first field: a folded continuation. */
          g_string_append_len (out, line->start + base, line->length - base);
        }
      else if (indent == 0 || header_name_length (content, content_length) > 0)
        {
          g_string_append_len (out, content, content_length);
        }
      else
        {
          /* Less indented than the first field but not a field: a
           * continuation whose indentation the paste flattened. */
          g_string_append_c (out, ' ');
          g_string_append_len (out, content, content_length);
        }

      g_string_append_c (out, '\n');
    }

  *clean_length = out->len;
  return g_string_free (out, FALSE);
}
