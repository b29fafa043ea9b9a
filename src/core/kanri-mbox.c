/* kanri-mbox.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-mbox"

#include "config.h"

#include <string.h>

#include "kanri-mbox.h"

/* An mbox (RFC 4155) is messages one after another, each after a "From "
 * line (the From_ line) that begins the file or follows an empty line.
 * Writers quote a body line that starts with "From " as ">From " (mboxo,
 * mboxrd): a header section never has one, so the quoting is left as it is
 * (the analyzer reads headers, and an NDR's parts by their boundaries).
 * Messages are found with memchr/memmem over the mapped file: nothing of a
 * body is parsed. */

#define FROM_LINE "From "
#define FROM_LINE_LENGTH 5

/**
 * kanri_mbox_looks_like:
 *
 * Returns: whether @data starts as an mbox does, with a From_ line
 */
gboolean
kanri_mbox_looks_like (const char *data,
                       gsize       length)
{
  return length >= FROM_LINE_LENGTH && memcmp (data, FROM_LINE, FROM_LINE_LENGTH) == 0;
}

void
kanri_mbox_iter_init (KanriMboxIter *iter,
                      const char    *data,
                      gsize          length)
{
  g_return_if_fail (iter != NULL);

  iter->data = data;
  iter->length = length;
  iter->position = 0;
}

/* The start of the next From_ line at or after @from: one that follows an
 * empty line ("\n\n" or "\r\n\r\n" before it), or the end. */
static gsize
find_separator (const KanriMboxIter *iter,
                gsize                from)
{
  gsize at = from;

  while (at < iter->length)
    {
      const char *hit = memmem (iter->data + at, iter->length - at, "\nFrom ", 6);
      gsize line;

      if (hit == NULL)
        break;

      line = hit - iter->data + 1;
      if (line >= 2 && iter->data[line - 2] == '\n')
        return line;
      if (line >= 3 && iter->data[line - 2] == '\r' && iter->data[line - 3] == '\n')
        return line;
      at = line;
    }

  return iter->length;
}

/**
 * kanri_mbox_iter_next:
 * @message: (out): where the message starts, after its From_ line
 * @message_length: (out): its length, up to the next From_ line
 * @offset: (out) (optional): the offset of its From_ line in the file
 *
 * Returns: whether there was another message
 */
gboolean
kanri_mbox_iter_next (KanriMboxIter *iter,
                      const char   **message,
                      gsize         *message_length,
                      goffset       *offset)
{
  const char *line_end;
  gsize start;
  gsize end;

  g_return_val_if_fail (iter != NULL, FALSE);
  g_return_val_if_fail (message != NULL && message_length != NULL, FALSE);

  /* Anything before the first From_ line is not a message. */
  if (iter->position == 0 && !kanri_mbox_looks_like (iter->data, iter->length))
    iter->position = find_separator (iter, 0);
  if (iter->position >= iter->length)
    return FALSE;

  line_end = memchr (iter->data + iter->position, '\n', iter->length - iter->position);
  start = line_end != NULL ? (gsize)(line_end - iter->data) + 1 : iter->length;
  end = find_separator (iter, start > 0 ? start - 1 : 0);

  if (offset != NULL)
    *offset = iter->position;
  *message = iter->data + start;
  *message_length = end - start;
  iter->position = end;

  return TRUE;
}
