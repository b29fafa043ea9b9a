/* kanri-ndr.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KANRI_NDR_ERROR (kanri_ndr_error_quark ())

typedef enum
{
  KANRI_NDR_ERROR_EMPTY,
  KANRI_NDR_ERROR_NO_CODE,
  KANRI_NDR_ERROR_TOO_LONG,
} KanriNdrError;

/* Longest text kanri_ndr_parse() reads. */
#define KANRI_NDR_MAX_TEXT (64 * 1024)

/* An enhanced status code (RFC 3463) or a range of them, with what it means,
 * its likely cause and what to do. Read the texts through the accessors,
 * which translate them. */
typedef struct _KanriNdrCode KanriNdrCode;

/* A pasted NDR line such as "550 5.4.316 Message expired, connection refused". */
typedef struct
{
  guint               smtp_code;
  char               *status;
  char               *text;
  const KanriNdrCode *code;
  gboolean            generic;
} KanriNdrInfo;

GQuark              kanri_ndr_error_quark      (void);
KanriNdrInfo       *kanri_ndr_parse            (const char         *text,
                                                GError            **error);
void                kanri_ndr_info_free        (KanriNdrInfo       *info);
const KanriNdrCode *kanri_ndr_lookup           (const char         *status,
                                                gboolean           *generic);
const char         *kanri_ndr_describe_class   (const char         *status);

const char         *kanri_ndr_code_get_range   (const KanriNdrCode *code);
const char         *kanri_ndr_code_get_title   (const KanriNdrCode *code);
const char         *kanri_ndr_code_get_meaning (const KanriNdrCode *code);
const char         *kanri_ndr_code_get_cause   (const KanriNdrCode *code);
const char         *kanri_ndr_code_get_fix     (const KanriNdrCode *code);

guint               kanri_ndr_get_n_codes      (void);
const KanriNdrCode *kanri_ndr_get_code         (guint               index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriNdrInfo, kanri_ndr_info_free)

G_END_DECLS
