/* test-csv.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-csv.h"

static char *
row (const char *const *fields,
     gsize              n)
{
  GString *out = g_string_new (NULL);

  kanri_csv_append_row (out, fields, n);
  return g_string_free (out, FALSE);
}

static void
test_plain_fields (void)
{
  const char *fields[] = { "DisplayName", "Admin,Delegate,Owner", "90.00:00:00" };
  g_autofree char *line = row (fields, G_N_ELEMENTS (fields));

  g_assert_cmpstr (line, ==, "DisplayName,\"Admin,Delegate,Owner\",90.00:00:00\r\n");
}

static void
test_quotes_and_breaks (void)
{
  const char *fields[] = { "say \"hi\"", "two\nlines", "cr\rhere", " padded " };
  g_autofree char *line = row (fields, G_N_ELEMENTS (fields));

  g_assert_cmpstr (line, ==, "\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\" padded \"\r\n");
}

static void
test_empty_and_null (void)
{
  const char *fields[] = { "", NULL, "x" };
  g_autofree char *line = row (fields, G_N_ELEMENTS (fields));

  g_assert_cmpstr (line, ==, ",,x\r\n");
}

static void
test_japanese_untouched (void)
{
  const char *fields[] = { "山田, 太郎", "営業部" };
  g_autofree char *line = row (fields, G_N_ELEMENTS (fields));

  g_assert_cmpstr (line, ==, "\"山田, 太郎\",営業部\r\n");
  g_assert_cmpstr (KANRI_CSV_UTF8_BOM, ==, "\xEF\xBB\xBF");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/plain", test_plain_fields);
  g_test_add_func ("/csv/quotes-and-breaks", test_quotes_and_breaks);
  g_test_add_func ("/csv/empty-and-null", test_empty_and_null);
  g_test_add_func ("/csv/japanese", test_japanese_untouched);

  return g_test_run ();
}
