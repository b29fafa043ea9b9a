/* test-content-type.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-content-type.h"
#include "kanri-mime.h"

/* The values a delivery report holds, and the odd forms that must go to
 * GMime: each must read as GMime reads it. */
static const char *const values[] = {
  "multipart/report; report-type=delivery-status; boundary=\"_000_abc_\"",
  "multipart/report; report-type=\"delivery-status\";\tboundary=9B095B5ADSN=_01D9;",
  "Multipart/Report;Report-Type=Delivery-Status;Boundary=abc",
  "message/delivery-status",
  "multipart/mixed; boundary=\"a b c\"",
  "multipart/report; boundary=\"----=_NextPart_000_0001_01D9.ABC\"; report-type=delivery-status",
  "multipart/digest; boundary=simple.boundary-1_2",
  "message/rfc822",
  "text/rfc822-headers; charset=us-ascii",
  "text/plain; charset=\"utf-8\"",
  "multipart/alternative; boundary=----=_Part_12345_678.90",
  "multipart/mixed; boundary=\"a\\\"b\"",
  "multipart/mixed; boundary*0=\"abc\"; boundary*1=\"def\"",
  "multipart/mixed (a comment); boundary=abc",
  "multipart/mixed; boundary=abc; boundary=def",
  "multipart/mixed; BOUNDARY=abc; boundary=def",
  "multipart/mixed; boundary=\"=?utf-8?q?abc?=\"",
  "multipart/mixed; boundary=\"\"",
  "multipart/mixed; boundary=",
  "multipart/mixed; boundary",
  "multipart/mixed junk; boundary=abc",
  "multipart/mixed; a=1; b=2; c=3; d=4; e=5; f=6; g=7; h=8; boundary=abc",
  "multipart",
  "text",
  "/plain",
  "",
  "  text/plain  ;  charset = us-ascii  ",
  "text/plain; charset=\"unterminated",
};

static const char *const parameters[] = { "boundary", "report-type", "charset", "Boundary" };

static const char *const types[][2] = {
  { "multipart", "*" }, { "multipart", "report" }, { "multipart", "digest" }, { "multipart", "mixed" },
  { "message", "delivery-status" }, { "message", "rfc822" }, { "text", "rfc822-headers" },
  { "text", "plain" }, { "application", "octet-stream" },
};

static void
test_reads_as_gmime (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      GMimeContentType *expected = g_mime_content_type_parse (kanri_mime_get_parser_options (), values[i]);
      KanriContentType type;
      gboolean read = kanri_content_type_read (&type, values[i]);

      g_test_message ("%s", values[i]);
      g_assert_cmpint (read, ==, expected != NULL);
      if (!read)
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (types); j++)
        g_assert_cmpint (kanri_content_type_is (&type, types[j][0], types[j][1]), ==,
                         g_mime_content_type_is_type (expected, types[j][0], types[j][1]));

      for (guint j = 0; j < G_N_ELEMENTS (parameters); j++)
        {
          g_autofree char *value = kanri_content_type_dup_parameter (&type, parameters[j]);

          g_assert_cmpstr (value, ==, g_mime_content_type_get_parameter (expected, parameters[j]));
        }

      kanri_content_type_clear (&type);
      g_object_unref (expected);
    }
}

/* The plain form is read in place, without GMime. */
static void
test_plain_in_place (void)
{
  KanriContentType type;

  g_assert_true (kanri_content_type_read (&type, values[0]));
  g_assert_null (type.parsed);
  kanri_content_type_clear (&type);

  g_assert_true (kanri_content_type_read (&type, "multipart/mixed (a comment); boundary=abc"));
  g_assert_nonnull (type.parsed);
  kanri_content_type_clear (&type);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/content-type/reads-as-gmime", test_reads_as_gmime);
  g_test_add_func ("/content-type/plain-in-place", test_plain_in_place);

  return g_test_run ();
}
