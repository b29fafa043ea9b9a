/* test-spf.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-spf.h"
#include "kanri-zone-resolver.h"

/* A resolver whose lookups "block", as the network one's do, so that the
 * asynchronous API takes its worker thread: answers come from a zone, or,
 * without one, never until the lookup is cancelled. */
#define TEST_TYPE_THREAD_RESOLVER (test_thread_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestThreadResolver, test_thread_resolver, TEST, THREAD_RESOLVER, GObject)

struct _TestThreadResolver
{
  GObject        parent_instance;
  KanriResolver *zone;
};

static void test_thread_resolver_iface_init (KanriResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestThreadResolver, test_thread_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KANRI_TYPE_RESOLVER,
                                                      test_thread_resolver_iface_init))

static GPtrArray *
test_thread_resolver_lookup (KanriResolver  *resolver,
                             const char     *name,
                             KanriDnsType    type,
                             GCancellable   *cancellable,
                             GError        **error)
{
  TestThreadResolver *self = TEST_THREAD_RESOLVER (resolver);

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  if (self->zone != NULL)
    return kanri_resolver_lookup (self->zone, name, type, cancellable, error);

  while (!g_cancellable_set_error_if_cancelled (cancellable, error))
    g_usleep (1000);
  return NULL;
}

static void
test_thread_resolver_iface_init (KanriResolverInterface *iface)
{
  iface->lookup = test_thread_resolver_lookup;
}

static void
test_thread_resolver_finalize (GObject *object)
{
  g_clear_object (&TEST_THREAD_RESOLVER (object)->zone);

  G_OBJECT_CLASS (test_thread_resolver_parent_class)->finalize (object);
}

static void
test_thread_resolver_class_init (TestThreadResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_thread_resolver_finalize;
}

static void
test_thread_resolver_init (TestThreadResolver *self)
{
}

static KanriResolver *
thread_resolver (KanriResolver *zone)
{
  TestThreadResolver *self = g_object_new (TEST_TYPE_THREAD_RESOLVER, NULL);

  self->zone = zone;
  return KANRI_RESOLVER (self);
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

static KanriResolver *
zone (const char *text)
{
  g_autoptr(GError) error = NULL;
  KanriZoneResolver *resolver = kanri_zone_resolver_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  return KANRI_RESOLVER (resolver);
}

static KanriSpfReport *
check (KanriResolver *resolver,
       const char    *ip,
       const char    *domain,
       const char    *sender)
{
  KanriSpfQuery query = { .ip = ip, .domain = domain, .sender = sender, .helo = "mx.example.org" };
  g_autoptr(GError) error = NULL;
  KanriSpfReport *report = kanri_spf_check_host (resolver, &query, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static KanriSpfStep *
child (KanriSpfStep *step,
       guint         index)
{
  g_assert_nonnull (step->children);
  g_assert_cmpuint (index, <, step->children->len);
  return g_ptr_array_index (step->children, index);
}

static void
test_results (void)
{
  g_autoptr(KanriResolver) resolver = contoso ();
  struct { const char *ip; const char *domain; KanriSpfResult result; } cases[] = {
    { "192.0.2.77", "contoso.example", KANRI_SPF_RESULT_PASS },
    { "40.93.1.1", "contoso.example", KANRI_SPF_RESULT_PASS },
    { "2a01:111:f400::5", "contoso.example", KANRI_SPF_RESULT_PASS },
    { "2001:db8:10::25", "contoso.example", KANRI_SPF_RESULT_PASS },
    { "::ffff:198.51.100.20", "contoso.example", KANRI_SPF_RESULT_PASS },
    { "203.0.113.50", "contoso.example", KANRI_SPF_RESULT_FAIL },
    { "203.0.113.50", "nothing.contoso.example", KANRI_SPF_RESULT_NONE },
    { "203.0.113.50", "slow.contoso.example", KANRI_SPF_RESULT_TEMPERROR },
    { "203.0.113.50", "broken.contoso.example", KANRI_SPF_RESULT_PERMERROR },
    { "203.0.113.50", "localhost", KANRI_SPF_RESULT_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KanriSpfReport) report = check (resolver, cases[i].ip, cases[i].domain, NULL);

      if (report->result != cases[i].result)
        g_error ("case %u: %s for %s is %s (%s), not %s", i, cases[i].ip, cases[i].domain,
                 kanri_spf_result_to_string (report->result), report->reason,
                 kanri_spf_result_to_string (cases[i].result));
    }
}

static void
test_trace (void)
{
  g_autoptr(KanriResolver) resolver = contoso ();
  g_autoptr(KanriSpfReport) report = check (resolver, "198.51.100.20", "contoso.example",
                                            "bob@contoso.example");
  KanriSpfStep *root = report->trace;
  KanriSpfStep *include;
  KanriSpfStep *a;

  g_assert_cmpint (report->result, ==, KANRI_SPF_RESULT_PASS);
  g_assert_cmpuint (report->lookups, ==, 3);
  g_assert_cmpuint (report->void_lookups, ==, 0);

  g_assert_cmpint (root->kind, ==, KANRI_SPF_STEP_RECORD);
  g_assert_cmpstr (root->subject, ==, "contoso.example");
  g_assert_true (g_str_has_prefix (root->detail, "v=spf1 ip4:192.0.2.0/24 include:"));
  g_assert_cmpint (child (root, 0)->kind, ==, KANRI_SPF_STEP_LOOKUP);
  g_assert_cmpstr (child (root, 0)->subject, ==, "TXT contoso.example");

  include = child (root, 2);
  g_assert_cmpstr (include->subject, ==, "include:spf.protection.outlook.example");
  g_assert_cmpuint (include->lookup_number, ==, 1);
  g_assert_false (include->matched);
  g_assert_cmpint (child (include, 0)->kind, ==, KANRI_SPF_STEP_RECORD);
  g_assert_cmpint (child (include, 0)->result, ==, KANRI_SPF_RESULT_FAIL);

  a = child (root, 4);
  g_assert_cmpstr (a->subject, ==, "a:relay.contoso.example");
  g_assert_cmpuint (a->lookup_number, ==, 3);
  g_assert_true (a->matched);
  g_assert_cmpint (a->result, ==, KANRI_SPF_RESULT_PASS);
  g_assert_cmpstr (child (a, 0)->subject, ==, "A relay.contoso.example");
  g_assert_cmpstr (child (a, 0)->detail, ==, "198.51.100.20");
}

static void
test_explanation (void)
{
  g_autoptr(KanriResolver) resolver = contoso ();
  g_autoptr(KanriSpfReport) report = check (resolver, "203.0.113.50", "contoso.example",
                                            "bob@contoso.example");

  g_assert_cmpint (report->result, ==, KANRI_SPF_RESULT_FAIL);
  g_assert_cmpstr (report->explanation, ==, "203.0.113.50 is not one of contoso.example's mail servers");
}

static void
test_lookup_limit (void)
{
  g_autoptr(KanriResolver) resolver = contoso ();
  g_autoptr(KanriSpfReport) report = check (resolver, "192.0.2.1", "deep.contoso.example", NULL);
  KanriSpfStep *eleventh;

  /* Ten a: terms, then mx: the eleventh DNS term is a permerror. */
  g_assert_cmpint (report->result, ==, KANRI_SPF_RESULT_PERMERROR);
  g_assert_nonnull (strstr (report->reason, "More than 10"));
  g_assert_cmpuint (report->lookups, ==, 11);
  eleventh = child (report->trace, 11);
  g_assert_cmpstr (eleventh->subject, ==, "mx:contoso.example");
  g_assert_cmpuint (eleventh->lookup_number, ==, 11);
}

static void
test_void_limit (void)
{
  g_autoptr(KanriResolver) resolver =
    zone ("{\"example.com\": [{\"TXT\": \"v=spf1 a:n1.example.com mx:n2.example.com "
          "exists:n3.example.com -all\"}], \"n2.example.com\": []}");
  g_autoptr(KanriSpfReport) report = check (resolver, "192.0.2.1", "example.com", NULL);

  g_assert_cmpint (report->result, ==, KANRI_SPF_RESULT_PERMERROR);
  g_assert_cmpuint (report->void_lookups, ==, 3);
  g_assert_nonnull (strstr (report->reason, "More than 2 DNS lookups found nothing"));
  g_assert_nonnull (strstr (child (child (report->trace, 2), 0)->detail, "void lookup 2 of 2"));
}

static void
test_redirect_and_macros (void)
{
  g_autoptr(KanriResolver) resolver =
    zone ("{\"example.com\": [{\"TXT\": \"v=spf1 ip4:192.0.2.9 redirect=_spf.%{d}\"}],"
          " \"_spf.example.com\": [{\"TXT\": \"v=spf1 exists:%{l}.%{ir}.users.%{o} -all\"}],"
          " \"bob.1.2.0.192.users.example.com\": [{\"A\": \"127.0.0.2\"}]}");
  g_autoptr(KanriSpfReport) pass = check (resolver, "192.0.2.1", NULL, "bob@example.com");
  g_autoptr(KanriSpfReport) fail = check (resolver, "192.0.2.1", NULL, "alice@example.com");

  g_assert_cmpint (pass->result, ==, KANRI_SPF_RESULT_PASS);
  g_assert_cmpstr (pass->domain, ==, "example.com");
  g_assert_cmpuint (pass->lookups, ==, 2);
  g_assert_cmpint (fail->result, ==, KANRI_SPF_RESULT_FAIL);
  g_assert_null (fail->explanation);
}

/* NUL octets in TXT records (RFC 1035 §3.3.14 allows them) reach SPF
 * whole: a record holding one is refused (RFC 7208 §12), "v=spf1" followed
 * by one is not an SPF record (§4.5), and an explanation holding one is a
 * syntax error, so there is none (§6.2). */
static void
test_nul (void)
{
  g_autoptr(KanriResolver) resolver =
    zone ("{\"record.example.com\": [{\"TXT\": \"v=spf1 -all\\u0000\"}],"
          " \"version.example.com\": [{\"TXT\": \"v=spf1\\u0000 -all\"}],"
          " \"exp.example.com\": [{\"TXT\": \"v=spf1 -all exp=why.example.com\"}],"
          " \"why.example.com\": [{\"TXT\": \"Not %{i}\\u0000, see postmaster\"}]}");
  g_autoptr(KanriSpfReport) record = check (resolver, "192.0.2.1", "record.example.com", NULL);
  g_autoptr(KanriSpfReport) version = check (resolver, "192.0.2.1", "version.example.com", NULL);
  g_autoptr(KanriSpfReport) exp = check (resolver, "192.0.2.1", "exp.example.com", NULL);

  g_assert_cmpint (record->result, ==, KANRI_SPF_RESULT_PERMERROR);
  g_assert_nonnull (strstr (record->reason, "Term 1 “-all\\0”: byte 0x00"));
  g_assert_cmpstr (record->trace->detail, ==, "v=spf1 -all\\0");

  g_assert_cmpint (version->result, ==, KANRI_SPF_RESULT_NONE);

  g_assert_cmpint (exp->result, ==, KANRI_SPF_RESULT_FAIL);
  g_assert_null (exp->explanation);
}

/* RFC 7208 §4.6: the whole record is parsed before any term is
 * evaluated, so a syntax error anywhere is a permerror even after a term
 * whose lookup times out, which would otherwise give temperror. */
static void
test_syntax_before_evaluation (void)
{
  static const char *errors[] = {
    "foo", "ip4:192.0.2.1/33", "ip6:2001:db8::/129", "a//129", "a:foo.123",
    "exists:%{x}.example.com", "a:%{d0}.example.com", "exists:%{c}.example.com",
    "foo=%{c}", "moo=%{r}.x", "x=%{t}", "foo=%", "1x=foo",
    "redirect=a.example.com redirect=b.example.com", "exp=a.example.com exp=b.example.com",
    "exists", "-all:x", "mx:%%%x.example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autofree char *text =
        g_strdup_printf ("{\"example.com\": [{\"TXT\": \"v=spf1 a:slow.example.com %s -all\"}],"
                         " \"slow.example.com\": [\"TIMEOUT\"]}", errors[i]);
      g_autoptr(KanriResolver) resolver = zone (text);
      g_autoptr(KanriSpfReport) report = check (resolver, "192.0.2.1", "example.com", NULL);

      if (report->result != KANRI_SPF_RESULT_PERMERROR || report->lookups != 0)
        g_error ("“%s” after a timeout gives %s (%s) after %u lookups, not permerror", errors[i],
                 kanri_spf_result_to_string (report->result), report->reason, report->lookups);
    }
}

/* RFC 7208 §4.3: check_host() of a malformed domain is "none", which an
 * include makes a permerror (§5.2); a, mx and exists only find nothing. */
static void
test_malformed_targets (void)
{
  g_autoptr(KanriResolver) resolver =
    zone ("{\"empty-label.example.com\": [{\"TXT\": \"v=spf1 include:x..example.com +all\"}],"
          " \"long-label.example.com\": [{\"TXT\": \"v=spf1 include:%{l}.example.com +all\"}],"
          " \"other.example.com\": [{\"TXT\": \"v=spf1 a:x..example.com exists:%{l}.example.com "
          "mx:x..example.com +all\"}]}");
  g_autofree char *label = g_strnfill (64, 'l');
  g_autofree char *sender = g_strconcat (label, "@example.com", NULL);
  g_autoptr(KanriSpfReport) empty = check (resolver, "192.0.2.1", "empty-label.example.com", NULL);
  g_autoptr(KanriSpfReport) lengthy = check (resolver, "2001:db8::1", "long-label.example.com", sender);
  g_autoptr(KanriSpfReport) other = check (resolver, "192.0.2.1", "other.example.com", sender);

  g_assert_cmpint (empty->result, ==, KANRI_SPF_RESULT_PERMERROR);
  g_assert_nonnull (strstr (empty->reason, "x..example.com is not a valid domain name"));
  g_assert_cmpint (child (child (empty->trace, 1), 0)->result, ==, KANRI_SPF_RESULT_NONE);
  g_assert_cmpint (lengthy->result, ==, KANRI_SPF_RESULT_PERMERROR);
  g_assert_cmpint (other->result, ==, KANRI_SPF_RESULT_PASS);
  g_assert_cmpuint (other->void_lookups, ==, 0);
}

/* RFC 7208 §7.3: a name longer than 253 characters loses labels on the
 * left until it fits, however many; four %{i} of an IPv6 client are 255
 * characters before the domain. include: (§5.2) and exists: (§5.7) use
 * the cut name, where pyspf cuts only one label. */
static void
test_ipv6_truncation (void)
{
  static const char nibbles[] = "2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1";
  g_autofree char *cut = g_strconcat ("0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.", nibbles, ".",
                                      nibbles, ".", nibbles, ".long.example.com", NULL);
  g_autofree char *text =
    g_strdup_printf ("{\"include.example.com\": [{\"TXT\": \"v=spf1 "
                     "include:%%{i}.%%{i}.%%{i}.%%{i}.long.example.com -all\"}],"
                     " \"exists.example.com\": [{\"TXT\": \"v=spf1 "
                     "exists:%%{i}.%%{i}.%%{i}.%%{i}.long.example.com -all\"}],"
                     " \"%s\": [{\"TXT\": \"v=spf1 +all\"}, {\"A\": \"127.0.0.2\"}]}", cut);
  g_autoptr(KanriResolver) resolver = zone (text);
  g_autoptr(KanriSpfReport) include = check (resolver, "2001:db8::1", "include.example.com", NULL);
  g_autoptr(KanriSpfReport) exists = check (resolver, "2001:db8::1", "exists.example.com", NULL);
  g_autofree char *query = g_strconcat ("A ", cut, NULL);

  g_assert_cmpuint (strlen (cut), ==, 252);
  g_assert_cmpint (include->result, ==, KANRI_SPF_RESULT_PASS);
  g_assert_cmpint (exists->result, ==, KANRI_SPF_RESULT_PASS);
  g_assert_cmpstr (child (child (exists->trace, 1), 0)->subject, ==, query);
}

static void
test_sender_defaults (void)
{
  g_autoptr(KanriResolver) resolver = zone ("{}");
  g_autoptr(KanriSpfReport) helo = check (resolver, "192.0.2.1", NULL, "");
  g_autoptr(KanriSpfReport) local = check (resolver, "192.0.2.1", NULL, "@example.com");

  g_assert_cmpstr (helo->sender, ==, "postmaster@mx.example.org");
  g_assert_cmpstr (helo->domain, ==, "mx.example.org");
  g_assert_cmpstr (local->sender, ==, "postmaster@example.com");
}

static void
test_invalid_ip (void)
{
  g_autoptr(KanriResolver) resolver = zone ("{}");
  g_autoptr(KanriSpfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  KanriSpfQuery query = { .ip = "192.0.2.300", .domain = "example.com" };

  report = kanri_spf_check_host (resolver, &query, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (error->message, "192.0.2.300"));
}

static void
test_cancelled (void)
{
  g_autoptr(KanriResolver) resolver = contoso ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KanriSpfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  KanriSpfQuery query = { .ip = "192.0.2.1", .domain = "contoso.example" };

  g_cancellable_cancel (cancellable);
  report = kanri_spf_check_host (resolver, &query, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  KanriSpfReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kanri_spf_check_host_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async_and_json (void)
{
  g_autoptr(KanriResolver) resolver = contoso ();
  g_autoptr(KanriSpfReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  KanriSpfQuery query = { .ip = "203.0.113.50", .domain = "contoso.example" };
  JsonObject *object;
  JsonObject *trace;

  kanri_spf_check_host_async (resolver, &query, NULL, on_checked, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  node = kanri_spf_report_to_json (report);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "result"), ==, "fail");
  g_assert_cmpint (json_object_get_int_member (object, "lookups"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "lookup_limit"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (object, "void_lookups"), ==, 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "explanation"),
                                   "mail servers"));
  trace = json_object_get_object_member (object, "trace");
  g_assert_cmpstr (json_object_get_string_member (trace, "kind"), ==, "record");
  g_assert_cmpstr (json_object_get_string_member (trace, "result"), ==, "fail");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (trace, "children")), >, 5);
}

typedef struct
{
  KanriSpfReport *report;
  GError         *error;
  gboolean        done;
} Outcome;

static void
on_outcome (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->report = kanri_spf_check_host_finish (result, &outcome->error);
  outcome->done = TRUE;
}

static void
test_async_worker_thread (void)
{
  g_autoptr(KanriResolver) resolver = thread_resolver (contoso ());
  KanriSpfQuery query = { .ip = "198.51.100.20", .domain = "contoso.example" };
  Outcome outcome = { NULL, NULL, FALSE };

  g_assert_true (kanri_resolver_lookups_block (resolver));
  kanri_spf_check_host_async (resolver, &query, NULL, on_outcome, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (outcome.error);
  g_assert_cmpint (outcome.report->result, ==, KANRI_SPF_RESULT_PASS);
  kanri_spf_report_unref (outcome.report);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_async_cancel (void)
{
  g_autoptr(KanriResolver) resolver = thread_resolver (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  KanriSpfQuery query = { .ip = "192.0.2.1", .domain = "stuck.example" };
  Outcome outcome = { NULL, NULL, FALSE };

  /* The lookup never answers: cancelling must end the check. */
  kanri_spf_check_host_async (resolver, &query, cancellable, on_outcome, &outcome);
  g_timeout_add (20, cancel_soon, cancellable);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (outcome.report);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);
}

static void
test_describe (void)
{
  for (KanriSpfResult r = KANRI_SPF_RESULT_NONE; r <= KANRI_SPF_RESULT_PERMERROR; r++)
    g_assert_cmpuint (strlen (kanri_spf_result_describe (r)), >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/spf/check/results", test_results);
  g_test_add_func ("/spf/check/trace", test_trace);
  g_test_add_func ("/spf/check/explanation", test_explanation);
  g_test_add_func ("/spf/check/lookup-limit", test_lookup_limit);
  g_test_add_func ("/spf/check/void-limit", test_void_limit);
  g_test_add_func ("/spf/check/redirect-and-macros", test_redirect_and_macros);
  g_test_add_func ("/spf/check/nul", test_nul);
  g_test_add_func ("/spf/check/syntax-before-evaluation", test_syntax_before_evaluation);
  g_test_add_func ("/spf/check/malformed-targets", test_malformed_targets);
  g_test_add_func ("/spf/check/ipv6-truncation", test_ipv6_truncation);
  g_test_add_func ("/spf/check/sender-defaults", test_sender_defaults);
  g_test_add_func ("/spf/check/invalid-ip", test_invalid_ip);
  g_test_add_func ("/spf/check/cancelled", test_cancelled);
  g_test_add_func ("/spf/check/async-and-json", test_async_and_json);
  g_test_add_func ("/spf/check/async-worker-thread", test_async_worker_thread);
  g_test_add_func ("/spf/check/async-cancel", test_async_cancel);
  g_test_add_func ("/spf/check/describe", test_describe);

  return g_test_run ();
}
