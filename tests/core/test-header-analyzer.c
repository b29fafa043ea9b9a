/* test-header-analyzer.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kanri-header-analyzer.h"

static KanriHeaderReport *
analyze_sample (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KanriHeaderReport *report;

  report = kanri_header_analyzer_analyze_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (kanri_header_report_get_source (report), ==, name);

  return report;
}

static JsonObject *
report_json (KanriHeaderReport *report,
             JsonParser        *parser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = kanri_header_report_to_json (report, FALSE);
  g_autofree char *pretty = kanri_header_report_to_json (report, TRUE);
  g_autoptr(JsonParser) pretty_parser = json_parser_new ();
  g_autoptr(JsonGenerator) a = json_generator_new ();
  g_autoptr(JsonGenerator) b = json_generator_new ();
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;

  g_assert_true (json_parser_load_from_data (parser, compact, -1, &error));
  g_assert_no_error (error);

  /* Pretty printing changes the layout only. */
  g_assert_true (json_parser_load_from_data (pretty_parser, pretty, -1, &error));
  g_assert_no_error (error);
  json_generator_set_root (a, json_parser_get_root (parser));
  json_generator_set_root (b, json_parser_get_root (pretty_parser));
  a_text = json_generator_to_data (a, NULL);
  b_text = json_generator_to_data (b, NULL);
  g_assert_cmpstr (a_text, ==, b_text);

  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_members (JsonObject        *object,
                const char *const *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint n = 0;

  for (GList *l = members; l != NULL; l = l->next, n++)
    {
      g_test_message ("member %s", (const char *)l->data);
      g_assert_cmpstr (l->data, ==, expected[n]);
    }
  g_assert_null (expected[n]);
}

/* Exactly the keys of issue 3, in its order, with the classified
 * addresses of issue 17. */
static void
assert_shape (JsonObject *report)
{
  static const char *const top[] = {
    "source", "format", "summary", "hops", "total_delay_seconds", "cip", "addresses",
    "enhanced_filtering", "auth", "signatures", "antispam", "scl", "bcl", "sfv", "ndr", "findings",
    NULL,
  };
  static const char *const address[] = { "ip", "class", "label", "seen", "hop", NULL };
  static const char *const summary[] = { "subject", "from", "to", "date", "message_id", NULL };
  static const char *const hop[] = {
    "from", "from_ip", "by", "with", "id", "for", "time_utc", "delay_seconds", NULL,
  };
  static const char *const ef[] = { "applied", "original_ip", "original_host", NULL };
  static const char *const auth[] = {
    "spf", "spf_ip", "spf_domain", "dkim", "dkim_domain", "dmarc", "dmarc_action", "dmarc_domain",
    "compauth", "compauth_reason", "arc", NULL,
  };
  static const char *const antispam[] = { "header", "field", "value", "meaning", NULL };
  static const char *const ndr[] = { "status", "action", "diagnostic", "recipient", "meaning", "original", NULL };
  static const char *const finding[] = { "id", "severity", "message", NULL };
  static const char *const signatures[] = { "status", "message", "dkim", "unverified", "arc", NULL };
  JsonArray *array;

  assert_members (report, top);
  assert_members (json_object_get_object_member (report, "summary"), summary);
  assert_members (json_object_get_object_member (report, "enhanced_filtering"), ef);
  assert_members (json_object_get_object_member (report, "auth"), auth);
  assert_members (json_object_get_object_member (report, "signatures"), signatures);

  array = json_object_get_array_member (report, "hops");
  for (guint i = 0; i < json_array_get_length (array); i++)
    assert_members (json_array_get_object_element (array, i), hop);

  array = json_object_get_array_member (report, "addresses");
  for (guint i = 0; i < json_array_get_length (array); i++)
    assert_members (json_array_get_object_element (array, i), address);

  array = json_object_get_array_member (report, "antispam");
  for (guint i = 0; i < json_array_get_length (array); i++)
    assert_members (json_array_get_object_element (array, i), antispam);

  array = json_object_get_array_member (report, "findings");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *severity = json_object_get_string_member (item, "severity");

      assert_members (item, finding);
      g_assert_true (g_str_equal (severity, "info") || g_str_equal (severity, "warning") ||
                     g_str_equal (severity, "error"));
    }

  if (!json_object_get_null_member (report, "ndr"))
    {
      JsonObject *object = json_object_get_object_member (report, "ndr");

      assert_members (object, ndr);
      if (!json_object_get_null_member (object, "original"))
        assert_shape (json_object_get_object_member (object, "original"));
    }
}

static gboolean
has_finding (JsonObject *report,
             const char *id,
             const char *severity)
{
  JsonArray *findings = json_object_get_array_member (report, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "id"), id) &&
          (severity == NULL || g_str_equal (json_object_get_string_member (finding, "severity"), severity)))
        return TRUE;
    }

  return FALSE;
}

static const char *
finding_message (JsonObject *report,
                 const char *id)
{
  JsonArray *findings = json_object_get_array_member (report, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "id"), id))
        return json_object_get_string_member (finding, "message");
    }

  return NULL;
}

static JsonObject *
hop_at (JsonObject *report,
        guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (report, "hops"), index);
}

static const char *
string_or_null (JsonObject *object,
                const char *member)
{
  return json_object_get_null_member (object, member) ? NULL : json_object_get_string_member (object, member);
}

static void
test_plain_inbound (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("plain-inbound.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);
  JsonObject *auth = json_object_get_object_member (json, "auth");
  JsonObject *summary = json_object_get_object_member (json, "summary");

  assert_shape (json);
  g_assert_cmpstr (json_object_get_string_member (json, "format"), ==, "eml");
  g_assert_cmpstr (string_or_null (summary, "subject"), ==, "Quarterly report");
  g_assert_cmpstr (string_or_null (summary, "date"), ==, "2024-05-06T09:11:58Z");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "hops")), ==, 5);
  g_assert_cmpstr (string_or_null (hop_at (json, 0), "with"), ==, "mapi");
  g_assert_true (json_object_get_null_member (hop_at (json, 0), "delay_seconds"));
  g_assert_cmpstr (string_or_null (hop_at (json, 2), "from_ip"), ==, "40.107.117.112");
  g_assert_cmpint (json_object_get_int_member (hop_at (json, 2), "delay_seconds"), ==, 2);
  g_assert_cmpstr (string_or_null (hop_at (json, 2), "time_utc"), ==, "2024-05-06T09:12:01Z");
  g_assert_cmpint (json_object_get_int_member (json, "total_delay_seconds"), ==, 5);

  /* The trusted report, not the sender's -Untrusted 255.255.255.255. */
  g_assert_cmpstr (string_or_null (json, "cip"), ==, "40.107.117.112");
  g_assert_cmpint (kanri_header_report_get_cip_class (report), ==, KANRI_IP_CLASS_EOP_OUTBOUND);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (json, "enhanced_filtering"), "applied"));

  g_assert_cmpstr (string_or_null (auth, "spf"), ==, "pass");
  g_assert_cmpstr (string_or_null (auth, "spf_ip"), ==, "40.107.117.112");
  g_assert_cmpstr (string_or_null (auth, "spf_domain"), ==, "fabrikam.example");
  g_assert_cmpstr (string_or_null (auth, "dkim"), ==, "pass");
  g_assert_cmpstr (string_or_null (auth, "dkim_domain"), ==, "fabrikam.example");
  g_assert_cmpstr (string_or_null (auth, "dmarc"), ==, "pass");
  g_assert_cmpstr (string_or_null (auth, "dmarc_action"), ==, "none");
  g_assert_cmpstr (string_or_null (auth, "compauth"), ==, "pass");
  g_assert_cmpstr (string_or_null (auth, "compauth_reason"), ==, "100");
  g_assert_cmpstr (string_or_null (auth, "arc"), ==, "none");

  g_assert_cmpint (json_object_get_int_member (json, "scl"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json, "bcl"), ==, 0);
  g_assert_cmpstr (string_or_null (json, "sfv"), ==, "NSPM");
  g_assert_true (json_object_get_null_member (json, "ndr"));

  g_assert_true (has_finding (json, "eop-outbound", "info"));
  g_assert_true (has_finding (json, "untrusted-antispam", "info"));
  g_assert_false (has_finding (json, "cip-is-relay", NULL));
  g_assert_false (has_finding (json, "spam-verdict", NULL));
  g_assert_false (has_finding (json, "client-submitted", NULL));

  /* Every anti-spam field is listed, -Untrusted ones and unknown ones too. */
  g_assert_cmpuint (kanri_header_report_get_antispam (report)->len, >=, 30);
}

static void
test_enhanced_filtering (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("enhanced-filtering.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);
  JsonObject *ef = json_object_get_object_member (json, "enhanced_filtering");
  const char *message;

  assert_shape (json);
  g_assert_true (json_object_get_boolean_member (ef, "applied"));
  g_assert_cmpstr (string_or_null (ef, "original_ip"), ==, "198.51.100.23");
  g_assert_cmpstr (string_or_null (ef, "original_host"), ==, "mail.fabrikam.example");
  g_assert_cmpstr (string_or_null (json, "cip"), ==, "203.0.113.10");

  g_assert_true (has_finding (json, "enhanced-filtering-applied", "info"));
  g_assert_true (has_finding (json, "cip-is-relay", "warning"));
  message = finding_message (json, "cip-is-relay");
  g_assert_nonnull (strstr (message, "Mail flow rules"));
  g_assert_nonnull (strstr (message, "must use the CIP, 203.0.113.10"));
  g_assert_false (has_finding (json, "spf-fail", NULL));
  g_assert_false (has_finding (json, "dmarc-fail", NULL));
}

static void
test_gateway_without_enhanced_filtering (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("gateway-no-ef.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);
  JsonObject *auth = json_object_get_object_member (json, "auth");
  const char *message;

  assert_shape (json);
  g_assert_cmpstr (string_or_null (auth, "spf"), ==, "fail");
  g_assert_cmpstr (string_or_null (auth, "spf_ip"), ==, "203.0.113.10");
  g_assert_cmpstr (string_or_null (auth, "dkim"), ==, "none");
  g_assert_null (string_or_null (auth, "dkim_domain"));
  g_assert_cmpstr (string_or_null (auth, "dmarc"), ==, "fail");
  g_assert_cmpstr (string_or_null (auth, "dmarc_action"), ==, "oreject");
  g_assert_cmpstr (string_or_null (auth, "compauth_reason"), ==, "000");

  g_assert_true (has_finding (json, "spf-fail", "error"));
  g_assert_true (has_finding (json, "dmarc-fail", "error"));
  g_assert_true (has_finding (json, "compauth-fail", "warning"));
  g_assert_true (has_finding (json, "spam-verdict", "warning"));
  /* dkim=none means unsigned: not a DKIM failure. */
  g_assert_false (has_finding (json, "dkim-fail", NULL));
  g_assert_false (has_finding (json, "enhanced-filtering-applied", NULL));

  g_assert_true (has_finding (json, "cip-is-relay", "warning"));
  message = finding_message (json, "cip-is-relay");
  g_assert_nonnull (strstr (message, "198.51.100.23"));
  g_assert_nonnull (strstr (message, "enhanced filtering"));
  g_assert_nonnull (strstr (message, "must use the CIP, 203.0.113.10"));

  /* Errors come first. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json, "findings"), 0), "severity"), ==, "error");
}

static void
test_relay_pool (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("relay-pool.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);

  assert_shape (json);
  g_assert_cmpint (kanri_header_report_get_cip_class (report), ==, KANRI_IP_CLASS_RELAY_POOL);
  g_assert_true (has_finding (json, "relay-pool", "info"));
  g_assert_true (has_finding (json, "spf-fail", "warning"));
  /* The relay pool is not EOP outbound, and not a relay in front of EXO. */
  g_assert_false (has_finding (json, "eop-outbound", NULL));
  g_assert_false (has_finding (json, "cip-is-relay", NULL));
  /* -0400 is honoured: 10:20:08 -0400 is 14:20:08 UTC. */
  g_assert_cmpstr (string_or_null (hop_at (json, 0), "time_utc"), ==, "2024-05-08T14:20:08Z");
}

static void
test_ndr (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("ndr-attached.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);
  JsonObject *ndr = json_object_get_object_member (json, "ndr");
  JsonObject *original = json_object_get_object_member (ndr, "original");

  assert_shape (json);
  g_assert_cmpstr (string_or_null (ndr, "status"), ==, "5.4.316");
  g_assert_cmpstr (string_or_null (ndr, "action"), ==, "failed");
  g_assert_cmpstr (string_or_null (ndr, "recipient"), ==, "user@fabrikam.example");
  g_assert_nonnull (strstr (string_or_null (ndr, "diagnostic"), "Socket error code 10061"));
  g_assert_nonnull (strstr (string_or_null (ndr, "meaning"), "expired"));
  g_assert_true (has_finding (json, "ndr", "error"));

  g_assert_cmpstr (string_or_null (json_object_get_object_member (original, "summary"), "subject"), ==, "Contract draft");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (original, "hops")), ==, 1);
  g_assert_true (has_finding (original, "internal-message", "info"));
  g_assert_true (json_object_get_null_member (original, "ndr"));

  g_assert_nonnull (kanri_header_report_get_ndr_original (report));
  g_assert_cmpstr (kanri_header_report_get_ndr (report)->reporting_mta, ==, "OS3P286MB5678.JPNP286.PROD.OUTLOOK.COM");
}

static void
test_ndr_headers_only (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("ndr-rfc822-headers.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);
  JsonObject *ndr = json_object_get_object_member (json, "ndr");

  assert_shape (json);
  g_assert_cmpstr (string_or_null (ndr, "status"), ==, "5.1.10");
  g_assert_cmpstr (string_or_null (ndr, "recipient"), ==, "nobody@contoso.example");
  g_assert_cmpstr (string_or_null (json_object_get_object_member (json_object_get_object_member (ndr, "original"), "summary"),
                                   "message_id"), ==, "<hello-1@tailspin.example>");
}

static void
test_clock_skew (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("clock-skew.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);
  GPtrArray *hops = kanri_header_report_get_hops (report);
  double total = 0;

  assert_shape (json);
  /* PDT and EDT honoured: 09:02:14 -0700 and 12:02:15 -0400. */
  g_assert_cmpstr (string_or_null (hop_at (json, 0), "time_utc"), ==, "2024-05-10T16:02:14Z");
  g_assert_cmpstr (string_or_null (hop_at (json, 1), "time_utc"), ==, "2024-05-10T16:02:15Z");
  g_assert_cmpint (json_object_get_int_member (hop_at (json, 1), "delay_seconds"), ==, 1);
  /* Negative, never clamped. */
  g_assert_cmpint (json_object_get_int_member (hop_at (json, 2), "delay_seconds"), ==, -131);
  g_assert_cmpint (json_object_get_int_member (json, "total_delay_seconds"), ==, -129);
  g_assert_true (kanri_header_report_get_total_delay (report, &total));
  g_assert_cmpfloat (total, ==, -129);
  g_assert_cmpfloat (((KanriHop *)g_ptr_array_index (hops, 2))->delay_seconds, ==, -131);

  g_assert_true (has_finding (json, "clock-skew", "warning"));
  g_assert_nonnull (strstr (finding_message (json, "clock-skew"), "Hop 3"));
  g_assert_nonnull (strstr (finding_message (json, "clock-skew"), "131 s"));
}

static void
test_mixed_stamps (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("mixed-stamps.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);
  g_autofree char *text = kanri_header_report_to_text (report);
  static const char *const times[] = {
    "2018-03-26T13:35:33Z", "2018-03-26T13:35:34Z", "2018-03-26T13:35:35Z",
    "2018-03-26T13:35:36.215Z", "2018-03-26T13:35:36.270951634Z", "2018-03-26T13:35:39Z",
    "2018-03-26T13:35:40Z",
  };

  assert_shape (json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "hops")), ==, G_N_ELEMENTS (times));
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_assert_cmpstr (string_or_null (hop_at (json, i), "time_utc"), ==, times[i]);

  g_assert_cmpstr (string_or_null (hop_at (json, 1), "from"), ==, NULL);
  g_assert_cmpstr (string_or_null (hop_at (json, 2), "from_ip"), ==, "192.0.2.10");
  g_assert_cmpstr (string_or_null (hop_at (json, 4), "id"), ==, "filter0123p1mdw1-12345-5AB8F6D8-1A");

  /* Exact decimals, not binary floating point. */
  g_assert_nonnull (strstr (text, "(+0.055951634 s)"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (hop_at (json, 3), "delay_seconds"), 1.215, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (hop_at (json, 5), "delay_seconds"), 2.729048366, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json, "total_delay_seconds"), ==, 7);

  /* An application behind its own mail service is not a relay. */
  g_assert_false (has_finding (json, "cip-is-relay", NULL));
  g_assert_false (has_finding (json, "date-unreadable", NULL));
}

static void
test_ipv6_cip (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("ipv6-cip.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);

  assert_shape (json);
  g_assert_cmpstr (string_or_null (json, "cip"), ==, "2001:db8:1234::25");
  g_assert_cmpstr (string_or_null (json_object_get_object_member (json, "auth"), "spf_ip"), ==, "2001:db8:1234::25");
  g_assert_cmpstr (string_or_null (hop_at (json, 0), "from_ip"), ==, "fd00:10::42");
  g_assert_cmpint (((KanriHop *)g_ptr_array_index (kanri_header_report_get_hops (report), 0))->from_ip_class, ==,
                   KANRI_IP_CLASS_UNIQUE_LOCAL);
  g_assert_cmpstr (string_or_null (hop_at (json, 1), "from_ip"), ==, "2001:db8:1234::25");
  g_assert_false (has_finding (json, "cip-is-relay", NULL));
}

static void
test_spaced_antispam (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("spaced-antispam.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);
  JsonArray *antispam = json_object_get_array_member (json, "antispam");
  gboolean saw_untrusted_spm = FALSE;
  gboolean saw_sfty = FALSE;

  assert_shape (json);
  /* The trusted header's values, not the -Untrusted SCL 9 and SPM. */
  g_assert_cmpstr (string_or_null (json, "cip"), ==, "203.0.113.50");
  g_assert_cmpint (json_object_get_int_member (json, "scl"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (json, "bcl"), ==, 7);
  g_assert_cmpstr (string_or_null (json, "sfv"), ==, "NSPM");

  for (guint i = 0; i < json_array_get_length (antispam); i++)
    {
      JsonObject *row = json_array_get_object_element (antispam, i);
      const char *header = json_object_get_string_member (row, "header");
      const char *field = json_object_get_string_member (row, "field");
      const char *value = json_object_get_string_member (row, "value");

      g_assert_false (g_str_has_prefix (value, " "));
      if (g_str_equal (header, "X-Forefront-Antispam-Report-Untrusted") && g_str_equal (field, "SFV"))
        saw_untrusted_spm = g_str_equal (value, "SPM");
      if (g_str_equal (field, "SFTY"))
        saw_sfty = g_str_equal (value, "9.25") && !json_object_get_null_member (row, "meaning");
    }
  g_assert_true (saw_untrusted_spm);
  g_assert_true (saw_sfty);

  g_assert_true (has_finding (json, "spam-verdict", "warning"));
  g_assert_nonnull (strstr (finding_message (json, "spam-verdict"), "SCL 5"));
  g_assert_true (has_finding (json, "bulk", "warning"));
  g_assert_true (has_finding (json, "untrusted-antispam", "info"));
}

static void
test_japanese_subjects (void)
{
  g_autoptr(KanriHeaderReport) jis = analyze_sample ("japanese-iso2022jp.eml");
  g_autoptr(KanriHeaderReport) sjis = analyze_sample ("japanese-shiftjis.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (jis, parser);

  assert_shape (json);
  g_assert_cmpstr (kanri_header_report_get_subject (jis), ==, "【重要】①請求書の件（髙橋）");
  g_assert_cmpstr (kanri_header_report_get_from (jis), ==, "山田 太郎 <taro@fabrikam.example>");
  g_assert_cmpstr (string_or_null (json_object_get_object_member (json, "summary"), "subject"), ==,
                   "【重要】①請求書の件（髙橋）");
  /* +0900 honoured in the Date summary. */
  g_assert_cmpstr (string_or_null (json_object_get_object_member (json, "summary"), "date"), ==, "2024-05-13T00:30:00Z");

  g_assert_cmpstr (kanri_header_report_get_subject (sjis), ==, "会議のお知らせ（５月１４日）");
  g_assert_cmpstr (kanri_header_report_get_from (sjis), ==, "鈴木 <suzuki@adventure-works.example>");
  g_assert_cmpstr (kanri_header_report_get_auth (sjis)->dmarc, ==, "bestguesspass");
  /* The summary takes the Authentication-Results below the Received fields. */
  g_assert_cmpstr (kanri_header_report_get_auth (sjis)->spf_ip, ==, "203.0.113.80");
}

static void
test_pasted_text (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("pasted-junk.txt");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);

  assert_shape (json);
  g_assert_cmpstr (json_object_get_string_member (json, "format"), ==, "text");
  g_assert_cmpstr (string_or_null (json, "cip"), ==, "198.51.100.120");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "hops")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json, "bcl"), ==, 0);
}

static void
test_internal (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("internal.eml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *json = report_json (report, parser);

  assert_shape (json);
  g_assert_true (json_object_get_null_member (json, "cip"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (json, "auth"), "spf"));
  /* No Forefront report: the organization's SCL. */
  g_assert_cmpint (json_object_get_int_member (json, "scl"), ==, -1);
  g_assert_true (json_object_get_null_member (json, "bcl"));
  g_assert_true (has_finding (json, "internal-message", "info"));
  g_assert_cmpstr (kanri_header_report_get_auth (report)->auth_as, ==, "Internal");
}

static void
test_msg_through_analyzer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderReport) report = NULL;
  /* A minimal header-only input with no Received: still a report. */
  const char *text = "Subject: =?utf-8?b?44OG44K544OI?=\nX-Forefront-Antispam-Report: CIP:255.255.255.255;SFV:SPM;\n";

  report = kanri_header_analyzer_analyze (text, strlen (text), "clipboard", KANRI_MESSAGE_FORMAT_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kanri_header_report_get_format (report), ==, KANRI_MESSAGE_FORMAT_TEXT);
  g_assert_cmpstr (kanri_header_report_get_subject (report), ==, "テスト");
  g_assert_nonnull (kanri_header_report_find_finding (report, "no-hops"));
  g_assert_nonnull (kanri_header_report_find_finding (report, "client-submitted"));
  g_assert_nonnull (kanri_header_report_find_finding (report, "spam-verdict"));
  g_assert_null (kanri_header_report_find_finding (report, "cip-is-relay"));
  g_assert_cmpstr (kanri_header_report_get_sfv (report), ==, "SPM");
}

typedef struct
{
  const char *headers;
  const char *id;
  gboolean    expected;
} FindingCase;

/* The precise meanings of the finding ids. */
static void
test_finding_rules (void)
{
  static const FindingCase cases[] = {
    { "Authentication-Results: spf=softfail (sender IP is 192.0.2.1) smtp.mailfrom=a.example\n", "spf-fail", TRUE },
    { "Authentication-Results: spf=neutral (sender IP is 192.0.2.1) smtp.mailfrom=a.example\n", "spf-fail", FALSE },
    { "Authentication-Results: dkim=fail (body hash did not verify) header.d=a.example\n", "dkim-fail", TRUE },
    { "Authentication-Results: dkim=permerror (no key) header.d=a.example\n", "dkim-fail", TRUE },
    { "Authentication-Results: dkim=none (message not signed) header.d=none\n", "dkim-fail", FALSE },
    { "Authentication-Results: dkim=fail header.d=a.example;dkim=pass header.d=b.example\n", "dkim-fail", FALSE },
    { "Authentication-Results: dmarc=fail action=quarantine header.from=a.example\n", "dmarc-fail", TRUE },
    { "Authentication-Results: dmarc=bestguesspass action=none header.from=a.example\n", "dmarc-fail", FALSE },
    /* Only the topmost Authentication-Results is Exchange Online's. */
    { "Authentication-Results: spf=pass\nAuthentication-Results: mx.example; spf=fail\n", "spf-fail", FALSE },
    { "ARC-Authentication-Results: i=1; mx.example; dmarc=fail\n", "dmarc-fail", FALSE },
    { "Authentication-Results-Original: dmarc=fail\n", "dmarc-fail", FALSE },
    { "X-Forefront-Antispam-Report: CIP:192.0.2.1;SCL:4;SFV:NSPM;\n", "spam-verdict", FALSE },
    { "X-Forefront-Antispam-Report: CIP:192.0.2.1;SCL:5;SFV:NSPM;\n", "spam-verdict", TRUE },
    { "X-Forefront-Antispam-Report: CIP:192.0.2.1;SCL:1;SFV:SPM;\n", "spam-verdict", TRUE },
    { "X-Forefront-Antispam-Report-Untrusted: CIP:192.0.2.1;SCL:9;SFV:SPM;\n", "spam-verdict", FALSE },
    { "X-MS-Exchange-Organization-SCL: 6\n", "spam-verdict", TRUE },
    { "X-Microsoft-Antispam: BCL:6;\n", "bulk", FALSE },
    { "X-Microsoft-Antispam: BCL:7;\n", "bulk", TRUE },
    { "X-Microsoft-Antispam-Untrusted: BCL:9;\n", "bulk", FALSE },
    { "X-Forefront-Antispam-Report: CIP:192.0.2.1;SRV:BULK;\n", "bulk", TRUE },
    { "X-Forefront-Antispam-Report: CIP:192.0.2.1;CAT:BULK;\n", "bulk", TRUE },
    { "X-Forefront-Antispam-Report: CIP:40.95.1.2;\n", "relay-pool", TRUE },
    { "X-Forefront-Antispam-Report: CIP:40.95.1.2;\n", "eop-outbound", FALSE },
    { "X-Forefront-Antispam-Report: CIP:104.47.1.2;\n", "eop-outbound", TRUE },
    { "Received: from x (40.95.3.4) by y; Mon, 6 May 2024 09:11:58 +0000\n", "relay-pool", TRUE },
    { "Received: from x (52.102.3.4) by y; Mon, 6 May 2024 09:11:58 +0000\n", "eop-outbound", TRUE },
    { "X-MS-Exchange-SkipListedInternetSender: ip=[192.0.2.7];domain=a.example\n", "enhanced-filtering-applied", TRUE },
    { "X-MS-Exchange-ExternalOriginalInternetSender: ip=[192.0.2.7];domain=a.example\n"
      "X-Forefront-Antispam-Report: CIP:192.0.2.7;\n", "cip-is-relay", FALSE },
    { "X-MS-Exchange-ExternalOriginalInternetSender: ip=[192.0.2.7];domain=a.example\n"
      "X-Forefront-Antispam-Report: CIP:192.0.2.8;\n", "cip-is-relay", TRUE },
    /* The hop before the relay is a user submitting mail: no relay. */
    { "Received: from gw.b.example (192.0.2.8) by x.mail.protection.outlook.com; Mon, 6 May 2024 09:12:00 +0000\n"
      "Received: from pc.a.example (pc.a.example [198.51.100.3]) by gw.b.example with ESMTPSA; Mon, 6 May 2024 09:11:59 +0000\n"
      "X-Forefront-Antispam-Report: CIP:192.0.2.8;\n", "cip-is-relay", FALSE },
    { "Received: from gw.b.example (192.0.2.8) by x.mail.protection.outlook.com; Mon, 6 May 2024 09:12:00 +0000\n"
      "Received: from mx.a.example (mx.a.example [198.51.100.3]) by gw.b.example with ESMTPS; Mon, 6 May 2024 09:11:59 +0000\n"
      "X-Forefront-Antispam-Report: CIP:192.0.2.8;\n", "cip-is-relay", TRUE },
    /* Hosts that share their last two labels are told apart by the Public
     * Suffix List: co.jp is a public suffix, a.co.jp and b.co.jp are two
     * organizations, and mx.a.co.jp is the same one as gw.a.co.jp. */
    { "Received: from gw.b.co.jp (192.0.2.8) by x.mail.protection.outlook.com; Mon, 6 May 2024 09:12:00 +0000\n"
      "Received: from mx.a.co.jp (mx.a.co.jp [198.51.100.3]) by gw.b.co.jp with ESMTPS; Mon, 6 May 2024 09:11:59 +0000\n"
      "X-Forefront-Antispam-Report: CIP:192.0.2.8;\n", "cip-is-relay", TRUE },
    { "Received: from gw.a.co.jp (192.0.2.8) by x.mail.protection.outlook.com; Mon, 6 May 2024 09:12:00 +0000\n"
      "Received: from mx.a.co.jp (mx.a.co.jp [198.51.100.3]) by gw.a.co.jp with ESMTPS; Mon, 6 May 2024 09:11:59 +0000\n"
      "X-Forefront-Antispam-Report: CIP:192.0.2.8;\n", "cip-is-relay", FALSE },
    /* SPF judged on another address: Exchange Online looked past the CIP. */
    { "Authentication-Results: spf=pass (sender IP is 198.51.100.3) smtp.mailfrom=a.example\n"
      "Received: from gw.b.example (192.0.2.8) by x.mail.protection.outlook.com; Mon, 6 May 2024 09:12:00 +0000\n"
      "Received: from mx.a.example (mx.a.example [198.51.100.3]) by gw.b.example with ESMTPS; Mon, 6 May 2024 09:11:59 +0000\n"
      "X-Forefront-Antispam-Report: CIP:192.0.2.8;\n", "cip-is-relay", FALSE },
    { "Received: from a by b; yesterday\n", "date-unreadable", TRUE },
    { "Received: from a by b; Mon, 6 May 2024 09:11:58 +0000\n"
      "Received: from c by a; Mon, 6 May 2024 09:11:59 +0000\n", "clock-skew", TRUE },
    { "Received: from a by b; Mon, 6 May 2024 09:11:59 +0000\n"
      "Received: from c by a; Mon, 6 May 2024 09:11:58 +0000\n", "clock-skew", FALSE },
    { "X-MS-Exchange-Organization-AuthAs: Internal\n", "internal-message", TRUE },
    { "X-MS-Exchange-Organization-AuthAs: Anonymous\n", "internal-message", FALSE },
    { "Authentication-Results: compauth=fail reason=001\n", "compauth-fail", TRUE },
    { "Authentication-Results: compauth=softpass reason=201\n", "compauth-fail", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriHeaderReport) report = NULL;
      g_autofree char *text = g_strconcat ("Subject: case\n", cases[i].headers, NULL);

      g_test_message ("%s → %s %s", cases[i].headers, cases[i].id, cases[i].expected ? "yes" : "no");
      report = kanri_header_analyzer_analyze (text, strlen (text), NULL, KANRI_MESSAGE_FORMAT_AUTO, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (kanri_header_report_find_finding (report, cases[i].id) != NULL, ==, cases[i].expected);
    }
}

static void
test_ips_classified (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("enhanced-filtering.eml");
  GPtrArray *ips = kanri_header_report_get_ips (report);
  gboolean cip = FALSE, original = FALSE, loopback = FALSE, private_ip = FALSE;

  for (guint i = 0; i < ips->len; i++)
    {
      const KanriIpNote *note = g_ptr_array_index (ips, i);

      g_autofree char *where = kanri_ip_note_describe (note);

      if (g_str_equal (note->ip, "203.0.113.10") && note->seen == KANRI_IP_SEEN_CIP)
        cip = g_str_equal (where, "Connecting IP (CIP)");
      if (g_str_equal (note->ip, "198.51.100.23") && note->seen == KANRI_IP_SEEN_ORIGINAL_SENDER)
        original = strstr (where, "enhanced filtering") != NULL;
      if (note->seen == KANRI_IP_SEEN_HOP_SENDER && note->hop == 2)
        g_assert_cmpstr (where, ==, "Hop 2, sending server");
      if (g_str_equal (note->ip, "127.0.0.1"))
        loopback = note->klass == KANRI_IP_CLASS_LOOPBACK;
      if (g_str_equal (note->ip, "192.168.10.44"))
        private_ip = note->klass == KANRI_IP_CLASS_PRIVATE;
    }

  g_assert_true (cip);
  g_assert_true (original);
  g_assert_true (loopback);
  g_assert_true (private_ip);
}

static void
test_text_output (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("gateway-no-ef.eml");
  g_autofree char *text = kanri_header_report_to_text (report);

  g_assert_true (g_str_has_prefix (text, "gateway-no-ef.eml (eml)\n"));
  g_assert_nonnull (strstr (text, "Summary"));
  g_assert_nonnull (strstr (text, "[error] spf-fail:"));
  g_assert_nonnull (strstr (text, "Hops (oldest first)"));
  g_assert_nonnull (strstr (text, "CIP: 203.0.113.10 (Documentation)"));
  g_assert_nonnull (strstr (text, "DMARC: fail (fabrikam.example, action=oreject)"));
  g_assert_nonnull (strstr (text, "Override reject"));
  g_assert_nonnull (strstr (text, "SFV:SPM — Spam filtering marked the message as spam."));
  g_assert_nonnull (strstr (text, "dest:J — Delivered to the Junk Email folder."));
}

static void
test_file_errors (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "big.eml", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/message.eml");
  g_autoptr(GFile) big = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  KanriHeaderReport *report;

  report = kanri_header_analyzer_analyze_file (missing, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A sparse 50 MB file is refused by its size, without reading it. */
  stream = g_file_replace (big, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_seekable_truncate (G_SEEKABLE (stream), 50 * 1000 * 1000, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));

  report = kanri_header_analyzer_analyze_file (big, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "50.0"));
  g_assert_nonnull (strstr (error->message, "25 MB"));
  g_file_delete (big, NULL, NULL);
}

static void
analyzed (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  KanriHeaderReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = kanri_header_analyzer_analyze_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", "clock-skew.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KanriHeaderReport) report = NULL;

  kanri_header_analyzer_analyze_file_async (file, NULL, analyzed, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (kanri_header_report_find_finding (report, "clock-skew"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/header-analyzer/plain-inbound", test_plain_inbound);
  g_test_add_func ("/header-analyzer/enhanced-filtering", test_enhanced_filtering);
  g_test_add_func ("/header-analyzer/gateway-without-ef", test_gateway_without_enhanced_filtering);
  g_test_add_func ("/header-analyzer/relay-pool", test_relay_pool);
  g_test_add_func ("/header-analyzer/ndr", test_ndr);
  g_test_add_func ("/header-analyzer/ndr-headers-only", test_ndr_headers_only);
  g_test_add_func ("/header-analyzer/clock-skew", test_clock_skew);
  g_test_add_func ("/header-analyzer/mixed-stamps", test_mixed_stamps);
  g_test_add_func ("/header-analyzer/ipv6-cip", test_ipv6_cip);
  g_test_add_func ("/header-analyzer/spaced-antispam", test_spaced_antispam);
  g_test_add_func ("/header-analyzer/japanese-subjects", test_japanese_subjects);
  g_test_add_func ("/header-analyzer/pasted-text", test_pasted_text);
  g_test_add_func ("/header-analyzer/internal", test_internal);
  g_test_add_func ("/header-analyzer/minimal-text", test_msg_through_analyzer);
  g_test_add_func ("/header-analyzer/finding-rules", test_finding_rules);
  g_test_add_func ("/header-analyzer/ips", test_ips_classified);
  g_test_add_func ("/header-analyzer/text", test_text_output);
  g_test_add_func ("/header-analyzer/file-errors", test_file_errors);
  g_test_add_func ("/header-analyzer/async", test_async);

  return g_test_run ();
}
