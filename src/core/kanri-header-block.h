/* kanri-header-block.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KANRI_HEADER_BLOCK_ERROR (kanri_header_block_error_quark ())

typedef enum
{
  KANRI_HEADER_BLOCK_ERROR_NO_HEADERS,
  KANRI_HEADER_BLOCK_ERROR_BINARY,
  KANRI_HEADER_BLOCK_ERROR_TOO_LARGE,
} KanriHeaderBlockError;

/* Exchange Online refuses header sections over 256 KB (Microsoft Learn
 * "Exchange Online limits", message limits); anything far larger is not a
 * header section worth reading. */
#define KANRI_HEADER_BLOCK_MAX_SIZE (4 * 1024 * 1024)

/* One field, in the order written. @value is unfolded (RFC 5322 §2.2.3) and
 * trimmed; @raw_value keeps the folding, with "\n" line ends. Both are valid
 * UTF-8: raw 8-bit bytes are decoded by guessing the charset. @line is where
 * the field starts, counting from 1. */
typedef struct
{
  const char *name;
  const char *value;
  const char *raw_value;
  guint       line;
} KanriHeaderField;

#define KANRI_TYPE_HEADER_BLOCK (kanri_header_block_get_type ())

G_DECLARE_FINAL_TYPE (KanriHeaderBlock, kanri_header_block, KANRI, HEADER_BLOCK, GObject)

GQuark                  kanri_header_block_error_quark (void);
KanriHeaderBlock       *kanri_header_block_parse       (const char        *text,
                                                        gsize              length,
                                                        gsize             *consumed,
                                                        GError           **error);
guint                   kanri_header_block_get_n_fields (KanriHeaderBlock *self);
const KanriHeaderField *kanri_header_block_get_field    (KanriHeaderBlock *self,
                                                         guint             index);
int                     kanri_header_block_find         (KanriHeaderBlock *self,
                                                         const char       *name,
                                                         guint             start);
const char             *kanri_header_block_lookup       (KanriHeaderBlock *self,
                                                         const char       *name);
guint                   kanri_header_block_count        (KanriHeaderBlock *self,
                                                         const char       *name);
char                   *kanri_header_block_decode_value (KanriHeaderBlock *self,
                                                         guint             index);

G_END_DECLS
