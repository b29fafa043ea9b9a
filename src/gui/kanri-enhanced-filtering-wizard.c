/* kanri-enhanced-filtering-wizard.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-enhanced-filtering-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-connector-rules.h"
#include "kanri-enhanced-filtering-wizard.h"
#include "kanri-list-editor.h"
#include "kanri-powershell-label.h"

/* Enhanced filtering for a connector (PRODUCT.md "Enhanced filtering
 * wizard"), as the Microsoft 365 Defender portal has it (Policies & rules →
 * Threat policies → Enhanced filtering): the connector, which IP addresses
 * to skip, whom it applies to, and the review with the PowerShell. Facts:
 * Set-InboundConnector (EFSkipLastIP, EFSkipIPs, EFUsers) and Microsoft
 * Learn "Enhanced Filtering for Connectors in Exchange Online". */
struct _KanriEnhancedFilteringWizard
{
  KanriWizard           parent_instance;

  KanriTenant          *tenant;
  GPtrArray            *connectors;
  GPtrArray            *connector_checks;

  /* Template widgets */
  GtkLabel             *why_label;
  AdwPreferencesGroup  *connectors_group;
  GtkCheckButton       *off_check;
  GtkCheckButton       *last_ip_check;
  GtkCheckButton       *skip_ips_check;
  AdwPreferencesGroup  *skip_ips_group;
  KanriListEditor      *skip_ips_editor;
  AdwPreferencesGroup  *users_choice_group;
  GtkCheckButton       *everyone_check;
  GtkCheckButton       *users_check;
  AdwPreferencesGroup  *users_group;
  KanriListEditor      *users_editor;
  AdwActionRow         *review_connector_row;
  AdwActionRow         *review_skip_row;
  AdwActionRow         *review_users_row;
  GtkLabel             *powershell_label;
  GtkLabel             *caveat_label;
};

G_DEFINE_FINAL_TYPE (KanriEnhancedFilteringWizard, kanri_enhanced_filtering_wizard, KANRI_TYPE_WIZARD)

/**
 * kanri_enhanced_filtering_get_why:
 *
 * The seed's point, in Kanri's words: why a connector behind a relay
 * needs enhanced filtering.
 */
const char *
kanri_enhanced_filtering_get_why (void)
{
  return _("When mail reaches Exchange Online through a gateway or relay (an MX record that "
           "points to a filtering service, an on-premises server), Exchange Online sees the "
           "relay’s IP address as the sender’s. SPF, DKIM and DMARC are then judged on the "
           "relay, and DMARC can reject good mail. With enhanced filtering, Exchange Online "
           "skips the relay and judges the IP address of the original sender.");
}

/**
 * kanri_enhanced_filtering_get_cip_caveat:
 *
 * What does not change with enhanced filtering: the CIP of the message
 * header, and so the mail flow rules that test the sender's IP address.
 */
const char *
kanri_enhanced_filtering_get_cip_caveat (void)
{
  return _("Enhanced filtering does not change the CIP (connecting IP) of the message header: "
           "it stays the relay’s IP address, the last server to connect to Exchange Online. A "
           "mail flow rule with the condition “sender IP address is in any of these ranges or "
           "exactly matches” must therefore name the relay’s address, the CIP, not the "
           "original sender’s.");
}

/**
 * kanri_enhanced_filtering_describe:
 *
 * Returns: (transfer full): the connector's enhanced filtering, in words
 */
char *
kanri_enhanced_filtering_describe (KanriConnector *connector)
{
  g_auto(GStrv) ips = NULL;
  g_auto(GStrv) users = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *scope = NULL;
  guint n_users;

  g_return_val_if_fail (KANRI_IS_CONNECTOR (connector), NULL);

  switch (kanri_connector_get_enhanced_filtering (connector))
    {
    case KANRI_ENHANCED_FILTERING_SKIP_LAST_IP:
      mode = g_strdup (_("Skips the last IP address"));
      break;
    case KANRI_ENHANCED_FILTERING_SKIP_IPS:
      ips = kanri_connector_split_stored (kanri_connector_get_ef_skip_ips (connector));
      mode = g_strdup_printf (ngettext ("Skips %u IP address", "Skips %u IP addresses",
                                        g_strv_length (ips)),
                              g_strv_length (ips));
      break;
    case KANRI_ENHANCED_FILTERING_OFF:
    default:
      return g_strdup (_("Enhanced filtering off"));
    }

  users = kanri_connector_split_stored (kanri_connector_get_ef_users (connector));
  n_users = g_strv_length (users);
  if (n_users == 0)
    scope = g_strdup (_("for the entire organization"));
  else
    scope = g_strdup_printf (ngettext ("for %u recipient", "for %u recipients", n_users), n_users);

  /* Translators: enhanced filtering's mode, then whom it applies to:
   * "Skips the last IP address, for the entire organization" */
  return g_strdup_printf (_("%s, %s"), mode, scope);
}

static KanriConnector *
chosen_connector (KanriEnhancedFilteringWizard *self)
{
  for (guint i = 0; i < self->connector_checks->len; i++)
    {
      if (gtk_check_button_get_active (self->connector_checks->pdata[i]))
        return self->connectors->pdata[i];
    }

  return NULL;
}

static KanriEnhancedFiltering
chosen_mode (KanriEnhancedFilteringWizard *self)
{
  if (gtk_check_button_get_active (self->last_ip_check))
    return KANRI_ENHANCED_FILTERING_SKIP_LAST_IP;
  if (gtk_check_button_get_active (self->skip_ips_check))
    return KANRI_ENHANCED_FILTERING_SKIP_IPS;
  return KANRI_ENHANCED_FILTERING_OFF;
}

static gboolean
list_is_complete (KanriListEditor *editor)
{
  return kanri_list_editor_get_n_values (editor) > 0 && !kanri_list_editor_has_pending (editor);
}

/* In hybrid mail flow, Exchange on-premises routes a message to Exchange
 * Online by the mail user's target address (user@contoso.mail.onmicrosoft.com),
 * and -EFUsers is matched against that address, not the one in To:.
 * Source: MicrosoftDocs/OfficeDocs-Exchange issue 1742 and pull request 1982
 * (merged into enhanced-filtering-for-connectors.md), "EFUsers value must
 * match the targetAddress of the MailUser object in hybrid mail flow". */
static gboolean
connector_is_on_premises (KanriConnector *connector)
{
  const char *type = connector != NULL ? kanri_connector_get_connector_type (connector) : NULL;

  return type != NULL && g_ascii_strcasecmp (type, "OnPremises") == 0;
}

static void
update_users_description (KanriEnhancedFilteringWizard *self)
{
  if (connector_is_on_premises (chosen_connector (self)))
    adw_preferences_group_set_description (self->users_group,
                                           _("Only messages whose recipients are all in this list get enhanced "
                                             "filtering: a message to one listed and one unlisted recipient does "
                                             "not. List every proxy address of each recipient, every address they "
                                             "receive mail at. This connector is an on-premises one: in a hybrid "
                                             "organization, Exchange on-premises sends each message to the user's "
                                             "target address (user@contoso.mail.onmicrosoft.com), and enhanced "
                                             "filtering matches that address, so list it too."));
  else
    adw_preferences_group_set_description (self->users_group,
                                           _("Only messages whose recipients are all in this list get enhanced "
                                             "filtering: a message to one listed and one unlisted recipient does "
                                             "not. List every proxy address of each recipient, every address they "
                                             "receive mail at."));
}

static void
update_groups (KanriEnhancedFilteringWizard *self)
{
  gboolean off = chosen_mode (self) == KANRI_ENHANCED_FILTERING_OFF;

  gtk_widget_set_visible (GTK_WIDGET (self->skip_ips_group),
                          chosen_mode (self) == KANRI_ENHANCED_FILTERING_SKIP_IPS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->users_choice_group), !off);
  adw_preferences_group_set_description (self->users_choice_group,
                                         off ? _("Enhanced filtering is off for this connector: "
                                                 "it applies to nobody.")
                                             : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->users_group),
                          !off && gtk_check_button_get_active (self->users_check));
  update_users_description (self);
  kanri_wizard_update (KANRI_WIZARD (self));
}

/* The steps after the first show what the chosen connector has now. */
static void
load_connector (KanriEnhancedFilteringWizard *self)
{
  KanriConnector *connector = chosen_connector (self);
  g_auto(GStrv) ips = NULL;
  g_auto(GStrv) users = NULL;

  if (connector == NULL)
    return;

  ips = kanri_connector_split_stored (kanri_connector_get_ef_skip_ips (connector));
  users = kanri_connector_split_stored (kanri_connector_get_ef_users (connector));

  switch (kanri_connector_get_enhanced_filtering (connector))
    {
    case KANRI_ENHANCED_FILTERING_SKIP_LAST_IP:
      gtk_check_button_set_active (self->last_ip_check, TRUE);
      break;
    case KANRI_ENHANCED_FILTERING_SKIP_IPS:
      gtk_check_button_set_active (self->skip_ips_check, TRUE);
      break;
    case KANRI_ENHANCED_FILTERING_OFF:
    default:
      gtk_check_button_set_active (self->off_check, TRUE);
      break;
    }

  kanri_list_editor_set_values (self->skip_ips_editor, (const char *const *)ips);
  kanri_list_editor_set_values (self->users_editor, (const char *const *)users);
  gtk_check_button_set_active (users[0] != NULL ? self->users_check : self->everyone_check, TRUE);
  update_groups (self);
}

static void
connector_toggled_cb (GtkCheckButton               *check,
                      KanriEnhancedFilteringWizard *self)
{
  if (gtk_check_button_get_active (check))
    load_connector (self);
}

static void
choices_changed_cb (KanriEnhancedFilteringWizard *self)
{
  update_groups (self);
}

static gboolean
kanri_enhanced_filtering_wizard_step_is_valid (KanriWizard *wizard,
                                               guint        step)
{
  KanriEnhancedFilteringWizard *self = KANRI_ENHANCED_FILTERING_WIZARD (wizard);
  KanriEnhancedFiltering mode = chosen_mode (self);

  switch ((KanriEnhancedFilteringWizardStep)step)
    {
    case KANRI_ENHANCED_FILTERING_WIZARD_STEP_CONNECTOR:
      return chosen_connector (self) != NULL;

    case KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP:
      return mode != KANRI_ENHANCED_FILTERING_SKIP_IPS || list_is_complete (self->skip_ips_editor);

    case KANRI_ENHANCED_FILTERING_WIZARD_STEP_USERS:
      return mode == KANRI_ENHANCED_FILTERING_OFF ||
             gtk_check_button_get_active (self->everyone_check) ||
             list_is_complete (self->users_editor);

    case KANRI_ENHANCED_FILTERING_WIZARD_STEP_REVIEW:
      {
        g_autoptr(KanriCmdlet) cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (self);

        return cmdlet != NULL;
      }

    default:
      return FALSE;
    }
}

/**
 * kanri_enhanced_filtering_wizard_build_cmdlet:
 *
 * The change the wizard makes, as it stands. Turning enhanced filtering
 * off clears EFSkipIPs and leaves EFUsers; skipping the last IP address
 * leaves EFSkipIPs, which the service ignores then.
 *
 * Returns: (transfer full) (nullable): Set-InboundConnector, or %NULL
 *   while some step is not valid
 */
KanriCmdlet *
kanri_enhanced_filtering_wizard_build_cmdlet (KanriEnhancedFilteringWizard *self)
{
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  KanriConnector *connector;
  KanriEnhancedFiltering mode;

  g_return_val_if_fail (KANRI_IS_ENHANCED_FILTERING_WIZARD (self), NULL);

  connector = chosen_connector (self);
  mode = chosen_mode (self);
  if (connector == NULL ||
      (mode == KANRI_ENHANCED_FILTERING_SKIP_IPS && !list_is_complete (self->skip_ips_editor)) ||
      (mode != KANRI_ENHANCED_FILTERING_OFF && gtk_check_button_get_active (self->users_check) &&
       !list_is_complete (self->users_editor)))
    return NULL;

  cmdlet = kanri_cmdlet_new ("Set-InboundConnector");
  kanri_cmdlet_set_string (cmdlet, "Identity", kanri_connector_get_name (connector));
  kanri_cmdlet_set_bool (cmdlet, "EFSkipLastIP", mode == KANRI_ENHANCED_FILTERING_SKIP_LAST_IP);

  if (mode == KANRI_ENHANCED_FILTERING_OFF)
    {
      kanri_cmdlet_set_null (cmdlet, "EFSkipIPs");
      return g_steal_pointer (&cmdlet);
    }

  if (mode == KANRI_ENHANCED_FILTERING_SKIP_IPS)
    {
      g_auto(GStrv) ips = kanri_list_editor_dup_values (self->skip_ips_editor);

      kanri_cmdlet_set_string_list (cmdlet, "EFSkipIPs", (const char *const *)ips);
    }

  if (gtk_check_button_get_active (self->users_check))
    {
      g_auto(GStrv) users = kanri_list_editor_dup_values (self->users_editor);

      kanri_cmdlet_set_string_list (cmdlet, "EFUsers", (const char *const *)users);
    }
  else
    kanri_cmdlet_set_null (cmdlet, "EFUsers");

  return g_steal_pointer (&cmdlet);
}

static gboolean
kanri_enhanced_filtering_wizard_has_input (KanriWizard *wizard)
{
  KanriEnhancedFilteringWizard *self = KANRI_ENHANCED_FILTERING_WIZARD (wizard);
  KanriConnector *connector = chosen_connector (self);
  g_auto(GStrv) ips = NULL;
  g_auto(GStrv) users = NULL;
  g_auto(GStrv) stored_ips = NULL;
  g_auto(GStrv) stored_users = NULL;

  if (connector == NULL)
    return FALSE;
  if (kanri_list_editor_has_pending (self->skip_ips_editor) ||
      kanri_list_editor_has_pending (self->users_editor) ||
      chosen_mode (self) != kanri_connector_get_enhanced_filtering (connector))
    return TRUE;

  ips = kanri_list_editor_dup_values (self->skip_ips_editor);
  users = kanri_list_editor_dup_values (self->users_editor);
  stored_ips = kanri_connector_split_stored (kanri_connector_get_ef_skip_ips (connector));
  stored_users = kanri_connector_split_stored (kanri_connector_get_ef_users (connector));

  return !g_strv_equal ((const char *const *)ips, (const char *const *)stored_ips) ||
         !g_strv_equal ((const char *const *)users, (const char *const *)stored_users) ||
         gtk_check_button_get_active (self->users_check) != (stored_users[0] != NULL);
}

static void
fill_review (KanriEnhancedFilteringWizard *self)
{
  g_autoptr(KanriCmdlet) cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (self);
  KanriConnector *connector = chosen_connector (self);
  g_autofree char *skip = NULL;
  g_autofree char *users = NULL;

  switch (chosen_mode (self))
    {
    case KANRI_ENHANCED_FILTERING_SKIP_LAST_IP:
      skip = g_strdup (_("Automatically detect and skip the last IP address"));
      break;
    case KANRI_ENHANCED_FILTERING_SKIP_IPS:
      {
        g_auto(GStrv) ips = kanri_list_editor_dup_values (self->skip_ips_editor);
        g_autofree char *joined = g_strjoinv (", ", ips);

        /* Translators: the IP addresses enhanced filtering skips */
        skip = g_strdup_printf (_("Skip these IP addresses: %s"), joined);
      }
      break;
    case KANRI_ENHANCED_FILTERING_OFF:
    default:
      skip = g_strdup (_("Disable enhanced filtering for the connector"));
      break;
    }

  if (chosen_mode (self) == KANRI_ENHANCED_FILTERING_OFF)
    users = g_strdup (_("Nobody: enhanced filtering is off"));
  else if (gtk_check_button_get_active (self->everyone_check))
    users = g_strdup (_("The entire organization"));
  else
    {
      g_auto(GStrv) list = kanri_list_editor_dup_values (self->users_editor);
      g_autofree char *joined = g_strjoinv (", ", list);

      /* Translators: the recipients enhanced filtering applies to */
      users = g_strdup_printf (_("Only messages whose recipients are all among: %s"), joined);
    }

  adw_action_row_set_subtitle (self->review_connector_row,
                               connector ? kanri_connector_get_name (connector) : "");
  adw_action_row_set_subtitle (self->review_skip_row, skip);
  adw_action_row_set_subtitle (self->review_users_row, users);

  kanri_wizard_set_review_cmdlet (KANRI_WIZARD (self), cmdlet);
  kanri_powershell_label_set_text (self->powershell_label, kanri_wizard_get_powershell (KANRI_WIZARD (self)));
}

static void
kanri_enhanced_filtering_wizard_step_shown (KanriWizard *wizard,
                                            guint        step)
{
  KanriEnhancedFilteringWizard *self = KANRI_ENHANCED_FILTERING_WIZARD (wizard);

  if (step == KANRI_ENHANCED_FILTERING_WIZARD_STEP_REVIEW)
    fill_review (self);
}

static void
kanri_enhanced_filtering_wizard_commit (KanriWizard *wizard)
{
  KanriEnhancedFilteringWizard *self = KANRI_ENHANCED_FILTERING_WIZARD (wizard);
  g_autoptr(KanriCmdlet) cmdlet = kanri_enhanced_filtering_wizard_build_cmdlet (self);
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  const char *name;

  if (cmdlet == NULL)
    return;

  name = kanri_cmdlet_get_string (cmdlet, "Identity");
  /* Translators: an operation on the Operations page */
  summary = g_strdup_printf (_("Set enhanced filtering of connector “%s”"), name);
  description = g_strdup_printf (_("The enhanced filtering of “%s” was saved. The change is "
                                   "listed on the Operations page."),
                                 name);
  kanri_wizard_run (wizard, self->tenant, cmdlet, summary, _("Enhanced Filtering Saved"), description);
}

static void
editor_changed_cb (KanriEnhancedFilteringWizard *self)
{
  kanri_wizard_update (KANRI_WIZARD (self));
}

static void
kanri_enhanced_filtering_wizard_dispose (GObject *object)
{
  KanriEnhancedFilteringWizard *self = (KanriEnhancedFilteringWizard *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_ENHANCED_FILTERING_WIZARD);
  g_clear_object (&self->tenant);

  G_OBJECT_CLASS (kanri_enhanced_filtering_wizard_parent_class)->dispose (object);
}

static void
kanri_enhanced_filtering_wizard_finalize (GObject *object)
{
  KanriEnhancedFilteringWizard *self = (KanriEnhancedFilteringWizard *)object;

  g_clear_pointer (&self->connectors, g_ptr_array_unref);
  g_clear_pointer (&self->connector_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (kanri_enhanced_filtering_wizard_parent_class)->finalize (object);
}

static void
kanri_enhanced_filtering_wizard_class_init (KanriEnhancedFilteringWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriWizardClass *wizard_class = KANRI_WIZARD_CLASS (klass);

  object_class->dispose = kanri_enhanced_filtering_wizard_dispose;
  object_class->finalize = kanri_enhanced_filtering_wizard_finalize;

  wizard_class->step_is_valid = kanri_enhanced_filtering_wizard_step_is_valid;
  wizard_class->has_input = kanri_enhanced_filtering_wizard_has_input;
  wizard_class->step_shown = kanri_enhanced_filtering_wizard_step_shown;
  wizard_class->commit = kanri_enhanced_filtering_wizard_commit;

  g_type_ensure (KANRI_TYPE_LIST_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/kanri-enhanced-filtering-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, why_label);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, connectors_group);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, off_check);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, last_ip_check);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, skip_ips_check);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, skip_ips_group);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, skip_ips_editor);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, users_choice_group);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, everyone_check);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, users_check);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, users_group);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, users_editor);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, review_connector_row);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, review_skip_row);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, review_users_row);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, powershell_label);
  gtk_widget_class_bind_template_child (widget_class, KanriEnhancedFilteringWizard, caveat_label);
  gtk_widget_class_bind_template_callback (widget_class, choices_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
}

static void
kanri_enhanced_filtering_wizard_init (KanriEnhancedFilteringWizard *self)
{
  self->connectors = g_ptr_array_new_with_free_func (g_object_unref);
  self->connector_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  kanri_list_editor_set_kind (self->skip_ips_editor, KANRI_CONNECTOR_LIST_SKIP_IPS);
  kanri_list_editor_set_kind (self->users_editor, KANRI_CONNECTOR_LIST_RECIPIENTS);
  gtk_label_set_label (self->why_label, kanri_enhanced_filtering_get_why ());
  gtk_label_set_label (self->caveat_label, kanri_enhanced_filtering_get_cip_caveat ());

  kanri_wizard_set_commit_label (KANRI_WIZARD (self), _("_Save"));
  update_groups (self);
}

static char *
describe_connector (KanriConnector *connector)
{
  g_autofree char *filtering = kanri_enhanced_filtering_describe (connector);
  const char *type = g_strcmp0 (kanri_connector_get_connector_type (connector), "OnPremises") == 0
                     ? _("Your organization’s email server")
                     : _("Partner organization");

  if (!kanri_connector_get_enabled (connector))
    /* Translators: a connector's type, that it is off, and its enhanced filtering */
    return g_strdup_printf (_("%s · Disabled · %s"), type, filtering);

  /* Translators: a connector's type and its enhanced filtering */
  return g_strdup_printf (_("%s · %s"), type, filtering);
}

static void
add_connector_rows (KanriEnhancedFilteringWizard *self,
                    const char                   *name)
{
  GListModel *connectors = kanri_tenant_get_connectors (self->tenant);
  GtkCheckButton *group = NULL;
  GtkCheckButton *chosen = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (connectors); i++)
    {
      g_autoptr(KanriConnector) connector = g_list_model_get_item (connectors, i);
      g_autofree char *subtitle = describe_connector (connector);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      group = GTK_CHECK_BUTTON (check);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, kanri_connector_get_name (connector),
                                      -1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kanri_connector_get_name (connector));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->connectors_group, row);

      g_ptr_array_add (self->connectors, g_object_ref (connector));
      g_ptr_array_add (self->connector_checks, check);

      if (chosen == NULL || g_strcmp0 (kanri_connector_get_name (connector), name) == 0)
        chosen = GTK_CHECK_BUTTON (check);
    }

  if (chosen != NULL)
    gtk_check_button_set_active (chosen, TRUE);
  load_connector (self);

  /* Connected last: choosing the connector above is not a change. */
  for (guint i = 0; i < self->connector_checks->len; i++)
    g_signal_connect_object (self->connector_checks->pdata[i], "toggled",
                             G_CALLBACK (connector_toggled_cb), self, 0);
}

/**
 * kanri_enhanced_filtering_wizard_new:
 * @connector: (nullable): the connector to start with, as when the wizard
 *   opens from a connector's row; it then starts on the IP addresses
 */
KanriEnhancedFilteringWizard *
kanri_enhanced_filtering_wizard_new (GtkWindow   *parent,
                                     KanriTenant *tenant,
                                     const char  *connector)
{
  KanriEnhancedFilteringWizard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KANRI_IS_TENANT (tenant), NULL);

  self = g_object_new (KANRI_TYPE_ENHANCED_FILTERING_WIZARD,
                       "transient-for", parent,
                       NULL);
  self->tenant = g_object_ref (tenant);
  add_connector_rows (self, connector);

  if (connector != NULL && chosen_connector (self) != NULL &&
      g_strcmp0 (kanri_connector_get_name (chosen_connector (self)), connector) == 0)
    kanri_wizard_set_step (KANRI_WIZARD (self), KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP);
  else
    kanri_wizard_update (KANRI_WIZARD (self));

  return self;
}
