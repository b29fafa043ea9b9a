/* kanri-csv.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-csv"

#include "config.h"

#include <string.h>

#include "kanri-csv.h"

static gboolean
field_needs_quotes (const char *value)
{
  /* RFC 4180 §2.6: fields holding a comma, a double quote or a line break
   * must be enclosed in double quotes. Leading or trailing spaces are quoted
   * too, so that spreadsheet importers that trim unquoted fields keep them. */
  gsize len = strlen (value);

  if (len == 0)
    return FALSE;

  return strpbrk (value, ",\"\r\n") != NULL || value[0] == ' ' || value[len - 1] == ' ';
}

static gboolean
is_plain_number (const char *value)
{
  const char *p = value;

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

static gboolean
field_starts_formula (const char *value)
{
  /* Excel, LibreOffice and Google Sheets run a cell that starts with one of
   * these as a formula ("=HYPERLINK(...)" in a display name exfiltrates the
   * sheet: OWASP, "CSV Injection"). A tab or carriage return first hides
   * the character that follows from a quick look. A plain number such as
   * "-1" is not a formula and stays a number. */
  if (value[0] == '\0' || strchr ("=+-@\t\r", value[0]) == NULL)
    return FALSE;

  return !is_plain_number (value);
}

static void
append_field (GString    *out,
              const char *value)
{
  gboolean formula;

  if (value == NULL)
    return;

  formula = field_starts_formula (value);
  if (!formula && !field_needs_quotes (value))
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  /* OWASP's mitigation: a leading apostrophe makes the spreadsheet read the
   * cell as text, and it shows the value as written. */
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      /* RFC 4180 §2.7: a double quote inside a quoted field is doubled. */
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * kanri_csv_append_row:
 * @out: the buffer to append to
 * @fields: (array length=n_fields): the fields; %NULL is an empty field
 * @n_fields: how many fields
 *
 * Appends one RFC 4180 record terminated by CRLF. A field a spreadsheet
 * would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return, and is not a plain number) is written quoted, after an
 * apostrophe, so that opening the export never runs what a mailbox's
 * display name or an error message put there.
 */
void
kanri_csv_append_row (GString           *out,
                      const char *const *fields,
                      gsize              n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}
