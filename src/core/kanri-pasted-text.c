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
#include "kanri-steps.h"

/* Headers copied from Outlook's "Internet headers" box, Outlook on the web, a
 * terminal, a ticket or a quoted e-mail arrive with a line of explanation
 * before them, blank lines, CRLF or lone CR line ends, "> " quoting, every
 * line indented (the first one often differently from the rest), and
 * sometimes the body after them. This finds where the header section starts
 * and undoes the quoting and the indentation, so that the header block parser
 * sees what the mail server wrote.
 *
 * The one rule that must survive all of it is RFC 5322's folding: a line that
 * starts with white space continues the field above. After the common
 * indentation is taken away, a line indented more than the fields must still
 * start with white space, and a line at the fields' indentation must not,
 * even when what it holds looks like "Name: value" (Exchange Online folds
 * X-Forefront-Antispam-Report right after its colon, so its continuation
 * reads "CIP:192.0.2.1;…"). */

typedef struct
{
  const char *start;
  gsize       length;
} Line;

/* How a line starts, once its indentation is skipped. */
typedef enum
{
  SHAPE_TEXT,
  /* "Name:value": a field, or a fold such as "CIP:192.0.2.1;" or
   * "20:00:02 +0000". */
  SHAPE_NAME_COLON,
  /* "Name: value" or "Name:" alone, as fields are written. */
  SHAPE_FIELD,
} Shape;

/* Columns of a tab, as terminals and most editors show it: what the user saw
 * decides which lines are indented more than others. */
#define TAB_WIDTH 8

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

static gsize
advance_column (gsize column,
                char  c)
{
  return c == '\t' ? (column / TAB_WIDTH + 1) * TAB_WIDTH : column + 1;
}

/* The column the text of @line starts at. */
static gsize
indent_column (const Line *line)
{
  gsize n = indentation (line);
  gsize column = 0;

  for (gsize i = 0; i < n; i++)
    column = advance_column (column, line->start[i]);

  return column;
}

static gboolean
is_blank (const Line *line)
{
  return indentation (line) == line->length;
}

/* "Name:" with a name of letters, digits, "-" and "_" only: stricter than
 * RFC 5322 on purpose, so that "h=from:to:subject" in a folded DKIM
 * signature is never mistaken for a new field. Returns the name's length and
 * sets @colon to where the colon is. */
static gsize
header_name_length (const char *text,
                    gsize       length,
                    gsize      *colon)
{
  gsize n = 0;
  gsize c;

  while (n < length && (g_ascii_isalnum (text[n]) || text[n] == '-' || text[n] == '_'))
    n++;

  c = n;
  while (c < length && is_wsp (text[c]))
    c++;

  if (n == 0 || c >= length || text[c] != ':')
    return 0;

  *colon = c;
  return n;
}

static Shape
line_shape (const Line *line)
{
  gsize indent = indentation (line);
  const char *text = line->start + indent;
  gsize length = line->length - indent;
  gsize colon = 0;

  if (header_name_length (text, length, &colon) == 0)
    return SHAPE_TEXT;

  return colon + 1 == length || is_wsp (text[colon + 1]) ? SHAPE_FIELD : SHAPE_NAME_COLON;
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

/* Lines end with CRLF, LF, or the lone CR of old Mac text and of some
 * clipboards; CRCRLF, what a second LF-to-CRLF conversion makes of CRLF, is
 * one line end too, not an empty line. */
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

      KANRI_STEP ();
      while (line_end < end && *line_end != '\n' && *line_end != '\r')
        line_end++;

      line.start = p;
      line.length = line_end - p;
      g_array_append_val (lines, line);

      if (line_end < end && *line_end == '\r')
        {
          gsize crs = 1;

          while (line_end + crs < end && line_end[crs] == '\r')
            {
              KANRI_STEP ();
              crs++;
            }

          if (line_end + crs < end && line_end[crs] == '\n')
            line_end += crs;
          else
            {
              /* Lone CRs: each after the first ends an empty line of its
               * own. The run is read once, not once per CR. */
              for (gsize i = 1; i < crs; i++)
                {
                  Line empty = { .start = line_end + i, .length = 0 };

                  KANRI_STEP ();
                  g_array_append_val (lines, empty);
                }
              line_end += crs - 1;
            }
        }
      p = line_end < end ? line_end + 1 : end;
    }

  return lines;
}

/* After one quote mark (">", with white space before it) at @p, or %NULL
 * when there is none. */
static const char *
skip_quote_mark (const char *p,
                 const char *end)
{
  while (p < end && is_wsp (*p))
    p++;

  return p < end && *p == '>' ? p + 1 : NULL;
}

/* The quote marks (">", "> > ", ">>") before a line's text. */
static guint
quote_depth (const Line *line)
{
  const char *end = line->start + line->length;
  guint depth = 0;

  for (const char *p = skip_quote_mark (line->start, end); p != NULL; p = skip_quote_mark (p, end))
    depth++;

  return depth;
}

/* @line without its first @depth quote marks, white space after them kept:
 * it is the indentation of the quoted text. FALSE when the line has fewer
 * marks, that is when it is not part of the quoted text. */
static gboolean
unquote (const Line *line,
         guint       depth,
         Line       *out)
{
  const char *p = line->start;
  const char *end = p + line->length;

  for (guint i = 0; i < depth; i++)
    {
      p = skip_quote_mark (p, end);
      if (p == NULL)
        return FALSE;
    }

  out->start = p;
  out->length = end - p;
  return TRUE;
}

static gboolean
get_line (GArray *lines,
          guint   index,
          guint   depth,
          Line   *out)
{
  return index < lines->len && unquote (&g_array_index (lines, Line, index), depth, out);
}

static gboolean
starts_header_section (GArray *lines,
                       guint   index,
                       guint   depth)
{
  Line line;
  Line next;
  gsize indent;
  gsize name_length;
  gsize colon;

  get_line (lines, index, depth, &line);
  indent = indentation (&line);
  name_length = header_name_length (line.start + indent, line.length - indent, &colon);

  if (name_length == 0)
    return FALSE;
  if (is_likely_name (line.start + indent, name_length))
    return TRUE;
  if (!get_line (lines, index + 1, depth, &next) || is_blank (&next))
    return FALSE;

  /* A continuation line, or another field at the same indentation. */
  return indent_column (&next) > indent_column (&line) ||
         (indent_column (&next) == indent_column (&line) && line_shape (&next) != SHAPE_TEXT);
}

/* The first line from @index on that is not whitespace-only, or where the
 * quoted text ends. */
static guint
skip_blank_lines (GArray *lines,
                  guint   index,
                  guint   depth)
{
  Line line;

  while (get_line (lines, index, depth, &line) && line.length > 0 && is_blank (&line))
    {
      KANRI_STEP ();
      index++;
    }

  return index;
}

/* Whitespace-only lines are not the empty line that ends a header section
 * (RFC 5322 reads them as obsolete folding white space, as the header block
 * parser does), and pastes put them between fields. They end the headers
 * only where the headers evidently end: when the line @next after them is
 * neither a field nor indented deeper than @base. */
static gboolean
blank_lines_end_headers (GArray *lines,
                         guint   next,
                         guint   depth,
                         gsize   base)
{
  Line line;

  if (!get_line (lines, next, depth, &line) || line.length == 0)
    return TRUE;

  return line_shape (&line) == SHAPE_TEXT && indent_column (&line) <= base;
}

/* The column the fields start at: the least indented line after the first
 * that is written as a field is ("Name: value" or "Name:" alone), up to the
 * empty line that ends the headers (whitespace-only lines do not end them
 * here: before the fields' column is known, a fold after one cannot be told
 * from a body). The first line is left out: a selection that starts at
 * the text rather than at the margin indents it differently from the rest.
 * Folds such as "CIP:192.0.2.1;" or "20:00:02 +0000" look like fields but
 * have no space after the colon; they are left out too, so that a fold never
 * lowers the fields' indentation. Without another field, the first line
 * gives it. */
static gsize
common_indentation (GArray *lines,
                    guint   first,
                    guint   depth)
{
  gsize base = G_MAXSIZE;
  Line line;

  for (guint i = first + 1; get_line (lines, i, depth, &line); i++)
    {
      KANRI_STEP ();
      if (line.length == 0)
        break;
      if (line_shape (&line) == SHAPE_FIELD)
        base = MIN (base, indent_column (&line));
    }

  if (base == G_MAXSIZE)
    {
      get_line (lines, first, depth, &line);
      base = indent_column (&line);
    }

  return base;
}

/* @line without the first @base columns of its indentation: a continuation
 * keeps the white space that goes beyond them, so that it still starts with
 * white space; a tab that reaches past @base stays whole. */
static void
append_dedented (GString    *out,
                 const Line *line,
                 gsize       base)
{
  gsize column = 0;
  gsize skip = 0;

  while (skip < line->length && is_wsp (line->start[skip]) &&
         advance_column (column, line->start[skip]) <= base)
    column = advance_column (column, line->start[skip++]);

  g_string_append_len (out, line->start + skip, line->length - skip);
  g_string_append_c (out, '\n');
}

/* A line of the header section, written as the header block parser reads
 * it: a field at the margin, a continuation indented. */
static void
append_header_line (GString    *out,
                    const Line *line,
                    gsize       base)
{
  gsize column = indent_column (line);
  gsize indent = indentation (line);
  Shape shape = line_shape (line);

  if (column > base)
    {
      append_dedented (out, line, base);
      return;
    }

  /* Less indented than the fields and not written as one: a continuation
   * whose indentation the paste flattened. Prose at the fields' column or at
   * the margin is a body glued to the headers, where the parser stops. */
  if (shape != SHAPE_FIELD && column < base && !(column == 0 && shape == SHAPE_TEXT))
    g_string_append_c (out, ' ');

  g_string_append_len (out, line->start + indent, line->length - indent);
  g_string_append_c (out, '\n');
}

static guint
find_first_header_line (GArray *lines,
                        guint  *depth)
{
  for (guint i = 0; i < lines->len; i++)
    {
      KANRI_STEP ();
      *depth = quote_depth (&g_array_index (lines, Line, i));
      if (starts_header_section (lines, i, *depth))
        return i;
    }

  return lines->len;
}

/**
 * kanri_pasted_text_clean:
 * @text: pasted text, valid UTF-8
 * @length: its length
 * @clean_length: (out): the length of the result
 *
 * Returns: (transfer full) (nullable): the text from the first header line
 *   on, as far as it is quoted as deeply as that line, with "\n" line ends,
 *   the quote marks and the common indentation removed, whitespace-only lines
 *   inside the header section dropped and the others emptied; %NULL when no
 *   header line was found
 */
char *
kanri_pasted_text_clean (const char *text,
                         gsize       length,
                         gsize      *clean_length)
{
  g_autoptr(GArray) lines = NULL;
  GString *out;
  gboolean in_body = FALSE;
  guint depth = 0;
  guint first;
  gsize base;
  Line line;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (clean_length != NULL, NULL);

  lines = split_lines (text, length);
  first = find_first_header_line (lines, &depth);
  if (first == lines->len)
    return NULL;

  base = common_indentation (lines, first, depth);
  out = g_string_sized_new (length);

  get_line (lines, first, depth, &line);
  g_string_append_len (out, line.start + indentation (&line), line.length - indentation (&line));
  g_string_append_c (out, '\n');

  for (guint i = first + 1; get_line (lines, i, depth, &line); i++)
    {
      KANRI_STEP ();
      if (line.length == 0 || (in_body && is_blank (&line)))
        {
          g_string_append_c (out, '\n');
          in_body = TRUE;
          continue;
        }

      /* A run of whitespace-only lines is judged once, by what follows it. */
      if (is_blank (&line))
        {
          guint next = skip_blank_lines (lines, i, depth);

          if (blank_lines_end_headers (lines, next, depth, base))
            {
              g_string_append_c (out, '\n');
              in_body = TRUE;
            }
          i = next - 1;
          continue;
        }

      if (in_body)
        append_dedented (out, &line, base);
      else
        append_header_line (out, &line, base);
    }

  *clean_length = out->len;
  return g_string_free (out, FALSE);
}

/* How far ahead of the line at hand kanri_pasted_text_is_as_written()
 * looks for a CR: little read past the header section. */
#define CR_WINDOW 1024

/**
 * kanri_pasted_text_is_as_written:
 * @text: text that may start with a header section
 * @length: its length
 *
 * Whether @text starts with a header section as a mail server writes it, so
 * that it can be read as it is: a field at the margin on the first line, the
 * other fields at the margin too, and LF or CRLF line ends up to the empty
 * line that ends the section. Anything else needs kanri_pasted_text_clean().
 *
 * Returns: %TRUE when @text needs no cleaning
 */
gboolean
kanri_pasted_text_is_as_written (const char *text,
                                 gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  gboolean first = TRUE;
  gboolean any_field = FALSE;
  gboolean field_at_margin = FALSE;
  /* [text, no_cr_until) holds no CR; a CR found ahead is at no_cr_until. */
  const char *no_cr_until = text;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  /* Every stored message goes through this test, so it reads the lines in
   * one pass, as split_lines() with header_only and common_indentation()
   * would, without building the array of lines: any CR that is not part of
   * a CRLF is an odd line end and the answer is no at once, and the common
   * indentation is 0 exactly when some field after the first line is at
   * the margin, or when there is no such field at all. */
  if (length == 0)
    return FALSE;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline != NULL ? newline : end;
      const char *cr;
      Line line;

      KANRI_STEP ();
      /* memchr() rather than a loop over the bytes: the lines are long
       * (ARC seals, antispam reports) and CRs are rare or right before LF.
       * With LF line ends, a search a kilobyte ahead covers many lines. */
      if (line_end > no_cr_until)
        {
          const char *limit = (gsize)(end - line_end) > CR_WINDOW ? line_end + CR_WINDOW : end;

          cr = memchr (no_cr_until, '\r', limit - no_cr_until);
          no_cr_until = cr != NULL ? cr : limit;
        }
      cr = no_cr_until < line_end ? no_cr_until : NULL;
      if (cr != NULL && (newline == NULL || cr != newline - 1))
        return FALSE;

      line.start = p;
      line.length = (cr != NULL ? cr : line_end) - p;
      p = newline != NULL ? newline + 1 : end;
      /* Past a CRLF, nothing ahead is known. */
      if (cr != NULL)
        no_cr_until = p;

      if (first)
        {
          if (indentation (&line) != 0 || line_shape (&line) == SHAPE_TEXT)
            return FALSE;
          first = FALSE;
          continue;
        }

      if (line.length == 0)
        break;

      if (!field_at_margin && line_shape (&line) == SHAPE_FIELD)
        {
          any_field = TRUE;
          field_at_margin = indent_column (&line) == 0;
        }
    }

  return !any_field || field_at_margin;
}
