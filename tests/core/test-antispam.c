/* test-antispam.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-antispam.h"

static const KanriAntispamField *
field_at (GPtrArray *fields,
          guint      index)
{
  g_assert_cmpuint (index, <, fields->len);
  return g_ptr_array_index (fields, index);
}

static void
test_forefront_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  const char *value =
    "CIP:40.107.117.112;CTRY:JP;LANG:ja;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.contoso.com;"
    "PTR:mail-tyzapc01on2112.outbound.protection.outlook.com;CAT:NONE;"
    "SFS:(13230031)(4636009)(376005)(1800799015);DIR:INB;MLV:ovr;";

  fields = kanri_antispam_parse (KANRI_ANTISPAM_HEADER_FOREFRONT, value, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 13);

  g_assert_cmpstr (field_at (fields, 0)->field, ==, "CIP");
  g_assert_cmpstr (field_at (fields, 0)->value, ==, "40.107.117.112");
  g_assert_nonnull (strstr (field_at (fields, 0)->meaning, "Connecting IP address"));
  g_assert_nonnull (strstr (field_at (fields, 3)->meaning, "SCL 0–1"));
  g_assert_cmpstr (field_at (fields, 4)->value, ==, "");
  g_assert_nonnull (strstr (field_at (fields, 4)->meaning, "empty when there was none"));
  g_assert_nonnull (strstr (field_at (fields, 5)->meaning, "not on any IP reputation list"));
  g_assert_nonnull (strstr (field_at (fields, 6)->meaning, "not to be spam"));
  g_assert_cmpstr (field_at (fields, 10)->value, ==, "(13230031)(4636009)(376005)(1800799015)");
  g_assert_nonnull (strstr (field_at (fields, 11)->meaning, "inbound"));

  /* Undocumented fields are kept, without a meaning. */
  g_assert_cmpstr (field_at (fields, 12)->field, ==, "MLV");
  g_assert_cmpstr (field_at (fields, 12)->value, ==, "ovr");
  g_assert_null (field_at (fields, 12)->meaning);
}

static void
test_spaced_separators_and_ipv6 (void)
{
  g_autoptr(GPtrArray) fields = NULL;

  fields = kanri_antispam_parse (KANRI_ANTISPAM_HEADER_FOREFRONT,
                                 "CIP:2a01:111:f403:c101::5; CTRY:; LANG:en; SCL:5; SRV:BULK; "
                                 "IPV:CAL; SFV:SPM; CAT:BULK; SFTY:9.25 ;",
                                 -1, NULL);
  g_assert_cmpuint (fields->len, ==, 9);
  g_assert_cmpstr (field_at (fields, 0)->value, ==, "2a01:111:f403:c101::5");
  g_assert_cmpstr (field_at (fields, 1)->field, ==, "CTRY");
  g_assert_cmpstr (field_at (fields, 1)->value, ==, "");
  g_assert_nonnull (strstr (field_at (fields, 3)->meaning, "SCL 5–6"));
  g_assert_nonnull (strstr (field_at (fields, 4)->meaning, "bulk complaint level"));
  g_assert_nonnull (strstr (field_at (fields, 5)->meaning, "IP Allow List"));
  g_assert_nonnull (strstr (field_at (fields, 6)->meaning, "marked the message as spam"));
  g_assert_cmpstr (field_at (fields, 8)->value, ==, "9.25");
  g_assert_nonnull (strstr (field_at (fields, 8)->meaning, "First contact"));
}

typedef struct
{
  KanriAntispamHeader  header;
  const char          *field;
  const char          *value;
  const char          *meaning_part;
} Decoding;

static void
test_describe (void)
{
  static const Decoding cases[] = {
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "SKN", "SCL -1" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "SKS", "SCL of 5 to 9" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "SKA", "allowed senders" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "SKB", "blocked senders" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "SKI", "within the organization" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "SKQ", "quarantine" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "SFE", "Safe Senders" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "BLK", "Blocked Senders" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFV", "XYZ", "Spam filtering verdict" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "sfv", "nspm", "not to be spam" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SCL", "-1", "SCL -1" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SCL", "3", "does not use" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SCL", "9", "high confidence spam" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SCL", "x", "Spam confidence level" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "CAT", "HPHISH", "high confidence phishing" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "CAT", "SPOOF", "spoofing" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "CAT", "UIMP", "user impersonation" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "SFTY", "9.19", "domain impersonation" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "DIR", "OUT", "outbound" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "PTR", "x.example.com", "reverse DNS" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "H", "x", "HELO" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "ARC", "AAR", "ARC" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT, "X-CustomSpam", "Image links", "Advanced Spam Filter" },
    { KANRI_ANTISPAM_HEADER_FOREFRONT_UNTRUSTED, "SFV", "SPM", "marked the message as spam" },
    { KANRI_ANTISPAM_HEADER_MICROSOFT, "BCL", "0", "BCL 0" },
    { KANRI_ANTISPAM_HEADER_MICROSOFT, "BCL", "2", "few complaints" },
    { KANRI_ANTISPAM_HEADER_MICROSOFT, "BCL", "7", "Standard preset 6, Strict 5" },
    { KANRI_ANTISPAM_HEADER_MICROSOFT, "BCL", "9", "many complaints" },
    { KANRI_ANTISPAM_HEADER_MICROSOFT, "PCL", "2", "not likely" },
    { KANRI_ANTISPAM_HEADER_MICROSOFT, "PCL", "5", "likely to be phishing" },
    { KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL, "SCL", "5", "SCL 5–6" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "dest", "J", "Junk Email" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "OFR", "CustomRules", "inbox rule" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "OFR", "TrustedListsOnly", "-TrustedListsOnly" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "OFR", "SpamFilterAuthJ", "junk email settings" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "OFR", "SomethingNew", "What chose the delivery folder" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "ucf", "1", "CustomRules" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "jmr", "1", "junk email rule moved" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "jmr", "0", "did not move" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "RF", "JunkEmail", "JunkEmail" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "auth", "1", "Not documented" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "ENG", "(910001)(944506478)", "diagnostics" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "pcwl", "0", "Not documented by Microsoft" },
    { KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, "dkl", "0", "Not documented by Microsoft" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *meaning = kanri_antispam_describe (cases[i].header, cases[i].field, cases[i].value);

      g_test_message ("%s:%s", cases[i].field, cases[i].value);
      g_assert_nonnull (meaning);
      g_assert_nonnull (strstr (meaning, cases[i].meaning_part));
    }

  /* Every field of a real Mailbox-Delivery header says something. */
  {
    g_autoptr(GPtrArray) fields = kanri_antispam_parse (KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY,
                                                        "wl:0;pcwl:0;kl:0;iwl:0;ijl:0;dwl:0;dkl:0;rwl:0;ucf:0;"
                                                        "jmr:1;ex:0;auth:0;dest:J;OFR:TrustedListsOnly;"
                                                        "ENG:(910001)(944506478)(944626604);RF:JunkEmail;",
                                                        -1, NULL);

    g_assert_cmpuint (fields->len, ==, 16);
    for (guint i = 0; i < fields->len; i++)
      {
        const KanriAntispamField *field = g_ptr_array_index (fields, i);

        g_test_message ("%s", field->field);
        g_assert_nonnull (kanri_antispam_describe (KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY, field->field, field->value));
      }
  }

  /* Fields belong to their header: BCL is X-Microsoft-Antispam's. */
  g_assert_null (kanri_antispam_describe (KANRI_ANTISPAM_HEADER_FOREFRONT, "BCL", "5"));
  g_assert_null (kanri_antispam_describe (KANRI_ANTISPAM_HEADER_MICROSOFT, "ARA", "1"));
}

static void
test_microsoft_antispam (void)
{
  g_autoptr(GPtrArray) fields = NULL;

  fields = kanri_antispam_parse (KANRI_ANTISPAM_HEADER_MICROSOFT,
                                 "BCL:7;ARA:13230031|376005|1800799015;", -1, NULL);
  g_assert_cmpuint (fields->len, ==, 2);
  g_assert_cmpstr (field_at (fields, 0)->value, ==, "7");
  g_assert_cmpstr (field_at (fields, 1)->field, ==, "ARA");
  g_assert_null (field_at (fields, 1)->meaning);
}

static void
test_organization_scl (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  fields = kanri_antispam_parse (KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL, " -1 ", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 1);
  g_assert_cmpstr (field_at (fields, 0)->field, ==, "SCL");
  g_assert_cmpstr (field_at (fields, 0)->value, ==, "-1");

  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = kanri_antispam_parse (KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL, "high", -1, &error);
  g_assert_null (fields);
  g_assert_error (error, KANRI_ANTISPAM_ERROR, KANRI_ANTISPAM_ERROR_INVALID);
}

static void
test_empty_and_junk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  fields = kanri_antispam_parse (KANRI_ANTISPAM_HEADER_FOREFRONT, " ; ;", -1, &error);
  g_assert_null (fields);
  g_assert_error (error, KANRI_ANTISPAM_ERROR, KANRI_ANTISPAM_ERROR_INVALID);

  fields = kanri_antispam_parse (KANRI_ANTISPAM_HEADER_FOREFRONT, "junk;:lonely;A:b:c", -1, NULL);
  g_assert_cmpuint (fields->len, ==, 3);
  g_assert_cmpstr (field_at (fields, 0)->field, ==, "junk");
  g_assert_cmpstr (field_at (fields, 1)->field, ==, ":lonely");
  g_assert_cmpstr (field_at (fields, 2)->value, ==, "b:c");
}

static void
test_header_names (void)
{
  g_assert_cmpint (kanri_antispam_header_from_name ("x-forefront-antispam-report"), ==,
                   KANRI_ANTISPAM_HEADER_FOREFRONT);
  g_assert_cmpint (kanri_antispam_header_from_name ("X-Forefront-Antispam-Report-Untrusted"), ==,
                   KANRI_ANTISPAM_HEADER_FOREFRONT_UNTRUSTED);
  g_assert_cmpint (kanri_antispam_header_from_name ("X-Microsoft-Antispam-Message-Info"), ==,
                   KANRI_ANTISPAM_HEADER_NONE);
  g_assert_false (kanri_antispam_header_is_trusted (KANRI_ANTISPAM_HEADER_MICROSOFT_UNTRUSTED));
  g_assert_true (kanri_antispam_header_is_trusted (KANRI_ANTISPAM_HEADER_MICROSOFT));
  g_assert_cmpstr (kanri_antispam_header_get_name (KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL), ==,
                   "X-MS-Exchange-Organization-SCL");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/antispam/forefront", test_forefront_report);
  g_test_add_func ("/antispam/spaced-and-ipv6", test_spaced_separators_and_ipv6);
  g_test_add_func ("/antispam/describe", test_describe);
  g_test_add_func ("/antispam/microsoft", test_microsoft_antispam);
  g_test_add_func ("/antispam/organization-scl", test_organization_scl);
  g_test_add_func ("/antispam/empty-and-junk", test_empty_and_junk);
  g_test_add_func ("/antispam/header-names", test_header_names);

  return g_test_run ();
}
