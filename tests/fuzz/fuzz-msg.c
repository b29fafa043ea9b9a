/* fuzz-msg.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include "kanri-message-file.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* Outlook .msg files: the compound file checks, then libgsf. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriMessageFile) file = NULL;

  file = kanri_message_file_load ((const char *)data, size, KANRI_MESSAGE_FORMAT_MSG, &error);
  g_assert ((file == NULL) == (error != NULL));
  if (file != NULL)
    {
      KanriHeaderBlock *headers = kanri_message_file_get_headers (file);

      g_assert (kanri_message_file_get_format (file) == KANRI_MESSAGE_FORMAT_MSG);
      g_assert (kanri_header_block_get_n_fields (headers) > 0);
      g_assert (kanri_message_file_get_msg_subject (file) == NULL ||
                g_utf8_validate (kanri_message_file_get_msg_subject (file), -1, NULL));
    }

  return 0;
}
