/* kanri-eop-lookup.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-ip.h"
#include "kanri-resolver.h"

G_BEGIN_DECLS

/* The record Microsoft Learn "Set up SPF to identify valid email sources for
 * your Microsoft 365 domain" tells customers to include. */
#define KANRI_EOP_SPF_NAME "spf.protection.outlook.com"

/* How many SPF records (the name and the ones it includes) a lookup follows:
 * the limit RFC 7208 §4.6.4 sets for the includes of one check. */
#define KANRI_EOP_LOOKUP_MAX_RECORDS 10

#define KANRI_EOP_LOOKUP_ERROR (kanri_eop_lookup_error_quark ())

typedef enum
{
  KANRI_EOP_LOOKUP_ERROR_NO_RECORD,
  KANRI_EOP_LOOKUP_ERROR_INVALID_RECORD,
  KANRI_EOP_LOOKUP_ERROR_TOO_MANY_RECORDS,
  KANRI_EOP_LOOKUP_ERROR_NO_RANGES,
} KanriEopLookupError;

GQuark  kanri_eop_lookup_error_quark (void);
GArray *kanri_eop_lookup             (KanriResolver        *resolver,
                                      const char           *name,
                                      GCancellable         *cancellable,
                                      GError              **error);
void    kanri_eop_lookup_async       (KanriResolver        *resolver,
                                      const char           *name,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
GArray *kanri_eop_lookup_finish      (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
