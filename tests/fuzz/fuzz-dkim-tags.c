/* fuzz-dkim-tags.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

#include "kanri-dkim-tags.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* The tag=value lists of DKIM-Signature, ARC fields and key records, and
 * what the signature and key parsers ask of each tag. A header field may
 * hold any octet: the parser gets every byte, NULs included. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *)data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tags = NULL;

  tags = kanri_dkim_tags_parse (text, size, &error);
  g_assert ((tags == NULL) == (error != NULL));
  if (tags == NULL)
    return 0;

  for (guint i = 0; i < tags->len; i++)
    {
      const KanriDkimTag *tag = &g_array_index (tags, KanriDkimTag, i);
      g_autofree char *name = g_strndup (tag->name, tag->name_length);
      g_autofree char *value = kanri_dkim_tag_dup_value (tag);
      g_autofree char *compact = kanri_dkim_tag_dup_compact (tag);
      g_autoptr(GBytes) decoded = kanri_dkim_tag_decode_base64 (tag);
      g_auto(GStrv) list = kanri_dkim_tag_split_list (tag, TRUE);
      guint64 number;

      /* Names and values lie inside the input, and the offset says where. */
      g_assert (tag->name >= text && tag->name + tag->name_length <= text + size);
      g_assert (tag->value >= text && tag->value + tag->value_length <= text + size);
      g_assert (tag->value == text + tag->value_offset);
      g_assert (tag->name_length > 0);
      g_assert (value != NULL && compact != NULL && list != NULL);
      g_assert (strlen (compact) <= tag->value_length);
      g_assert (kanri_dkim_tags_find (tags, name) != NULL);
      /* Three octets come from four base64 characters, never more. */
      if (decoded != NULL)
        g_assert (g_bytes_get_size (decoded) * 4 <= strlen (compact) * 3);

      kanri_dkim_tag_equals (tag, "simple");
      if (kanri_dkim_tag_parse_number (tag, 12, &number))
        g_assert (number < G_GUINT64_CONSTANT (1000000000000));
    }

  return 0;
}
