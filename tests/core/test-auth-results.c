/* test-auth-results.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-auth-results.h"

static KanriAuthResults *
parse (const char *value)
{
  g_autoptr(GError) error = NULL;
  KanriAuthResults *results = kanri_auth_results_parse (value, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static void
test_exchange_online_form (void)
{
  /* No authserv-id, and no space after the later semicolons. */
  g_autoptr(KanriAuthResults) results = parse (
    "spf=pass (sender IP is 40.107.117.112) smtp.mailfrom=contoso.com; dkim=pass "
    "(signature was verified) header.d=contoso.com;dmarc=pass action=none "
    "header.from=contoso.com;compauth=pass reason=100");
  const KanriAuthResult *spf, *dkim, *dmarc, *compauth;

  g_assert_null (results->authserv_id);
  g_assert_cmpuint (results->instance, ==, 0);
  g_assert_cmpuint (results->results->len, ==, 4);

  spf = kanri_auth_results_find (results, "spf");
  g_assert_cmpstr (spf->result, ==, "pass");
  g_assert_cmpstr (spf->comment, ==, "sender IP is 40.107.117.112");
  g_assert_cmpstr (kanri_auth_result_get (spf, "smtp.mailfrom"), ==, "contoso.com");

  dkim = kanri_auth_results_find (results, "DKIM");
  g_assert_cmpstr (kanri_auth_result_get (dkim, "header.d"), ==, "contoso.com");

  dmarc = kanri_auth_results_find (results, "dmarc");
  g_assert_cmpstr (kanri_auth_result_get (dmarc, "action"), ==, "none");
  g_assert_cmpstr (kanri_auth_result_get (dmarc, "header.from"), ==, "contoso.com");

  compauth = kanri_auth_results_find (results, "compauth");
  g_assert_cmpstr (compauth->result, ==, "pass");
  g_assert_cmpstr (compauth->reason, ==, "100");
}

static void
test_rfc_form_with_authserv_id (void)
{
  g_autoptr(KanriAuthResults) results = parse (
    "mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=sel1 header.b=\"ab/cd;ef\";\r\n"
    "       spf=pass (google.com: domain of a@example.com designates 209.85.220.41 as permitted sender) "
    "smtp.mailfrom=a@example.com;\r\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com");
  const KanriAuthResult *dkim;

  g_assert_cmpstr (results->authserv_id, ==, "mx.google.com");
  g_assert_cmpuint (results->results->len, ==, 3);
  dkim = kanri_auth_results_find (results, "dkim");
  g_assert_cmpstr (kanri_auth_result_get (dkim, "header.s"), ==, "sel1");
  g_assert_cmpstr (kanri_auth_result_get (dkim, "header.b"), ==, "ab/cd;ef");
  g_assert_cmpstr (kanri_auth_results_find (results, "dmarc")->comment, ==, "p=NONE sp=NONE dis=NONE");
}

static void
test_arc_form (void)
{
  g_autoptr(KanriAuthResults) results = parse (
    "i=1; mx.microsoft.com 1; spf=pass (sender ip is 40.107.1.1) smtp.rcpttodomain=contoso.com "
    "smtp.mailfrom=fabrikam.com; dmarc=pass (p=reject sp=reject pct=100) action=none "
    "header.from=fabrikam.com; dkim=pass (signature was verified) header.d=fabrikam.com; arc=none");

  g_assert_cmpuint (results->instance, ==, 1);
  g_assert_cmpstr (results->authserv_id, ==, "mx.microsoft.com");
  g_assert_cmpuint (results->results->len, ==, 4);
  g_assert_cmpstr (kanri_auth_results_find (results, "arc")->result, ==, "none");
}

static void
test_version_and_case (void)
{
  g_autoptr(KanriAuthResults) results = parse ("example.net 1; DKIM/1=PASS header.d=Example.COM");
  const KanriAuthResult *dkim = kanri_auth_results_find (results, "dkim");

  g_assert_cmpstr (results->authserv_id, ==, "example.net");
  g_assert_cmpstr (dkim->method, ==, "dkim");
  g_assert_cmpstr (dkim->result, ==, "pass");
  g_assert_cmpstr (kanri_auth_result_get (dkim, "header.d"), ==, "Example.COM");
}

static void
test_none (void)
{
  g_autoptr(KanriAuthResults) results = parse ("example.com; none");

  g_assert_cmpstr (results->authserv_id, ==, "example.com");
  g_assert_cmpuint (results->results->len, ==, 0);
}

static void
test_empty_values_and_spaces (void)
{
  g_autoptr(KanriAuthResults) results = parse (
    "spf=none (sender IP is 10.1.2.3) smtp.mailfrom=; dkim=none (message not signed) "
    "header.d=none;dmarc = none action=none header.from=contoso.com;");

  g_assert_cmpuint (results->results->len, ==, 3);
  g_assert_cmpstr (kanri_auth_result_get (kanri_auth_results_find (results, "spf"), "smtp.mailfrom"), ==, "");
  g_assert_cmpstr (kanri_auth_results_find (results, "dmarc")->result, ==, "none");
}

static void
test_bad (void)
{
  const char *values[] = { "", "   ", "mx.example.com", ";;;", "(only a comment)", "=pass" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriAuthResults) results = NULL;

      g_test_message ("“%s”", values[i]);
      results = kanri_auth_results_parse (values[i], -1, &error);
      g_assert_null (results);
      g_assert_error (error, KANRI_AUTH_RESULTS_ERROR, KANRI_AUTH_RESULTS_ERROR_INVALID);
    }
}

static void
test_unbalanced (void)
{
  g_autoptr(KanriAuthResults) results = parse ("spf=fail (unclosed comment; dkim=pass \"open quote");

  g_assert_cmpuint (results->results->len, ==, 1);
  g_assert_cmpstr (kanri_auth_results_find (results, "spf")->result, ==, "fail");
}

static void
test_received_spf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriReceivedSpf) spf = NULL;

  spf = kanri_received_spf_parse ("Pass (protection.outlook.com: domain of contoso.com designates "
                                  "40.107.117.112 as permitted sender) receiver=protection.outlook.com; "
                                  "client-ip=40.107.117.112; helo=mail.contoso.com; pr=C",
                                  -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spf->result, ==, "pass");
  g_assert_nonnull (strstr (spf->comment, "designates 40.107.117.112"));
  g_assert_cmpstr (kanri_received_spf_get (spf, "client-ip"), ==, "40.107.117.112");
  g_assert_cmpstr (kanri_received_spf_get (spf, "helo"), ==, "mail.contoso.com");
  g_assert_cmpstr (kanri_received_spf_get (spf, "receiver"), ==, "protection.outlook.com");
  g_assert_null (kanri_received_spf_get (spf, "envelope-from"));

  g_clear_pointer (&spf, kanri_received_spf_free);
  spf = kanri_received_spf_parse ("(comment first) client-ip=1.2.3.4", -1, &error);
  g_assert_null (spf);
  g_assert_error (error, KANRI_AUTH_RESULTS_ERROR, KANRI_AUTH_RESULTS_ERROR_INVALID);
}

static void
test_explanations (void)
{
  g_assert_nonnull (strstr (kanri_auth_explain_result ("dkim", "none"), "not a failure"));
  g_assert_nonnull (kanri_auth_explain_result ("SPF", "SoftFail"));
  g_assert_null (kanri_auth_explain_result ("spf", "bogus"));

  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("000"), "Explicit"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("001"), "Implicit"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("002"), "admin"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("010"), "accepted domains"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("100"), "passed"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("701"), "passed"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("201"), "soft-passed"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("301"), "not checked"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("905"), "bypassed"));
  g_assert_nonnull (strstr (kanri_auth_explain_compauth_reason ("601"), "accepted domains"));
  g_assert_null (kanri_auth_explain_compauth_reason ("501"));
  g_assert_null (kanri_auth_explain_compauth_reason ("10"));
  g_assert_null (kanri_auth_explain_compauth_reason ("abc"));

  g_assert_nonnull (strstr (kanri_auth_explain_dmarc_action ("oreject"), "Override reject"));
  g_assert_nonnull (strstr (kanri_auth_explain_dmarc_action ("pct.quarantine"), "pct"));
  g_assert_null (kanri_auth_explain_dmarc_action ("whatever"));

  g_assert_nonnull (strstr (kanri_auth_explain_auth_as ("Internal"), "no Authentication-Results"));
  g_assert_nonnull (kanri_auth_explain_auth_as ("anonymous"));
  g_assert_null (kanri_auth_explain_auth_as ("Other"));
}

/* Quoted words and values are read unquoted wherever they stand: the
 * authserv-id, a comment word, a reason, a property, an empty result, the
 * SPF result. */
static void
test_quoted (void)
{
  g_autoptr(KanriAuthResults) results =
    parse ("\"mx.example\" 1; spf=pass (ok) \"quoted word\" reason=\"sender is authorized\" "
           "SMTP.MailFrom=\"a@b.example\"; dkim=\"\"; I=\"2\"");
  g_autoptr(KanriReceivedSpf) spf = NULL;
  const KanriAuthResult *result;

  g_assert_cmpstr (results->authserv_id, ==, "mx.example");
  g_assert_cmpuint (results->results->len, ==, 2);
  result = g_ptr_array_index (results->results, 0);
  g_assert_cmpstr (result->method, ==, "spf");
  g_assert_cmpstr (result->result, ==, "pass");
  g_assert_cmpstr (result->comment, ==, "ok quoted word");
  g_assert_cmpstr (result->reason, ==, "sender is authorized");
  g_assert_cmpstr (kanri_auth_result_get (result, "smtp.mailfrom"), ==, "a@b.example");
  result = g_ptr_array_index (results->results, 1);
  g_assert_cmpstr (result->method, ==, "i");
  g_assert_cmpstr (result->result, ==, "2");

  spf = kanri_received_spf_parse ("\"Pass\" (a comment) Client-IP=\"192.0.2.1\"; (another)", -1, NULL);
  g_assert_nonnull (spf);
  g_assert_cmpstr (spf->result, ==, "pass");
  g_assert_cmpstr (spf->comment, ==, "a comment another");
  g_assert_cmpstr (kanri_received_spf_get (spf, "client-ip"), ==, "192.0.2.1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/auth-results/exchange-online", test_exchange_online_form);
  g_test_add_func ("/auth-results/rfc-authserv-id", test_rfc_form_with_authserv_id);
  g_test_add_func ("/auth-results/arc", test_arc_form);
  g_test_add_func ("/auth-results/version-and-case", test_version_and_case);
  g_test_add_func ("/auth-results/none", test_none);
  g_test_add_func ("/auth-results/empty-values", test_empty_values_and_spaces);
  g_test_add_func ("/auth-results/bad", test_bad);
  g_test_add_func ("/auth-results/unbalanced", test_unbalanced);
  g_test_add_func ("/auth-results/received-spf", test_received_spf);
  g_test_add_func ("/auth-results/explanations", test_explanations);
  g_test_add_func ("/auth-results/quoted", test_quoted);

  return g_test_run ();
}
