/* fuzz-spf-record.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-spf-record.h"

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
  g_autoptr(KanriSpfRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  /* Records from DNS may hold NUL octets: the parser gets every byte. */
  record = kanri_spf_record_parse ((const char *) data, size, &error);
  g_assert ((record == NULL) == (error != NULL));
  if (record != NULL)
    {
      for (guint i = 0; i < record->terms->len; i++)
        {
          const KanriSpfTerm *term = g_ptr_array_index (record->terms, i);

          g_assert (term->text != NULL);
          g_assert (term->cidr4 <= 32 && term->cidr6 <= 128);
          kanri_spf_term_uses_dns (term);
        }
    }

  return 0;
}
