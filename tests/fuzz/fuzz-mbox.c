/* fuzz-mbox.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

#include "kanri-mbox.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* The mbox splitter: every message lies in the input, after its From_ line,
 * in order, without overlap, and the iteration ends. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *)data;
  KanriMboxIter iter;
  const char *message;
  gsize length;
  goffset offset;
  gsize covered = 0;
  guint count = 0;

  kanri_mbox_iter_init (&iter, text, size);
  while (kanri_mbox_iter_next (&iter, &message, &length, &offset))
    {
      g_assert (offset >= 0 && (gsize)offset >= covered);
      g_assert ((gsize)offset + 5 <= size);
      g_assert (memcmp (text + offset, "From ", 5) == 0);
      g_assert (message >= text + offset && message <= text + size);
      g_assert (length <= size - (gsize)(message - text));
      covered = (message - text) + length;
      g_assert (++count <= size);
    }

  return 0;
}
