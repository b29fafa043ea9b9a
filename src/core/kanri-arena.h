/* kanri-arena.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Memory for the many small parts of one parse (a report, a field's
 * results, a header section's strings), carved from blocks and freed all
 * at once: a malloc() and a free() for each part cost more than filling it
 * in. Embed it in what owns the parts; all zeros is an empty arena with
 * blocks of 4 KB, @block_size sets another size. */
typedef struct
{
  char     *next;
  char     *end;
  gpointer  blocks;
  gsize     block_size;
} KanriArena;

gpointer  kanri_arena_alloc   (KanriArena *arena,
                               gsize       size);
char     *kanri_arena_strndup (KanriArena *arena,
                               const char *text,
                               gsize       length);
void      kanri_arena_clear   (KanriArena *arena);

G_END_DECLS
