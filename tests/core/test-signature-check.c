/* test-signature-check.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gsf/gsf.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kanri-header-analyzer.h"
#include "kanri-zone-resolver.h"

/* The Header Analyzer's own verification of the signatures, on the corpus
 * of tests/data/dkim: what the report says in JSON and text, and the
 * findings where it differs from the receiving server's
 * Authentication-Results, which the tests put on top of a message as
 * Exchange Online would. */

/* The corpus's verification time (expected.json "now"). */
#define CORPUS_NOW 1700003600

#define AR_DKIM_PASS "Authentication-Results: spf=pass (sender IP is 192.0.2.25)\r\n" \
                     " smtp.mailfrom=example.com; dkim=pass (signature was verified)\r\n" \
                     " header.d=example.com;dmarc=pass action=none\r\n" \
                     " header.from=example.com;compauth=pass reason=100\r\n"
#define AR_DKIM_FAIL "Authentication-Results: spf=pass (sender IP is 192.0.2.25)\r\n" \
                     " smtp.mailfrom=example.com; dkim=fail (body hash did not verify)\r\n" \
                     " header.d=example.com;dmarc=fail action=none\r\n" \
                     " header.from=example.com;compauth=fail reason=000\r\n"

static KanriDkimVerifier *
corpus_verifier (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "dkim", "zone.json", NULL);
  g_autoptr(KanriZoneResolver) zone = NULL;
  g_autoptr(GError) error = NULL;
  KanriDkimVerifier *verifier;

  zone = kanri_zone_resolver_new_from_file (path, &error);
  g_assert_no_error (error);
  verifier = kanri_dkim_verifier_new (KANRI_RESOLVER (zone));
  kanri_dkim_verifier_set_time (verifier, CORPUS_NOW);
  return verifier;
}

static char *
corpus_message (const char *name,
                gsize      *length)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "dkim", "messages", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static KanriHeaderReport *
verify_data (const char         *data,
             gsize               length,
             KanriMessageFormat  format)
{
  g_autoptr(KanriDkimVerifier) verifier = corpus_verifier ();
  g_autoptr(GError) error = NULL;
  KanriHeaderReport *report;

  report = kanri_header_analyzer_analyze_verified (data, length, "test", format, verifier, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* @prefix: (nullable): header fields to put on top, as the receiving
 * server adds its Authentication-Results */
static KanriHeaderReport *
verify_corpus (const char *name,
               const char *prefix)
{
  gsize length = 0;
  g_autofree char *contents = corpus_message (name, &length);
  g_autofree char *data = g_strconcat (prefix != NULL ? prefix : "", contents, NULL);

  return verify_data (data, strlen (data), KANRI_MESSAGE_FORMAT_AUTO);
}

static JsonObject *
signatures_json (KanriHeaderReport *report)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *report_object;

  kanri_header_report_append_json (report, out, TRUE);
  g_assert_true (json_parser_load_from_data (parser, out->str, out->len, &error));
  g_assert_no_error (error);
  report_object = json_node_get_object (json_parser_get_root (parser));
  return json_object_ref (json_object_get_object_member (report_object, "signatures"));
}

static gboolean
has_finding_prefix (KanriHeaderReport *report,
                    const char        *prefix)
{
  GPtrArray *findings = kanri_header_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      const KanriHeaderFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_has_prefix (finding->id, prefix))
        return TRUE;
    }

  return FALSE;
}

static void
test_pass_json_and_text (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("rsa2048-relaxed-relaxed.eml", AR_DKIM_PASS);
  g_autoptr(JsonObject) signatures = signatures_json (report);
  g_autofree char *text = kanri_header_report_to_text (report);
  const KanriSignatureCheck *check = kanri_header_report_get_signatures (report);
  JsonObject *dkim;

  g_assert_cmpint (check->status, ==, KANRI_SIGNATURES_VERIFIED);
  g_assert_true (kanri_signature_check_passes (check));

  g_assert_cmpstr (json_object_get_string_member (signatures, "status"), ==, "verified");
  g_assert_true (json_object_get_null_member (signatures, "message"));
  g_assert_cmpint (json_object_get_int_member (signatures, "unverified"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (signatures, "dkim")), ==, 1);
  dkim = json_array_get_object_element (json_object_get_array_member (signatures, "dkim"), 0);
  g_assert_cmpstr (json_object_get_string_member (dkim, "domain"), ==, "example.com");
  g_assert_cmpstr (json_object_get_string_member (dkim, "selector"), ==, "s2048");
  g_assert_cmpstr (json_object_get_string_member (dkim, "algorithm"), ==, "rsa-sha256");
  g_assert_cmpstr (json_object_get_string_member (dkim, "result"), ==, "pass");
  g_assert_true (json_object_get_null_member (dkim, "reason"));
  g_assert_cmpint (json_object_get_int_member (dkim, "key_bits"), ==, 2048);
  g_assert_cmpstr (json_object_get_string_member (dkim, "body_hash"), ==, "match");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (dkim, "changed")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (signatures, "arc"), "result"),
                   ==, "none");

  g_assert_nonnull (strstr (text, "Signatures (verified by Kanri)"));
  g_assert_nonnull (strstr (text, "Signature 1: d=example.com s=s2048 a=rsa-sha256: pass\n"));
  g_assert_nonnull (strstr (text, "ARC: none (no ARC sets)\n"));

  /* The server and Kanri agree: nothing to say. */
  g_assert_false (has_finding_prefix (report, "dkim-"));
  g_assert_false (has_finding_prefix (report, "arc-"));
}

/* The enhanced-filtering case: a gateway's banner, added before Exchange
 * Online verified, broke the body hash; the finding says the body. */
static void
test_body_changed_before_arrival (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("body-banner.eml", AR_DKIM_FAIL);
  g_autoptr(JsonObject) signatures = signatures_json (report);
  g_autofree char *text = kanri_header_report_to_text (report);
  const KanriHeaderFinding *finding = kanri_header_report_find_finding (report, "dkim-body-modified");
  JsonObject *dkim = json_array_get_object_element (json_object_get_array_member (signatures, "dkim"), 0);
  JsonArray *changed = json_object_get_array_member (dkim, "changed");

  g_assert_cmpstr (json_object_get_string_member (dkim, "result"), ==, "fail");
  g_assert_cmpstr (json_object_get_string_member (dkim, "reason"), ==, "body hash mismatch");
  g_assert_cmpuint (json_array_get_length (changed), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (changed, 0), ==, "body");
  g_assert_nonnull (strstr (text, "Signature 1: d=example.com s=s2048 a=rsa-sha256: fail (body hash mismatch)\n"));

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KANRI_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "after example.com signed it"));
  /* The server failed it too: no disagreement. */
  g_assert_null (kanri_header_report_find_finding (report, "dkim-verify-mismatch"));
  g_assert_false (kanri_signature_check_passes (kanri_header_report_get_signatures (report)));
}

/* The server passed it, and the body is different now: changed after
 * arrival (a transport rule, or the export). */
static void
test_body_changed_after_arrival (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("body-banner.eml", AR_DKIM_PASS);
  const KanriHeaderFinding *modified = kanri_header_report_find_finding (report, "dkim-body-modified");
  const KanriHeaderFinding *mismatch = kanri_header_report_find_finding (report, "dkim-verify-mismatch");

  g_assert_nonnull (modified);
  g_assert_nonnull (strstr (modified->message, "after the receiving server verified"));
  g_assert_nonnull (mismatch);
  g_assert_cmpint (mismatch->severity, ==, KANRI_SEVERITY_WARNING);
  g_assert_nonnull (strstr (mismatch->message, "Kanri finds fail (body hash mismatch)"));
}

static void
test_header_changed (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("subject-changed.eml", NULL);
  const KanriHeaderFinding *finding = kanri_header_report_find_finding (report, "dkim-header-modified");
  g_autoptr(JsonObject) signatures = signatures_json (report);
  JsonObject *dkim = json_array_get_object_element (json_object_get_array_member (signatures, "dkim"), 0);
  JsonArray *changed = json_object_get_array_member (dkim, "changed");

  g_assert_nonnull (finding);
  g_assert_null (kanri_header_report_find_finding (report, "dkim-body-modified"));
  g_assert_cmpuint (json_array_get_length (changed), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (changed, 0), ==, "headers");
}

static void
test_content_appended (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("length-appended.eml", NULL);
  const KanriHeaderFinding *finding = kanri_header_report_find_finding (report, "dkim-content-appended");
  g_autoptr(JsonObject) signatures = signatures_json (report);
  JsonObject *dkim = json_array_get_object_element (json_object_get_array_member (signatures, "dkim"), 0);

  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->message, "61 more octets"));
  g_assert_cmpint (json_object_get_int_member (dkim, "appended"), ==, 61);
  g_assert_false (json_object_get_null_member (dkim, "signed_length"));
}

static void
test_rsa_sha1 (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("rsa-sha1.eml", NULL);

  g_assert_nonnull (kanri_header_report_find_finding (report, "dkim-rsa-sha1"));
  g_assert_false (kanri_signature_check_passes (kanri_header_report_get_signatures (report)));
}

/* A key removed since arrival, or DNS out of reach now, is no change to
 * the message: a finding of information, not a warning. */
static void
test_key_gone_since_arrival (void)
{
  const char *const names[] = { "no-key.eml", "key-timeout.eml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(KanriHeaderReport) report = verify_corpus (names[i], AR_DKIM_PASS);
      const KanriHeaderFinding *finding = kanri_header_report_find_finding (report, "dkim-verify-mismatch");

      g_assert_nonnull (finding);
      g_assert_cmpint (finding->severity, ==, KANRI_SEVERITY_INFO);
    }
}

static void
test_temperror_text (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("key-timeout.eml", NULL);
  g_autofree char *text = kanri_header_report_to_text (report);

  g_assert_nonnull (strstr (text, ": temperror (key unavailable)\n"));
}

static void
test_arc_fail (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("arc-seal-tampered.eml", NULL);
  g_autoptr(JsonObject) signatures = signatures_json (report);
  g_autofree char *text = kanri_header_report_to_text (report);
  JsonObject *arc = json_object_get_object_member (signatures, "arc");

  g_assert_cmpstr (json_object_get_string_member (arc, "result"), ==, "fail");
  g_assert_cmpint (json_object_get_int_member (arc, "failed_instance"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (arc, "instances")), ==, 2);
  g_assert_nonnull (strstr (text, "ARC: fail at set 1 ("));
  g_assert_nonnull (kanri_header_report_find_finding (report, "arc-fail"));
  /* The topmost Authentication-Results said arc=pass. */
  g_assert_nonnull (kanri_header_report_find_finding (report, "arc-verify-mismatch"));
  g_assert_false (kanri_signature_check_passes (kanri_header_report_get_signatures (report)));
}

static void
test_arc_pass (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("arc-two.eml", NULL);
  g_autofree char *text = kanri_header_report_to_text (report);

  g_assert_nonnull (strstr (text, "ARC: pass (2 sets)\n"));
  g_assert_false (has_finding_prefix (report, "arc-"));
}

static void
assert_body_needed (KanriHeaderReport *report,
                    const char        *says)
{
  const KanriSignatureCheck *check = kanri_header_report_get_signatures (report);
  g_autoptr(JsonObject) signatures = signatures_json (report);
  g_autofree char *text = kanri_header_report_to_text (report);

  g_assert_cmpint (check->status, ==, KANRI_SIGNATURES_BODY_NEEDED);
  g_assert_false (kanri_signature_check_passes (check));
  g_assert_cmpstr (json_object_get_string_member (signatures, "status"), ==, "body-needed");
  g_assert_nonnull (strstr (json_object_get_string_member (signatures, "message"), says));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (signatures, "dkim")), ==, 0);
  g_assert_true (json_object_get_null_member (signatures, "arc"));
  g_assert_nonnull (strstr (text, says));
  g_assert_false (has_finding_prefix (report, "dkim-"));
}

static void
test_headers_only (void)
{
  g_autoptr(KanriHeaderReport) report = verify_corpus ("headers-only.eml", AR_DKIM_PASS);

  assert_body_needed (report, "ends within the header section");
}

static void
test_pasted_text (void)
{
  gsize length = 0;
  g_autofree char *contents = corpus_message ("rsa2048-simple-simple.eml", &length);
  g_autoptr(KanriHeaderReport) report = verify_data (contents, length, KANRI_MESSAGE_FORMAT_TEXT);

  assert_body_needed (report, "Only headers were given");
}

/* An Outlook .msg with only its transport headers (PR_TRANSPORT_MESSAGE_HEADERS),
 * written with libgsf's OLE writer. */
static GBytes *
build_msg (const char *headers)
{
  GsfOutput *sink = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (sink);
  GsfOutput *child = gsf_outfile_new_child (ole, "__substg1.0_007D001F", FALSE);
  glong written = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (headers, -1, NULL, &written, NULL);
  g_autofree guint8 *le = g_malloc ((written + 1) * 2);
  GBytes *bytes;

  for (glong i = 0; i <= written; i++)
    {
      gunichar2 unit = i < written ? utf16[i] : 0;

      le[2 * i] = unit & 0xff;
      le[2 * i + 1] = unit >> 8;
    }
  g_assert_true (gsf_output_write (child, (written + 1) * 2, le));
  g_assert_true (gsf_output_close (child));
  g_object_unref (child);
  g_assert_true (gsf_output_close (GSF_OUTPUT (ole)));
  g_object_unref (ole);
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)), gsf_output_size (sink));
  g_object_unref (sink);
  return bytes;
}

static void
test_msg (void)
{
  gsize length = 0;
  g_autofree char *contents = corpus_message ("rsa2048-simple-simple.eml", &length);
  char *blank = strstr (contents, "\r\n\r\n");
  g_autoptr(GBytes) msg = NULL;
  g_autoptr(KanriHeaderReport) report = NULL;

  blank[4] = '\0';
  msg = build_msg (contents);
  report = verify_data (g_bytes_get_data (msg, NULL), g_bytes_get_size (msg), KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_cmpstr (kanri_message_format_to_string (kanri_header_report_get_format (report)), ==, "msg");
  assert_body_needed (report, "Outlook message (.msg)");
}

/* Without a verifier nothing is looked up, and the text report reads as
 * it did before Kanri verified. */
static void
test_not_checked (void)
{
  gsize length = 0;
  g_autofree char *contents = corpus_message ("body-banner.eml", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderReport) report = NULL;
  g_autoptr(JsonObject) signatures = NULL;
  g_autofree char *text = NULL;

  report = kanri_header_analyzer_analyze (contents, length, "test", KANRI_MESSAGE_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  signatures = signatures_json (report);
  text = kanri_header_report_to_text (report);

  g_assert_cmpint (kanri_header_report_get_signatures (report)->status, ==, KANRI_SIGNATURES_NOT_CHECKED);
  g_assert_cmpstr (json_object_get_string_member (signatures, "status"), ==, "not-checked");
  g_assert_null (strstr (text, "Signatures (verified by Kanri)"));
  g_assert_false (has_finding_prefix (report, "dkim-"));
}

static void
test_unreadable (void)
{
  const char data[] = "DKIM-Signature: v=1\r\n\tfolded\r\nnot a field\r\n\r\nbody\r\n";
  g_autoptr(KanriDkimVerifier) verifier = corpus_verifier ();
  g_autoptr(KanriSignatureCheck) check = kanri_signature_check_run (data, sizeof data - 1, verifier, NULL);

  g_assert_cmpint (check->status, ==, KANRI_SIGNATURES_UNREADABLE);
  g_assert_nonnull (strstr (check->message, "line 3 of the header section"));
  g_assert_false (kanri_signature_check_passes (check));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signature-check/pass", test_pass_json_and_text);
  g_test_add_func ("/signature-check/body-changed-before-arrival", test_body_changed_before_arrival);
  g_test_add_func ("/signature-check/body-changed-after-arrival", test_body_changed_after_arrival);
  g_test_add_func ("/signature-check/header-changed", test_header_changed);
  g_test_add_func ("/signature-check/content-appended", test_content_appended);
  g_test_add_func ("/signature-check/rsa-sha1", test_rsa_sha1);
  g_test_add_func ("/signature-check/key-gone-since-arrival", test_key_gone_since_arrival);
  g_test_add_func ("/signature-check/temperror", test_temperror_text);
  g_test_add_func ("/signature-check/arc-fail", test_arc_fail);
  g_test_add_func ("/signature-check/arc-pass", test_arc_pass);
  g_test_add_func ("/signature-check/headers-only", test_headers_only);
  g_test_add_func ("/signature-check/pasted-text", test_pasted_text);
  g_test_add_func ("/signature-check/msg", test_msg);
  g_test_add_func ("/signature-check/not-checked", test_not_checked);
  g_test_add_func ("/signature-check/unreadable", test_unreadable);

  return g_test_run ();
}
