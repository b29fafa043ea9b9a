/* test-date.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-date.h"

typedef struct
{
  const char *text;
  const char *utc;
  gboolean    zone_known;
  int         offset_minutes;
} GoodDate;

static void
test_good (void)
{
  static const GoodDate cases[] = {
    /* RFC 5322 §3.3 as Exchange Online writes it. */
    { "Mon, 6 May 2024 09:11:58 +0000", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "Mon, 06 May 2024 02:11:58 -0700 (PDT)", "2024-05-06T09:11:58Z", TRUE, -420 },
    { "Mon,  6 May 2024 18:11:58 +0900 (JST)", "2024-05-06T09:11:58Z", TRUE, 540 },
    { "6 May 2024 09:11:58 -0000", "2024-05-06T09:11:58Z", FALSE, 0 },
    { "Mon, 6 May 2024 09:11 +0000", "2024-05-06T09:11:00Z", TRUE, 0 },
    /* Named zones are honoured, not read as UTC. */
    { "Mon, 6 May 2024 05:11:58 EDT", "2024-05-06T09:11:58Z", TRUE, -240 },
    { "Mon, 6 May 2024 04:11:58 EST", "2024-05-06T09:11:58Z", TRUE, -300 },
    { "Mon, 6 May 2024 04:11:58 CDT", "2024-05-06T09:11:58Z", TRUE, -300 },
    { "Mon, 6 May 2024 03:11:58 CST", "2024-05-06T09:11:58Z", TRUE, -360 },
    { "Mon, 6 May 2024 03:11:58 MDT", "2024-05-06T09:11:58Z", TRUE, -360 },
    { "Mon, 6 May 2024 02:11:58 MST", "2024-05-06T09:11:58Z", TRUE, -420 },
    { "Mon, 6 May 2024 02:11:58 PDT", "2024-05-06T09:11:58Z", TRUE, -420 },
    { "Mon, 6 May 2024 01:11:58 PST", "2024-05-06T09:11:58Z", TRUE, -480 },
    { "Mon, 6 May 2024 18:11:58 JST", "2024-05-06T09:11:58Z", TRUE, 540 },
    { "Mon, 6 May 2024 09:11:58 UT", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "Mon, 6 May 2024 09:11:58 GMT", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "Mon, 6 May 2024 09:11:58 Z", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "Mon, 6 May 2024 18:11:58 GMT+0900", "2024-05-06T09:11:58Z", TRUE, 540 },
    /* RFC 5322 §4.3: other military letters mean "-0000". */
    { "Mon, 6 May 2024 09:11:58 A", "2024-05-06T09:11:58Z", FALSE, 0 },
    /* Fractional seconds are kept with their digits. */
    { "Mon, 6 May 2024 09:11:58.123 +0000", "2024-05-06T09:11:58.123Z", TRUE, 0 },
    { "Mon, 6 May 2024 09:11:58.1234567891 +0000", "2024-05-06T09:11:58.123456789Z", TRUE, 0 },
    /* SendGrid's Go time.String stamp. */
    { "2018-03-26 13:35:36.270951634 +0000 UTC m=+555016.72", "2018-03-26T13:35:36.270951634Z", TRUE, 0 },
    { "2018-03-26 13:35:36.270951634 +0000 UTC", "2018-03-26T13:35:36.270951634Z", TRUE, 0 },
    { "2024-05-06T09:11:58Z", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "2024-05-06T18:11:58+09:00", "2024-05-06T09:11:58Z", TRUE, 540 },
    /* Two- and three-digit years (RFC 5322 §4.3). */
    { "Mon, 6 May 24 09:11:58 +0000", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "Thu, 6 May 99 09:11:58 +0000", "1999-05-06T09:11:58Z", TRUE, 0 },
    { "Thu, 6 May 49 09:11:58 +0000", "2049-05-06T09:11:58Z", TRUE, 0 },
    { "Thu, 6 May 124 09:11:58 +0000", "2024-05-06T09:11:58Z", TRUE, 0 },
    /* Full day and month names. */
    { "Monday, 6 May 2024 09:11:58 +0000", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "Monday, 6 September 2024 09:11:58 +0000", "2024-09-06T09:11:58Z", TRUE, 0 },
    { "Tue, 3 Sept 2024 09:11:58 +0000", "2024-09-03T09:11:58Z", TRUE, 0 },
    /* asctime order, with and without a zone. */
    { "Mon May  6 09:11:58 2024", "2024-05-06T09:11:58Z", FALSE, 0 },
    { "Mon May 6 02:11:58 PDT 2024", "2024-05-06T09:11:58Z", TRUE, -420 },
    { "Mon May 6 09:11:58 2024 +0000", "2024-05-06T09:11:58Z", TRUE, 0 },
    /* Comments and junk after the date. */
    { "Mon, 6 May 2024 09:11:58 +0000 (UTC) (envelope-from <a@example.com>)", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "Mon, 6 May 2024 09:11:58 +0000 extra words", "2024-05-06T09:11:58Z", TRUE, 0 },
    { "  Mon, 6 May 2024 09:11:58 +0000\r\n", "2024-05-06T09:11:58Z", TRUE, 0 },
    /* Leap day and the year boundary in another zone. */
    { "Thu, 29 Feb 2024 23:30:00 -0100", "2024-03-01T00:30:00Z", TRUE, -60 },
    { "Tue, 1 Jan 2030 08:00:00 +0900", "2029-12-31T23:00:00Z", TRUE, 540 },
    { "Thu, 1 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z", TRUE, 0 },
    { "2024 May 6 09:11:58 +0000", "2024-05-06T09:11:58Z", TRUE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *utc = NULL;
      KanriDate date;

      g_test_message ("%s", cases[i].text);
      g_assert_true (kanri_date_parse (cases[i].text, -1, &date, &error));
      g_assert_no_error (error);
      utc = kanri_date_to_iso8601 (&date);
      g_assert_cmpstr (utc, ==, cases[i].utc);
      g_assert_cmpint (date.zone_known, ==, cases[i].zone_known);
      g_assert_cmpint (date.offset_minutes, ==, cases[i].offset_minutes);
    }
}

typedef struct
{
  const char *text;
  int         code;
  const char *message_part;
} BadDate;

static void
test_bad (void)
{
  static const BadDate cases[] = {
    { "", KANRI_DATE_ERROR_INVALID, "no time of day" },
    { "yesterday", KANRI_DATE_ERROR_INVALID, "any form" },
    { "Mon, 6 May 2024", KANRI_DATE_ERROR_INVALID, "no time of day" },
    { "Mon, 6 2024 09:11:58 +0000", KANRI_DATE_ERROR_INVALID, "no month" },
    { "Mon, 6 May 09:11:58 +0000", KANRI_DATE_ERROR_INVALID, "no year" },
    { "Mon, 31 Apr 2024 09:11:58 +0000", KANRI_DATE_ERROR_OUT_OF_RANGE, "does not exist" },
    { "Thu, 29 Feb 2023 09:11:58 +0000", KANRI_DATE_ERROR_OUT_OF_RANGE, "does not exist" },
    { "Mon, 6 May 2024 24:11:58 +0000", KANRI_DATE_ERROR_OUT_OF_RANGE, "out of range" },
    { "Mon, 6 May 2024 09:61:58 +0000", KANRI_DATE_ERROR_OUT_OF_RANGE, "out of range" },
    { "Mon, 6 May 2024 09:11:58 +2400", KANRI_DATE_ERROR_OUT_OF_RANGE, "out of range" },
    { "Mon, 6 May 2024 09:11:58 XYZ", KANRI_DATE_ERROR_UNKNOWN_ZONE, "(“XYZ”)" },
    { "Mon, 6 May 2024 09:11:58 IST", KANRI_DATE_ERROR_UNKNOWN_ZONE, "(“IST”)" },
    { "Mon, 6 May 2024 09:11:58.5.5 +0000", KANRI_DATE_ERROR_INVALID, "any form" },
    { "Mon, 6 May 1800 09:11:58 +0000", KANRI_DATE_ERROR_OUT_OF_RANGE, "does not exist" },
    { "Mon, 6 May 2024 9:1:58 +0000", KANRI_DATE_ERROR_INVALID, "any form" },
    { "Mon, 6 May 2024 09:11:58 +00000", KANRI_DATE_ERROR_INVALID, "any form" },
    { "Mon, 6 May 2024 12345678901 09:11:58", KANRI_DATE_ERROR_INVALID, "any form" },
    { "2024-13-06 09:11:58 +0000", KANRI_DATE_ERROR_OUT_OF_RANGE, "does not exist" },
    { "Mon, 6 May May 2024 09:11:58 +0000", KANRI_DATE_ERROR_INVALID, "any form" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      KanriDate date;

      g_test_message ("“%s”", cases[i].text);
      g_assert_false (kanri_date_parse (cases[i].text, -1, &date, &error));
      g_assert_error (error, KANRI_DATE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_length_is_honoured (void)
{
  const char *text = "Mon, 6 May 2024 09:11:58 +0000junk-that-is-not-read";
  KanriDate date;
  g_autofree char *utc = NULL;

  g_assert_true (kanri_date_parse (text, 30, &date, NULL));
  utc = kanri_date_to_iso8601 (&date);
  g_assert_cmpstr (utc, ==, "2024-05-06T09:11:58Z");
}

static void
test_difference_signed (void)
{
  KanriDate a, b;

  g_assert_true (kanri_date_parse ("Mon, 6 May 2024 09:11:58.250 +0000", -1, &a, NULL));
  g_assert_true (kanri_date_parse ("Mon, 6 May 2024 09:12:00 +0000", -1, &b, NULL));

  g_assert_cmpfloat_with_epsilon (kanri_date_difference (&b, &a), 1.75, 1e-9);
  /* Never clamped: the other way round is negative. */
  g_assert_cmpfloat_with_epsilon (kanri_date_difference (&a, &b), -1.75, 1e-9);
}

typedef struct
{
  const char *later;
  const char *earlier;
  const char *difference;
} Difference;

static void
test_difference_text (void)
{
  static const Difference cases[] = {
    { "Mon, 6 May 2024 09:12:00 +0000", "Mon, 6 May 2024 09:11:58 +0000", "2" },
    { "Mon, 6 May 2024 09:11:58 +0000", "Mon, 6 May 2024 09:12:00 +0000", "-2" },
    { "Mon, 6 May 2024 09:11:58 +0000", "Mon, 6 May 2024 09:11:58 +0000", "0" },
    { "Mon, 6 May 2024 09:12:00 +0000", "Mon, 6 May 2024 09:11:58.250 +0000", "1.75" },
    { "Mon, 6 May 2024 09:11:58.250 +0000", "Mon, 6 May 2024 09:12:00 +0000", "-1.75" },
    { "Mon, 6 May 2024 09:11:58.100 +0000", "Mon, 6 May 2024 09:11:58.600 +0000", "-0.5" },
    { "Mon, 6 May 2024 09:11:58.5 +0000", "Mon, 6 May 2024 09:11:58.5 +0000", "0" },
    { "2018-03-26 13:35:36.270951634 +0000", "Mon, 26 Mar 2018 13:35:36.215 +0000", "0.055951634" },
    { "Tue, 7 May 2024 09:11:58 +0000", "Mon, 6 May 2024 09:11:58 +0000", "86400" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char text[KANRI_DATE_DIFFERENCE_MAX];
      KanriDate later, earlier;

      g_assert_true (kanri_date_parse (cases[i].later, -1, &later, NULL));
      g_assert_true (kanri_date_parse (cases[i].earlier, -1, &earlier, NULL));
      kanri_date_format_difference (&later, &earlier, text);
      g_assert_cmpstr (text, ==, cases[i].difference);
    }
}

static void
test_to_date_time (void)
{
  KanriDate date;
  g_autoptr(GDateTime) dt = NULL;

  g_assert_true (kanri_date_parse ("2018-03-26 13:35:36.270951634 +0000 UTC", -1, &date, NULL));
  dt = kanri_date_to_date_time (&date);
  g_assert_nonnull (dt);
  g_assert_cmpint (g_date_time_to_unix (dt), ==, 1522071336);
  g_assert_cmpint (g_date_time_get_microsecond (dt), ==, 270951);
}

static void
test_long_input_error_is_short (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strnfill (10000, 'x');
  KanriDate date;

  g_assert_false (kanri_date_parse (text, -1, &date, &error));
  g_assert_cmpuint (strlen (error->message), <, 300);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/date/good", test_good);
  g_test_add_func ("/date/bad", test_bad);
  g_test_add_func ("/date/length", test_length_is_honoured);
  g_test_add_func ("/date/difference", test_difference_signed);
  g_test_add_func ("/date/difference-text", test_difference_text);
  g_test_add_func ("/date/date-time", test_to_date_time);
  g_test_add_func ("/date/long-input", test_long_input_error_is_short);

  return g_test_run ();
}
