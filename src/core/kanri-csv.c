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

static void
append_field (GString    *out,
              const char *value)
{
  if (value == NULL)
    return;

  if (!field_needs_quotes (value))
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
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
 * Appends one RFC 4180 record terminated by CRLF.
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
