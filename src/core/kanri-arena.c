/* kanri-arena.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-arena"

#include "config.h"

#include <string.h>

#include "kanri-arena.h"

/* Room for the parts of a typical Exchange Online report in one block; a
 * field's results take a fraction of the first. */
#define BLOCK_SIZE 4096
#define ALIGNMENT (2 * sizeof (gpointer))

/* A block: the next one, then the parts. */
typedef struct
{
  gpointer next;
} Block;

#define BLOCK_HEADER ((sizeof (Block) + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT)

static char *
take (KanriArena *arena,
      gsize       size,
      gsize       alignment)
{
  gsize pad = (alignment - GPOINTER_TO_SIZE (arena->next) % alignment) % alignment;
  char *p;

  if (arena->next == NULL || (gsize)(arena->end - arena->next) < pad + size)
    {
      gsize block_size = MAX (arena->block_size != 0 ? arena->block_size : BLOCK_SIZE, BLOCK_HEADER + size);
      Block *block = g_malloc (block_size);

      block->next = arena->blocks;
      arena->blocks = block;
      arena->next = (char *)block + BLOCK_HEADER;
      arena->end = (char *)block + block_size;
      pad = 0;
    }

  p = arena->next + pad;
  arena->next = p + size;
  return p;
}

/**
 * kanri_arena_alloc:
 *
 * Returns: @size zeroed bytes, aligned for any part, that live until
 *   kanri_arena_clear()
 */
gpointer
kanri_arena_alloc (KanriArena *arena,
                   gsize       size)
{
  return memset (take (arena, size, ALIGNMENT), 0, size);
}

/**
 * kanri_arena_strndup:
 *
 * Returns: the @length bytes of @text and a NUL, in @arena
 */
char *
kanri_arena_strndup (KanriArena *arena,
                     const char *text,
                     gsize       length)
{
  char *copy = take (arena, length + 1, 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

/* Frees every part at once; the arena is empty again. */
void
kanri_arena_clear (KanriArena *arena)
{
  while (arena->blocks != NULL)
    {
      Block *block = arena->blocks;

      arena->blocks = block->next;
      g_free (block);
    }
  arena->next = arena->end = NULL;
}
