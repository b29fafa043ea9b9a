/* kanri-date.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KANRI_DATE_ERROR (kanri_date_error_quark ())

typedef enum
{
  KANRI_DATE_ERROR_INVALID,
  KANRI_DATE_ERROR_UNKNOWN_ZONE,
  KANRI_DATE_ERROR_OUT_OF_RANGE,
} KanriDateError;

/* A point in time as a mail server wrote it. The fraction of a second is
 * kept to the nanosecond with the number of digits written, so that it can be
 * shown as written. @zone_known is %FALSE for "-0000", for military letter
 * zones and when no zone was written at all: the time is then read as UTC
 * (RFC 5322 §3.3 and §4.3). */
typedef struct
{
  gint64   unix_seconds;
  guint32  nanoseconds;
  guint8   fraction_digits;
  gboolean zone_known;
  gint16   offset_minutes;
} KanriDate;

/* "YYYY-MM-DDThh:mm:ss.fffffffffZ" and its NUL. */
#define KANRI_DATE_ISO8601_MAX 31

/* A signed number of seconds with up to nine fraction digits, and its NUL. */
#define KANRI_DATE_DIFFERENCE_MAX 40

GQuark     kanri_date_error_quark    (void);
gboolean   kanri_date_parse          (const char      *text,
                                      gssize           length,
                                      KanriDate       *date,
                                      GError         **error);
void       kanri_date_format_iso8601 (const KanriDate *date,
                                      char             buffer[KANRI_DATE_ISO8601_MAX]);
char      *kanri_date_to_iso8601     (const KanriDate *date);
double     kanri_date_difference     (const KanriDate *later,
                                      const KanriDate *earlier);
void       kanri_date_format_difference (const KanriDate *later,
                                         const KanriDate *earlier,
                                         char             buffer[KANRI_DATE_DIFFERENCE_MAX]);
GDateTime *kanri_date_to_date_time   (const KanriDate *date);

G_END_DECLS
