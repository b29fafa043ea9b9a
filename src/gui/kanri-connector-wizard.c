/* kanri-connector-wizard.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-connector-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-connector-rules.h"
#include "kanri-connector-wizard.h"
#include "kanri-connector.h"
#include "kanri-list-editor.h"
#include "kanri-powershell-label.h"

/* Add a connector (PRODUCT.md "Inbound connector wizard"), the steps of the
 * Exchange admin center (Mail flow → Connectors → Add a connector) as the
 * seed walks through them: where the mail comes from, the name, how the
 * partner's mail is recognized, the security restrictions, the review with
 * the PowerShell, and Create through the operation journal. */
struct _KanriConnectorWizard
{
  KanriWizard           parent_instance;

  KanriTenant          *tenant;
  char                 *created_name;
  gboolean              name_touched;
  gboolean              certificate_touched;

  /* Template widgets */
  GtkCheckButton       *partner_check;
  GtkCheckButton       *on_premises_check;
  AdwEntryRow          *name_row;
  GtkLabel             *name_error;
  AdwEntryRow          *comment_row;
  GtkLabel             *comment_error;
  GtkCheckButton       *ip_check;
  GtkCheckButton       *certificate_check;
  AdwPreferencesGroup  *ip_group;
  KanriListEditor      *ip_editor;
  AdwPreferencesGroup  *certificate_group;
  AdwEntryRow          *certificate_row;
  GtkLabel             *certificate_error;
  AdwPreferencesGroup  *tls_group;
  AdwActionRow         *tls_row;
  GtkSwitch            *tls_switch;
  KanriListEditor      *domains_editor;
  AdwActionRow         *review_kind_row;
  AdwActionRow         *review_name_row;
  AdwActionRow         *review_comment_row;
  AdwActionRow         *review_authentication_row;
  AdwActionRow         *review_tls_row;
  AdwActionRow         *review_domains_row;
  GtkLabel             *powershell_label;
};

G_DEFINE_FINAL_TYPE (KanriConnectorWizard, kanri_connector_wizard, KANRI_TYPE_WIZARD)

static const char *const default_domains[] = { "*", NULL };

static gboolean
is_partner (KanriConnectorWizard *self)
{
  return gtk_check_button_get_active (self->partner_check);
}

static gboolean
by_certificate (KanriConnectorWizard *self)
{
  return gtk_check_button_get_active (self->certificate_check);
}

/* The names of the tenant's connectors, which a new one must not take. */
static GStrv
taken_names (KanriConnectorWizard *self)
{
  GListModel *connectors = self->tenant ? kanri_tenant_get_connectors (self->tenant) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; connectors != NULL && i < g_list_model_get_n_items (connectors); i++)
    {
      g_autoptr(KanriConnector) connector = g_list_model_get_item (connectors, i);

      g_strv_builder_add (builder, kanri_connector_get_name (connector));
    }

  return g_strv_builder_end (builder);
}

static char *
checked_name (KanriConnectorWizard  *self,
              GError               **error)
{
  g_auto(GStrv) taken = taken_names (self);
  char *name = NULL;

  kanri_connector_check_name (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                              (const char *const *)taken, &name, error);
  return name;
}

static char *
checked_comment (KanriConnectorWizard  *self,
                 GError               **error)
{
  char *comment = NULL;

  kanri_connector_check_comment (gtk_editable_get_text (GTK_EDITABLE (self->comment_row)),
                                 &comment, error);
  return comment;
}

static char *
checked_certificate (KanriConnectorWizard  *self,
                     GError               **error)
{
  char *name = NULL;

  kanri_connector_check_certificate (gtk_editable_get_text (GTK_EDITABLE (self->certificate_row)),
                                     &name, error);
  return name;
}

static void
show_field_error (GtkLabel     *label,
                  const GError *error,
                  gboolean      show)
{
  gtk_label_set_label (label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), show && error != NULL);
}

static void
name_changed_cb (KanriConnectorWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = checked_name (self, &error);
  g_autoptr(GError) comment_error = NULL;
  g_autofree char *comment = checked_comment (self, &comment_error);

  self->name_touched = TRUE;
  show_field_error (self->name_error, error, TRUE);
  show_field_error (self->comment_error, comment_error, TRUE);
  kanri_wizard_update (KANRI_WIZARD (self));
}

static void
certificate_changed_cb (KanriConnectorWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = checked_certificate (self, &error);

  self->certificate_touched = TRUE;
  show_field_error (self->certificate_error, error, TRUE);
  kanri_wizard_update (KANRI_WIZARD (self));
}

/* A certificate can only be checked over TLS: with it, mail not sent over
 * TLS cannot match the connector, so TLS is required and shown so. TLS
 * and the restrictions apply to partner connectors only
 * (New-InboundConnector: RequireTls, RestrictDomainsTo…). */
static void
choices_changed_cb (KanriConnectorWizard *self)
{
  gboolean certificate = by_certificate (self);

  gtk_widget_set_visible (GTK_WIDGET (self->ip_group), !certificate);
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), certificate);
  gtk_widget_set_visible (GTK_WIDGET (self->tls_group), is_partner (self));

  if (certificate)
    gtk_switch_set_active (self->tls_switch, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tls_row), !certificate);
  adw_action_row_set_subtitle (self->tls_row,
                               certificate
                               ? _("Always on with a certificate: the certificate can only be "
                                   "checked over TLS.")
                               : _("Exchange Online refuses the partner’s mail when it does not "
                                   "arrive over an encrypted connection."));

  kanri_wizard_update (KANRI_WIZARD (self));
}

static gboolean
list_is_complete (KanriListEditor *editor)
{
  return kanri_list_editor_get_n_values (editor) > 0 && !kanri_list_editor_has_pending (editor);
}

static gboolean
kanri_connector_wizard_step_is_valid (KanriWizard *wizard,
                                      guint        step)
{
  KanriConnectorWizard *self = KANRI_CONNECTOR_WIZARD (wizard);

  switch ((KanriConnectorWizardStep)step)
    {
    case KANRI_CONNECTOR_WIZARD_STEP_KIND:
      return TRUE;

    case KANRI_CONNECTOR_WIZARD_STEP_NAME:
      {
        g_autofree char *name = checked_name (self, NULL);
        g_autofree char *comment = checked_comment (self, NULL);

        return name != NULL && comment != NULL;
      }

    case KANRI_CONNECTOR_WIZARD_STEP_AUTHENTICATION:
      if (by_certificate (self))
        {
          g_autofree char *certificate = checked_certificate (self, NULL);

          return certificate != NULL;
        }
      return list_is_complete (self->ip_editor);

    case KANRI_CONNECTOR_WIZARD_STEP_SECURITY:
      return list_is_complete (self->domains_editor);

    case KANRI_CONNECTOR_WIZARD_STEP_REVIEW:
      {
        g_autoptr(KanriCmdlet) cmdlet = kanri_connector_wizard_build_cmdlet (self);

        return cmdlet != NULL;
      }

    default:
      return FALSE;
    }
}

static gboolean
kanri_connector_wizard_has_input (KanriWizard *wizard)
{
  KanriConnectorWizard *self = KANRI_CONNECTOR_WIZARD (wizard);
  g_auto(GStrv) domains = kanri_list_editor_dup_values (self->domains_editor);

  return *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->comment_row)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->certificate_row)) != '\0' ||
         kanri_list_editor_get_n_values (self->ip_editor) > 0 ||
         kanri_list_editor_has_pending (self->ip_editor) ||
         kanri_list_editor_has_pending (self->domains_editor) ||
         !g_strv_equal ((const char *const *)domains, default_domains) ||
         !is_partner (self) ||
         by_certificate (self) ||
         !gtk_switch_get_active (self->tls_switch);
}

/**
 * kanri_connector_wizard_build_cmdlet:
 *
 * The change the wizard makes, as it stands.
 *
 * Returns: (transfer full) (nullable): New-InboundConnector, or %NULL while
 *   some step is not valid
 */
KanriCmdlet *
kanri_connector_wizard_build_cmdlet (KanriConnectorWizard *self)
{
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autofree char *name = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *certificate = NULL;
  g_auto(GStrv) ips = NULL;
  g_auto(GStrv) domains = NULL;
  gboolean partner;

  g_return_val_if_fail (KANRI_IS_CONNECTOR_WIZARD (self), NULL);

  name = checked_name (self, NULL);
  comment = checked_comment (self, NULL);
  if (name == NULL || comment == NULL ||
      !list_is_complete (self->domains_editor) ||
      (by_certificate (self) && (certificate = checked_certificate (self, NULL)) == NULL) ||
      (!by_certificate (self) && !list_is_complete (self->ip_editor)))
    return NULL;

  partner = is_partner (self);
  domains = kanri_list_editor_dup_values (self->domains_editor);

  /* The order of the seed's and PRODUCT.md's example. */
  cmdlet = kanri_cmdlet_new ("New-InboundConnector");
  kanri_cmdlet_set_string (cmdlet, "Name", name);
  kanri_cmdlet_set_string (cmdlet, "ConnectorType", partner ? "Partner" : "OnPremises");
  kanri_cmdlet_set_string_list (cmdlet, "SenderDomains", (const char *const *)domains);

  if (certificate != NULL)
    {
      if (partner)
        kanri_cmdlet_set_bool (cmdlet, "RestrictDomainsToCertificate", TRUE);
      kanri_cmdlet_set_string (cmdlet, "TlsSenderCertificateName", certificate);
    }
  else
    {
      ips = kanri_list_editor_dup_values (self->ip_editor);
      if (partner)
        kanri_cmdlet_set_bool (cmdlet, "RestrictDomainsToIPAddresses", TRUE);
      kanri_cmdlet_set_string_list (cmdlet, "SenderIPAddresses", (const char *const *)ips);
    }

  if (partner)
    kanri_cmdlet_set_bool (cmdlet, "RequireTls", gtk_switch_get_active (self->tls_switch));
  if (*comment != '\0')
    kanri_cmdlet_set_string (cmdlet, "Comment", comment);

  return g_steal_pointer (&cmdlet);
}

static void
set_review (AdwActionRow *row,
            const char   *value)
{
  adw_action_row_set_subtitle (row, value);
}

static void
fill_review (KanriConnectorWizard *self)
{
  g_autoptr(KanriCmdlet) cmdlet = kanri_connector_wizard_build_cmdlet (self);
  g_autofree char *name = checked_name (self, NULL);
  g_autofree char *comment = checked_comment (self, NULL);
  g_autofree char *authentication = NULL;
  g_autofree char *domains_text = NULL;
  g_auto(GStrv) domains = kanri_list_editor_dup_values (self->domains_editor);
  const char *tls;

  if (by_certificate (self))
    {
      g_autofree char *certificate = checked_certificate (self, NULL);

      /* Translators: how the connector recognizes the partner's mail */
      authentication = g_strdup_printf (_("The certificate’s subject matches %s"),
                                        certificate ? certificate : "");
    }
  else
    {
      g_auto(GStrv) ips = kanri_list_editor_dup_values (self->ip_editor);
      g_autofree char *joined = g_strjoinv (", ", ips);

      authentication = g_strdup_printf (_("The sending server’s IP address is one of %s"), joined);
    }

  if (!is_partner (self))
    tls = _("Not set: TLS and the restrictions apply to partner connectors only");
  else if (gtk_switch_get_active (self->tls_switch))
    tls = _("Reject email messages if they aren’t sent over TLS");
  else
    tls = _("Accept email messages sent without TLS");

  domains_text = g_strjoinv (", ", domains);

  set_review (self->review_kind_row, is_partner (self) ? _("Partner organization")
                                                       : _("Your organization’s email server"));
  set_review (self->review_name_row, name ? name : "");
  set_review (self->review_comment_row, comment && *comment ? comment : _("None"));
  set_review (self->review_authentication_row, authentication);
  set_review (self->review_tls_row, tls);
  set_review (self->review_domains_row, domains_text);

  kanri_wizard_set_review_cmdlet (KANRI_WIZARD (self), cmdlet);
  kanri_powershell_label_set_text (self->powershell_label, kanri_wizard_get_powershell (KANRI_WIZARD (self)));
}

static void
kanri_connector_wizard_step_shown (KanriWizard *wizard,
                                   guint        step)
{
  KanriConnectorWizard *self = KANRI_CONNECTOR_WIZARD (wizard);

  if (step == KANRI_CONNECTOR_WIZARD_STEP_REVIEW)
    fill_review (self);
}

static void
kanri_connector_wizard_commit (KanriWizard *wizard)
{
  KanriConnectorWizard *self = KANRI_CONNECTOR_WIZARD (wizard);
  g_autoptr(KanriCmdlet) cmdlet = kanri_connector_wizard_build_cmdlet (self);
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  const char *name;

  if (cmdlet == NULL)
    return;

  name = kanri_cmdlet_get_string (cmdlet, "Name");
  /* Kept: once created, the name is taken, and the form no longer valid. */
  g_free (self->created_name);
  self->created_name = g_strdup (name);
  /* Translators: an operation on the Operations page */
  summary = g_strdup_printf (_("Create inbound connector “%s”"), name);
  description = g_strdup_printf (_("The inbound connector “%s” was created. The change is listed "
                                   "on the Operations page."),
                                 name);
  /* The notes' next step: enhanced filtering on the new connector. */
  kanri_wizard_set_follow_up (wizard, _("Set Up _Enhanced Filtering…"));
  kanri_wizard_run (wizard, self->tenant, cmdlet, summary, _("Connector Created"), description);
}

static void
editor_changed_cb (KanriConnectorWizard *self)
{
  kanri_wizard_update (KANRI_WIZARD (self));
}

static void
kanri_connector_wizard_dispose (GObject *object)
{
  KanriConnectorWizard *self = (KanriConnectorWizard *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_CONNECTOR_WIZARD);
  g_clear_object (&self->tenant);
  g_clear_pointer (&self->created_name, g_free);

  G_OBJECT_CLASS (kanri_connector_wizard_parent_class)->dispose (object);
}

static void
kanri_connector_wizard_class_init (KanriConnectorWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriWizardClass *wizard_class = KANRI_WIZARD_CLASS (klass);

  object_class->dispose = kanri_connector_wizard_dispose;

  wizard_class->step_is_valid = kanri_connector_wizard_step_is_valid;
  wizard_class->has_input = kanri_connector_wizard_has_input;
  wizard_class->step_shown = kanri_connector_wizard_step_shown;
  wizard_class->commit = kanri_connector_wizard_commit;

  g_type_ensure (KANRI_TYPE_LIST_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/kanri-connector-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, partner_check);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, on_premises_check);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, name_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, name_error);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, comment_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, comment_error);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, ip_check);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, certificate_check);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, ip_group);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, ip_editor);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, certificate_group);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, certificate_error);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, tls_group);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, tls_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, tls_switch);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, domains_editor);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, review_kind_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, review_name_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, review_comment_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, review_authentication_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, review_tls_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, review_domains_row);
  gtk_widget_class_bind_template_child (widget_class, KanriConnectorWizard, powershell_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, certificate_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choices_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
}

/* An entry row's text field, named for assistive technologies (and the
 * end-to-end tests) by the row's title. */
static void
label_entry_row (AdwEntryRow *row)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  gtk_accessible_update_property (GTK_ACCESSIBLE (text),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                  -1);
}

static void
kanri_connector_wizard_init (KanriConnectorWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  kanri_list_editor_set_kind (self->ip_editor, KANRI_CONNECTOR_LIST_SENDER_IPS);
  kanri_list_editor_set_kind (self->domains_editor, KANRI_CONNECTOR_LIST_SENDER_DOMAINS);
  kanri_list_editor_set_values (self->domains_editor, default_domains);
  label_entry_row (self->name_row);
  label_entry_row (self->comment_row);
  label_entry_row (self->certificate_row);

  kanri_wizard_set_commit_label (KANRI_WIZARD (self), _("_Create Connector"));
  choices_changed_cb (self);
}

/**
 * kanri_connector_wizard_new:
 * @tenant: where the connector is created
 */
KanriConnectorWizard *
kanri_connector_wizard_new (GtkWindow   *parent,
                            KanriTenant *tenant)
{
  KanriConnectorWizard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KANRI_IS_TENANT (tenant), NULL);

  self = g_object_new (KANRI_TYPE_CONNECTOR_WIZARD,
                       "transient-for", parent,
                       NULL);
  self->tenant = g_object_ref (tenant);
  kanri_list_editor_set_connectors (self->ip_editor, kanri_tenant_get_connectors (tenant), NULL);
  kanri_wizard_update (KANRI_WIZARD (self));

  return self;
}

/**
 * kanri_connector_wizard_get_created_name:
 *
 * Returns: (nullable): the name of the connector the wizard created, once
 *   it is done; %NULL before
 */
const char *
kanri_connector_wizard_get_created_name (KanriConnectorWizard *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR_WIZARD (self), NULL);

  return kanri_wizard_get_done (KANRI_WIZARD (self)) ? self->created_name : NULL;
}
