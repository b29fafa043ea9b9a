/* test-expiration.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-expiration.h"

static void
test_parse_table (void)
{
  const struct {
    const char *text;
    GTimeSpan   value;
    int         error;
  } cases[] = {
    { "0.12:00:00", 12 * G_TIME_SPAN_HOUR, -1 },
    { "1.00:00:00", 24 * G_TIME_SPAN_HOUR, -1 },
    { "12:00:00", 12 * G_TIME_SPAN_HOUR, -1 },
    { "0.18:30:00", 18 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE, -1 },
    { "12", 12 * G_TIME_SPAN_HOUR, -1 },
    { " 24 ", 24 * G_TIME_SPAN_HOUR, -1 },
    { "18.5", 18 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE, -1 },
    { "0.11:59:59", 0, KANRI_EXPIRATION_ERROR_RANGE },
    { "1.00:00:01", 0, KANRI_EXPIRATION_ERROR_RANGE },
    { "2.00:00:00", 0, KANRI_EXPIRATION_ERROR_RANGE },
    { "6", 0, KANRI_EXPIRATION_ERROR_RANGE },
    { "25", 0, KANRI_EXPIRATION_ERROR_RANGE },
    { "", 0, KANRI_EXPIRATION_ERROR_SYNTAX },
    { "twelve", 0, KANRI_EXPIRATION_ERROR_SYNTAX },
    { "0.24:00:00", 0, KANRI_EXPIRATION_ERROR_SYNTAX },
    { "0.12:60:00", 0, KANRI_EXPIRATION_ERROR_SYNTAX },
    { "0.12:00", 0, KANRI_EXPIRATION_ERROR_SYNTAX },
    { "1.00:00:00x", 0, KANRI_EXPIRATION_ERROR_SYNTAX },
    { "-12", 0, KANRI_EXPIRATION_ERROR_SYNTAX },
    { "12,5", 0, KANRI_EXPIRATION_ERROR_SYNTAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GTimeSpan value = -1;
      gboolean ok = kanri_expiration_parse (cases[i].text, &value, &error);

      g_test_message ("“%s”", cases[i].text);
      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (value, ==, cases[i].value);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, KANRI_EXPIRATION_ERROR, cases[i].error);
        }
    }
}

static void
test_messages_say_what_is_accepted (void)
{
  g_autoptr(GError) range = NULL;
  g_autoptr(GError) syntax = NULL;
  GTimeSpan value;

  kanri_expiration_parse ("2.00:00:00", &value, &range);
  g_assert_cmpstr (range->message, ==, "2.00:00:00 is outside what Exchange Online accepts: "
                                       "from 12 hours (0.12:00:00) to 1 day (1.00:00:00)");
  kanri_expiration_parse ("soon", &value, &syntax);
  g_assert_cmpstr (syntax->message, ==, "“soon” is not a time: write hours (12 to 24) or "
                                        "d.hh:mm:ss, for example 0.12:00:00");
}

static void
test_format (void)
{
  g_autofree char *twelve = kanri_expiration_format (12 * G_TIME_SPAN_HOUR);
  g_autofree char *day = kanri_expiration_format (KANRI_EXPIRATION_DEFAULT);
  g_autofree char *odd = kanri_expiration_format (18 * G_TIME_SPAN_HOUR + 5 * G_TIME_SPAN_MINUTE + 7 * G_TIME_SPAN_SECOND);

  g_assert_cmpstr (twelve, ==, "0.12:00:00");
  g_assert_cmpstr (day, ==, "1.00:00:00");
  g_assert_cmpstr (odd, ==, "0.18:05:07");
}

static void
test_schedule (void)
{
  g_autoptr(GArray) day = kanri_retry_schedule (24 * G_TIME_SPAN_HOUR);
  g_autoptr(GArray) half = kanri_retry_schedule (12 * G_TIME_SPAN_HOUR);
  GTimeSpan previous = 0;

  /* First retries 15 minutes apart... */
  g_assert_cmpint (g_array_index (day, GTimeSpan, 0), ==, 15 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (g_array_index (day, GTimeSpan, 3), ==, 60 * G_TIME_SPAN_MINUTE);
  /* ...intervals that grow, never past an hour... */
  for (guint i = 0; i < day->len; i++)
    {
      GTimeSpan at = g_array_index (day, GTimeSpan, i);

      g_assert_cmpint (at - previous, >, 0);
      g_assert_cmpint (at - previous, <=, G_TIME_SPAN_HOUR);
      if (i > 0 && i < day->len - 1)
        g_assert_cmpint (at - previous, >=, g_array_index (day, GTimeSpan, i - 1) -
                                          (i > 1 ? g_array_index (day, GTimeSpan, i - 2) : 0));
      previous = at;
    }
  /* ...to the expiration, where the NDR goes out. */
  g_assert_cmpint (g_array_index (day, GTimeSpan, day->len - 1), ==, 24 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_array_index (half, GTimeSpan, half->len - 1), ==, 12 * G_TIME_SPAN_HOUR);
  g_assert_cmpuint (half->len, <, day->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/expiration/parse", test_parse_table);
  g_test_add_func ("/expiration/messages", test_messages_say_what_is_accepted);
  g_test_add_func ("/expiration/format", test_format);
  g_test_add_func ("/expiration/schedule", test_schedule);

  return g_test_run ();
}
