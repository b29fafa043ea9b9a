/* kanri-dkim-canon.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kanri-dkim-crypto.h"

G_BEGIN_DECLS

/* RFC 6376 §3.4. */
typedef enum
{
  KANRI_DKIM_CANON_SIMPLE,
  KANRI_DKIM_CANON_RELAXED,
} KanriDkimCanon;

/* No l= tag: the whole body is signed. */
#define KANRI_DKIM_NO_LIMIT G_MAXUINT64

void    kanri_dkim_canon_header (KanriDkimCanon   canon,
                                 const char      *field,
                                 gsize            length,
                                 gsize            name_length,
                                 gboolean         crlf,
                                 GString         *out);
guint64 kanri_dkim_canon_body   (KanriDkimCanon   canon,
                                 const char      *body,
                                 gsize            length,
                                 guint64          limit,
                                 KanriDkimDigest *digest);

G_END_DECLS
