/* fuzz-dkim-key.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include "kanri-dkim-key.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* DKIM key records as DNS gives them (RFC 6376 §3.6.1): anyone who owns a
 * domain writes them, and TXT data may hold any octet. p= goes on to
 * Nettle's DER and RSA parsers. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriDkimKey) key = NULL;

  key = kanri_dkim_key_parse ((const char *)data, size, &error);
  g_assert ((key == NULL) == (error != NULL));
  if (key != NULL)
    {
      g_assert (key->key != NULL);
      kanri_dkim_key_allows_hash (key, KANRI_DKIM_HASH_SHA256);
      kanri_dkim_key_allows_hash (key, KANRI_DKIM_HASH_SHA1);
    }
  else
    {
      g_assert (error->domain == KANRI_DKIM_KEY_ERROR);
    }

  return 0;
}
