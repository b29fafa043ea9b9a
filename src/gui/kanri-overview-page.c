/* kanri-overview-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-cloud.h"
#include "kanri-overview-page.h"
#include "kanri-spinner.h"

/* The tenant at a glance: which one, when it was last synced (and Sync
 * now), what the local model holds, and the findings the other pages
 * report. */
struct _KanriOverviewPage
{
  KanriPage       parent_instance;

  GSignalGroup   *tenant_signals;
  GSignalGroup   *findings_signals;
  guint           clock_source;

  /* Template widgets */
  AdwActionRow   *tenant_row;
  AdwActionRow   *cloud_row;
  AdwActionRow   *account_row;
  AdwActionRow   *sync_row;
  KanriSpinner   *sync_spinner;
  GtkButton      *sync_button;
  GtkLabel       *mailboxes_label;
  GtkLabel       *connectors_label;
  GtkLabel       *domains_label;
  AdwPreferencesGroup *findings_group;
  GtkListBox     *findings_list;
};

G_DEFINE_FINAL_TYPE (KanriOverviewPage, kanri_overview_page, KANRI_TYPE_PAGE)

static char *
format_count (guint count)
{
  /* Digits grouped as the locale groups them. */
  return g_strdup_printf ("%'u", count);
}

static char *
describe_last_sync (KanriTenant *tenant)
{
  GDateTime *last = kanri_tenant_get_last_sync (tenant);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan age;

  if (last == NULL)
    return g_strdup (_("Never"));

  now = g_date_time_new_now_utc ();
  age = g_date_time_difference (now, last);
  local = g_date_time_to_local (last);

  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (age < G_TIME_SPAN_HOUR)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago",
                                      (int)(age / G_TIME_SPAN_MINUTE)),
                            (int)(age / G_TIME_SPAN_MINUTE));

  /* Translators: date and time of the last sync, see strftime(3) */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static const char *
cloud_label (KanriTenant *tenant)
{
  KanriCloud cloud;

  if (kanri_tenant_get_kind (tenant) == KANRI_TENANT_DEMO)
    return _("Demo (built into Kanri, on this computer)");
  if (kanri_cloud_from_string (kanri_tenant_get_cloud (tenant), &cloud))
    return kanri_cloud_get_label (cloud);

  return kanri_tenant_get_cloud (tenant);
}

static void
update_sync (KanriOverviewPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autofree char *subtitle = NULL;
  gboolean syncing;

  if (tenant == NULL)
    return;

  syncing = kanri_tenant_get_syncing (tenant);
  if (syncing && kanri_tenant_get_sync_status (tenant) != NULL)
    subtitle = g_strdup (kanri_tenant_get_sync_status (tenant));
  else if (kanri_tenant_get_client (tenant) == NULL)
    subtitle = g_strdup (_("Not connected: sign in again"));
  else
    subtitle = describe_last_sync (tenant);

  adw_action_row_set_subtitle (self->sync_row, subtitle);
  kanri_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), syncing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button),
                            !syncing && kanri_tenant_get_client (tenant) != NULL);
}

static void
update_counts (KanriOverviewPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autofree char *mailboxes = NULL;
  g_autofree char *connectors = NULL;
  g_autofree char *domains = NULL;

  if (tenant == NULL)
    return;

  mailboxes = format_count (kanri_tenant_get_n_mailboxes (tenant));
  connectors = format_count (g_list_model_get_n_items (kanri_tenant_get_connectors (tenant)));
  domains = format_count (g_list_model_get_n_items (kanri_tenant_get_accepted_domains (tenant)));
  gtk_label_set_label (self->mailboxes_label, mailboxes);
  gtk_label_set_label (self->connectors_label, connectors);
  gtk_label_set_label (self->domains_label, domains);
}

static const char *
severity_icon (KanriFindingSeverity severity)
{
  switch (severity)
    {
    case KANRI_FINDING_ERROR:
      return "dialog-error-symbolic";
    case KANRI_FINDING_WARNING:
      return "dialog-warning-symbolic";
    case KANRI_FINDING_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static GtkWidget *
create_finding_row (gpointer item,
                    gpointer user_data)
{
  KanriFinding *finding = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (kanri_finding_get_severity (finding)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kanri_finding_get_title (finding));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kanri_finding_get_message (finding));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (kanri_finding_get_severity (finding) == KANRI_FINDING_ERROR)
    gtk_widget_add_css_class (icon, "error");
  else if (kanri_finding_get_severity (finding) == KANRI_FINDING_WARNING)
    gtk_widget_add_css_class (icon, "warning");

  /* A finding leads to the page that deals with it. */
  if (kanri_finding_get_page (finding) != NULL)
    {
      GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-page");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", kanri_finding_get_page (finding));
    }

  return row;
}

static void
update_findings_visibility (KanriOverviewPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  guint n = tenant ? g_list_model_get_n_items (kanri_tenant_get_findings (tenant)) : 0;

  adw_preferences_group_set_description (self->findings_group,
                                         n > 0 ? _("What the pages found that needs a look.")
                                               : _("Nothing needs a look."));
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), n > 0);
}

static void
kanri_overview_page_tenant_changed (KanriPage *page)
{
  KanriOverviewPage *self = KANRI_OVERVIEW_PAGE (page);
  KanriTenant *tenant = kanri_page_get_tenant (page);

  g_signal_group_set_target (self->tenant_signals, tenant);
  g_signal_group_set_target (self->findings_signals, tenant ? kanri_tenant_get_findings (tenant) : NULL);

  if (tenant == NULL)
    {
      gtk_list_box_bind_model (self->findings_list, NULL, NULL, NULL, NULL);
      return;
    }

  adw_action_row_set_subtitle (self->tenant_row, kanri_tenant_get_name (tenant));
  adw_action_row_set_subtitle (self->cloud_row, cloud_label (tenant));
  adw_action_row_set_subtitle (self->account_row, kanri_tenant_get_account (tenant));
  gtk_list_box_bind_model (self->findings_list, kanri_tenant_get_findings (tenant),
                           create_finding_row, self, NULL);

  update_sync (self);
  update_counts (self);
  update_findings_visibility (self);
}

/* "5 minutes ago" must move on while the page is shown. */
static gboolean
clock_cb (gpointer data)
{
  update_sync (data);
  return G_SOURCE_CONTINUE;
}

static void
kanri_overview_page_dispose (GObject *object)
{
  KanriOverviewPage *self = (KanriOverviewPage *)object;

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_object (&self->tenant_signals);
  g_clear_object (&self->findings_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (kanri_overview_page_parent_class)->dispose (object);
}

static void
kanri_overview_page_class_init (KanriOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriPageClass *page_class = KANRI_PAGE_CLASS (klass);

  object_class->dispose = kanri_overview_page_dispose;

  page_class->tenant_changed = kanri_overview_page_tenant_changed;
  kanri_page_class_set_info (page_class, "overview", N_("Overview"), "go-home-symbolic", 0);

  g_type_ensure (KANRI_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, tenant_row);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, cloud_row);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, sync_row);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, sync_button);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, mailboxes_label);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, connectors_label);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, domains_label);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, KanriOverviewPage, findings_list);
}

static void
kanri_overview_page_init (KanriOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tenant_signals = g_signal_group_new (KANRI_TYPE_TENANT);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::syncing", G_CALLBACK (update_sync), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::sync-status", G_CALLBACK (update_sync), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::last-sync", G_CALLBACK (update_sync), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::connected", G_CALLBACK (update_sync), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::n-mailboxes", G_CALLBACK (update_counts), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::n-connectors", G_CALLBACK (update_counts), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::n-accepted-domains", G_CALLBACK (update_counts), self);

  /* Pages report findings whenever they find them, after the tenant
   * is shown. */
  self->findings_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->findings_signals, "items-changed",
                                  G_CALLBACK (update_findings_visibility), self);

  self->clock_source = g_timeout_add_seconds (30, clock_cb, self);

  update_findings_visibility (self);
}
