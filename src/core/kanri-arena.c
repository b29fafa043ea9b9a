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

/* A block: the next one, then the parts. */
typedef struct
{
  gpointer next;
} Block;

#define BLOCK_HEADER ((sizeof (Block) + KANRI_ARENA_ALIGNMENT - 1) / KANRI_ARENA_ALIGNMENT * KANRI_ARENA_ALIGNMENT)

/* A new block for a part of @size bytes, which the block's start aligns
 * for any part. */
char *
kanri_arena_take_slow (KanriArena *arena,
                       gsize       size)
{
  gsize block_size = MAX (arena->block_size != 0 ? arena->block_size : BLOCK_SIZE, BLOCK_HEADER + size);
  Block *block = g_malloc (block_size);
  char *p;

  block->next = arena->blocks;
  arena->blocks = block;
  p = (char *)block + BLOCK_HEADER;
  arena->next = p + size;
  arena->end = (char *)block + block_size;
  return p;
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
