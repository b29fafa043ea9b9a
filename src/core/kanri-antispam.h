/* kanri-antispam.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KANRI_ANTISPAM_ERROR (kanri_antispam_error_quark ())

typedef enum
{
  KANRI_ANTISPAM_ERROR_INVALID,
} KanriAntispamError;

/* The anti-spam headers Exchange Online writes. The -Untrusted variants were
 * stamped by another Microsoft 365 organization the message passed through:
 * they are shown, never used for verdicts. */
typedef enum
{
  KANRI_ANTISPAM_HEADER_NONE,
  KANRI_ANTISPAM_HEADER_FOREFRONT,
  KANRI_ANTISPAM_HEADER_FOREFRONT_UNTRUSTED,
  KANRI_ANTISPAM_HEADER_MICROSOFT,
  KANRI_ANTISPAM_HEADER_MICROSOFT_UNTRUSTED,
  KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL,
  KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY,
} KanriAntispamHeader;

/* One "FIELD:value" of an anti-spam header. @meaning is translated, or %NULL
 * for a field Microsoft does not document (kept and listed all the same). */
typedef struct
{
  KanriAntispamHeader  header;
  char                *field;
  char                *value;
  const char          *meaning;
} KanriAntispamField;

GQuark               kanri_antispam_error_quark      (void);
KanriAntispamHeader  kanri_antispam_header_from_name (const char          *name);
const char          *kanri_antispam_header_get_name  (KanriAntispamHeader  header);
gboolean             kanri_antispam_header_is_trusted (KanriAntispamHeader header);
GPtrArray           *kanri_antispam_parse            (KanriAntispamHeader  header,
                                                      const char          *value,
                                                      gssize               length,
                                                      GError             **error);
typedef gpointer   (*KanriAntispamAlloc)             (gsize                size,
                                                      gpointer             user_data);

gboolean             kanri_antispam_parse_into       (KanriAntispamHeader  header,
                                                      const char          *value,
                                                      gssize               length,
                                                      GPtrArray           *fields,
                                                      KanriAntispamAlloc   alloc,
                                                      gpointer             alloc_data,
                                                      GError             **error);
const char          *kanri_antispam_describe         (KanriAntispamHeader  header,
                                                      const char          *field,
                                                      const char          *value);
void                 kanri_antispam_field_free       (KanriAntispamField  *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriAntispamField, kanri_antispam_field_free)

G_END_DECLS
