/* kanri-scan.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* The bytes the scans of structured header fields (Received,
 * Authentication-Results) stop at. Every byte of every field is looked at
 * two or three times: one lookup in this table tells whether a byte is any
 * of those a scan wants, where a chain of comparisons took one for each. */
enum
{
  KANRI_BYTE_SPACE = 1 << 0,
  KANRI_BYTE_OPEN = 1 << 1,
  KANRI_BYTE_CLOSE = 1 << 2,
  KANRI_BYTE_SEMICOLON = 1 << 3,
  KANRI_BYTE_QUOTE = 1 << 4,
  KANRI_BYTE_BACKSLASH = 1 << 5,
  KANRI_BYTE_EQUALS = 1 << 6,
};

static const guint8 kanri_byte_classes[256] = {
  [' '] = KANRI_BYTE_SPACE, ['\t'] = KANRI_BYTE_SPACE, ['\r'] = KANRI_BYTE_SPACE, ['\n'] = KANRI_BYTE_SPACE,
  ['('] = KANRI_BYTE_OPEN, [')'] = KANRI_BYTE_CLOSE, [';'] = KANRI_BYTE_SEMICOLON, ['"'] = KANRI_BYTE_QUOTE,
  ['\\'] = KANRI_BYTE_BACKSLASH, ['='] = KANRI_BYTE_EQUALS,
};

/* The first byte at or after @p, before @end, in one of @classes, or @end.
 * Four bytes a round while four are left: one test of the end for four
 * lookups (the words and comments of a stamp are tens of bytes long). */
static inline const char *
kanri_scan_to (const char *p,
               const char *end,
               guint8      classes)
{
  for (; end - p >= 4; p += 4)
    {
      if ((kanri_byte_classes[(guchar)p[0]] & classes) != 0)
        return p;
      if ((kanri_byte_classes[(guchar)p[1]] & classes) != 0)
        return p + 1;
      if ((kanri_byte_classes[(guchar)p[2]] & classes) != 0)
        return p + 2;
      if ((kanri_byte_classes[(guchar)p[3]] & classes) != 0)
        return p + 3;
    }

  while (p < end && (kanri_byte_classes[(guchar)*p] & classes) == 0)
    p++;

  return p;
}

/* @p points at "("; returns the position after the matching ")", or @end.
 * Nearly every comment holds no "(" and no "\\" before its first ")":
 * three memchr() find that far faster than a look at every byte, which
 * is left for the others (nested comments, quoted pairs, no close). */
static inline const char *
kanri_scan_skip_comment (const char *p,
                         const char *end)
{
  const char *close = memchr (p + 1, ')', end - p - 1);
  int depth = 0;

  if (close != NULL && memchr (p + 1, '(', close - p - 1) == NULL && memchr (p + 1, '\\', close - p - 1) == NULL)
    return close + 1;

  while ((p = kanri_scan_to (p, end, KANRI_BYTE_OPEN | KANRI_BYTE_CLOSE | KANRI_BYTE_BACKSLASH)) < end)
    {
      char c = *p++;

      if (c == '\\' && p < end)
        p++;
      else if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        break;
    }

  return p;
}

G_END_DECLS
