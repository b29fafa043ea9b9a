/* kanri-utf8.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Mail headers are nearly always ASCII: eight bytes at a time tell that far
 * faster than g_utf8_validate_len(), which only runs from the first byte with
 * its high bit set or the first NUL (which, like it, this refuses). */
static inline gboolean
kanri_utf8_validate (const char *text,
                     gsize       length)
{
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      /* A high bit, or a zero byte (the classic "has zero byte" test). */
      if (((word | ((word - G_GUINT64_CONSTANT (0x0101010101010101)) & ~word)) &
           G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        return g_utf8_validate_len (text + i, length - i, NULL);
    }

  for (; i < length; i++)
    {
      if ((guchar)text[i] >= 0x80)
        return g_utf8_validate_len (text + i, length - i, NULL);
      if (text[i] == '\0')
        return FALSE;
    }

  return TRUE;
}

G_END_DECLS
