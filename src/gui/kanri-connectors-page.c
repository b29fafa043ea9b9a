/* kanri-connectors-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-connectors-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-alert.h"
#include "kanri-accepted-domain.h"
#include "kanri-connector-editor.h"
#include "kanri-connector-rules.h"
#include "kanri-connector-wizard.h"
#include "kanri-connectors-page.h"
#include "kanri-wrap-box.h"
#include "kanri-dns-resolver.h"
#include "kanri-enhanced-filtering-wizard.h"
#include "kanri-finding-row.h"
#include "kanri-mx-check.h"
#include "kanri-window.h"
#include "kanri-zone-resolver.h"

/* The tenant's inbound connectors (PRODUCT.md "Connectors page"): the list,
 * Add connector…, Enhanced filtering…, Edit and Delete on each row, every
 * change through the journal; and the seed's scenario check: the MX of
 * every accepted domain, and a finding when mail arrives through another
 * server while no enabled connector has enhanced filtering. */
struct _KanriConnectorsPage
{
  KanriPage            parent_instance;

  GSignalGroup        *tenant_signals;
  GSignalGroup        *connectors_signals;
  KanriResolver       *resolver;
  KanriResolver       *tenant_resolver;
  GCancellable        *mx_cancellable;
  GPtrArray           *mx_results;
  gboolean             checking;
  GtkWidget           *dialog;

  /* Template widgets */
  AdwPreferencesGroup *findings_group;
  GtkListBox          *findings_list;
  GtkListBox          *connectors_list;
  AdwPreferencesGroup *mx_group;
  GtkListBox          *mx_list;
  GtkLabel            *why_label;
  GtkLabel            *caveat_label;
};

G_DEFINE_FINAL_TYPE (KanriConnectorsPage, kanri_connectors_page, KANRI_TYPE_PAGE)

static KanriConnector *
find_connector (KanriConnectorsPage *self,
                const char          *name)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  GListModel *connectors;

  if (tenant == NULL)
    return NULL;

  connectors = kanri_tenant_get_connectors (tenant);
  for (guint i = 0; i < g_list_model_get_n_items (connectors); i++)
    {
      g_autoptr(KanriConnector) connector = g_list_model_get_item (connectors, i);

      if (g_strcmp0 (kanri_connector_get_name (connector), name) == 0)
        return connector;
    }

  return NULL;
}

static char *
describe_connection (KanriConnector *connector)
{
  const char *type = g_strcmp0 (kanri_connector_get_connector_type (connector), "OnPremises") == 0
                     ? _("Your organization’s email server")
                     : _("Partner organization");
  const char *state = kanri_connector_get_enabled (connector) ? _("On") : _("Off");
  const char *tls = kanri_connector_get_require_tls (connector) ? _("TLS required")
                                                                 : _("TLS not required");

  /* Translators: a connector's type, whether it is on, and its TLS */
  return g_strdup_printf (_("%s · %s · %s"), type, state, tls);
}

static char *
describe_senders (KanriConnector *connector)
{
  g_auto(GStrv) ips = kanri_connector_split_stored (kanri_connector_get_sender_ip_addresses (connector));
  g_auto(GStrv) spaces = kanri_connector_split_stored (kanri_connector_get_sender_domains (connector));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) domains = NULL;
  g_autofree char *joined_domains = NULL;
  g_autofree char *senders = NULL;

  for (guint i = 0; spaces[i] != NULL; i++)
    {
      g_autofree char *domain = kanri_connector_address_space_domain (spaces[i]);

      g_strv_builder_add (builder, domain);
    }
  domains = g_strv_builder_end (builder);
  joined_domains = g_strjoinv (", ", domains);

  if (*kanri_connector_get_certificate_name (connector) != '\0' && ips[0] == NULL)
    /* Translators: the domain a connector's sender certificate must match */
    senders = g_strdup_printf (_("Certificate %s"), kanri_connector_get_certificate_name (connector));
  else if (ips[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", ips);

      /* Translators: the IP addresses a connector accepts mail from */
      senders = g_strdup_printf (_("From %s"), joined);
    }
  else
    senders = g_strdup (_("From any address"));

  /* Translators: where a connector's mail comes from, and its sender domains */
  return g_strdup_printf (_("%s · Sender domains %s"), senders, joined_domains);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *tooltip,
            const char *label,
            const char *action,
            const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", name);

  return button;
}

static GtkWidget *
create_connector_row (gpointer item,
                      gpointer user_data)
{
  KanriConnector *connector = item;
  const char *name = kanri_connector_get_name (connector);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *connection = describe_connection (connector);
  g_autofree char *senders = describe_senders (connector);
  g_autofree char *filtering = kanri_enhanced_filtering_describe (connector);
  g_autofree char *subtitle = g_strjoin ("\n", connection, senders, filtering, NULL);
  g_autofree char *edit_label = g_strdup_printf (_("Edit “%s”"), name);
  g_autofree char *filtering_label = g_strdup_printf (_("Enhanced filtering for “%s”"), name);
  g_autofree char *delete_label = g_strdup_printf (_("Delete “%s”"), name);
  GtkWidget *icon = gtk_image_new_from_icon_name (kanri_connector_get_enhanced_filtering (connector) !=
                                                  KANRI_ENHANCED_FILTERING_OFF
                                                  ? "security-high-symbolic"
                                                  : "network-transmit-receive-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (!kanri_connector_get_enabled (connector))
    gtk_widget_add_css_class (row, "dim-label");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-edit-symbolic", _("Edit"), edit_label,
                                         "connectors.edit", name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("security-high-symbolic", _("Enhanced Filtering"), filtering_label,
                                         "connectors.enhanced-filtering", name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", _("Delete"), delete_label,
                                         "connectors.delete", name));

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A finding: what is wrong, why, and the fix, as a button under the text. */
static GtkWidget *
create_finding_row (KanriMxFinding *finding,
                    const char     *title,
                    const char     *message)
{
  GtkWidget *row = kanri_finding_row_new (title, message, TRUE);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Set Up _Enhanced Filtering…"));
  g_autofree char *label = g_strdup_printf (_("Set up enhanced filtering for mail through %s"),
                                            finding->exchange);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "connectors.enhanced-filtering");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    finding->connector ? finding->connector : "");
  kanri_finding_row_add_button (row, button);

  return row;
}

static char *
finding_title (KanriMxFinding *finding)
{
  g_autofree char *domains = g_strjoinv (", ", finding->domains);

  /* Translators: the accepted domains, and the server their MX points to */
  return g_strdup_printf (_("Mail for %s arrives through %s"), domains, finding->exchange);
}

static char *
finding_message (KanriMxFinding *finding)
{
  g_autofree char *addresses = g_strjoinv (", ", finding->addresses);

  if (finding->addresses[0] == NULL)
    return g_strdup_printf (_("MX points to %s; without enhanced filtering, SPF and DMARC are "
                              "evaluated on %s’s IP."),
                            finding->exchange, finding->exchange);

  /* Translators: the MX host twice, then its IP addresses */
  return g_strdup_printf (_("MX points to %s; without enhanced filtering, SPF and DMARC are "
                            "evaluated on %s’s IP (%s)."),
                          finding->exchange, finding->exchange, addresses);
}

/* The domains whose MX could not be looked up (DNS could not be reached),
 * and the first one's error, or %NULL when the check ran for all. */
static char *
unchecked_domains (GPtrArray     *results,
                   const GError **first_error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) domains = NULL;

  *first_error = NULL;
  for (guint i = 0; i < results->len; i++)
    {
      KanriMxResult *result = g_ptr_array_index (results, i);

      if (result->error == NULL)
        continue;
      if (*first_error == NULL)
        *first_error = result->error;
      g_strv_builder_add (builder, result->domain);
    }

  domains = g_strv_builder_end (builder);
  return domains[0] != NULL ? g_strjoinv (", ", domains) : NULL;
}

/* Says on Overview that the check could not run for some domains: their
 * findings are the last check's, neither raised nor cleared now. */
static KanriFinding *
unchecked_finding (GPtrArray *results)
{
  const GError *error;
  g_autofree char *domains = unchecked_domains (results, &error);
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  if (domains == NULL)
    return NULL;

  /* Translators: the accepted domains whose MX could not be looked up */
  title = g_strdup_printf (_("The MX check could not run for %s"), domains);
  /* Translators: why, e.g. "DNS could not be reached: …" */
  message = g_strdup_printf (_("%s. Until it runs again, what the last check found is kept."),
                             error->message);
  return kanri_finding_new ("mx-check-incomplete", KANRI_FINDING_INFO, title, message, "connectors");
}

/* The scenario check's verdict, from the MX lookups and the connectors as
 * they are now: on this page, and on Overview. */
static void
evaluate (KanriConnectorsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) connectors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ips = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autofree KanriMxConnector *checked = NULL;
  KanriFinding *unchecked;
  GListModel *model;
  guint n;

  clear_list (self->findings_list);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), FALSE);

  if (tenant == NULL || self->mx_results == NULL)
    return;

  model = kanri_tenant_get_connectors (tenant);
  n = g_list_model_get_n_items (model);
  checked = g_new0 (KanriMxConnector, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      KanriConnector *connector = g_list_model_get_item (model, i);
      char **sender_ips = kanri_connector_split_stored (kanri_connector_get_sender_ip_addresses (connector));

      g_ptr_array_add (connectors, connector);
      g_ptr_array_add (ips, sender_ips);
      checked[i].name = kanri_connector_get_name (connector);
      checked[i].enabled = kanri_connector_get_enabled (connector);
      checked[i].enhanced_filtering =
        kanri_connector_get_enhanced_filtering (connector) != KANRI_ENHANCED_FILTERING_OFF;
      checked[i].sender_ip_addresses = (const char *const *)sender_ips;
    }

  unchecked = unchecked_finding (self->mx_results);
  if (unchecked != NULL)
    g_ptr_array_add (report, unchecked);

  findings = kanri_mx_evaluate (self->mx_results, checked, n);
  for (guint i = 0; i < findings->len; i++)
    {
      KanriMxFinding *finding = findings->pdata[i];
      g_autofree char *id = g_strconcat ("mx-without-enhanced-filtering:", finding->exchange, NULL);
      g_autofree char *title = finding_title (finding);
      g_autofree char *message = finding_message (finding);

      g_ptr_array_add (report, kanri_finding_new (id, KANRI_FINDING_WARNING, title, message, "connectors"));
      gtk_list_box_append (self->findings_list, create_finding_row (finding, title, message));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), findings->len > 0);
  kanri_tenant_set_findings (tenant, "connectors", report);
}

static GtkWidget *
create_mx_row (KanriMxResult *result)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  const char *icon_name = "emblem-ok-symbolic";

  if (result->error != NULL && result->exchange != NULL)
    {
      /* Translators: why the MX could not be looked up, then the MX host
       * the last lookup found */
      subtitle = g_strdup_printf (_("Could not look up the MX: %s. The last check found %s."),
                                  result->error->message, result->exchange);
      icon_name = "dialog-error-symbolic";
    }
  else if (result->error != NULL)
    {
      subtitle = g_strdup_printf (_("Could not look up the MX: %s"), result->error->message);
      icon_name = "dialog-error-symbolic";
    }
  else if (result->exchange == NULL)
    {
      subtitle = g_strdup (_("No MX record"));
      icon_name = "dialog-information-symbolic";
    }
  else if (result->exchange_online)
    /* Translators: an MX host */
    subtitle = g_strdup_printf (_("MX %s: Exchange Online"), result->exchange);
  else
    {
      g_autofree char *addresses = g_strjoinv (", ", result->addresses);

      /* Translators: an MX host that is not Exchange Online's, and its addresses */
      subtitle = g_strdup_printf (_("MX %s (%s): another server receives the mail first"),
                                  result->exchange, addresses);
      icon_name = "network-server-symbolic";
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), result->domain);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));

  return row;
}

static const char *
describe_mx_check (GPtrArray *results)
{
  gboolean complete = TRUE;

  for (guint i = 0; i < results->len && complete; i++)
    complete = ((KanriMxResult *)g_ptr_array_index (results, i))->error == NULL;

  if (!complete)
    return _("Where mail for each accepted domain goes first. The check could not run for "
             "some domains; for those, the last check’s answer is kept.");

  return _("Where mail for each accepted domain goes first.");
}

static void
mx_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KanriConnectorsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = kanri_mx_lookup_finish (result, &error);

  if (results == NULL)
    return;

  /* A lookup that could not reach DNS is no news about the domain. */
  kanri_mx_results_keep_known (results, self->mx_results);
  self->checking = FALSE;
  g_clear_pointer (&self->mx_results, g_ptr_array_unref);
  self->mx_results = g_steal_pointer (&results);

  clear_list (self->mx_list);
  for (guint i = 0; i < self->mx_results->len; i++)
    gtk_list_box_append (self->mx_list, create_mx_row (self->mx_results->pdata[i]));
  adw_preferences_group_set_description (self->mx_group, describe_mx_check (self->mx_results));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connectors.check-mx", TRUE);

  evaluate (self);
}

/* The demo tenant's DNS is the emulator's zone; a real tenant's, the
 * internet's. */
static KanriResolver *
resolver_for_tenant (KanriConnectorsPage *self,
                     KanriTenant         *tenant)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KanriTenants *tenants;
  KanriDemoHost *host;
  g_autofree char *zone = NULL;
  g_autoptr(GError) error = NULL;
  KanriZoneResolver *resolver;

  if (self->resolver != NULL)
    return g_object_ref (self->resolver);

  if (kanri_tenant_get_kind (tenant) != KANRI_TENANT_DEMO)
    return KANRI_RESOLVER (kanri_dns_resolver_new ());

  if (!KANRI_IS_WINDOW (root) ||
      (tenants = kanri_window_get_tenants (KANRI_WINDOW (root))) == NULL ||
      (host = kanri_tenants_get_demo_host (tenants)) == NULL ||
      (zone = kanri_demo_host_dup_dns_zone (host)) == NULL)
    return NULL;

  resolver = kanri_zone_resolver_new_from_data (zone, -1, &error);
  if (resolver == NULL)
    g_warning ("The demo tenant’s DNS zone could not be read: %s", error->message);

  return KANRI_RESOLVER (resolver);
}

static void
check_mx (KanriConnectorsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) domains = NULL;
  GListModel *accepted;

  g_cancellable_cancel (self->mx_cancellable);
  g_clear_object (&self->mx_cancellable);

  if (tenant == NULL)
    return;

  if (self->tenant_resolver == NULL)
    self->tenant_resolver = resolver_for_tenant (self, tenant);
  if (self->tenant_resolver == NULL)
    return;

  accepted = kanri_tenant_get_accepted_domains (tenant);
  for (guint i = 0; i < g_list_model_get_n_items (accepted); i++)
    {
      g_autoptr(KanriAcceptedDomain) domain = g_list_model_get_item (accepted, i);

      g_strv_builder_add (builder, kanri_accepted_domain_get_name (domain));
    }
  domains = g_strv_builder_end (builder);

  self->checking = TRUE;
  self->mx_cancellable = g_cancellable_new ();
  adw_preferences_group_set_description (self->mx_group, _("Looking up MX records…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connectors.check-mx", FALSE);
  kanri_mx_lookup_async (self->tenant_resolver, (const char *const *)domains, self->mx_cancellable,
                         mx_looked_up_cb, g_object_ref (self));
}

static void
connectors_changed_cb (KanriConnectorsPage *self)
{
  evaluate (self);
}

static void
kanri_connectors_page_tenant_changed (KanriPage *page)
{
  KanriConnectorsPage *self = KANRI_CONNECTORS_PAGE (page);
  KanriTenant *tenant = kanri_page_get_tenant (page);

  g_cancellable_cancel (self->mx_cancellable);
  g_clear_object (&self->mx_cancellable);
  g_clear_object (&self->tenant_resolver);
  g_clear_pointer (&self->mx_results, g_ptr_array_unref);
  self->checking = FALSE;
  clear_list (self->mx_list);
  clear_list (self->findings_list);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), FALSE);

  g_signal_group_set_target (self->tenant_signals, tenant);
  g_signal_group_set_target (self->connectors_signals,
                             tenant ? kanri_tenant_get_connectors (tenant) : NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connectors.add", tenant != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connectors.enhanced-filtering", tenant != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connectors.edit", tenant != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connectors.delete", tenant != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connectors.check-mx", tenant != NULL);

  if (tenant == NULL)
    {
      gtk_list_box_bind_model (self->connectors_list, NULL, NULL, NULL, NULL);
      return;
    }

  gtk_list_box_bind_model (self->connectors_list, kanri_tenant_get_connectors (tenant),
                           create_connector_row, self, NULL);
  check_mx (self);
}

static void
track_dialog (KanriConnectorsPage *self,
              GtkWidget           *dialog)
{
  g_set_weak_pointer (&self->dialog, dialog);
  if (kanri_alert_is_alert (dialog))
    kanri_alert_present (dialog, GTK_WIDGET (self));
  else
    gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
parent_window (KanriConnectorsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* "Set Up Enhanced Filtering…" on the Connector Created page. */
static void
connector_created_follow_up_cb (KanriConnectorsPage *self,
                                KanriWizard         *wizard)
{
  const char *name = kanri_connector_wizard_get_created_name (KANRI_CONNECTOR_WIZARD (wizard));

  if (name != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "connectors.enhanced-filtering", "s", name);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KanriConnectorsPage *self = KANRI_CONNECTORS_PAGE (widget);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  KanriConnectorWizard *wizard;

  if (tenant == NULL)
    return;

  wizard = kanri_connector_wizard_new (parent_window (self), tenant);
  g_signal_connect_object (wizard, "follow-up", G_CALLBACK (connector_created_follow_up_cb),
                           self, G_CONNECT_SWAPPED);
  track_dialog (self, GTK_WIDGET (wizard));
}

static void
enhanced_filtering_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  KanriConnectorsPage *self = KANRI_CONNECTORS_PAGE (widget);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  const char *name = g_variant_get_string (parameter, NULL);

  if (tenant == NULL)
    return;

  if (g_list_model_get_n_items (kanri_tenant_get_connectors (tenant)) == 0)
    {
      kanri_page_show_toast (KANRI_PAGE (self),
                             _("Enhanced filtering belongs to an inbound connector: add one first"));
      return;
    }

  track_dialog (self, GTK_WIDGET (kanri_enhanced_filtering_wizard_new (parent_window (self), tenant,
                                                                       *name ? name : NULL)));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KanriConnectorsPage *self = KANRI_CONNECTORS_PAGE (widget);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  KanriConnector *connector = find_connector (self, g_variant_get_string (parameter, NULL));

  if (tenant != NULL && connector != NULL)
    track_dialog (self, GTK_WIDGET (kanri_connector_editor_new (parent_window (self), tenant, connector)));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KanriConnectorsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (kanri_tenant_run_finish (KANRI_TENANT (object), result, &error) == 0)
    message = g_strdup_printf (_("Could not delete the connector: %s"), error->message);
  else
    message = g_strdup (_("Connector deleted"));

  kanri_page_show_toast (KANRI_PAGE (self), message);
}

static KanriCmdlet *
build_remove (const char *name)
{
  KanriCmdlet *cmdlet = kanri_cmdlet_new ("Remove-InboundConnector");

  kanri_cmdlet_set_string (cmdlet, "Identity", name);
  kanri_cmdlet_set_switch (cmdlet, "Confirm", FALSE);

  return cmdlet;
}

static void
delete_response_cb (GtkWidget  *dialog,
                    const char *response,
                    gpointer    user_data)
{
  KanriConnectorsPage *self = KANRI_CONNECTORS_PAGE (user_data);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  const char *name = g_object_get_data (G_OBJECT (dialog), "connector");
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autofree char *summary = NULL;

  if (!g_str_equal (response, "delete") || tenant == NULL)
    return;

  cmdlet = build_remove (name);
  /* Translators: an operation on the Operations page */
  summary = g_strdup_printf (_("Delete inbound connector “%s”"), name);
  kanri_tenant_run_async (tenant, cmdlet, summary, NULL, deleted_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KanriConnectorsPage *self = KANRI_CONNECTORS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(KanriCmdlet) cmdlet = build_remove (name);
  g_autofree char *powershell = kanri_cmdlet_to_powershell (cmdlet);
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), name);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (find_connector (self, name) == NULL)
    return;

  body = g_strdup_printf (_("Exchange Online stops using the connector at once, and the mail it "
                            "let in is handled like any other mail. This is what Kanri runs:\n\n%s"),
                          powershell);

  dialog = kanri_alert_new (heading, body);
  kanri_alert_add_responses (dialog,
                             "cancel", _("_Cancel"),
                             "delete", _("_Delete"),
                             NULL);
  kanri_alert_set_response_appearance (dialog, "delete",
                                       ADW_RESPONSE_DESTRUCTIVE);
  kanri_alert_set_default_response (dialog, "cancel");
  kanri_alert_set_close_response (dialog, "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "connector", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  track_dialog (self, dialog);
}

static void
check_mx_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  check_mx (KANRI_CONNECTORS_PAGE (widget));
}

static void
kanri_connectors_page_dispose (GObject *object)
{
  KanriConnectorsPage *self = (KanriConnectorsPage *)object;

  g_cancellable_cancel (self->mx_cancellable);
  g_clear_object (&self->mx_cancellable);
  g_clear_object (&self->tenant_signals);
  g_clear_object (&self->connectors_signals);
  g_clear_object (&self->resolver);
  g_clear_object (&self->tenant_resolver);
  g_clear_pointer (&self->mx_results, g_ptr_array_unref);
  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_CONNECTORS_PAGE);

  G_OBJECT_CLASS (kanri_connectors_page_parent_class)->dispose (object);
}

static void
kanri_connectors_page_class_init (KanriConnectorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriPageClass *page_class = KANRI_PAGE_CLASS (klass);

  object_class->dispose = kanri_connectors_page_dispose;

  page_class->tenant_changed = kanri_connectors_page_tenant_changed;
  kanri_page_class_set_info (page_class, "connectors", N_("Connectors"),
                             "network-transmit-receive-symbolic", 10);

  g_type_ensure (KANRI_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-connectors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorsPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorsPage, findings_list);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorsPage, connectors_list);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorsPage, mx_group);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorsPage, mx_list);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorsPage, why_label);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorsPage, caveat_label);

  gtk_widget_class_install_action (widget_class, "connectors.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "connectors.enhanced-filtering", "s",
                                   enhanced_filtering_action);
  gtk_widget_class_install_action (widget_class, "connectors.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "connectors.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "connectors.check-mx", NULL, check_mx_action);
}

static void
kanri_connectors_page_init (KanriConnectorsPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No inbound connectors. Add one for a partner or a gateway that "
                                 "sends mail to Exchange Online."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->connectors_list, placeholder);

  gtk_label_set_label (self->why_label, kanri_enhanced_filtering_get_why ());
  gtk_label_set_label (self->caveat_label, kanri_enhanced_filtering_get_cip_caveat ());

  /* Sync brings new accepted domains: look their MX up. Connectors that
   * change (a new one, enhanced filtering set) change only the verdict. */
  self->tenant_signals = g_signal_group_new (KANRI_TYPE_TENANT);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::n-accepted-domains",
                                  G_CALLBACK (check_mx), self);
  self->connectors_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->connectors_signals, "items-changed",
                                  G_CALLBACK (connectors_changed_cb), self);

  kanri_connectors_page_tenant_changed (KANRI_PAGE (self));
}

/**
 * kanri_connectors_page_set_resolver:
 * @resolver: (nullable): the DNS the MX check uses, instead of the
 *   tenant's own (the demo tenant's zone, or real DNS)
 */
void
kanri_connectors_page_set_resolver (KanriConnectorsPage *self,
                                    KanriResolver       *resolver)
{
  g_return_if_fail (KANRI_IS_CONNECTORS_PAGE (self));
  g_return_if_fail (resolver == NULL || KANRI_IS_RESOLVER (resolver));

  if (!g_set_object (&self->resolver, resolver))
    return;

  g_clear_object (&self->tenant_resolver);
  check_mx (self);
}

/**
 * kanri_connectors_page_get_checking:
 *
 * Returns: whether MX lookups are under way
 */
gboolean
kanri_connectors_page_get_checking (KanriConnectorsPage *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTORS_PAGE (self), FALSE);

  return self->checking;
}

/**
 * kanri_connectors_page_get_dialog:
 *
 * Returns: (nullable) (transfer none): the wizard, editor or confirmation
 *   the page opened last, while it is open
 */
GtkWidget *
kanri_connectors_page_get_dialog (KanriConnectorsPage *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTORS_PAGE (self), NULL);

  return self->dialog;
}
