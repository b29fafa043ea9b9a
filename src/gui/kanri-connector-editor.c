/* kanri-connector-editor.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-connector-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-connector-editor.h"
#include "kanri-connector-rules.h"
#include "kanri-list-editor.h"
#include "kanri-powershell-label.h"

/* Edit on a connector's row (PRODUCT.md "Connectors page"): turn it on or
 * off, its sender IP addresses (or certificate), TLS and description, in
 * one step with the PowerShell of what changed, saved through the
 * journal. Only what changed is sent. */
struct _KanriConnectorEditor
{
  KanriWizard          parent_instance;

  KanriTenant         *tenant;
  KanriConnector      *connector;
  GStrv                stored_ips;

  /* Template widgets */
  GtkSwitch           *enabled_switch;
  AdwActionRow        *tls_row;
  GtkSwitch           *tls_switch;
  AdwEntryRow         *comment_row;
  GtkLabel            *comment_error;
  AdwPreferencesGroup *ip_group;
  KanriListEditor     *ip_editor;
  AdwPreferencesGroup *certificate_group;
  AdwEntryRow         *certificate_row;
  GtkLabel            *certificate_error;
  GtkLabel            *powershell_label;
};

G_DEFINE_FINAL_TYPE (KanriConnectorEditor, kanri_connector_editor, KANRI_TYPE_WIZARD)

static gboolean
is_partner (KanriConnectorEditor *self)
{
  return g_strcmp0 (kanri_connector_get_connector_type (self->connector), "OnPremises") != 0;
}

/* A connector that recognizes its sender by certificate has no sender
 * IP addresses to edit, and the other way round. */
static gboolean
by_certificate (KanriConnectorEditor *self)
{
  return kanri_connector_get_restrict_to_certificate (self->connector) ||
         (*kanri_connector_get_certificate_name (self->connector) != '\0' &&
          *kanri_connector_get_sender_ip_addresses (self->connector) == '\0');
}

/**
 * kanri_connector_editor_build_cmdlet:
 *
 * Returns: (transfer full) (nullable): Set-InboundConnector with what
 *   changed, or %NULL when nothing did or something is not valid
 */
KanriCmdlet *
kanri_connector_editor_build_cmdlet (KanriConnectorEditor *self)
{
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *certificate = NULL;
  gboolean enabled;

  g_return_val_if_fail (KANRI_IS_CONNECTOR_EDITOR (self), NULL);

  if (self->connector == NULL ||
      !kanri_connector_check_comment (gtk_editable_get_text (GTK_EDITABLE (self->comment_row)),
                                      &comment, NULL))
    return NULL;

  cmdlet = kanri_cmdlet_new ("Set-InboundConnector");
  kanri_cmdlet_set_string (cmdlet, "Identity", kanri_connector_get_name (self->connector));

  enabled = gtk_switch_get_active (self->enabled_switch);
  if (enabled != kanri_connector_get_enabled (self->connector))
    kanri_cmdlet_set_bool (cmdlet, "Enabled", enabled);

  if (by_certificate (self))
    {
      if (!kanri_connector_check_certificate (gtk_editable_get_text (GTK_EDITABLE (self->certificate_row)),
                                              &certificate, NULL))
        return NULL;
      if (g_strcmp0 (certificate, kanri_connector_get_certificate_name (self->connector)) != 0)
        kanri_cmdlet_set_string (cmdlet, "TlsSenderCertificateName", certificate);
    }
  else
    {
      g_auto(GStrv) ips = kanri_list_editor_dup_values (self->ip_editor);

      /* A list that had addresses, or that the connector restricts its
       * senders to, cannot be left empty. */
      if (kanri_list_editor_has_pending (self->ip_editor) ||
          (ips[0] == NULL && (self->stored_ips[0] != NULL ||
                              kanri_connector_get_restrict_to_ip_addresses (self->connector))))
        return NULL;
      if (!g_strv_equal ((const char *const *)ips, (const char *const *)self->stored_ips))
        kanri_cmdlet_set_string_list (cmdlet, "SenderIPAddresses", (const char *const *)ips);
    }

  if (is_partner (self) &&
      gtk_switch_get_active (self->tls_switch) != kanri_connector_get_require_tls (self->connector))
    kanri_cmdlet_set_bool (cmdlet, "RequireTls", gtk_switch_get_active (self->tls_switch));

  if (g_strcmp0 (comment, kanri_connector_get_comment (self->connector)) != 0)
    {
      if (*comment != '\0')
        kanri_cmdlet_set_string (cmdlet, "Comment", comment);
      else
        kanri_cmdlet_set_null (cmdlet, "Comment");
    }

  /* Identity alone: nothing to save. */
  if (kanri_cmdlet_get_n_parameters (cmdlet) == 1)
    return NULL;

  return g_steal_pointer (&cmdlet);
}

static void
refresh (KanriConnectorEditor *self)
{
  g_autoptr(KanriCmdlet) cmdlet = kanri_connector_editor_build_cmdlet (self);
  g_autoptr(GError) comment_error = NULL;
  g_autoptr(GError) certificate_error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *certificate = NULL;
  const char *powershell;

  kanri_connector_check_comment (gtk_editable_get_text (GTK_EDITABLE (self->comment_row)),
                                 &comment, &comment_error);
  gtk_label_set_label (self->comment_error, comment_error ? comment_error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->comment_error), comment_error != NULL);

  if (by_certificate (self))
    kanri_connector_check_certificate (gtk_editable_get_text (GTK_EDITABLE (self->certificate_row)),
                                       &certificate, &certificate_error);
  gtk_label_set_label (self->certificate_error, certificate_error ? certificate_error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_error), certificate_error != NULL);

  kanri_wizard_set_review_cmdlet (KANRI_WIZARD (self), cmdlet);
  powershell = kanri_wizard_get_powershell (KANRI_WIZARD (self));
  kanri_powershell_label_set_text (self->powershell_label, powershell ? powershell : _("Nothing changed yet."));

  kanri_wizard_update (KANRI_WIZARD (self));
}

static gboolean
kanri_connector_editor_step_is_valid (KanriWizard *wizard,
                                      guint        step)
{
  g_autoptr(KanriCmdlet) cmdlet = kanri_connector_editor_build_cmdlet (KANRI_CONNECTOR_EDITOR (wizard));

  return cmdlet != NULL;
}

static gboolean
kanri_connector_editor_has_input (KanriWizard *wizard)
{
  KanriConnectorEditor *self = KANRI_CONNECTOR_EDITOR (wizard);
  g_autoptr(KanriCmdlet) cmdlet = kanri_connector_editor_build_cmdlet (self);

  return cmdlet != NULL || kanri_list_editor_has_pending (self->ip_editor);
}

static void
kanri_connector_editor_commit (KanriWizard *wizard)
{
  KanriConnectorEditor *self = KANRI_CONNECTOR_EDITOR (wizard);
  g_autoptr(KanriCmdlet) cmdlet = kanri_connector_editor_build_cmdlet (self);
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  const char *name;

  if (cmdlet == NULL)
    return;

  name = kanri_connector_get_name (self->connector);
  /* Translators: an operation on the Operations page */
  summary = g_strdup_printf (_("Edit inbound connector “%s”"), name);
  description = g_strdup_printf (_("The changes to “%s” were saved. They are listed on the "
                                   "Operations page."),
                                 name);
  kanri_wizard_run (wizard, self->tenant, cmdlet, summary, _("Connector Saved"), description);
}

static void
changed_cb (KanriConnectorEditor *self)
{
  if (self->connector != NULL)
    refresh (self);
}

static void
kanri_connector_editor_dispose (GObject *object)
{
  KanriConnectorEditor *self = (KanriConnectorEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_CONNECTOR_EDITOR);
  g_clear_object (&self->tenant);
  g_clear_object (&self->connector);

  G_OBJECT_CLASS (kanri_connector_editor_parent_class)->dispose (object);
}

static void
kanri_connector_editor_finalize (GObject *object)
{
  KanriConnectorEditor *self = (KanriConnectorEditor *)object;

  g_strfreev (self->stored_ips);

  G_OBJECT_CLASS (kanri_connector_editor_parent_class)->finalize (object);
}

static void
kanri_connector_editor_class_init (KanriConnectorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriWizardClass *wizard_class = KANRI_WIZARD_CLASS (klass);

  object_class->dispose = kanri_connector_editor_dispose;
  object_class->finalize = kanri_connector_editor_finalize;

  wizard_class->step_is_valid = kanri_connector_editor_step_is_valid;
  wizard_class->has_input = kanri_connector_editor_has_input;
  wizard_class->commit = kanri_connector_editor_commit;

  g_type_ensure (KANRI_TYPE_LIST_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/kanri-connector-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, tls_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, tls_switch);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, comment_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, comment_error);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, ip_group);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, ip_editor);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, certificate_group);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, certificate_error);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorEditor, powershell_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
kanri_connector_editor_init (KanriConnectorEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  kanri_list_editor_set_kind (self->ip_editor, KANRI_CONNECTOR_LIST_SENDER_IPS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->comment_row))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->comment_row)),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->certificate_row))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->certificate_row)),
                                  -1);
  kanri_wizard_set_commit_label (KANRI_WIZARD (self), _("_Save"));
}

/**
 * kanri_connector_editor_new:
 * @connector: the connector as the local model has it now
 */
KanriConnectorEditor *
kanri_connector_editor_new (GtkWindow      *parent,
                            KanriTenant    *tenant,
                            KanriConnector *connector)
{
  KanriConnectorEditor *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KANRI_IS_TENANT (tenant), NULL);
  g_return_val_if_fail (KANRI_IS_CONNECTOR (connector), NULL);

  /* Translators: the title of the window that edits a connector */
  title = g_strdup_printf (_("Edit “%s”"), kanri_connector_get_name (connector));
  self = g_object_new (KANRI_TYPE_CONNECTOR_EDITOR,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  self->tenant = g_object_ref (tenant);
  self->connector = g_object_ref (connector);
  self->stored_ips = kanri_connector_split_stored (kanri_connector_get_sender_ip_addresses (connector));

  gtk_switch_set_active (self->enabled_switch, kanri_connector_get_enabled (connector));
  gtk_switch_set_active (self->tls_switch, kanri_connector_get_require_tls (connector));
  gtk_widget_set_visible (GTK_WIDGET (self->tls_row), is_partner (self));
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), kanri_connector_get_comment (connector));
  gtk_widget_set_visible (GTK_WIDGET (self->ip_group), !by_certificate (self));
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), by_certificate (self));
  gtk_editable_set_text (GTK_EDITABLE (self->certificate_row), kanri_connector_get_certificate_name (connector));
  kanri_list_editor_set_connectors (self->ip_editor, kanri_tenant_get_connectors (tenant),
                                    kanri_connector_get_name (connector));
  kanri_list_editor_set_values (self->ip_editor, (const char *const *)self->stored_ips);

  refresh (self);

  return self;
}
