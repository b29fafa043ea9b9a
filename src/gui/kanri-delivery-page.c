/* kanri-delivery-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-delivery-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kanri-delivery-page.h"
#include "kanri-expiration.h"
#include "kanri-ndr.h"
#include "kanri-powershell-label.h"
#include "kanri-retry-timeline.h"

/* Delivery & NDR (PRODUCT.md): the message expiration (read, edited as
 * hours or as a time span, validated, saved through the journal with its
 * PowerShell), the retry timeline that follows it, and the NDR decoder with
 * the whole code table (kanri-ndr.c, shared with the Header Analyzer and
 * `kanri-cli ndr`). */
struct _KanriDeliveryPage
{
  KanriPage           parent_instance;

  GSignalGroup       *tenant_signals;
  GCancellable       *cancellable;
  GTimeSpan           value;
  gboolean            valid;
  gboolean            syncing_editors;
  gboolean            edited;

  /* Template widgets */
  AdwActionRow       *current_row;
  GtkSpinButton      *hours_spin;
  AdwEntryRow        *span_row;
  GtkLabel           *error_label;
  GtkLabel           *powershell_label;
  KanriRetryTimeline *timeline;
  AdwEntryRow        *ndr_entry_row;
  AdwActionRow       *ndr_code_row;
  AdwActionRow       *ndr_meaning_row;
  AdwActionRow       *ndr_cause_row;
  AdwActionRow       *ndr_fix_row;
  AdwActionRow       *ndr_text_row;
  GtkLabel           *ndr_message_label;
  GtkSearchEntry     *ndr_search_entry;
  GtkListBox         *ndr_codes_list;
};

G_DEFINE_FINAL_TYPE (KanriDeliveryPage, kanri_delivery_page, KANRI_TYPE_PAGE)

static KanriCmdlet *
build_cmdlet (KanriDeliveryPage *self)
{
  g_autofree char *text = kanri_expiration_format (self->value);
  KanriCmdlet *cmdlet = kanri_cmdlet_new ("Set-TransportConfig");

  kanri_cmdlet_set_string (cmdlet, "MessageExpiration", text);
  return cmdlet;
}

static gboolean
current_value (KanriDeliveryPage *self,
               GTimeSpan         *value)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  const char *text = tenant ? kanri_tenant_get_message_expiration (tenant) : NULL;

  return text != NULL && kanri_expiration_parse (text, value, NULL);
}

static void
update_actions (KanriDeliveryPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  GTimeSpan current;
  gboolean changed = !current_value (self, &current) || current != self->value;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delivery.save",
                                 self->valid && changed && tenant != NULL &&
                                 kanri_tenant_get_client (tenant) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delivery.copy-powershell", self->valid);
}

/* One value, shown in both editors, the PowerShell and the chart. */
static void
show_value (KanriDeliveryPage *self,
            GTimeSpan          value,
            gboolean           from_span)
{
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autofree char *powershell = NULL;

  self->value = value;
  self->valid = TRUE;

  self->syncing_editors = TRUE;
  gtk_spin_button_set_value (self->hours_spin, value / (double)G_TIME_SPAN_HOUR);
  if (!from_span)
    {
      g_autofree char *text = kanri_expiration_format (value);
      gtk_editable_set_text (GTK_EDITABLE (self->span_row), text);
    }
  self->syncing_editors = FALSE;

  cmdlet = build_cmdlet (self);
  powershell = kanri_cmdlet_to_powershell (cmdlet);
  kanri_powershell_label_set_text (self->powershell_label, powershell);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->span_row), "error");
  kanri_retry_timeline_set_expiration (self->timeline, value);

  update_actions (self);
}

static void
hours_changed_cb (KanriDeliveryPage *self)
{
  double hours = gtk_spin_button_get_value (self->hours_spin);

  if (self->syncing_editors)
    return;

  self->edited = TRUE;
  show_value (self, (GTimeSpan)(hours * G_TIME_SPAN_HOUR + 0.5), FALSE);
}

static void
span_changed_cb (KanriDeliveryPage *self)
{
  g_autoptr(GError) error = NULL;
  GTimeSpan value;

  if (self->syncing_editors)
    return;

  self->edited = TRUE;
  if (kanri_expiration_parse (gtk_editable_get_text (GTK_EDITABLE (self->span_row)), &value, &error))
    {
      show_value (self, value, TRUE);
      return;
    }

  /* The last valid value stays in the chart; the error says what is wrong
   * and what is accepted. */
  self->valid = FALSE;
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->span_row), "error");
  update_actions (self);
}

static void
update_current (KanriDeliveryPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autofree char *subtitle = NULL;
  GTimeSpan current;

  if (current_value (self, &current))
    {
      g_autofree char *text = kanri_expiration_format (current);

      /* Translators: the message expiration, e.g. "1.00:00:00 (24 hours)" */
      subtitle = g_strdup_printf (_("%s (%.4g hours)"), text, current / (double)G_TIME_SPAN_HOUR);
      if (!self->edited)
        show_value (self, current, FALSE);
    }
  else if (tenant != NULL && kanri_tenant_get_last_sync (tenant) == NULL)
    subtitle = g_strdup (_("Not synced yet"));
  else
    subtitle = g_strdup (_("Unknown"));

  adw_action_row_set_subtitle (self->current_row, subtitle);
  update_actions (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KanriDeliveryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (kanri_tenant_run_finish (KANRI_TENANT (object), result, &error) == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_actions (self);
      return;
    }

  /* The page follows the tenant again (it reads the value back). */
  self->edited = FALSE;
  message = g_strdup_printf (_("Message expiration set to %s"),
                             gtk_editable_get_text (GTK_EDITABLE (self->span_row)));
  kanri_page_show_toast (KANRI_PAGE (self), message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KanriDeliveryPage *self = KANRI_DELIVERY_PAGE (widget);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;

  if (tenant == NULL || !self->valid)
    return;

  cmdlet = build_cmdlet (self);
  text = kanri_expiration_format (self->value);
  summary = g_strdup_printf (_("Set the message expiration to %s"), text);
  gtk_widget_action_set_enabled (widget, "delivery.save", FALSE);
  kanri_tenant_run_async (tenant, cmdlet, summary, self->cancellable, saved_cb, g_object_ref (self));
}

static void
span_activated_cb (KanriDeliveryPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "delivery.save", NULL);
}

static void
copy_powershell_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KanriDeliveryPage *self = KANRI_DELIVERY_PAGE (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_label_get_label (self->powershell_label));
  kanri_page_show_toast (KANRI_PAGE (self), _("PowerShell copied"));
}

/* NDR decoder */

/* Rows show markup; the table's texts and pasted text are shown as text. */
static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  adw_action_row_set_subtitle (row, escaped);
}

static void
show_ndr_rows (KanriDeliveryPage *self,
               gboolean           visible)
{
  gtk_widget_set_visible (GTK_WIDGET (self->ndr_code_row), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->ndr_meaning_row), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->ndr_cause_row), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->ndr_fix_row), visible);
  if (!visible)
    gtk_widget_set_visible (GTK_WIDGET (self->ndr_text_row), FALSE);
}

static void
show_ndr_message (KanriDeliveryPage *self,
                  const char        *message,
                  const char        *css_class)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->ndr_message_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->ndr_message_label), "warning");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->ndr_message_label), css_class);
  gtk_label_set_label (self->ndr_message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->ndr_message_label), message != NULL);
}

static void
ndr_changed_cb (KanriDeliveryPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->ndr_entry_row));
  g_autoptr(KanriNdrInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    {
      show_ndr_rows (self, FALSE);
      show_ndr_message (self, NULL, NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->ndr_entry_row), "error");
      return;
    }

  info = kanri_ndr_parse (text, &error);
  if (info == NULL)
    {
      show_ndr_rows (self, FALSE);
      show_ndr_message (self, error->message, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->ndr_entry_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->ndr_entry_row), "error");

  if (info->smtp_code != 0)
    /* Translators: an enhanced status code, its SMTP reply code and its
     * title, e.g. "5.4.316 (SMTP 550) — Message expired" */
    code = g_strdup_printf (_("%s (SMTP %u) — %s"), info->status, info->smtp_code,
                            kanri_ndr_code_get_title (info->code));
  else
    code = g_strdup_printf ("%s — %s", info->status, kanri_ndr_code_get_title (info->code));
  set_subtitle (self->ndr_code_row, code);
  set_subtitle (self->ndr_meaning_row, kanri_ndr_code_get_meaning (info->code));
  set_subtitle (self->ndr_cause_row, kanri_ndr_code_get_cause (info->code));
  set_subtitle (self->ndr_fix_row, kanri_ndr_code_get_fix (info->code));
  set_subtitle (self->ndr_text_row, info->text);
  show_ndr_rows (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->ndr_text_row), info->text != NULL && *info->text != '\0');

  if (info->generic)
    {
      /* Translators: a status code, then what its class means, e.g. "5.9.99
       * is not in Kanri’s table. Permanent failure: …" */
      g_autofree char *message = g_strdup_printf (_("%s is not in Kanri’s table. %s"), info->status,
                                                  kanri_ndr_describe_class (info->status));

      show_ndr_message (self, message, "warning");
    }
  else if (!g_str_equal (kanri_ndr_code_get_range (info->code), info->status))
    {
      /* Translators: the table entry covers a range of codes, e.g. 5.7.700-750 */
      g_autofree char *message = g_strdup_printf (_("One of %s. %s"), kanri_ndr_code_get_range (info->code),
                                                  kanri_ndr_describe_class (info->status));

      show_ndr_message (self, message, NULL);
    }
  else
    show_ndr_message (self, kanri_ndr_describe_class (info->status), NULL);
}

static GtkWidget *
create_ndr_detail_row (const char *title,
                       const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_widget_add_css_class (row, "property");

  return row;
}

/* A code's details are made when it is first expanded: the table stays
 * light (for startup and for accessibility clients, which walk every
 * widget) however many codes it holds. */
static void
ndr_code_expanded_cb (AdwExpanderRow *row)
{
  const KanriNdrCode *code = g_object_get_data (G_OBJECT (row), "kanri-ndr-code");

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "kanri-ndr-filled"))
    return;

  g_object_set_data (G_OBJECT (row), "kanri-ndr-filled", GINT_TO_POINTER (TRUE));
  adw_expander_row_add_row (row, create_ndr_detail_row (_("Meaning"), kanri_ndr_code_get_meaning (code)));
  adw_expander_row_add_row (row, create_ndr_detail_row (_("Likely Cause"), kanri_ndr_code_get_cause (code)));
  adw_expander_row_add_row (row, create_ndr_detail_row (_("What to Do"), kanri_ndr_code_get_fix (code)));
}

static void
fill_ndr_codes (KanriDeliveryPage *self)
{
  for (guint i = 0; i < kanri_ndr_get_n_codes (); i++)
    {
      const KanriNdrCode *code = kanri_ndr_get_code (i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *range = g_markup_escape_text (kanri_ndr_code_get_range (code), -1);
      g_autofree char *title = g_markup_escape_text (kanri_ndr_code_get_title (code), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), range);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), title);
      g_object_set_data (G_OBJECT (row), "kanri-ndr-code", (gpointer)code);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (ndr_code_expanded_cb), NULL);
      gtk_list_box_append (self->ndr_codes_list, row);
    }
}

static gboolean
text_matches (const char *text,
              const char *folded_search)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, folded_search) != NULL;
}

static gboolean
ndr_filter_func (GtkListBoxRow *row,
                 gpointer       user_data)
{
  KanriDeliveryPage *self = user_data;
  const KanriNdrCode *code = g_object_get_data (G_OBJECT (row), "kanri-ndr-code");
  g_autofree char *search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ndr_search_entry))));
  g_autofree char *folded = NULL;

  if (code == NULL || *search == '\0')
    return TRUE;

  folded = g_utf8_casefold (search, -1);
  return text_matches (kanri_ndr_code_get_range (code), folded) ||
         text_matches (kanri_ndr_code_get_title (code), folded) ||
         text_matches (kanri_ndr_code_get_meaning (code), folded) ||
         text_matches (kanri_ndr_code_get_cause (code), folded);
}

static void
ndr_search_changed_cb (KanriDeliveryPage *self)
{
  gtk_list_box_invalidate_filter (self->ndr_codes_list);
}

static void
kanri_delivery_page_tenant_changed (KanriPage *page)
{
  KanriDeliveryPage *self = KANRI_DELIVERY_PAGE (page);

  g_signal_group_set_target (self->tenant_signals, kanri_page_get_tenant (page));
  self->edited = FALSE;
  update_current (self);
}

static void
kanri_delivery_page_dispose (GObject *object)
{
  KanriDeliveryPage *self = (KanriDeliveryPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->tenant_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_DELIVERY_PAGE);

  G_OBJECT_CLASS (kanri_delivery_page_parent_class)->dispose (object);
}

static void
kanri_delivery_page_class_init (KanriDeliveryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriPageClass *page_class = KANRI_PAGE_CLASS (klass);

  object_class->dispose = kanri_delivery_page_dispose;

  page_class->tenant_changed = kanri_delivery_page_tenant_changed;
  kanri_page_class_set_info (page_class, "delivery", N_("Delivery & NDR"), "mail-send-symbolic", 50);

  g_type_ensure (KANRI_TYPE_RETRY_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-delivery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, current_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, span_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, powershell_label);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_entry_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_code_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_meaning_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_cause_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_fix_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_text_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_message_label);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_search_entry);
  gtk_widget_class_bind_template_child (widget_class, KanriDeliveryPage, ndr_codes_list);
  gtk_widget_class_bind_template_callback (widget_class, ndr_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ndr_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hours_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, span_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, span_activated_cb);

  gtk_widget_class_install_action (widget_class, "delivery.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "delivery.copy-powershell", NULL, copy_powershell_action);
}

static void
kanri_delivery_page_init (KanriDeliveryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  fill_ndr_codes (self);
  gtk_list_box_set_filter_func (self->ndr_codes_list, ndr_filter_func, self, NULL);
  gtk_list_box_set_placeholder (self->ndr_codes_list,
                                g_object_new (GTK_TYPE_LABEL,
                                              "label", _("No code matches the search"),
                                              "margin-top", 12,
                                              "margin-bottom", 12,
                                              NULL));

  self->cancellable = g_cancellable_new ();
  self->tenant_signals = g_signal_group_new (KANRI_TYPE_TENANT);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::message-expiration",
                                  G_CALLBACK (update_current), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::connected",
                                  G_CALLBACK (update_actions), self);

  show_value (self, KANRI_EXPIRATION_DEFAULT, FALSE);
  self->edited = FALSE;
  update_current (self);
}
