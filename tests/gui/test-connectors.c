/* test-connectors.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-alert.h"
#include "kanri-connector-editor.h"
#include "kanri-connector-wizard.h"
#include "kanri-connectors-page.h"
#include "kanri-dns-resolver.h"
#include "kanri-enhanced-filtering-wizard.h"
#include "kanri-list-editor.h"
#include "kanri-test-gresolver.h"
#include "kanri-test-measure.h"
#include "kanri-test-gui.h"
#include "kanri-test-tenant.h"
#include "kanri-zone-resolver.h"

/* The Connectors page on the demo tenant: its wizards step by step (Next
 * sensitive only when the step is valid, the review showing the cmdlet's
 * own PowerShell), the changes they make, and the MX scenario check. */

typedef struct
{
  KanriTestTenant      tenant;
  GtkWindow           *window;
  KanriConnectorsPage *page;
} Fixture;

static gboolean
mx_checked (gpointer data)
{
  return !kanri_connectors_page_get_checking (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *zone = NULL;
  g_autoptr(KanriZoneResolver) resolver = NULL;

  kanri_test_tenant_open (&fixture->tenant, data);
  kanri_test_tenant_sync (&fixture->tenant);

  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = g_object_new (KANRI_TYPE_CONNECTORS_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 1000, 900);
  gtk_window_present (fixture->window);

  /* The demo tenant's own DNS: its domains' MX is a gateway. */
  zone = kanri_demo_host_dup_dns_zone (fixture->tenant.host);
  resolver = kanri_zone_resolver_new_from_data (zone, -1, &error);
  g_assert_no_error (error);
  kanri_connectors_page_set_resolver (fixture->page, KANRI_RESOLVER (resolver));

  kanri_page_set_store (KANRI_PAGE (fixture->page), fixture->tenant.store);
  kanri_page_set_tenant (KANRI_PAGE (fixture->page), fixture->tenant.tenant);
  g_assert_true (kanri_test_wait_for (mx_checked, fixture->page, 5000));
  kanri_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  kanri_test_iterate (50);

  kanri_test_tenant_close (&fixture->tenant, data);

  /* The next test starts from the demo tenant as shipped. */
  kanri_test_tenant_remove_files ();
}

static KanriWizard *
open_wizard (Fixture    *fixture,
             const char *action,
             const char *target)
{
  KanriWizard *wizard;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, target ? "s" : NULL, target);
  wizard = KANRI_WIZARD (kanri_connectors_page_get_dialog (fixture->page));
  g_assert_nonnull (wizard);
  kanri_test_iterate (300);

  return wizard;
}

static GtkWidget *
current_step (KanriWizard *wizard)
{
  GtkWidget *stack = kanri_test_find_child (GTK_WIDGET (wizard), GTK_TYPE_STACK, NULL);

  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
next_button (KanriWizard *wizard)
{
  GtkWidget *button = find_named (GTK_WIDGET (wizard), "wizard-next");

  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

/* What a person sees: Next's sensitivity, the same as the wizard's own. */
static void
assert_next (KanriWizard *wizard,
             gboolean     sensitive)
{
  kanri_test_iterate (20);
  g_assert_cmpint (gtk_widget_get_sensitive (next_button (wizard)), ==, sensitive);
  g_assert_cmpint (kanri_wizard_can_go_next (wizard), ==, sensitive);
}

/* A button's activation clicks it after a short delay (for people to see
 * it pressed): let it pass. */
static void
press_next (KanriWizard *wizard)
{
  g_assert_true (gtk_widget_activate (next_button (wizard)));
  kanri_test_iterate (400);
}

static void
next (KanriWizard *wizard,
      guint        expected_step)
{
  press_next (wizard);
  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, expected_step);
}

static void
choose (KanriWizard *wizard,
        const char  *row_title)
{
  GtkWidget *row = kanri_test_find_child (current_step (wizard), ADW_TYPE_ACTION_ROW, row_title);

  g_assert_nonnull (row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))),
                               TRUE);
  kanri_test_iterate (50);
}

static void
type (KanriWizard *wizard,
      const char  *row_title,
      const char  *text)
{
  GtkWidget *row = kanri_test_find_child (current_step (wizard), ADW_TYPE_ENTRY_ROW, row_title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  kanri_test_iterate (20);
}

static KanriListEditor *
list_editor (KanriWizard *wizard)
{
  GtkWidget *editor = kanri_test_find_child (current_step (wizard), KANRI_TYPE_LIST_EDITOR, NULL);

  g_assert_nonnull (editor);
  return KANRI_LIST_EDITOR (editor);
}

static gboolean
label_shows (GtkWidget  *root,
             const char *text)
{
  GtkWidget *label = kanri_test_find_child (root, GTK_TYPE_LABEL, text);

  return label != NULL && gtk_widget_get_visible (label) && gtk_widget_get_mapped (label);
}

static void
screenshot (KanriWizard *wizard,
            const char  *name)
{
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (wizard), name);
}

#define CREATE_POWERSHELL \
  "New-InboundConnector -Name \"Partner Gateway\" -ConnectorType Partner -SenderDomains * " \
  "-RestrictDomainsToIPAddresses $true -SenderIPAddresses 203.0.113.20,203.0.113.21 -RequireTls $true"

/* Fills the wizard as the e2e scenario does, checking Next at each step. */
static void
fill_connector_wizard (KanriWizard *wizard,
                       gboolean     screenshots)
{
  KanriListEditor *editor;
  const char *ipv6_refusal =
    "“2001:db8::25” is an IPv6 address. Exchange Online accepts only IPv4 sender IP addresses: a "
    "single address such as 203.0.113.10, or a CIDR range from /24 to /32 such as 198.51.100.0/24.";

  /* 1. Connection from: Partner organization is chosen already. */
  g_assert_cmpuint (kanri_wizard_get_n_steps (wizard), ==, 5);
  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, KANRI_CONNECTOR_WIZARD_STEP_KIND);
  assert_next (wizard, TRUE);
  if (screenshots)
    screenshot (wizard, "connector-wizard-1-connection");
  next (wizard, KANRI_CONNECTOR_WIZARD_STEP_NAME);

  /* 2. Name: required, unique in the tenant (whatever the case). */
  assert_next (wizard, FALSE);
  type (wizard, "Name", "fabrikam mail gateway");
  assert_next (wizard, FALSE);
  g_assert_true (label_shows (GTK_WIDGET (wizard),
                              "This tenant already has a connector named “Fabrikam Mail Gateway”. "
                              "Choose another name."));
  type (wizard, "Name", "   ");
  assert_next (wizard, FALSE);
  g_assert_true (label_shows (GTK_WIDGET (wizard), "Type a name for the connector."));
  type (wizard, "Name", " Partner Gateway ");
  assert_next (wizard, TRUE);
  if (screenshots)
    screenshot (wizard, "connector-wizard-2-name");
  next (wizard, KANRI_CONNECTOR_WIZARD_STEP_AUTHENTICATION);

  /* 3. Authenticating sent email: at least one address, IPv4 only. */
  assert_next (wizard, FALSE);
  editor = list_editor (wizard);
  g_assert_false (kanri_list_editor_add_text (editor, "2001:db8::25"));
  g_assert_cmpstr (kanri_list_editor_get_message (editor), ==, ipv6_refusal);
  g_assert_true (label_shows (GTK_WIDGET (wizard), ipv6_refusal));
  if (screenshots)
    screenshot (wizard, "connector-wizard-3-ipv6-refused");
  assert_next (wizard, FALSE);
  g_assert_false (kanri_list_editor_add_text (editor, "198.51.100.0/23"));
  g_assert_cmpuint (kanri_list_editor_get_n_values (editor), ==, 0);
  g_assert_true (kanri_list_editor_add_text (editor, "203.0.113.20, 203.0.113.21"));
  g_assert_cmpuint (kanri_list_editor_get_n_values (editor), ==, 2);
  assert_next (wizard, TRUE);

  /* Twice the same address: merged. */
  g_assert_true (kanri_list_editor_add_text (editor, "203.0.113.21"));
  g_assert_cmpuint (kanri_list_editor_get_n_values (editor), ==, 2);
  g_assert_cmpstr (kanri_list_editor_get_message (editor), ==, "Already in the list: 203.0.113.21.");

  /* An address of another connector: accepted, with a warning that names
   * that connector. */
  {
    static const char *const two[] = { "203.0.113.20", "203.0.113.21", NULL };
    GtkWidget *row;

    g_assert_true (kanri_list_editor_add_text (editor, "203.0.113.11"));
    g_assert_cmpuint (kanri_list_editor_get_n_values (editor), ==, 3);
    row = kanri_test_find_child (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "203.0.113.11");
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                     "Already an address of the connector “Fabrikam Mail Gateway” (203.0.113.11): two "
                     "connectors for the same server give its mail two sets of rules. Change that "
                     "connector instead, or take the address out of it.");
    row = kanri_test_find_child (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "203.0.113.20");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");
    if (screenshots)
      screenshot (wizard, "connector-wizard-3-shared-address");
    kanri_list_editor_set_values (editor, two);
  }

  /* Typed but not added: the list is not what the person means yet. */
  gtk_editable_set_text (GTK_EDITABLE (kanri_list_editor_get_entry (editor)), "203.0.113.22");
  assert_next (wizard, FALSE);
  g_assert_cmpstr (kanri_list_editor_get_message (editor), ==,
                   "Press Enter or Add to put “203.0.113.22” in the list.");
  gtk_editable_set_text (GTK_EDITABLE (kanri_list_editor_get_entry (editor)), "");
  assert_next (wizard, TRUE);

  /* The certificate instead: its own field, its own rules. */
  choose (wizard, "By the certificate’s subject");
  assert_next (wizard, FALSE);
  type (wizard, "Domain in the certificate’s subject", "mail.*.contoso.com");
  assert_next (wizard, FALSE);
  type (wizard, "Domain in the certificate’s subject", "*.contoso.com");
  assert_next (wizard, TRUE);
  choose (wizard, "By the sending server’s IP address");
  assert_next (wizard, TRUE);
  if (screenshots)
    screenshot (wizard, "connector-wizard-3-authentication");
  next (wizard, KANRI_CONNECTOR_WIZARD_STEP_SECURITY);

  /* 4. Security restrictions: TLS required, every sender domain. */
  assert_next (wizard, TRUE);
  editor = list_editor (wizard);
  g_assert_false (kanri_list_editor_add_text (editor, "domain.*.contoso.com"));
  assert_next (wizard, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (kanri_list_editor_get_entry (editor)), "fabrikam.com");
  assert_next (wizard, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (kanri_list_editor_get_entry (editor)), "");
  assert_next (wizard, TRUE);
  if (screenshots)
    screenshot (wizard, "connector-wizard-4-security");
  next (wizard, KANRI_CONNECTOR_WIZARD_STEP_REVIEW);

  /* 5. Review: exactly the cmdlet's PowerShell. */
  assert_next (wizard, TRUE);
}

/* The review shows the cmdlet's own PowerShell, and its Copy button puts
 * exactly that on the clipboard. */
static void
assert_review_shows_cmdlet (KanriWizard *wizard,
                            KanriCmdlet *cmdlet,
                            const char  *expected)
{
  g_autofree char *powershell = kanri_cmdlet_to_powershell (cmdlet);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (wizard));
  GtkWidget *copy = kanri_test_find_child (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "_Copy");
  GValue text = G_VALUE_INIT;

  g_assert_cmpstr (powershell, ==, expected);
  g_assert_true (label_shows (GTK_WIDGET (wizard), powershell));
  g_assert_cmpstr (kanri_wizard_get_powershell (wizard), ==, expected);

  gdk_clipboard_set_text (clipboard, "");
  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");
  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &text, NULL));
  g_assert_cmpstr (g_value_get_string (&text), ==, expected);
  g_value_unset (&text);
}

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  GListModel *findings = kanri_tenant_get_findings (fixture->tenant.tenant);
  g_autoptr(KanriFinding) finding = NULL;
  GtkWidget *list;
  int min_width;

  /* Both demo connectors, each with its buttons. */
  list = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "Fabrikam Mail Gateway");
  g_assert_nonnull (list);
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "Osaka Branch Relay"));

  /* The MX of contoso.com and contoso.co.jp is the gateway, and the only
   * connector with enhanced filtering is disabled. */
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
  finding = g_list_model_get_item (findings, 0);
  g_assert_cmpstr (kanri_finding_get_id (finding), ==, "mx-without-enhanced-filtering:mx1.mailgate.fabrikam.net");
  g_assert_cmpstr (kanri_finding_get_page (finding), ==, "connectors");
  g_assert_cmpstr (kanri_finding_get_title (finding), ==,
                   "Mail for contoso.com, contoso.co.jp arrives through mx1.mailgate.fabrikam.net");
  g_assert_cmpstr (kanri_finding_get_message (finding), ==,
                   "MX points to mx1.mailgate.fabrikam.net; without enhanced filtering, SPF and DMARC "
                   "are evaluated on mx1.mailgate.fabrikam.net’s IP (203.0.113.10).");
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                           kanri_finding_get_title (finding)));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                           kanri_finding_get_message (finding)));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "contoso.onmicrosoft.com"));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "connectors-page");

  /* With all of it shown, the page still fits a phone's width, the
   * narrowest the window goes (test-window). */
  gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
}

static KanriFinding *
find_finding (GListModel *findings,
              const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(KanriFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (kanri_finding_get_id (finding), id))
        return g_steal_pointer (&finding);
    }

  return NULL;
}

/* Checked again when DNS cannot be reached: not as if the domains had no
 * MX. The finding of the check that worked stands, each domain says what
 * failed and what the last check found, and Overview learns that the check
 * could not run. */
static void
test_mx_check_unreachable (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KanriTestGResolver) fake = kanri_test_gresolver_new (G_RESOLVER_ERROR,
                                                                 G_RESOLVER_ERROR_TEMPORARY_FAILURE);
  g_autoptr(KanriDnsResolver) resolver = NULL;
  GListModel *findings = kanri_tenant_get_findings (fixture->tenant.tenant);
  g_autoptr(KanriFinding) gateway = NULL;
  g_autoptr(KanriFinding) unchecked = NULL;
  GtkWidget *row;
  const char *subtitle;

  g_resolver_set_default (G_RESOLVER (fake));
  resolver = kanri_dns_resolver_new ();
  kanri_connectors_page_set_resolver (fixture->page, KANRI_RESOLVER (resolver));
  g_assert_true (kanri_test_wait_for (mx_checked, fixture->page, 10000));
  kanri_test_iterate (100);

  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 2);
  gateway = find_finding (findings, "mx-without-enhanced-filtering:mx1.mailgate.fabrikam.net");
  g_assert_nonnull (gateway);
  g_assert_cmpstr (kanri_finding_get_title (gateway), ==,
                   "Mail for contoso.com, contoso.co.jp arrives through mx1.mailgate.fabrikam.net");
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                           kanri_finding_get_title (gateway)));

  unchecked = find_finding (findings, "mx-check-incomplete");
  g_assert_nonnull (unchecked);
  g_assert_cmpint (kanri_finding_get_severity (unchecked), ==, KANRI_FINDING_INFO);
  g_assert_cmpstr (kanri_finding_get_page (unchecked), ==, "connectors");
  g_assert_cmpstr (kanri_finding_get_title (unchecked), ==,
                   "The MX check could not run for contoso.com, contoso.co.jp, contoso.onmicrosoft.com");
  g_assert_true (g_str_has_prefix (kanri_finding_get_message (unchecked),
                                   "DNS could not be reached: the MX query for contoso.com failed ("));

  row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "contoso.com");
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_true (g_str_has_prefix (subtitle, "Could not look up the MX: DNS could not be reached: "));
  g_assert_true (g_str_has_suffix (subtitle, ". The last check found mx1.mailgate.fabrikam.net."));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "connectors-mx-unreachable");
}

static void
test_finding_opens_wizard_on_connector (Fixture       *fixture,
                                        gconstpointer  data)
{
  GtkWidget *button;
  KanriWizard *wizard;
  g_autoptr(KanriCmdlet) cmdlet = NULL;

  /* The finding's button: the enhanced-filtering wizard, on the connector
   * whose addresses the gateway's are. */
  button = gtk_widget_get_ancestor (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                                          "Set Up _Enhanced Filtering…"),
                                    GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  kanri_test_iterate (300);
  wizard = KANRI_WIZARD (kanri_connectors_page_get_dialog (fixture->page));
  g_assert_true (KANRI_IS_ENHANCED_FILTERING_WIZARD (wizard));
  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP);

  choose (wizard, "Automatically detect and skip the last IP address");
  cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (KANRI_ENHANCED_FILTERING_WIZARD (wizard));
  g_assert_cmpstr (kanri_cmdlet_get_string (cmdlet, "Identity"), ==, "Fabrikam Mail Gateway");
}

typedef struct
{
  Fixture    *fixture;
  const char *name;
} ConnectorWait;

static gboolean
connector_listed (gpointer data)
{
  ConnectorWait *wait = data;

  return kanri_test_find_child (GTK_WIDGET (wait->fixture->page), ADW_TYPE_ACTION_ROW, wait->name) != NULL;
}

static gboolean
wizard_settled (gpointer data)
{
  return !kanri_wizard_get_busy (data);
}

static void
test_connector_wizard (Fixture       *fixture,
                       gconstpointer  data)
{
  KanriWizard *wizard = open_wizard (fixture, "connectors.add", NULL);
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  ConnectorWait wait = { fixture, "Partner Gateway" };

  fill_connector_wizard (wizard, TRUE);
  cmdlet = kanri_connector_wizard_build_cmdlet (KANRI_CONNECTOR_WIZARD (wizard));
  assert_review_shows_cmdlet (wizard, cmdlet, CREATE_POWERSHELL);
  g_assert_true (label_shows (GTK_WIDGET (wizard), "The sending server’s IP address is one of 203.0.113.20, 203.0.113.21"));
  /* On the review, not the security step's row of the same title. */
  g_assert_true (label_shows (current_step (wizard), "Reject email messages if they aren’t sent over TLS"));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "_Create Connector"));
  screenshot (wizard, "connector-wizard-5-review");

  /* Create: through the journal, and the connector appears. */
  press_next (wizard);
  g_assert_true (kanri_test_wait_for (wizard_settled, wizard, 5000));
  g_assert_true (kanri_wizard_get_done (wizard));
  screenshot (wizard, "connector-wizard-6-created");
  g_assert_true (kanri_test_wait_for (connector_listed, &wait, 5000));

  ops = kanri_journal_list (kanri_journal_get_for_store (fixture->tenant.store), "demo", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (kanri_operation_get_state (ops->pdata[0]), ==, KANRI_OPERATION_DONE);
  g_assert_cmpstr (kanri_operation_get_powershell (ops->pdata[0]), ==, CREATE_POWERSHELL);
  g_assert_cmpstr (kanri_operation_get_summary (ops->pdata[0]), ==, "Create inbound connector “Partner Gateway”");

  /* The next step of the notes, from the Connector Created page: enhanced
   * filtering, on the new connector. */
  {
    GtkWidget *follow_up = kanri_test_find_child (GTK_WIDGET (wizard), GTK_TYPE_BUTTON,
                                                  "Set Up _Enhanced Filtering…");
    KanriWizard *next_wizard;
    g_autoptr(KanriCmdlet) next_cmdlet = NULL;

    g_assert_nonnull (follow_up);
    g_assert_true (gtk_widget_get_mapped (follow_up));
    gtk_widget_activate (follow_up);
    kanri_test_iterate (300);
    next_wizard = KANRI_WIZARD (kanri_connectors_page_get_dialog (fixture->page));
    g_assert_true (KANRI_IS_ENHANCED_FILTERING_WIZARD (next_wizard));
    g_assert_cmpuint (kanri_wizard_get_step (next_wizard), ==, KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP);
    choose (next_wizard, "Automatically detect and skip the last IP address");
    next_cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (KANRI_ENHANCED_FILTERING_WIZARD (next_wizard));
    g_assert_cmpstr (kanri_cmdlet_get_string (next_cmdlet, "Identity"), ==, "Partner Gateway");
  }
}

static void
invoked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoResult) answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &error);

  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static void
test_connector_wizard_service_error (Fixture       *fixture,
                                     gconstpointer  data)
{
  KanriWizard *wizard = open_wizard (fixture, "connectors.add", NULL);
  g_autoptr(KanriCmdlet) elsewhere = NULL;
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  GtkWidget *name_row;

  fill_connector_wizard (wizard, FALSE);

  /* Meanwhile, another admin creates a connector of the same name: only
   * the service can know, and it refuses. */
  elsewhere = kanri_cmdlet_parse ("New-InboundConnector -Name \"Partner Gateway\" -SenderDomains *", &error);
  g_assert_no_error (error);
  kanri_exo_client_invoke_async (kanri_tenant_get_client (fixture->tenant.tenant), elsewhere,
                                 NULL, NULL, NULL, invoked_cb, &done);
  kanri_test_wait (&done);

  press_next (wizard);
  g_assert_true (kanri_test_wait_for (wizard_settled, wizard, 5000));

  /* The wizard stays, on the review, with the service's reason and
   * everything as typed. */
  g_assert_false (kanri_wizard_get_done (wizard));
  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, KANRI_CONNECTOR_WIZARD_STEP_REVIEW);
  g_assert_cmpstr (kanri_wizard_get_error (wizard), ==, "An inbound connector named 'Partner Gateway' already exists.");
  g_assert_true (label_shows (GTK_WIDGET (wizard), "An inbound connector named 'Partner Gateway' already exists."));
  cmdlet = kanri_connector_wizard_build_cmdlet (KANRI_CONNECTOR_WIZARD (wizard));
  assert_review_shows_cmdlet (wizard, cmdlet, CREATE_POWERSHELL);
  assert_next (wizard, TRUE);
  screenshot (wizard, "connector-wizard-service-error");

  /* Back to the name: as typed. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  kanri_test_iterate (300);
  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, KANRI_CONNECTOR_WIZARD_STEP_NAME);
  name_row = kanri_test_find_child (current_step (wizard), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, " Partner Gateway ");
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static void
test_cancel_asks_when_typed (Fixture       *fixture,
                             gconstpointer  data)
{
  KanriWizard *wizard = open_wizard (fixture, "connectors.add", NULL);
  GtkWidget *dialog;

  /* Nothing typed: Escape closes at once. */
  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *)&wizard);
  kanri_wizard_cancel (wizard);
  g_assert_true (kanri_test_wait_for (window_gone, &wizard, 2000));
  g_assert_null (kanri_test_find_alert ());

  /* Something typed: it asks first, and Keep Editing keeps it. */
  wizard = open_wizard (fixture, "connectors.add", NULL);
  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *)&wizard);
  next (wizard, KANRI_CONNECTOR_WIZARD_STEP_NAME);
  type (wizard, "Name", "Half typed");
  kanri_wizard_cancel (wizard);
  kanri_test_iterate (200);
  dialog = kanri_test_find_alert ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (wizard);
  kanri_test_save_screenshot (GTK_WIDGET (dialog), "connector-wizard-discard");

  kanri_alert_respond (dialog, "keep");
  kanri_test_iterate (100);
  g_assert_nonnull (wizard);

  kanri_wizard_cancel (wizard);
  kanri_test_iterate (200);
  dialog = kanri_test_find_alert ();
  g_assert_nonnull (dialog);
  kanri_alert_respond (dialog, "discard");
  g_assert_true (kanri_test_wait_for (window_gone, &wizard, 2000));
}

static gboolean
finding_gone (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (kanri_tenant_get_findings (fixture->tenant.tenant)) == 0;
}

static const char *
recipients_description (KanriWizard *wizard)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (list_editor (wizard)), ADW_TYPE_PREFERENCES_GROUP);

  g_assert_nonnull (group);
  return adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
}

/* An OnPremises connector: the recipients must include each user's hybrid
 * target address, as Exchange on-premises routes by it. */
static void
test_enhanced_filtering_hybrid_hint (Fixture       *fixture,
                                     gconstpointer  data)
{
  KanriWizard *wizard = open_wizard (fixture, "connectors.enhanced-filtering", "Osaka Branch Relay");
  g_autofree char *problem = NULL;

  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP);
  next (wizard, KANRI_ENHANCED_FILTERING_WIZARD_STEP_USERS);
  choose (wizard, "Apply to these users");
  g_assert_nonnull (strstr (recipients_description (wizard), "user@contoso.mail.onmicrosoft.com"));
  g_assert_nonnull (strstr (recipients_description (wizard), "List every proxy address"));
  /* The address is one long word: the description must still measure
   * consistently, or GTK aborts at narrow widths. Measured once the step
   * is laid out: a widget just shown has no size yet. */
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (wizard)));
  problem = kanri_test_find_bad_measure (gtk_widget_get_ancestor (GTK_WIDGET (list_editor (wizard)),
                                                                  ADW_TYPE_PREFERENCES_GROUP));
  if (problem != NULL)
    g_error ("The recipients group measures inconsistently: %s", problem);
  screenshot (wizard, "enhanced-filtering-3-users-hybrid");
}

static void
test_enhanced_filtering_wizard (Fixture       *fixture,
                                gconstpointer  data)
{
  KanriWizard *wizard = open_wizard (fixture, "connectors.enhanced-filtering", "");
  KanriEnhancedFilteringWizard *ef = KANRI_ENHANCED_FILTERING_WIZARD (wizard);
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  KanriListEditor *editor;

  /* 1. The connector: the first is chosen. */
  g_assert_cmpuint (kanri_wizard_get_n_steps (wizard), ==, 4);
  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, KANRI_ENHANCED_FILTERING_WIZARD_STEP_CONNECTOR);
  assert_next (wizard, TRUE);
  choose (wizard, "Fabrikam Mail Gateway");
  screenshot (wizard, "enhanced-filtering-1-connector");
  next (wizard, KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP);

  /* 2. Skip IP addresses: off (as it is now) is valid; a list needs an
   * entry, and neither Microsoft 365's nor private addresses. */
  assert_next (wizard, TRUE);
  choose (wizard, "Skip these IP addresses that are associated with the connector");
  assert_next (wizard, FALSE);
  editor = list_editor (wizard);
  g_assert_false (kanri_list_editor_add_text (editor, "10.20.30.40"));
  g_assert_cmpstr (kanri_list_editor_get_message (editor), ==,
                   "“10.20.30.40” is in 10.0.0.0/8, a private range (RFC 1918). Exchange Online skips "
                   "private addresses by itself: list only public addresses.");
  g_assert_false (kanri_list_editor_add_text (editor, "40.107.1.2"));
  assert_next (wizard, FALSE);
  g_assert_true (kanri_list_editor_add_text (editor, "203.0.113.10-203.0.113.11, 2001:db8::25"));
  assert_next (wizard, TRUE);
  screenshot (wizard, "enhanced-filtering-2-skip-ips");
  choose (wizard, "Automatically detect and skip the last IP address");
  assert_next (wizard, TRUE);
  screenshot (wizard, "enhanced-filtering-2-skip-last-ip");
  next (wizard, KANRI_ENHANCED_FILTERING_WIZARD_STEP_USERS);

  /* 3. Apply to: the organization, or recipients that are addresses. */
  assert_next (wizard, TRUE);
  choose (wizard, "Apply to these users");
  assert_next (wizard, FALSE);
  editor = list_editor (wizard);
  g_assert_false (kanri_list_editor_add_text (editor, "taro.yamada"));
  assert_next (wizard, FALSE);
  g_assert_true (kanri_list_editor_add_text (editor, "taro.yamada@contoso.co.jp"));
  assert_next (wizard, TRUE);
  /* A Partner connector: no word of the hybrid target address. */
  g_assert_null (strstr (recipients_description (wizard), "target address"));
  screenshot (wizard, "enhanced-filtering-3-users");
  next (wizard, KANRI_ENHANCED_FILTERING_WIZARD_STEP_REVIEW);
  cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (ef);
  assert_review_shows_cmdlet (wizard, cmdlet,
                              "Set-InboundConnector -Identity \"Fabrikam Mail Gateway\" -EFSkipLastIP $true "
                              "-EFUsers taro.yamada@contoso.co.jp");
  g_clear_object (&cmdlet);

  /* Back, for the entire organization: the seed's choice. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  kanri_test_iterate (300);
  choose (wizard, "Apply to the entire organization");
  assert_next (wizard, TRUE);
  screenshot (wizard, "enhanced-filtering-3-organization");
  next (wizard, KANRI_ENHANCED_FILTERING_WIZARD_STEP_REVIEW);
  cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (ef);
  assert_review_shows_cmdlet (wizard, cmdlet,
                              "Set-InboundConnector -Identity \"Fabrikam Mail Gateway\" -EFSkipLastIP $true "
                              "-EFUsers $null");
  g_assert_true (label_shows (GTK_WIDGET (wizard), kanri_enhanced_filtering_get_cip_caveat ()));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "_Save"));
  screenshot (wizard, "enhanced-filtering-4-review");

  /* Save: the finding goes, on this page and on Overview. */
  press_next (wizard);
  g_assert_true (kanri_test_wait_for (wizard_settled, wizard, 5000));
  g_assert_true (kanri_wizard_get_done (wizard));
  screenshot (wizard, "enhanced-filtering-5-saved");
  g_assert_true (kanri_test_wait_for (finding_gone, fixture, 5000));
  kanri_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (kanri_test_find_child (GTK_WIDGET (fixture->page),
                                                                                          GTK_TYPE_LIST_BOX, NULL),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));
}

static void
test_enhanced_filtering_off (Fixture       *fixture,
                             gconstpointer  data)
{
  KanriWizard *wizard = open_wizard (fixture, "connectors.enhanced-filtering", "Osaka Branch Relay");
  g_autoptr(KanriCmdlet) cmdlet = NULL;

  /* From a row: its connector, and the wizard starts on the addresses,
   * showing what the connector has now. */
  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP);
  cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (KANRI_ENHANCED_FILTERING_WIZARD (wizard));
  g_assert_true (kanri_cmdlet_get_bool (cmdlet, "EFSkipLastIP"));
  g_clear_object (&cmdlet);

  choose (wizard, "Disable enhanced filtering for the connector (default)");
  next (wizard, KANRI_ENHANCED_FILTERING_WIZARD_STEP_USERS);
  assert_next (wizard, TRUE);
  next (wizard, KANRI_ENHANCED_FILTERING_WIZARD_STEP_REVIEW);
  cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (KANRI_ENHANCED_FILTERING_WIZARD (wizard));
  assert_review_shows_cmdlet (wizard, cmdlet,
                              "Set-InboundConnector -Identity \"Osaka Branch Relay\" -EFSkipLastIP $false "
                              "-EFSkipIPs $null");
}

static gboolean
connector_disabled (gpointer data)
{
  Fixture *fixture = data;
  GListModel *connectors = kanri_tenant_get_connectors (fixture->tenant.tenant);

  for (guint i = 0; i < g_list_model_get_n_items (connectors); i++)
    {
      g_autoptr(KanriConnector) connector = g_list_model_get_item (connectors, i);

      if (g_str_equal (kanri_connector_get_name (connector), "Fabrikam Mail Gateway"))
        return !kanri_connector_get_enabled (connector);
    }

  return FALSE;
}

static void
test_editor (Fixture       *fixture,
             gconstpointer  data)
{
  KanriWizard *editor = open_wizard (fixture, "connectors.edit", "Fabrikam Mail Gateway");
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  GtkWidget *enabled;
  KanriListEditor *ips;

  g_assert_true (KANRI_IS_CONNECTOR_EDITOR (editor));

  /* Nothing changed: nothing to save. */
  assert_next (editor, FALSE);
  g_assert_true (label_shows (GTK_WIDGET (editor), "Nothing changed yet."));

  /* The list holds the connector's addresses; an IPv6 one is refused. */
  ips = list_editor (editor);
  g_assert_cmpuint (kanri_list_editor_get_n_values (ips), ==, 3);
  g_assert_false (kanri_list_editor_add_text (ips, "2001:db8::1"));
  assert_next (editor, FALSE);

  enabled = kanri_test_find_child (GTK_WIDGET (editor), GTK_TYPE_SWITCH, NULL);
  gtk_switch_set_active (GTK_SWITCH (enabled), FALSE);
  assert_next (editor, TRUE);
  cmdlet = kanri_connector_editor_build_cmdlet (KANRI_CONNECTOR_EDITOR (editor));
  assert_review_shows_cmdlet (editor, cmdlet, "Set-InboundConnector -Identity \"Fabrikam Mail Gateway\" -Enabled $false");
  screenshot (editor, "connector-editor");

  press_next (editor);
  g_assert_true (kanri_test_wait_for (wizard_settled, editor, 5000));
  g_assert_true (kanri_wizard_get_done (editor));
  g_assert_true (kanri_test_wait_for (connector_disabled, fixture, 5000));
}

static gboolean
connector_deleted (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (kanri_tenant_get_connectors (fixture->tenant.tenant)) == 1;
}

static void
test_delete_confirms (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connectors.delete", "s", "Osaka Branch Relay");
  kanri_test_iterate (200);
  dialog = kanri_test_find_alert ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (kanri_alert_get_heading (dialog), ==, "Delete “Osaka Branch Relay”?");
  g_assert_nonnull (strstr (kanri_alert_get_body (dialog),
                            "Remove-InboundConnector -Identity \"Osaka Branch Relay\" -Confirm:$false"));
  kanri_test_save_screenshot (GTK_WIDGET (dialog), "connector-delete");

  /* Cancel deletes nothing. */
  kanri_alert_respond (dialog, "cancel");
  kanri_test_iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_connectors (fixture->tenant.tenant)), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connectors.delete", "s", "Osaka Branch Relay");
  kanri_test_iterate (200);
  kanri_alert_respond (kanri_test_find_alert (), "delete");
  g_assert_true (kanri_test_wait_for (connector_deleted, fixture, 5000));
  g_assert_null (kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "Osaka Branch Relay"));
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/connectors/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("page", test_page);
  ADD ("mx-check-unreachable", test_mx_check_unreachable);
  ADD ("finding-opens-wizard-on-connector", test_finding_opens_wizard_on_connector);
  ADD ("connector-wizard", test_connector_wizard);
  ADD ("connector-wizard-service-error", test_connector_wizard_service_error);
  ADD ("cancel-asks-when-typed", test_cancel_asks_when_typed);
  ADD ("enhanced-filtering-wizard", test_enhanced_filtering_wizard);
  ADD ("enhanced-filtering-off", test_enhanced_filtering_off);
  ADD ("enhanced-filtering-hybrid-hint", test_enhanced_filtering_hybrid_hint);
  ADD ("editor", test_editor);
  ADD ("delete-confirms", test_delete_confirms);

#undef ADD

  return g_test_run ();
}
