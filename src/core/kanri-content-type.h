/* kanri-content-type.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gmime/gmime.h>

G_BEGIN_DECLS

/* A Content-Type value, read in place when it is in the plain form, through
 * GMime otherwise. Only for reading it on the stack, within the life of the
 * value it was read from. */
typedef struct
{
  GMimeContentType *parsed;
  const char       *type;
  gsize             type_length;
  const char       *subtype;
  gsize             subtype_length;
  const char       *parameters;
  const char       *end;
} KanriContentType;

gboolean  kanri_content_type_read          (KanriContentType       *type,
                                            const char             *value);
void      kanri_content_type_clear         (KanriContentType       *type);
gboolean  kanri_content_type_is            (const KanriContentType *type,
                                            const char             *media_type,
                                            const char             *subtype);
char     *kanri_content_type_dup_parameter (const KanriContentType *type,
                                            const char             *name);

G_END_DECLS
