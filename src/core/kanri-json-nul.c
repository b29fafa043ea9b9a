/* kanri-json-nul.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-json-nul"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-json-nul.h"

/* NUL octets of JSON strings, carried through json-glib.
 *
 * JSON writes a NUL in a string as "\u0000", and json-glib ends every
 * string at its first NUL: "v=spf1 a:foo.example.com\u0000" would read as a
 * valid record. So before parsing, each "\u0000" becomes the escape of a
 * stand-in, a private-use character (U+E000 to U+F8FF) that the text does
 * not otherwise hold, written with the same six characters so that
 * json-glib's line:column positions stay true; strings read back from the
 * tree turn the stand-in into NUL again. Since the stand-in appears nowhere
 * else, every one of them was a NUL. */

#define FIRST_STAND_IN 0xE000
#define LAST_STAND_IN  0xF8FF

typedef struct
{
  guint8  used[(LAST_STAND_IN - FIRST_STAND_IN + 1) / 8 + 1];
  GArray *nul_escapes;
} Scan;

static void
mark_used (Scan     *scan,
           gunichar  c)
{
  if (c >= FIRST_STAND_IN && c <= LAST_STAND_IN)
    scan->used[(c - FIRST_STAND_IN) / 8] |= 1 << ((c - FIRST_STAND_IN) % 8);
}

static gboolean
is_used (const Scan *scan,
         gunichar    c)
{
  return (scan->used[(c - FIRST_STAND_IN) / 8] & (1 << ((c - FIRST_STAND_IN) % 8))) != 0;
}

static gboolean
read_hex4 (const char *p,
           gunichar   *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      *value = *value * 16 + g_ascii_xdigit_value (p[i]);
    }
  return TRUE;
}

/* Notes the private-use characters the text holds, raw or escaped, and
 * where its "\u0000" escapes are. A backslash only ever starts an escape in
 * valid JSON, and pairing them off keeps "\\u0000" (a backslash, then
 * "u0000") from counting; invalid JSON is json-glib's to refuse. */
static void
scan_text (Scan       *scan,
           const char *data,
           gsize       length)
{
  const char *end = data + length;
  const char *p = data;

  while (p < end)
    {
      gunichar c;

      if (*p == '\\' && end - p >= 6 && p[1] == 'u' && read_hex4 (p + 2, &c))
        {
          if (c == 0)
            {
              gsize offset = p - data;

              g_array_append_val (scan->nul_escapes, offset);
            }
          mark_used (scan, c);
          p += 6;
        }
      else if (*p == '\\')
        {
          p += MIN (2, end - p);
        }
      else if ((c = g_utf8_get_char_validated (p, end - p)) < (gunichar) -2)
        {
          mark_used (scan, c);
          p = g_utf8_next_char (p);
        }
      else
        {
          p++;
        }
    }
}

/**
 * kanri_json_nul_mask:
 * @data: JSON text
 * @length: the length of @data
 * @masked: (out) (transfer full) (optional): a copy of @data with its
 *   "\u0000" escapes replaced, or %NULL when it has none
 * @stand_in: (out caller-allocates): the UTF-8 of the character that stands
 *   for NUL in the parsed strings, or "" when @data has no "\u0000"
 * @error: return location for a %G_IO_ERROR_INVALID_DATA error
 *
 * Prepares @data for json-glib so that NUL octets in its strings can be
 * restored with kanri_json_nul_restore().
 *
 * Returns: %FALSE, with @error set, only when @data holds a "\u0000" and
 *   every private-use character that could stand in for it
 */
gboolean
kanri_json_nul_mask (const char  *data,
                     gsize        length,
                     char       **masked,
                     char         stand_in[KANRI_JSON_NUL_STAND_IN_SIZE],
                     GError     **error)
{
  g_autoptr(GArray) nul_escapes = g_array_new (FALSE, FALSE, sizeof (gsize));
  Scan scan = { .nul_escapes = nul_escapes };
  g_autofree char *copy = NULL;
  char hex[5];
  gunichar c;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (stand_in != NULL, FALSE);

  stand_in[0] = '\0';
  if (masked != NULL)
    *masked = NULL;

  scan_text (&scan, data, length);
  if (nul_escapes->len == 0)
    return TRUE;

  for (c = FIRST_STAND_IN; c <= LAST_STAND_IN && is_used (&scan, c); c++)
    ;
  if (c > LAST_STAND_IN)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The text holds a NUL (\\u0000) and every private-use character "
                             "from U+E000 to U+F8FF, so its NUL cannot be kept"));
      return FALSE;
    }

  stand_in[g_unichar_to_utf8 (c, stand_in)] = '\0';
  if (masked == NULL)
    return TRUE;

  g_snprintf (hex, sizeof hex, "%04X", c);
  copy = g_memdup2 (data, length);
  for (guint i = 0; i < nul_escapes->len; i++)
    memcpy (copy + g_array_index (nul_escapes, gsize, i) + 2, hex, 4);
  *masked = g_steal_pointer (&copy);
  return TRUE;
}

/**
 * kanri_json_nul_holds:
 * @stand_in: what kanri_json_nul_mask() gave
 * @text: a string read from the parsed JSON
 *
 * Returns: whether @text held a NUL in the JSON text
 */
gboolean
kanri_json_nul_holds (const char *stand_in,
                      const char *text)
{
  g_return_val_if_fail (stand_in != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return stand_in[0] != '\0' && strstr (text, stand_in) != NULL;
}

/**
 * kanri_json_nul_restore:
 * @stand_in: what kanri_json_nul_mask() gave
 * @text: a string read from the parsed JSON
 * @length: (out): the length of the result, NUL octets included
 *
 * Returns: (transfer full): @text with its NUL octets back, nul-terminated
 *   after @length bytes
 */
char *
kanri_json_nul_restore (const char *stand_in,
                        const char *text,
                        gsize      *length)
{
  GString *restored;
  const char *p = text;
  const char *found;

  g_return_val_if_fail (stand_in != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  if (!kanri_json_nul_holds (stand_in, text))
    {
      *length = strlen (text);
      return g_strdup (text);
    }

  restored = g_string_new (NULL);
  while ((found = strstr (p, stand_in)) != NULL)
    {
      g_string_append_len (restored, p, found - p);
      g_string_append_c (restored, '\0');
      p = found + strlen (stand_in);
    }
  g_string_append (restored, p);

  *length = restored->len;
  return g_string_free (restored, FALSE);
}
