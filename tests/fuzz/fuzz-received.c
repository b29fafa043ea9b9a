/* fuzz-received.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include "kanri-received.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* Received fields and, directly, every date form. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autoptr(KanriReceived) received = NULL;
  KanriDate date;

  received = kanri_received_parse ((const char *)data, size, &error);
  g_assert ((received == NULL) == (error != NULL));
  if (received != NULL)
    {
      g_assert (received->from == NULL || g_utf8_validate (received->from, -1, NULL));
      g_assert (received->has_date || received->date_text == NULL || received->date_error != NULL);
      if (received->has_date)
        {
          g_autofree char *iso = kanri_date_to_iso8601 (&received->date);

          g_assert (iso != NULL);
        }
    }

  if (kanri_date_parse ((const char *)data, size, &date, &date_error))
    {
      char iso[KANRI_DATE_ISO8601_MAX];
      char difference[KANRI_DATE_DIFFERENCE_MAX];
      KanriDate epoch = { 0 };

      g_assert (date_error == NULL);
      kanri_date_format_iso8601 (&date, iso);
      kanri_date_format_difference (&date, &epoch, difference);
      kanri_date_format_difference (&epoch, &date, difference);
      g_assert (date.nanoseconds < 1000000000);
    }
  else
    g_assert (date_error != NULL);

  return 0;
}
