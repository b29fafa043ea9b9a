/* kanri-cli-input.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kanri-cli-input.h"
#include "kanri-message-file.h"

/* The messages `kanri-cli analyze` and `kanri-cli verify` read: a file, or
 * "-" for standard input, never more than the analyzer takes. */

static gboolean
read_stdin (GByteArray  *data,
            GError     **error)
{
  guint8 buffer[65536];

  for (;;)
    {
      gssize n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot read standard input: %s"), g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        return TRUE;

      g_byte_array_append (data, buffer, n);

      /* Stop reading early, and name the limit, not how much was read
       * before stopping. */
      if (data->len > KANRI_MESSAGE_FILE_MAX_SIZE)
        {
          g_set_error_literal (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_TOO_LARGE,
                               _("Standard input is over the limit of 25 MB, the largest message "
                                 "Exchange Online accepts by default"));
          return FALSE;
        }
    }
}

/**
 * kanri_cli_read_message:
 * @argument: a file name, or "-" for standard input
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with @error set
 */
GBytes *
kanri_cli_read_message (const char  *argument,
                        GError     **error)
{
  char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_str_equal (argument, "-"))
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();

      if (!read_stdin (data, error))
        return NULL;
      return g_byte_array_free_to_bytes (g_steal_pointer (&data));
    }

  /* Refuse a huge file before reading it. */
  if (g_stat (argument, &st) == 0 && st.st_size > KANRI_MESSAGE_FILE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);

      g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_TOO_LARGE,
                   _("The file is %s; Kanri analyzes messages up to 25 MB, the largest Exchange Online accepts by default"),
                   size);
      return NULL;
    }

  if (!g_file_get_contents (argument, &contents, &length, error))
    return NULL;

  return g_bytes_new_take (contents, length);
}
