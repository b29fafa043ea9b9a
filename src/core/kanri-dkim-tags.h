/* kanri-dkim-tags.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KANRI_DKIM_TAGS_ERROR (kanri_dkim_tags_error_quark ())

typedef enum
{
  KANRI_DKIM_TAGS_ERROR_SYNTAX,
  KANRI_DKIM_TAGS_ERROR_DUPLICATE,
} KanriDkimTagsError;

/* One tag-spec of a tag-list (RFC 6376 §3.2), pointing into the parsed
 * text: @value is the tag-value without the folding white space around it
 * (it may hold some inside), @value_offset where it starts in the text. */
typedef struct
{
  const char *name;
  gsize       name_length;
  const char *value;
  gsize       value_length;
  gsize       value_offset;
} KanriDkimTag;

GQuark              kanri_dkim_tags_error_quark (void);
GArray             *kanri_dkim_tags_parse       (const char         *text,
                                                 gsize               length,
                                                 GError            **error);
const KanriDkimTag *kanri_dkim_tags_find        (GArray             *tags,
                                                 const char         *name);
char               *kanri_dkim_tag_dup_value    (const KanriDkimTag *tag);
char               *kanri_dkim_tag_dup_compact  (const KanriDkimTag *tag);
gboolean            kanri_dkim_tag_equals       (const KanriDkimTag *tag,
                                                 const char         *value);
GBytes             *kanri_dkim_tag_decode_base64 (const KanriDkimTag *tag);
char              **kanri_dkim_tag_split_list   (const KanriDkimTag *tag,
                                                 gboolean            lower);
gboolean            kanri_dkim_tag_parse_number (const KanriDkimTag *tag,
                                                 guint               max_digits,
                                                 guint64            *number);

G_END_DECLS
