/* fuzz-dmarc-record.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-dmarc.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(KanriDmarcRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = kanri_dmarc_record_parse (text, &error);
  g_assert ((record == NULL) == (error != NULL));
  if (record != NULL)
    {
      g_assert (record->percent <= 100);
      g_assert (record->aggregate_uris != NULL && record->failure_uris != NULL);
      g_assert (record->warnings != NULL);
    }

  return 0;
}
