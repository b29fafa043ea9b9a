/* kanri-arena.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

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

#define KANRI_ARENA_ALIGNMENT (2 * sizeof (gpointer))

char     *kanri_arena_take_slow (KanriArena *arena,
                                 gsize       size);
void      kanri_arena_clear     (KanriArena *arena);

/* Parts are taken a hundred times per analysis: the common case, room in
 * the current block, is inline. */
static inline char *
kanri_arena_take (KanriArena *arena,
                  gsize       size,
                  gsize       alignment)
{
  gsize pad = (alignment - GPOINTER_TO_SIZE (arena->next) % alignment) % alignment;
  char *p;

  if (G_UNLIKELY (arena->next == NULL || (gsize)(arena->end - arena->next) < pad + size))
    return kanri_arena_take_slow (arena, size);

  p = arena->next + pad;
  arena->next = p + size;
  return p;
}

/* @size zeroed bytes, aligned for any part, that live until
 * kanri_arena_clear(). */
static inline gpointer
kanri_arena_alloc (KanriArena *arena,
                   gsize       size)
{
  return memset (kanri_arena_take (arena, size, KANRI_ARENA_ALIGNMENT), 0, size);
}

/* The @length bytes of @text and a NUL, in @arena. */
static inline char *
kanri_arena_strndup (KanriArena *arena,
                     const char *text,
                     gsize       length)
{
  char *copy = kanri_arena_take (arena, length + 1, 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

G_END_DECLS
