/* kanri-expiration.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KANRI_EXPIRATION_ERROR (kanri_expiration_error_quark ())

typedef enum
{
  KANRI_EXPIRATION_ERROR_SYNTAX,
  KANRI_EXPIRATION_ERROR_RANGE,
} KanriExpirationError;

/* Set-TransportConfig -MessageExpiration: from 12 hours to 1 day; 1 day by
 * default (Set-TransportConfig, "MessageExpiration"). */
#define KANRI_EXPIRATION_MIN     (12 * G_TIME_SPAN_HOUR)
#define KANRI_EXPIRATION_MAX     (24 * G_TIME_SPAN_HOUR)
#define KANRI_EXPIRATION_DEFAULT (24 * G_TIME_SPAN_HOUR)

GQuark   kanri_expiration_error_quark (void);
gboolean kanri_expiration_parse       (const char  *text,
                                       GTimeSpan   *value,
                                       GError     **error);
char    *kanri_expiration_format      (GTimeSpan    value);
GArray  *kanri_retry_schedule         (GTimeSpan    expiration);

G_END_DECLS
