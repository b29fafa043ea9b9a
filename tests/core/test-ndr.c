/* test-ndr.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-ndr.h"

/* Every code PRODUCT.md's "Delivery & NDR page" names, with a word its
 * title must hold. */
typedef struct
{
  const char *status;
  const char *range;
  const char *title_part;
} KnownCode;

static void
test_every_listed_code (void)
{
  static const KnownCode cases[] = {
    { "4.4.316", "4.4.316", "Connection refused" },
    { "5.4.316", "5.4.316", "connection refused" },
    { "5.1.1", "5.1.1", "Bad destination" },
    { "5.1.10", "5.1.10", "not found" },
    { "5.1.8", "5.1.8", "bad outbound sender" },
    { "5.1.90", "5.1.90", "recipient limit" },
    { "5.2.2", "5.2.2", "Mailbox full" },
    { "5.4.1", "5.4.1", "access denied" },
    { "5.4.6", "5.4.6", "loop" },
    { "5.4.14", "5.4.14", "Hop count" },
    { "4.4.7", "4.4.7", "expired" },
    { "5.4.300", "5.4.300", "expired" },
    { "4.5.3", "4.5.3", "Too many recipients" },
    { "5.7.1", "5.7.1", "not authorized" },
    { "5.7.12", "5.7.12", "not authenticated" },
    { "5.7.23", "5.7.23", "SPF" },
    { "5.7.57", "5.7.57", "anonymous" },
    { "5.7.64", "5.7.64", "TenantAttribution" },
    { "5.7.509", "5.7.509", "DMARC" },
    { "5.7.501", "5.7.501–5.7.503", "spam abuse" },
    { "5.7.502", "5.7.501–5.7.503", "spam abuse" },
    { "5.7.503", "5.7.501–5.7.503", "spam abuse" },
    { "5.7.606", "5.7.606–5.7.649", "banned sending IP" },
    { "5.7.620", "5.7.606–5.7.649", "banned sending IP" },
    { "5.7.649", "5.7.606–5.7.649", "banned sending IP" },
    { "5.7.700", "5.7.700–5.7.750", "exceeded threshold" },
    { "5.7.705", "5.7.700–5.7.750", "exceeded threshold" },
    { "5.7.703", "5.7.703", "Tenant Allow/Block List" },
    { "5.7.750", "5.7.750", "unregistered domains" },
    { "4.7.500", "4.7.500–4.7.699", "try again later" },
    { "4.7.650", "4.7.500–4.7.699", "try again later" },
    { "4.7.699", "4.7.500–4.7.699", "try again later" },
    { "4.3.2", "4.3.2", "thread limit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean generic = TRUE;
      const KanriNdrCode *code = kanri_ndr_lookup (cases[i].status, &generic);

      g_test_message ("%s", cases[i].status);
      g_assert_nonnull (code);
      g_assert_false (generic);
      g_assert_cmpstr (kanri_ndr_code_get_range (code), ==, cases[i].range);
      g_assert_nonnull (strstr (kanri_ndr_code_get_title (code), cases[i].title_part));
      g_assert_cmpuint (strlen (kanri_ndr_code_get_meaning (code)), >, 20);
      g_assert_cmpuint (strlen (kanri_ndr_code_get_cause (code)), >, 20);
      g_assert_cmpuint (strlen (kanri_ndr_code_get_fix (code)), >, 20);
    }
}

static void
test_range_edges_and_generic (void)
{
  gboolean generic = FALSE;
  const KanriNdrCode *code;

  /* Just outside the ranges: only the subject is known. */
  code = kanri_ndr_lookup ("5.7.605", &generic);
  g_assert_true (generic);
  g_assert_cmpstr (kanri_ndr_code_get_range (code), ==, "X.7.X");
  code = kanri_ndr_lookup ("5.7.751", &generic);
  g_assert_true (generic);
  code = kanri_ndr_lookup ("4.7.499", &generic);
  g_assert_true (generic);
  code = kanri_ndr_lookup ("5.7.504", &generic);
  g_assert_true (generic);

  code = kanri_ndr_lookup ("4.2.2", &generic);
  g_assert_true (generic);
  g_assert_cmpstr (kanri_ndr_code_get_range (code), ==, "X.2.X");
  code = kanri_ndr_lookup ("5.9.1", &generic);
  g_assert_true (generic);
  g_assert_cmpstr (kanri_ndr_code_get_range (code), ==, "X.0.X");

  g_assert_null (kanri_ndr_lookup ("6.1.1", NULL));
  g_assert_null (kanri_ndr_lookup ("5.1", NULL));
  g_assert_null (kanri_ndr_lookup ("5.1.1000", NULL));
  g_assert_null (kanri_ndr_lookup ("5.1.1 ", NULL));

  g_assert_nonnull (strstr (kanri_ndr_describe_class ("5.1.1"), "Permanent"));
  g_assert_nonnull (strstr (kanri_ndr_describe_class ("4.4.7"), "Temporary"));
  g_assert_nonnull (strstr (kanri_ndr_describe_class ("2.0.0"), "Success"));
  g_assert_null (kanri_ndr_describe_class ("x"));
}

typedef struct
{
  const char *text;
  guint       smtp_code;
  const char *status;
  const char *rest;
  gboolean    generic;
} Line;

static void
test_parse_lines (void)
{
  static const Line cases[] = {
    { "550 5.4.316 Message expired, connection refused(Socket error code 10061)", 550, "5.4.316",
      "Message expired, connection refused(Socket error code 10061)", FALSE },
    { "450 4.4.316 Connection refused [Message=Socket error code 10061]", 450, "4.4.316",
      "Connection refused [Message=Socket error code 10061]", FALSE },
    { "'550 5.4.316 Message expired, connection refused(Socket error code 10061)'", 550, "5.4.316",
      "Message expired, connection refused(Socket error code 10061)'", FALSE },
    { "5.1.1", 0, "5.1.1", NULL, FALSE },
    { "  5.7.509  ", 0, "5.7.509", NULL, FALSE },
    { "Remote Server returned '550 5.7.509 Access denied, sending domain example.com does not pass DMARC'",
      550, "5.7.509", "Access denied, sending domain example.com does not pass DMARC'", FALSE },
    { "smtp;550-5.1.1 The email account that you tried to reach does not exist", 550, "5.1.1",
      "The email account that you tried to reach does not exist", FALSE },
    { "#550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found ##", 550, "5.1.10",
      "RESOLVER.ADR.RecipientNotFound; not found ##", FALSE },
    { "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited", 451, "4.7.650",
      "The mail server [192.0.2.1] has been temporarily rate limited", FALSE },
    { "Server 10.5.1.1 said: 550 5.2.1 Mailbox disabled", 550, "5.2.1", "Mailbox disabled", TRUE },
    { "5.04.316", 0, "5.4.316", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriNdrInfo) info = NULL;

      g_test_message ("%s", cases[i].text);
      info = kanri_ndr_parse (cases[i].text, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (info->smtp_code, ==, cases[i].smtp_code);
      g_assert_cmpstr (info->status, ==, cases[i].status);
      g_assert_cmpstr (info->text, ==, cases[i].rest);
      g_assert_cmpint (info->generic, ==, cases[i].generic);
      g_assert_nonnull (info->code);
    }
}

static void
test_parse_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (KANRI_NDR_MAX_TEXT + 1, '5');
  KanriNdrInfo *info;

  info = kanri_ndr_parse ("   ", &error);
  g_assert_null (info);
  g_assert_error (error, KANRI_NDR_ERROR, KANRI_NDR_ERROR_EMPTY);
  g_clear_error (&error);

  info = kanri_ndr_parse ("The message could not be delivered, sorry", &error);
  g_assert_null (info);
  g_assert_error (error, KANRI_NDR_ERROR, KANRI_NDR_ERROR_NO_CODE);
  g_assert_nonnull (strstr (error->message, "could not be delivered"));
  g_clear_error (&error);

  /* An IP address is not a status code. */
  info = kanri_ndr_parse ("connect to 10.4.5.6 failed", &error);
  g_assert_null (info);
  g_assert_error (error, KANRI_NDR_ERROR, KANRI_NDR_ERROR_NO_CODE);
  g_clear_error (&error);

  info = kanri_ndr_parse (huge, &error);
  g_assert_null (info);
  g_assert_error (error, KANRI_NDR_ERROR, KANRI_NDR_ERROR_TOO_LONG);
}

static void
test_table_is_well_formed (void)
{
  g_assert_cmpuint (kanri_ndr_get_n_codes (), >=, 25);

  for (guint i = 0; i < kanri_ndr_get_n_codes (); i++)
    {
      const KanriNdrCode *code = kanri_ndr_get_code (i);
      const char *range = kanri_ndr_code_get_range (code);
      g_autofree char *first = g_strndup (range, strcspn (range, "–"));
      gboolean generic = TRUE;

      /* Each entry is found by its own first code. */
      g_test_message ("%s", range);
      g_assert_nonnull (kanri_ndr_lookup (first, &generic));
      g_assert_false (generic);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ndr/listed-codes", test_every_listed_code);
  g_test_add_func ("/ndr/ranges-and-generic", test_range_edges_and_generic);
  g_test_add_func ("/ndr/parse-lines", test_parse_lines);
  g_test_add_func ("/ndr/parse-errors", test_parse_errors);
  g_test_add_func ("/ndr/table", test_table_is_well_formed);

  return g_test_run ();
}
