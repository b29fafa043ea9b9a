/* test-dns-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kanri-default-resolver.h"
#include "kanri-dns-page.h"
#include "kanri-dns-resolver.h"
#include "kanri-ip-classifier.h"
#include "kanri-spf-trace-item.h"
#include "kanri-spinner.h"
#include "kanri-test-gresolver.h"
#include "kanri-test-gui.h"
#include "kanri-zone-resolver.h"

/* A resolver whose every query waits until it is cancelled: a lookup that
 * is still running when the test presses Cancel. */
#define TEST_TYPE_STUCK_RESOLVER (test_stuck_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestStuckResolver, test_stuck_resolver, TEST, STUCK_RESOLVER, GObject)

struct _TestStuckResolver
{
  GObject parent_instance;
};

static GPtrArray *
test_stuck_resolver_lookup (KanriResolver  *resolver,
                            const char     *name,
                            KanriDnsType    type,
                            GCancellable   *cancellable,
                            GError        **error)
{
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (2000);

  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

static void
test_stuck_resolver_iface_init (KanriResolverInterface *iface)
{
  iface->lookup = test_stuck_resolver_lookup;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestStuckResolver, test_stuck_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KANRI_TYPE_RESOLVER, test_stuck_resolver_iface_init))

static void
test_stuck_resolver_class_init (TestStuckResolverClass *klass)
{
}

static void
test_stuck_resolver_init (TestStuckResolver *self)
{
}

typedef struct
{
  GtkWindow    *window;
  KanriDnsPage *page;
} Fixture;

static KanriResolver *
open_zone (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "zones", name, NULL);
  KanriZoneResolver *zone = kanri_zone_resolver_new_from_file (path, &error);

  g_assert_no_error (error);
  return KANRI_RESOLVER (zone);
}

static KanriResolver *
zone_from_data (const char *data)
{
  g_autoptr(GError) error = NULL;
  KanriZoneResolver *zone = kanri_zone_resolver_new_from_data (data, -1, &error);

  g_assert_no_error (error);
  return KANRI_RESOLVER (zone);
}

static void
present (Fixture       *fixture,
         KanriResolver *resolver,
         int            width)
{
  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = g_object_new (KANRI_TYPE_DNS_PAGE, NULL);
  if (resolver != NULL)
    kanri_dns_page_set_resolver (fixture->page, resolver);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, width, 1400);
  gtk_window_present (fixture->window);
  kanri_test_iterate (100);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KanriResolver) resolver = open_zone ("dns-page.json");

  present (fixture, resolver, 900);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->window, gtk_window_destroy);
  kanri_test_iterate (20);
}

/* After a change, once the page is laid out and drawn again. */
static void
screenshot (GtkWindow  *window,
            const char *name)
{
  kanri_test_iterate (150);
  kanri_test_save_screenshot (GTK_WIDGET (window), name);
}

/* Scrolls the page so that @widget is at its top, for a screenshot. */
static void
scroll_to (Fixture   *fixture,
           GtkWidget *widget)
{
  GtkWidget *scrolled = kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y - 12);
}

static GtkWidget *
find (Fixture    *fixture,
      GType       type,
      const char *label)
{
  GtkWidget *widget = kanri_test_find_child (GTK_WIDGET (fixture->page), type, label);

  if (widget == NULL)
    g_error ("no %s “%s” on the page", g_type_name (type), label);
  return widget;
}

static void
type_into (Fixture    *fixture,
           const char *row_title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, ADW_TYPE_ENTRY_ROW, row_title)), text);
}

/* The subtitle as shown: rows hold it as markup. */
static char *
subtitle (Fixture    *fixture,
          const char *row_title)
{
  GtkWidget *row = find (fixture, ADW_TYPE_ACTION_ROW, row_title);
  const char *markup = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  char *text = NULL;

  if (markup == NULL)
    return NULL;
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL));
  return text;
}

static gboolean
row_visible (gpointer data)
{
  return gtk_widget_get_visible (data) && gtk_widget_get_mapped (data);
}

static gboolean
not_running (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

typedef struct
{
  Fixture    *fixture;
  const char *row_title;
  const char *prefix;
} SubtitleWait;

static gboolean
subtitle_has_prefix (gpointer data)
{
  SubtitleWait *wait = data;
  g_autofree char *text = subtitle (wait->fixture, wait->row_title);

  return text != NULL && g_str_has_prefix (text, wait->prefix);
}

/* Waits for an answer rather than for a time: sanitizer builds are slow. */
static void
wait_for_subtitle (Fixture    *fixture,
                   const char *row_title,
                   const char *prefix)
{
  SubtitleWait wait = { fixture, row_title, prefix };

  g_assert_true (kanri_test_wait_for (subtitle_has_prefix, &wait, 10000));
}

static gboolean
widget_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
wait_for_row (Fixture    *fixture,
              const char *row_title)
{
  g_assert_true (kanri_test_wait_for (row_visible, find (fixture, ADW_TYPE_ACTION_ROW, row_title), 5000));
}

static void
wait_for_eop (Fixture *fixture)
{
  /* The third spinner is the ranges' one. */
  GtkWidget *spinner = NULL;
  GtkWidget *widget = GTK_WIDGET (fixture->page);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint n_spinners = 0;

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *next = g_ptr_array_steal_index (stack, 0);

      if (KANRI_IS_SPINNER (next) && ++n_spinners == 3)
        spinner = next;
      for (GtkWidget *child = gtk_widget_get_first_child (next); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_assert_nonnull (spinner);
  g_assert_true (kanri_test_wait_for (not_running, spinner, 5000));
}

static const char *
ranges_text (Fixture *fixture)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, fixture->page);
  while (stack->len > 0)
    {
      GtkWidget *next = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (next) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (next)), "IPv4\n"))
        return gtk_label_get_label (GTK_LABEL (next));
      for (GtkWidget *child = gtk_widget_get_first_child (next); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }

  g_error ("no list of ranges on the page");
}

static GListModel *
trace_model (Fixture *fixture)
{
  GtkWidget *view = find (fixture, GTK_TYPE_LIST_VIEW, NULL);

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

static GtkTreeListRow *
find_trace_row (GListModel *model,
                const char *subject)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(KanriSpfTraceItem) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (kanri_spf_trace_item_get_subject (item), subject) == 0)
        return g_steal_pointer (&row);
    }

  return NULL;
}

static void
test_spf_fail_with_trace (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *result = NULL;
  g_autofree char *lookups = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(GtkTreeListRow) include = NULL;
  g_autoptr(GtkTreeListRow) nested = NULL;
  g_autoptr(GtkTreeListRow) deeper = NULL;
  GListModel *model;

  type_into (fixture, "Domain", "contoso.example");
  type_into (fixture, "Sending IP Address", "203.0.113.5");
  gtk_widget_activate (find (fixture, GTK_TYPE_BUTTON, "Check _SPF"));
  wait_for_row (fixture, "SPF Result");

  result = subtitle (fixture, "SPF Result");
  g_assert_cmpstr (result, ==, "Fail: This IP address is not authorized to send for the domain.");
  /* “Checking…” is gone with the check. */
  g_assert_null (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, "Checking…"));
  g_assert_true (gtk_widget_has_css_class (find (fixture, ADW_TYPE_ACTION_ROW, "SPF Result"), "error"));
  lookups = subtitle (fixture, "DNS Lookups");
  g_assert_cmpstr (lookups, ==, "3 of 10, of which void: 0 of 2");
  explanation = subtitle (fixture, "Domain’s Explanation");
  g_assert_cmpstr (explanation, ==, "203.0.113.5 is not one of contoso.example's mail servers");

  /* The trace is a tree: the include holds the record it leads to, which
   * holds its own include. */
  model = trace_model (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 8);
  include = find_trace_row (model, "include:spf.protection.outlook.com");
  nested = find_trace_row (model, "spf.protection.outlook.com");
  deeper = find_trace_row (model, "spf2.protection.outlook.com");
  g_assert_nonnull (include);
  g_assert_nonnull (nested);
  g_assert_nonnull (deeper);
  g_assert_true (gtk_tree_list_row_is_expandable (include));
  g_assert_cmpuint (gtk_tree_list_row_get_depth (nested), ==, gtk_tree_list_row_get_depth (include) + 1);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (deeper), >, gtk_tree_list_row_get_depth (nested));

  /* Collapsing the include hides what it leads to. */
  gtk_tree_list_row_set_expanded (include, FALSE);
  g_clear_object (&deeper);
  deeper = find_trace_row (model, "spf2.protection.outlook.com");
  g_assert_null (deeper);
  gtk_tree_list_row_set_expanded (include, TRUE);

  scroll_to (fixture, find (fixture, ADW_TYPE_ACTION_ROW, "SPF Result"));
  screenshot (fixture->window, "dns-spf");
}

static void
test_spf_pass_and_temperror (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *pass = NULL;
  g_autofree char *temperror = NULL;
  g_autofree char *reason = NULL;

  type_into (fixture, "Domain", "contoso.example");
  type_into (fixture, "Sending IP Address", "52.101.4.5");
  type_into (fixture, "MAIL FROM Address (Optional)", "bounces@contoso.example");
  type_into (fixture, "HELO Name (Optional)", "mail.contoso.example");
  gtk_widget_activate (find (fixture, GTK_TYPE_BUTTON, "Check _SPF"));
  wait_for_row (fixture, "SPF Result");
  pass = subtitle (fixture, "SPF Result");
  g_assert_cmpstr (pass, ==, "Pass: This IP address is authorized to send for the domain.");
  g_assert_false (gtk_widget_get_visible (find (fixture, ADW_TYPE_ACTION_ROW, "Reason")));

  /* An include that times out: a temporary error, and why. */
  type_into (fixture, "Domain", "slow.contoso.example");
  type_into (fixture, "MAIL FROM Address (Optional)", "");
  gtk_widget_activate (find (fixture, GTK_TYPE_BUTTON, "Check _SPF"));
  wait_for_row (fixture, "Reason");
  temperror = subtitle (fixture, "SPF Result");
  g_assert_true (g_str_has_prefix (temperror, "Temporary error: "));
  reason = subtitle (fixture, "Reason");
  g_assert_nonnull (strstr (reason, "timeout.contoso.example"));
  g_assert_nonnull (strstr (reason, "timed out"));
}

static void
test_spf_bad_input (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *check = find (fixture, GTK_TYPE_BUTTON, "Check _SPF");
  GtkWidget *domain = find (fixture, ADW_TYPE_ENTRY_ROW, "Domain");

  /* Nothing typed yet: nothing to check, and no complaint either. */
  g_assert_false (gtk_widget_get_sensitive (check));
  g_assert_null (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                        "“” is not a domain name such as contoso.com"));

  type_into (fixture, "Domain", "not a domain");
  type_into (fixture, "Sending IP Address", "192.0.2.300");
  type_into (fixture, "MAIL FROM Address (Optional)", "bounces");
  g_assert_false (gtk_widget_get_sensitive (check));
  g_assert_true (gtk_widget_has_css_class (domain, "error"));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                           "“not a domain” is not a domain name such as contoso.com\n"
                                           "“192.0.2.300” is not an IPv4 or IPv6 address\n"
                                           "“bounces” is not an address such as bounces@contoso.com"));
  screenshot (fixture->window, "dns-bad-input");

  type_into (fixture, "Domain", "contoso.example");
  type_into (fixture, "Sending IP Address", "2001:db8::1");
  type_into (fixture, "MAIL FROM Address (Optional)", "");
  g_assert_true (gtk_widget_get_sensitive (check));
  g_assert_false (gtk_widget_has_css_class (domain, "error"));
}

static void
test_dmarc_alignment (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *result = NULL;
  g_autofree char *record = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *organizational = NULL;
  g_autofree char *spf = NULL;
  g_autofree char *dkim = NULL;

  type_into (fixture, "From Domain", "contoso.example");
  type_into (fixture, "Domain That Passed SPF (Optional)", "bounces.contoso.example");
  type_into (fixture, "DKIM Signing Domain, d= (Optional)", "mail.contoso.example");
  gtk_widget_activate (find (fixture, GTK_TYPE_BUTTON, "Check _DMARC"));
  wait_for_row (fixture, "DMARC Result");

  result = subtitle (fixture, "DMARC Result");
  g_assert_cmpstr (result, ==, "Pass: an authenticated domain is aligned with the From domain");
  record = subtitle (fixture, "Record");
  g_assert_cmpstr (record, ==, "v=DMARC1; p=reject; sp=quarantine; pct=50; adkim=s; "
                               "rua=mailto:dmarc@contoso.example\nat _dmarc.contoso.example");
  policy = subtitle (fixture, "Policy");
  g_assert_cmpstr (policy, ==, "reject (p=reject, sp=quarantine, pct=50)");
  organizational = subtitle (fixture, "Organizational Domain");
  g_assert_cmpstr (organizational, ==, "contoso.example");
  /* aspf is relaxed (a subdomain aligns), adkim=s is strict (it does not). */
  spf = subtitle (fixture, "SPF Alignment");
  g_assert_cmpstr (spf, ==, "Aligned (relaxed)");
  dkim = subtitle (fixture, "DKIM Alignment");
  g_assert_cmpstr (dkim, ==, "Not aligned (strict)");
  scroll_to (fixture, find (fixture, ADW_TYPE_ACTION_ROW, "DMARC Result"));
  screenshot (fixture->window, "dns-dmarc");
}

static void
test_dmarc_no_record_and_timeout (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *none = NULL;
  g_autofree char *slow = NULL;

  type_into (fixture, "From Domain", "fabrikam.example");
  gtk_widget_activate (find (fixture, GTK_TYPE_BUTTON, "Check _DMARC"));
  wait_for_row (fixture, "DMARC Result");
  none = subtitle (fixture, "DMARC Result");
  g_assert_true (g_str_has_prefix (none, "No DMARC record: the domain publishes no DMARC policy"));
  g_assert_false (gtk_widget_get_visible (find (fixture, ADW_TYPE_ACTION_ROW, "Record")));

  type_into (fixture, "From Domain", "slow.example");
  gtk_widget_activate (find (fixture, GTK_TYPE_BUTTON, "Check _DMARC"));
  wait_for_subtitle (fixture, "DMARC Result", "The DMARC record could not be read for now");
  slow = subtitle (fixture, "DMARC Result");
  g_assert_true (g_str_has_prefix (slow, "The DMARC record could not be read for now"));
  g_assert_nonnull (strstr (slow, "timed out"));
}

/* Real DNS that cannot be reached: the system's resolver fails every query
 * (GLib's default resolver replaced), or says no name exists, the root zone
 * included, as a sandbox's or a captive portal's does. The checks are
 * temporary errors that say so, never "none" or "no record". */
static void
check_unreachable (GQuark domain,
                   int    code,
                   int    root_code)
{
  g_autoptr(KanriTestGResolver) fake = kanri_test_gresolver_new (domain, code);
  g_autoptr(KanriDnsResolver) resolver = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(KanriSpfTraceItem) lookup = NULL;
  g_autofree char *result = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *dmarc = NULL;
  Fixture fixture = { 0 };

  if (root_code >= 0)
    kanri_test_gresolver_set_root_error (fake, G_RESOLVER_ERROR, root_code);
  g_resolver_set_default (G_RESOLVER (fake));
  resolver = kanri_dns_resolver_new ();
  present (&fixture, KANRI_RESOLVER (resolver), 900);

  type_into (&fixture, "Domain", "contoso.example");
  type_into (&fixture, "Sending IP Address", "192.0.2.10");
  gtk_widget_activate (find (&fixture, GTK_TYPE_BUTTON, "Check _SPF"));
  wait_for_row (&fixture, "Reason");
  result = subtitle (&fixture, "SPF Result");
  g_assert_cmpstr (result, ==, "Temporary error: A temporary DNS error stopped the check; it may succeed later.");
  g_assert_true (gtk_widget_has_css_class (find (&fixture, ADW_TYPE_ACTION_ROW, "SPF Result"), "warning"));
  reason = subtitle (&fixture, "Reason");
  g_assert_nonnull (strstr (reason, "DNS could not be reached: "));
  g_assert_nonnull (strstr (reason, "contoso.example"));

  /* The trace's lookup says it too. */
  row = find_trace_row (trace_model (&fixture), "TXT contoso.example");
  g_assert_nonnull (row);
  lookup = gtk_tree_list_row_get_item (row);
  g_assert_true (g_str_has_prefix (kanri_spf_trace_item_get_detail (lookup), "DNS could not be reached: "));

  type_into (&fixture, "From Domain", "contoso.example");
  gtk_widget_activate (find (&fixture, GTK_TYPE_BUTTON, "Check _DMARC"));
  wait_for_subtitle (&fixture, "DMARC Result", "The DMARC record could not be read for now");
  dmarc = subtitle (&fixture, "DMARC Result");
  g_assert_nonnull (strstr (dmarc, "DNS could not be reached: "));
  g_assert_true (gtk_widget_has_css_class (find (&fixture, ADW_TYPE_ACTION_ROW, "DMARC Result"), "warning"));

  scroll_to (&fixture, find (&fixture, ADW_TYPE_ACTION_ROW, "SPF Result"));
  screenshot (fixture.window, root_code >= 0 ? "dns-unreachable-nxdomain" : "dns-unreachable");
  fixture_tear_down (&fixture, NULL);
}

static void
test_dns_unreachable (void)
{
  check_unreachable (G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE, -1);
  check_unreachable (G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, -1);
  check_unreachable (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, G_RESOLVER_ERROR_NOT_FOUND);
}

static void
test_eop_live (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *source = NULL;
  const char *ranges;

  /* Looked up as soon as the page is shown. */
  wait_for_eop (fixture);
  source = subtitle (fixture, "Source");
  g_assert_true (g_str_has_prefix (source, "Live, resolved at "));

  /* Those of the record and of the record it includes. */
  ranges = ranges_text (fixture);
  g_assert_cmpstr (ranges, ==, "IPv4\n40.92.0.0/15\n40.107.0.0/16\n52.100.0.0/15\n\n"
                               "IPv6\n2a01:111:f400::/48");

  /* The classifier follows the live list: 40.107.0.0/16 is in it. */
  type_into (fixture, "IP Address to Classify", "40.107.3.4");
  {
    g_autofree char *klass = subtitle (fixture, "Classification");
    g_assert_true (g_str_has_prefix (klass, kanri_ip_class_get_label (KANRI_IP_CLASS_EOP_OUTBOUND)));
    g_assert_nonnull (strstr (klass, "Compared with the live Exchange Online Protection ranges."));
  }
}

static void
check_fallback (const char *zone,
                const char *problem)
{
  Fixture fixture = { 0 };
  g_autoptr(KanriResolver) resolver = zone_from_data (zone);
  g_autofree char *source = NULL;
  g_autofree char *expected = NULL;

  present (&fixture, resolver, 900);
  wait_for_eop (&fixture);

  source = subtitle (&fixture, "Source");
  expected = g_strdup_printf ("Snapshot of %s — live lookup failed: %s",
                              kanri_ip_classifier_get_date (kanri_ip_classifier_get_default ()), problem);
  g_assert_cmpstr (source, ==, expected);
  g_assert_true (gtk_widget_has_css_class (find (&fixture, ADW_TYPE_ACTION_ROW, "Source"), "warning"));
  /* The snapshot's ranges are listed instead. */
  g_assert_nonnull (strstr (ranges_text (&fixture), "\n52.102.0.0/16\n"));
  scroll_to (&fixture, find (&fixture, ADW_TYPE_ACTION_ROW, "Source"));
  screenshot (fixture.window, "dns-eop-fallback");

  fixture_tear_down (&fixture, NULL);
}

static void
test_eop_fallback (void)
{
  check_fallback ("{\"contoso.example\":[{\"A\":\"192.0.2.1\"}]}",
                  "spf.protection.outlook.com does not exist (NXDOMAIN)");
  check_fallback ("{\"spf.protection.outlook.com\":[\"TIMEOUT\"]}",
                  "The TXT query for spf.protection.outlook.com timed out");
  check_fallback ("{\"spf.protection.outlook.com\":[{\"TXT\":\"v=spf1 -all\"}]}",
                  "The SPF record of spf.protection.outlook.com lists no IP ranges");
}

static void
test_ip_classifier (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char   *ip;
    KanriIpClass  klass;
  } cases[] = {
    { "10.1.2.3", KANRI_IP_CLASS_PRIVATE },
    { "127.0.0.1", KANRI_IP_CLASS_LOOPBACK },
    { "100.64.1.1", KANRI_IP_CLASS_CGNAT },
    { "192.0.2.5", KANRI_IP_CLASS_DOCUMENTATION },
    { "fd00::1", KANRI_IP_CLASS_UNIQUE_LOCAL },
    { "40.95.1.2", KANRI_IP_CLASS_RELAY_POOL },
    { "40.92.1.1", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "2603:1096:403::1f", KANRI_IP_CLASS_MICROSOFT_365 },
    { "2603:10b6:806:120::4", KANRI_IP_CLASS_MICROSOFT },
    { "8.8.8.8", KANRI_IP_CLASS_PUBLIC },
  };
  GtkWidget *message;

  wait_for_eop (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *klass = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: %s\n", kanri_ip_class_get_label (cases[i].klass),
                                                   kanri_ip_class_get_description (cases[i].klass));

      type_into (fixture, "IP Address to Classify", cases[i].ip);
      klass = subtitle (fixture, "Classification");
      g_test_message ("%s: %s", cases[i].ip, klass);
      g_assert_true (g_str_has_prefix (klass, expected));
    }

  /* The relay pool, with PRODUCT.md's correction, is stated on the page. */
  {
    g_autofree char *relay = subtitle (fixture, "Relay Pool");
    g_assert_true (g_str_has_prefix (relay, "40.95.0.0/16: Exchange Online’s pool for forwarded and relayed mail."));
    g_assert_nonnull (strstr (relay, "not the high-risk delivery pool"));
  }

  type_into (fixture, "IP Address to Classify", "40.95.1");
  message = find (fixture, GTK_TYPE_LABEL, "“40.95.1” is not an IPv4 or IPv6 address");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_get_visible (find (fixture, ADW_TYPE_ACTION_ROW, "Classification")));
  screenshot (fixture->window, "dns-ip-invalid");

  type_into (fixture, "IP Address to Classify", "");
  g_assert_false (gtk_widget_get_visible (message));
}

static void
test_cancel_keeps_page_usable (void)
{
  Fixture fixture = { 0 };
  g_autoptr(KanriResolver) stuck = g_object_new (TEST_TYPE_STUCK_RESOLVER, NULL);
  g_autoptr(KanriResolver) zone = open_zone ("dns-page.json");
  GtkWidget *check;
  GtkWidget *cancel;
  g_autofree char *result = NULL;

  present (&fixture, stuck, 900);
  check = find (&fixture, GTK_TYPE_BUTTON, "Check _SPF");
  type_into (&fixture, "Domain", "contoso.example");
  type_into (&fixture, "Sending IP Address", "203.0.113.5");
  gtk_widget_activate (check);

  /* Running: Cancel is offered and Check waits. A button activated from the
   * keyboard is clicked after 250 ms. */
  cancel = find (&fixture, GTK_TYPE_BUTTON, "_Cancel");
  g_assert_true (kanri_test_wait_for (widget_shown, cancel, 10000));
  g_assert_false (gtk_widget_get_sensitive (check));
  screenshot (fixture.window, "dns-running");

  gtk_widget_activate (cancel);
  g_assert_true (kanri_test_wait_for (not_running, cancel, 10000));
  g_assert_nonnull (find (&fixture, GTK_TYPE_LABEL, "The SPF check was cancelled."));
  g_assert_false (gtk_widget_get_visible (cancel));
  g_assert_true (gtk_widget_get_sensitive (check));

  /* The ranges' lookup, stuck too, ends when the page is hidden. */
  gtk_widget_set_visible (GTK_WIDGET (fixture.page), FALSE);
  kanri_test_iterate (100);
  {
    g_autofree char *source = subtitle (&fixture, "Source");
    g_assert_true (g_str_has_suffix (source, " — live lookup cancelled"));
  }
  gtk_widget_set_visible (GTK_WIDGET (fixture.page), TRUE);

  /* Another resolver, and the same check goes through. */
  kanri_dns_page_set_resolver (fixture.page, zone);
  gtk_widget_activate (check);
  wait_for_row (&fixture, "SPF Result");
  result = subtitle (&fixture, "SPF Result");
  g_assert_true (g_str_has_prefix (result, "Fail: "));

  fixture_tear_down (&fixture, NULL);
}

static void
test_zone_hook (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "zones", "dns-page.json", NULL);
  g_autofree char *notice = NULL;
  GtkWidget *label;

  g_setenv (KANRI_DNS_ZONE_ENV, path, TRUE);
  present (&fixture, NULL, 900);
  g_unsetenv (KANRI_DNS_ZONE_ENV);

  g_assert_true (KANRI_IS_ZONE_RESOLVER (kanri_dns_page_get_resolver (fixture.page)));
  notice = g_strdup_printf ("DNS answers come from the zone file %s (KANRI_DNS_ZONE), not from the network.", path);
  label = find (&fixture, GTK_TYPE_LABEL, notice);
  g_assert_true (gtk_widget_get_mapped (label));

  fixture_tear_down (&fixture, NULL);
}

static void
test_zone_hook_bad_file (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "zones", "bad-json.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriZoneResolver) expected = kanri_zone_resolver_new_from_file (path, &error);
  g_autofree char *notice = NULL;

  g_assert_null (expected);
  g_setenv (KANRI_DNS_ZONE_ENV, path, TRUE);
  present (&fixture, NULL, 900);
  g_unsetenv (KANRI_DNS_ZONE_ENV);

  /* No silent fallback to the network: lookups are off, and the page says why. */
  g_assert_null (kanri_dns_page_get_resolver (fixture.page));
  notice = g_strdup_printf ("DNS lookups are off: the zone file of KANRI_DNS_ZONE cannot be used: %s",
                            error->message);
  g_assert_true (gtk_widget_get_mapped (find (&fixture, GTK_TYPE_LABEL, notice)));
  type_into (&fixture, "Domain", "contoso.example");
  type_into (&fixture, "Sending IP Address", "203.0.113.5");
  g_assert_false (gtk_widget_get_sensitive (find (&fixture, GTK_TYPE_BUTTON, "Check _SPF")));

  fixture_tear_down (&fixture, NULL);
}

static void
test_tenant_change_cancels (void)
{
  Fixture fixture = { 0 };
  g_autoptr(KanriResolver) stuck = g_object_new (TEST_TYPE_STUCK_RESOLVER, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "dns-page.db", NULL);
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(KanriTenant) first = NULL;
  g_autoptr(KanriTenant) second = NULL;
  GtkWidget *cancel;

  g_remove (path);
  store = kanri_store_open (path, &error);
  g_assert_no_error (error);
  first = kanri_tenant_new (store, "t1", "contoso.onmicrosoft.com", KANRI_TENANT_MICROSOFT365,
                            "worldwide", "admin@contoso.onmicrosoft.com", &error);
  g_assert_no_error (error);
  second = kanri_tenant_new (store, "t2", "fabrikam.onmicrosoft.com", KANRI_TENANT_MICROSOFT365,
                             "worldwide", "admin@fabrikam.onmicrosoft.com", &error);
  g_assert_no_error (error);

  present (&fixture, stuck, 900);
  /* The window hands the first tenant over: no change of mind, the ranges'
   * lookup started as the page showed goes on. */
  kanri_page_set_tenant (KANRI_PAGE (fixture.page), first);
  kanri_test_iterate (50);
  g_assert_nonnull (find (&fixture, GTK_TYPE_LABEL, "Looking up spf.protection.outlook.com…"));

  type_into (&fixture, "Domain", "contoso.example");
  type_into (&fixture, "Sending IP Address", "203.0.113.5");
  gtk_widget_activate (find (&fixture, GTK_TYPE_BUTTON, "Check _SPF"));
  cancel = find (&fixture, GTK_TYPE_BUTTON, "_Cancel");
  g_assert_true (kanri_test_wait_for (widget_shown, cancel, 10000));

  /* Another tenant: both lookups stop. */
  kanri_page_set_tenant (KANRI_PAGE (fixture.page), second);
  kanri_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (cancel));
  g_assert_nonnull (find (&fixture, GTK_TYPE_LABEL, "The SPF check was cancelled."));
  {
    g_autofree char *source = subtitle (&fixture, "Source");
    g_assert_true (g_str_has_suffix (source, " — live lookup cancelled"));
  }

  kanri_page_set_tenant (KANRI_PAGE (fixture.page), NULL);
  fixture_tear_down (&fixture, NULL);
}

static void
test_narrow (void)
{
  Fixture fixture = { 0 };
  g_autoptr(KanriResolver) resolver = open_zone ("dns-page.json");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  present (&fixture, resolver, 360);
  type_into (&fixture, "Domain", "contoso.example");
  type_into (&fixture, "Sending IP Address", "203.0.113.5");
  gtk_widget_activate (find (&fixture, GTK_TYPE_BUTTON, "Check _SPF"));
  wait_for_row (&fixture, "SPF Result");
  wait_for_eop (&fixture);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.page)), <=, 360);
  scroll_to (&fixture, find (&fixture, ADW_TYPE_ACTION_ROW, "SPF Result"));
  screenshot (fixture.window, "dns-narrow-dark");
  scroll_to (&fixture, find (&fixture, ADW_TYPE_ACTION_ROW, "Source"));
  screenshot (fixture.window, "dns-narrow-dark-ranges");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  fixture_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);
  g_unsetenv (KANRI_DNS_ZONE_ENV);

#define ADD(path, func) \
  g_test_add ("/dns-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("spf/fail-with-trace", test_spf_fail_with_trace);
  ADD ("spf/pass-and-temperror", test_spf_pass_and_temperror);
  ADD ("spf/bad-input", test_spf_bad_input);
  ADD ("dmarc/alignment", test_dmarc_alignment);
  ADD ("dmarc/no-record-and-timeout", test_dmarc_no_record_and_timeout);
  ADD ("eop/live", test_eop_live);
  ADD ("ip-classifier", test_ip_classifier);

#undef ADD

  g_test_add_func ("/dns-page/eop/fallback", test_eop_fallback);
  g_test_add_func ("/dns-page/dns-unreachable", test_dns_unreachable);
  g_test_add_func ("/dns-page/cancel", test_cancel_keeps_page_usable);
  g_test_add_func ("/dns-page/zone-hook", test_zone_hook);
  g_test_add_func ("/dns-page/zone-hook-bad-file", test_zone_hook_bad_file);
  g_test_add_func ("/dns-page/tenant-change-cancels", test_tenant_change_cancels);
  g_test_add_func ("/dns-page/narrow-dark", test_narrow);

  return g_test_run ();
}
