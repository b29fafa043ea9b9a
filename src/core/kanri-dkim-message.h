/* kanri-dkim-message.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kanri-dkim-canon.h"

G_BEGIN_DECLS

#define KANRI_DKIM_MESSAGE_ERROR (kanri_dkim_message_error_quark ())

typedef enum
{
  KANRI_DKIM_MESSAGE_ERROR_MALFORMED,
} KanriDkimMessageError;

/* One header field exactly as written: @field is "Name:value" with its
 * folding, without the CRLF that ends it; the colon is at @name_length.
 * @name is the field name without the white space RFC 5322 §4.5 lets
 * stand before the colon. */
typedef struct
{
  const char *field;
  gsize       length;
  gsize       name_length;
  char       *name;
} KanriDkimField;

#define KANRI_TYPE_DKIM_MESSAGE (kanri_dkim_message_get_type ())

G_DECLARE_FINAL_TYPE (KanriDkimMessage, kanri_dkim_message, KANRI, DKIM_MESSAGE, GObject)

GQuark                kanri_dkim_message_error_quark  (void);
KanriDkimMessage     *kanri_dkim_message_new          (const char        *data,
                                                       gsize              length,
                                                       GError           **error);
guint                 kanri_dkim_message_get_n_fields (KanriDkimMessage  *self);
const KanriDkimField *kanri_dkim_message_get_field    (KanriDkimMessage  *self,
                                                       guint              index);
gboolean              kanri_dkim_message_has_body     (KanriDkimMessage  *self);
gsize                 kanri_dkim_message_body_hash    (KanriDkimMessage  *self,
                                                       KanriDkimCanon     canon,
                                                       KanriDkimHash      hash,
                                                       guint64            limit,
                                                       guint8            *out,
                                                       guint64           *canonical_length);

gboolean              kanri_dkim_field_is             (const KanriDkimField *field,
                                                       const char           *name);

G_END_DECLS
