/* fuzz-antispam.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include "kanri-antispam.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* The anti-spam headers, the first byte choosing which. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const KanriAntispamHeader headers[] = {
    KANRI_ANTISPAM_HEADER_FOREFRONT,
    KANRI_ANTISPAM_HEADER_FOREFRONT_UNTRUSTED,
    KANRI_ANTISPAM_HEADER_MICROSOFT,
    KANRI_ANTISPAM_HEADER_MICROSOFT_UNTRUSTED,
    KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL,
    KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  KanriAntispamHeader header;

  if (size == 0)
    return 0;

  header = headers[data[0] % G_N_ELEMENTS (headers)];
  fields = kanri_antispam_parse (header, (const char *)data + 1, size - 1, &error);
  g_assert ((fields == NULL) == (error != NULL));

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const KanriAntispamField *field = g_ptr_array_index (fields, i);

      g_assert (field->header == header);
      g_assert (g_utf8_validate (field->field, -1, NULL));
      g_assert (g_utf8_validate (field->value, -1, NULL));
    }

  return 0;
}
