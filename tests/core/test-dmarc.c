/* test-dmarc.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-dmarc.h"
#include "kanri-zone-resolver.h"

static KanriDmarcRecord *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  KanriDmarcRecord *record = kanri_dmarc_record_parse (text, &error);

  g_assert_no_error (error);
  return record;
}

static void
test_parse_every_tag (void)
{
  g_autoptr(KanriDmarcRecord) record =
    parse ("v=DMARC1; p=Reject; sp=quarantine; pct=25; adkim=s; aspf=r; fo=1:d:s; rf=afrf; "
           "ri=3600; rua=mailto:a@example.com, mailto:b@example.net!10m; "
           "ruf=mailto:f@example.com;");

  g_assert_cmpint (record->policy, ==, KANRI_DMARC_POLICY_REJECT);
  g_assert_cmpint (record->subdomain_policy, ==, KANRI_DMARC_POLICY_QUARANTINE);
  g_assert_true (record->has_subdomain_policy);
  g_assert_cmpuint (record->percent, ==, 25);
  g_assert_cmpint (record->dkim_alignment, ==, KANRI_DMARC_ALIGNMENT_STRICT);
  g_assert_cmpint (record->spf_alignment, ==, KANRI_DMARC_ALIGNMENT_RELAXED);
  g_assert_cmpstr (record->failure_options, ==, "1:d:s");
  g_assert_cmpstr (record->report_format, ==, "afrf");
  g_assert_cmpuint (record->report_interval, ==, 3600);
  g_assert_cmpuint (g_strv_length (record->aggregate_uris), ==, 2);
  g_assert_cmpstr (record->aggregate_uris[1], ==, "mailto:b@example.net!10m");
  g_assert_cmpstr (record->failure_uris[0], ==, "mailto:f@example.com");
  g_assert_cmpuint (g_strv_length (record->warnings), ==, 0);
}

static void
test_parse_defaults (void)
{
  g_autoptr(KanriDmarcRecord) record = parse ("v=DMARC1;p=none");

  /* RFC 7489 §6.3: the defaults, and sp= follows p=. */
  g_assert_cmpint (record->policy, ==, KANRI_DMARC_POLICY_NONE);
  g_assert_cmpint (record->subdomain_policy, ==, KANRI_DMARC_POLICY_NONE);
  g_assert_false (record->has_subdomain_policy);
  g_assert_cmpuint (record->percent, ==, 100);
  g_assert_cmpint (record->dkim_alignment, ==, KANRI_DMARC_ALIGNMENT_RELAXED);
  g_assert_cmpstr (record->failure_options, ==, "0");
  g_assert_cmpstr (record->report_format, ==, "afrf");
  g_assert_cmpuint (record->report_interval, ==, 86400);
  g_assert_cmpuint (g_strv_length (record->aggregate_uris), ==, 0);
}

static void
test_parse_warnings (void)
{
  g_autoptr(KanriDmarcRecord) unknown = parse ("v=DMARC1; p=reject; future=1");
  g_autoptr(KanriDmarcRecord) repaired = parse ("v=DMARC1; p=block; rua=mailto:d@example.com");
  g_autoptr(KanriDmarcRecord) missing = parse ("v=DMARC1; rua=mailto:d@example.com");

  g_assert_cmpstr (unknown->warnings[0], ==, "Unknown tag “future” is ignored");
  /* RFC 7489 §6.6.3 step 6: a bad p= with a usable rua= means p=none. */
  g_assert_cmpint (repaired->policy, ==, KANRI_DMARC_POLICY_NONE);
  g_assert_nonnull (strstr (repaired->warnings[0], "treated as p=none"));
  g_assert_cmpint (missing->policy, ==, KANRI_DMARC_POLICY_NONE);
  g_assert_nonnull (strstr (missing->warnings[0], "p= is missing"));
}

typedef struct
{
  const char *record;
  const char *message;
} Bad;

static void
test_parse_errors (void)
{
  static const Bad cases[] = {
    { "v=spf1 -all", "does not begin with “v=DMARC1”" },
    { "p=reject; v=DMARC1", "does not begin with “v=DMARC1”" },
    { "v=DMARC1", "The required tag p= is missing" },
    { "v=DMARC1; p=block", "Tag “p”: must be none, quarantine or reject" },
    { "v=DMARC1; p=none; sp=maybe", "Tag “sp”: must be none" },
    { "v=DMARC1; p=none; pct=101", "Tag “pct”: must be a whole number from 0 to 100" },
    { "v=DMARC1; p=none; pct=-1", "Tag “pct”: must be a whole number" },
    { "v=DMARC1; p=none; adkim=x", "Tag “adkim”: must be r (relaxed) or s (strict)" },
    { "v=DMARC1; p=none; aspf=relaxed", "Tag “aspf”: must be r" },
    { "v=DMARC1; p=none; fo=2", "Tag “fo”: “2” is not one of 0, 1, d or s" },
    { "v=DMARC1; p=none; rf=", "Tag “rf”: the value is empty" },
    { "v=DMARC1; p=none; ri=soon", "Tag “ri”: must be a whole number" },
    { "v=DMARC1; p=none; rua=dmarc@example.com", "Tag “rua”: “dmarc@example.com” is not a URI" },
    { "v=DMARC1; p=none; ruf=mailto:a@example.com!big", "Tag “ruf”:" },
    { "v=DMARC1; p=none; p=reject", "Tag “p”: appears more than once" },
    { "v=DMARC1; p=none; v=DMARC1", "Tag “v”: appears more than once" },
    { "v=DMARC1;; p=none", "Empty tag at position 2" },
    { "v=DMARC1; p=none; reject", "“reject” is not a tag=value pair" },
    { "v=DMARC1; p=none; 9x=1", "“9x” is not a valid tag name" },
    /* Found by fuzz-dmarc-record: an error after a bad p= leaked its text. */
    { "v=DMARC1;p=block;rua=\xb3mail++++to:d@example.com;",
      "Tag “rua”: the value holds characters other than visible ASCII" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriDmarcRecord) record = kanri_dmarc_record_parse (cases[i].record, &error);

      g_assert_null (record);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].message);
    }
}

static void
test_organizational_domain (void)
{
  struct { const char *domain; const char *org; } cases[] = {
    { "example.com", "example.com" },
    { "Mail.Sub.Example.COM.", "example.com" },
    { "mail.example.co.uk", "example.co.uk" },
    { "www.city.kawasaki.jp", "city.kawasaki.jp" },
    { "co.uk", "co.uk" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *invalid = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *org = kanri_dmarc_organizational_domain (cases[i].domain, NULL);

      g_assert_cmpstr (org, ==, cases[i].org);
    }

  invalid = kanri_dmarc_organizational_domain ("a..example.com", &error);
  g_assert_null (invalid);
  g_assert_error (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_INVALID_DOMAIN);
}

static void
test_alignment (void)
{
  g_assert_true (kanri_dmarc_domains_aligned ("example.com", "EXAMPLE.com.", KANRI_DMARC_ALIGNMENT_STRICT));
  g_assert_false (kanri_dmarc_domains_aligned ("example.com", "mail.example.com", KANRI_DMARC_ALIGNMENT_STRICT));
  g_assert_true (kanri_dmarc_domains_aligned ("example.com", "mail.example.com", KANRI_DMARC_ALIGNMENT_RELAXED));
  g_assert_true (kanri_dmarc_domains_aligned ("news.example.com", "bounce.example.com",
                                              KANRI_DMARC_ALIGNMENT_RELAXED));
  g_assert_false (kanri_dmarc_domains_aligned ("example.com", "example.net", KANRI_DMARC_ALIGNMENT_RELAXED));
  /* Sharing a public suffix is not sharing an organization. */
  g_assert_false (kanri_dmarc_domains_aligned ("a.co.uk", "b.co.uk", KANRI_DMARC_ALIGNMENT_RELAXED));
}

static KanriResolver *
contoso (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "zones", "contoso.json", NULL);
  g_autoptr(GError) error = NULL;
  KanriZoneResolver *zone = kanri_zone_resolver_new_from_file (path, &error);

  g_assert_no_error (error);
  return KANRI_RESOLVER (zone);
}

static KanriDmarcReport *
check (KanriResolver *resolver,
       const char    *domain,
       const char    *spf_domain,
       const char    *dkim_domain)
{
  KanriDmarcQuery query = { domain, spf_domain, dkim_domain };
  g_autoptr(GError) error = NULL;
  KanriDmarcReport *report = kanri_dmarc_check (resolver, &query, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static void
test_discovery (void)
{
  g_autoptr(KanriResolver) resolver = contoso ();
  g_autoptr(KanriDmarcReport) own = check (resolver, "contoso.example", "bounce.contoso.example",
                                           "mail.contoso.example");
  g_autoptr(KanriDmarcReport) fallback = check (resolver, "mail.fabrikam.example.co.uk",
                                                "fabrikam.example.co.uk", NULL);
  g_autoptr(KanriDmarcReport) none = check (resolver, "none.example", NULL, NULL);
  g_autoptr(KanriDmarcReport) unpublished = check (resolver, "none.example", "none.example", NULL);
  g_autoptr(KanriDmarcReport) twice = check (resolver, "twice.example", NULL, NULL);
  g_autoptr(KanriDmarcReport) bad = check (resolver, "bad.example", NULL, NULL);
  g_autoptr(KanriDmarcReport) slow = check (resolver, "slow.example", NULL, NULL);

  g_assert_cmpint (own->status, ==, KANRI_DMARC_STATUS_FOUND);
  g_assert_cmpstr (own->record_domain, ==, "_dmarc.contoso.example");
  g_assert_false (own->from_organizational_domain);
  g_assert_cmpint (own->effective_policy, ==, KANRI_DMARC_POLICY_REJECT);
  g_assert_cmpint (own->spf, ==, KANRI_DMARC_IDENTIFIER_ALIGNED);
  /* adkim=s: a subdomain's signature does not align. */
  g_assert_cmpint (own->dkim, ==, KANRI_DMARC_IDENTIFIER_NOT_ALIGNED);
  g_assert_true (own->passed);
  g_assert_cmpuint (own->lookups->len, ==, 1);

  /* RFC 7489 §6.6.3: the organizational domain's record, with its sp=. */
  g_assert_cmpint (fallback->status, ==, KANRI_DMARC_STATUS_FOUND);
  g_assert_cmpstr (fallback->organizational_domain, ==, "example.co.uk");
  g_assert_cmpstr (fallback->record_domain, ==, "_dmarc.example.co.uk");
  g_assert_true (fallback->from_organizational_domain);
  g_assert_cmpint (fallback->effective_policy, ==, KANRI_DMARC_POLICY_NONE);
  g_assert_cmpuint (fallback->lookups->len, ==, 2);
  /* aspf=s there: fabrikam.example.co.uk is not the From domain itself. */
  g_assert_cmpint (fallback->spf, ==, KANRI_DMARC_IDENTIFIER_NOT_ALIGNED);
  g_assert_cmpint (fallback->dkim, ==, KANRI_DMARC_IDENTIFIER_NOT_GIVEN);
  g_assert_false (fallback->passed);

  g_assert_cmpint (none->status, ==, KANRI_DMARC_STATUS_NO_RECORD);
  g_assert_nonnull (none->reason);
  g_assert_null (none->record);
  /* Without a policy there is no DMARC pass, aligned or not. */
  g_assert_cmpint (none->spf, ==, KANRI_DMARC_IDENTIFIER_NOT_GIVEN);
  g_assert_false (none->passed);
  g_assert_cmpint (unpublished->spf, ==, KANRI_DMARC_IDENTIFIER_ALIGNED);
  g_assert_false (unpublished->passed);
  g_assert_cmpint (twice->status, ==, KANRI_DMARC_STATUS_MULTIPLE_RECORDS);
  g_assert_cmpint (bad->status, ==, KANRI_DMARC_STATUS_INVALID_RECORD);
  g_assert_nonnull (strstr (bad->reason, "must be none, quarantine or reject"));
  g_assert_cmpint (slow->status, ==, KANRI_DMARC_STATUS_TEMPERROR);
  g_assert_nonnull (strstr (slow->reason, "timed out"));
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  KanriDmarcReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kanri_dmarc_check_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async_and_json (void)
{
  g_autoptr(KanriResolver) resolver = contoso ();
  g_autoptr(KanriDmarcReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  KanriDmarcQuery query = { "contoso.example", NULL, "contoso.example" };
  JsonObject *object;
  JsonObject *record;

  kanri_dmarc_check_async (resolver, &query, NULL, on_checked, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  node = kanri_dmarc_report_to_json (report);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "found");
  g_assert_cmpstr (json_object_get_string_member (object, "policy"), ==, "reject");
  g_assert_cmpstr (json_object_get_string_member (object, "dmarc"), ==, "pass");
  record = json_object_get_object_member (object, "record");
  g_assert_cmpint (json_object_get_int_member (record, "pct"), ==, 50);
  g_assert_cmpstr (json_object_get_string_member (record, "adkim"), ==, "strict");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "warnings")), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dmarc/parse/every-tag", test_parse_every_tag);
  g_test_add_func ("/dmarc/parse/defaults", test_parse_defaults);
  g_test_add_func ("/dmarc/parse/warnings", test_parse_warnings);
  g_test_add_func ("/dmarc/parse/errors", test_parse_errors);
  g_test_add_func ("/dmarc/organizational-domain", test_organizational_domain);
  g_test_add_func ("/dmarc/alignment", test_alignment);
  g_test_add_func ("/dmarc/discovery", test_discovery);
  g_test_add_func ("/dmarc/async-and-json", test_async_and_json);

  return g_test_run ();
}
