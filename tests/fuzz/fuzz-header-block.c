/* fuzz-header-block.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include "kanri-header-block.h"
#include "kanri-mime.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* The header section parser, and RFC 2047 decoding of every value. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderBlock) block = NULL;
  gsize consumed = 0;

  block = kanri_header_block_parse ((const char *)data, size, &consumed, &error);
  g_assert ((block == NULL) == (error != NULL));
  if (block == NULL)
    return 0;

  g_assert (consumed <= size);
  for (guint i = 0; i < kanri_header_block_get_n_fields (block); i++)
    {
      const KanriHeaderField *field = kanri_header_block_get_field (block, i);
      g_autofree char *decoded = kanri_header_block_decode_value (block, i);

      g_assert (g_utf8_validate (field->value, -1, NULL));
      g_assert (g_utf8_validate (field->raw_value, -1, NULL));
      g_assert (g_utf8_validate (decoded, -1, NULL));
      g_assert (kanri_header_block_find (block, field->name, 0) <= (int)i);
    }

  return 0;
}
