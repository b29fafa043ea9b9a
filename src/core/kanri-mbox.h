/* kanri-mbox.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The messages of an mbox held in memory (a mapped file), in order. */
typedef struct
{
  const char *data;
  gsize       length;
  gsize       position;
} KanriMboxIter;

gboolean kanri_mbox_looks_like (const char    *data,
                                gsize          length);
void     kanri_mbox_iter_init  (KanriMboxIter *iter,
                                const char    *data,
                                gsize          length);
gboolean kanri_mbox_iter_next  (KanriMboxIter *iter,
                                const char   **message,
                                gsize         *message_length,
                                goffset       *offset);

G_END_DECLS
