/* kanri-batch-view.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-batch-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-batch-analysis-session.h"
#include "kanri-batch-view.h"
#include "kanri-column-sort.h"
#include "kanri-connector.h"
#include "kanri-enhanced-filtering-wizard.h"
#include "kanri-finding-row.h"
#include "kanri-ip-classifier.h"
#include "kanri-share-bar.h"
#include "kanri-slot-model.h"
#include "kanri-text-cell.h"
#include "kanri-time-left.h"
#include "kanri-verdict-chart.h"
#include "kanri-wrap-box.h"

/* The Header Analyzer's batch analysis (issue 16): a folder, a Maildir, an
 * mbox or many files, analysed into the local model by a
 * KanriBatchAnalysisSession, and what an admin reads of it: the progress
 * (count, rate, time left, Cancel), the findings across messages with the
 * enhanced-filtering wizard a click away, the verdicts over time, the top
 * CIPs and sending domains, and a table of every message whose filters and
 * order are SQL (KanriBatchMessageList), as the Auditing page's table is.
 *
 * While a batch runs, the table and the summary are read again at most
 * once a second: a run of 100,000 messages posts its progress forty times
 * a second. */

#define REFRESH_INTERVAL_MS 1000
#define BAR_WIDTH 120

typedef enum
{
  COLUMN_DATE,
  COLUMN_SENDER,
  COLUMN_SUBJECT,
  COLUMN_CIP,
  COLUMN_ORIGINAL_IP,
  COLUMN_SPF,
  COLUMN_DKIM,
  COLUMN_DMARC,
  COLUMN_COMPAUTH,
  COLUMN_SCL,
  COLUMN_BCL,
  COLUMN_SFV,
  COLUMN_CONNECTOR,
  COLUMN_DIRECTION,
  COLUMN_FINDINGS,
  N_COLUMNS
} Column;

static const struct
{
  const char     *title;
  gboolean        translatable;
  int             width;
  /* KANRI_BATCH_N_SORTS where the column does not sort. */
  KanriBatchSort  sort;
} columns[N_COLUMNS] = {
  [COLUMN_DATE] = { N_("Date"), TRUE, 150, KANRI_BATCH_SORT_DATE },
  [COLUMN_SENDER] = { N_("From"), TRUE, 220, KANRI_BATCH_SORT_SENDER },
  [COLUMN_SUBJECT] = { N_("Subject"), TRUE, 200, KANRI_BATCH_SORT_SUBJECT },
  [COLUMN_CIP] = { "CIP", FALSE, 130, KANRI_BATCH_SORT_CIP },
  [COLUMN_ORIGINAL_IP] = { N_("Original IP"), TRUE, 130, KANRI_BATCH_SORT_ORIGINAL_IP },
  [COLUMN_SPF] = { "SPF", FALSE, 80, KANRI_BATCH_SORT_SPF },
  [COLUMN_DKIM] = { "DKIM", FALSE, 80, KANRI_BATCH_SORT_DKIM },
  [COLUMN_DMARC] = { "DMARC", FALSE, 90, KANRI_BATCH_SORT_DMARC },
  [COLUMN_COMPAUTH] = { "compauth", FALSE, 90, KANRI_BATCH_SORT_COMPAUTH },
  [COLUMN_SCL] = { "SCL", FALSE, 56, KANRI_BATCH_SORT_SCL },
  [COLUMN_BCL] = { "BCL", FALSE, 56, KANRI_BATCH_SORT_BCL },
  [COLUMN_SFV] = { "SFV", FALSE, 70, KANRI_BATCH_SORT_SFV },
  [COLUMN_CONNECTOR] = { N_("Connector"), TRUE, 180, KANRI_BATCH_N_SORTS },
  [COLUMN_DIRECTION] = { N_("Direction"), TRUE, 80, KANRI_BATCH_SORT_DIRECTION },
  [COLUMN_FINDINGS] = { N_("Findings or Error"), TRUE, 260, KANRI_BATCH_N_SORTS },
};

static const char *const filter_labels[KANRI_BATCH_N_FILTERS] = {
  [KANRI_BATCH_FILTER_ALL] = N_("All Messages"),
  [KANRI_BATCH_FILTER_SPAM] = N_("Spam"),
  [KANRI_BATCH_FILTER_AUTH_FAILED] = N_("Authentication Failed"),
  /* Through a gateway, which enhanced filtering would have seen past. */
  [KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING] = N_("Needs Enhanced Filtering"),
  [KANRI_BATCH_FILTER_ERRORS] = N_("Not Analyzed"),
  [KANRI_BATCH_FILTER_DUPLICATES] = N_("Duplicates"),
};

struct _KanriBatchView
{
  AdwBin                     parent_instance;

  KanriStore                *store;
  KanriTenant               *tenant;
  KanriBatchAnalysisSession *session;
  KanriBatchMessageList     *messages;
  KanriBatchSummary         *summary;
  GCancellable              *summary_load;
  gboolean                   summary_again;
  gint64                     run_id;
  gint64                     started_usec;
  guint                      refresh_source;
  char                      *progress_title_text;
  /* CIP → the name of the inbound connector whose SenderIPAddresses cover
   * it, "" for none: read once per CIP, the table asks per cell. */
  GHashTable                *connectors;

  KanriSlotModel            *rows;
  GtkSingleSelection        *selection;
  GtkColumnViewColumn       *column_views[N_COLUMNS];
  /* What each column's cells are set up with: the view and the column. */
  struct CellSetup {
    KanriBatchView *view;
    Column          column;
  }                          cell_setups[N_COLUMNS];
  KanriColumnSort           *column_sort;
  GtkToggleButton           *filter_buttons[KANRI_BATCH_N_FILTERS];

  GtkWidget                 *progress_box;
  GtkLabel                  *progress_title;
  GtkProgressBar            *progress_bar;
  GtkLabel                  *progress_label;
  GtkWidget                 *run_box;
  GtkLabel                  *run_label;
  GtkStack                  *view_stack;
  GtkListBox                *findings_list;
  KanriVerdictChart         *verdict_chart;
  GtkListBox                *cips_list;
  GtkListBox                *domains_list;
  KanriWrapBox              *filters_box;
  GtkSearchEntry            *search_entry;
  GtkWidget                 *cip_button;
  GtkLabel                  *cip_label;
  GtkColumnView             *column_view;
};

G_DEFINE_FINAL_TYPE (KanriBatchView, kanri_batch_view, ADW_TYPE_BIN)

enum {
  SIGNAL_CLOSED,
  SIGNAL_OPEN_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_summary (KanriBatchView *self);

static char *
format_count (guint64 count)
{
  /* Digits grouped as the locale groups them. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* -- connectors ------------------------------------------------------------ */

/**
 * kanri_batch_view_get_connector_for:
 * @cip: (nullable): a connecting IP
 *
 * Returns: (nullable): the name of the current tenant's inbound connector
 *   whose SenderIPAddresses cover @cip: the connector such mail arrives
 *   through (the batch's messages carry no connector name of their own)
 */
const char *
kanri_batch_view_get_connector_for (KanriBatchView *self,
                                    const char     *cip)
{
  GListModel *connectors;
  const char *name;

  g_return_val_if_fail (KANRI_IS_BATCH_VIEW (self), NULL);

  if (cip == NULL || self->tenant == NULL)
    return NULL;

  name = g_hash_table_lookup (self->connectors, cip);
  if (name == NULL)
    {
      connectors = kanri_tenant_get_connectors (self->tenant);
      name = "";
      for (guint i = 0; i < g_list_model_get_n_items (connectors); i++)
        {
          g_autoptr(KanriConnector) connector = g_list_model_get_item (connectors, i);

          if (kanri_connector_covers_ip (connector, cip))
            {
              name = kanri_connector_get_name (connector);
              break;
            }
        }
      g_hash_table_insert (self->connectors, g_strdup (cip), g_strdup (name));
      name = g_hash_table_lookup (self->connectors, cip);
    }

  return *name != '\0' ? name : NULL;
}

/* -- the table ------------------------------------------------------------- */

static char *
format_date (gint64 unix_date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_date);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : NULL;
}

static char *
cell_text (KanriBatchView    *self,
           KanriBatchMessage *message,
           Column             column)
{
  gint64 date;
  int level;

  switch (column)
    {
    case COLUMN_DATE:
      return kanri_batch_message_get_date (message, &date) ? format_date (date) : NULL;
    case COLUMN_SENDER:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_SENDER));
    case COLUMN_SUBJECT:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_SUBJECT));
    case COLUMN_CIP:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_CIP));
    case COLUMN_ORIGINAL_IP:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_ORIGINAL_IP));
    case COLUMN_SPF:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_SPF));
    case COLUMN_DKIM:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_DKIM));
    case COLUMN_DMARC:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_DMARC));
    case COLUMN_COMPAUTH:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_COMPAUTH));
    case COLUMN_SCL:
      return kanri_batch_message_get_scl (message, &level) ? g_strdup_printf ("%d", level) : NULL;
    case COLUMN_BCL:
      return kanri_batch_message_get_bcl (message, &level) ? g_strdup_printf ("%d", level) : NULL;
    case COLUMN_SFV:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_SFV));
    case COLUMN_CONNECTOR:
      return g_strdup (kanri_batch_view_get_connector_for (self,
                                                           kanri_batch_message_get_text (message,
                                                                                         KANRI_BATCH_FIELD_CIP)));
    case COLUMN_DIRECTION:
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_DIRECTION));
    case COLUMN_FINDINGS:
      if (kanri_batch_message_get_duplicate (message))
        return g_strdup (_("Counted once: the same message came earlier in the batch"));
      if (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_ERROR) != NULL)
        return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_ERROR));
      return g_strdup (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_FINDINGS));
    case N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  struct CellSetup *setup = user_data;
  GtkWidget *cell = kanri_text_cell_new ();

  if (setup->column == COLUMN_SCL || setup->column == COLUMN_BCL || setup->column == COLUMN_DATE)
    gtk_widget_add_css_class (cell, "numeric");
  g_object_set_data (G_OBJECT (cell), "kanri-column", GUINT_TO_POINTER (setup->column));
  g_object_set_data (G_OBJECT (cell), "kanri-view", setup->view);
  gtk_list_item_set_child (list_item, cell);
}

/* A cell shows its row's message and follows it: the row's slot is given
 * another message when the whole list is replaced (kanri-slot-model.c). */
static void
show_cell (GtkListItem *list_item)
{
  KanriRowSlot *slot = gtk_list_item_get_item (list_item);
  KanriBatchMessage *message = slot ? kanri_row_slot_get_item (slot) : NULL;
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "kanri-column"));
  KanriBatchView *self = g_object_get_data (G_OBJECT (cell), "kanri-view");
  g_autofree char *text = message != NULL ? cell_text (self, message, column) : NULL;
  gboolean bad = FALSE;

  kanri_text_cell_set_text (KANRI_TEXT_CELL (cell), text);

  if (message != NULL && column == COLUMN_FINDINGS)
    bad = kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_ERROR) != NULL;
  else if (message != NULL && column == COLUMN_DMARC)
    {
      const char *dmarc = kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_DMARC);

      bad = dmarc != NULL && g_str_has_prefix (dmarc, "fail");
    }
  else if (message != NULL && column == COLUMN_CIP)
    bad = kanri_batch_message_get_cip_is_relay (message) && !kanri_batch_message_get_enhanced_filtering (message);

  /* Widgets are reused for other rows: both ways. */
  if (bad)
    gtk_widget_add_css_class (cell, "warning");
  else
    gtk_widget_remove_css_class (cell, "warning");
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  KanriRowSlot *slot = gtk_list_item_get_item (list_item);

  show_cell (list_item);
  if (slot != NULL)
    g_signal_connect_object (slot, "notify::item", G_CALLBACK (show_cell), list_item, G_CONNECT_SWAPPED);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  KanriRowSlot *slot = gtk_list_item_get_item (list_item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, show_cell, list_item);
}

/* The list sorts in SQL, by the column the header sorts by. */
static void
sorter_changed_cb (KanriBatchView *self)
{
  int sort = KANRI_BATCH_SORT_INPUT;
  gboolean descending = FALSE;

  if (self->column_sort == NULL || self->messages == NULL)
    return;

  kanri_column_sort_get (self->column_sort, &sort, &descending);
  kanri_batch_message_list_set_sort (self->messages, sort, descending);
}

static void
add_columns (KanriBatchView *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      self->cell_setups[i] = (struct CellSetup) { self, i };
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), &self->cell_setups[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
      column = gtk_column_view_column_new (columns[i].translatable ? _(columns[i].title) : columns[i].title,
                                           g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].sort != KANRI_BATCH_N_SORTS)
        kanri_column_sort_add_column (self->column_sort, column, columns[i].sort);
      gtk_column_view_append_column (self->column_view, column);
      self->column_views[i] = column;
      g_object_unref (column);
    }
}

static void
activate_cb (GtkColumnView  *view,
             guint           position,
             KanriBatchView *self)
{
  g_autoptr(KanriBatchMessage) message = kanri_slot_model_get_item (self->rows, position);
  const char *path;

  if (message == NULL)
    return;
  path = kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_PATH);
  if (path != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_MESSAGE], 0, path, kanri_batch_message_get_offset (message),
                   kanri_batch_message_get_number (message));
}

/* -- filters --------------------------------------------------------------- */

static void
update_filters (KanriBatchView *self)
{
  for (guint i = 0; i < KANRI_BATCH_N_FILTERS; i++)
    {
      g_autofree char *count = NULL;
      g_autofree char *label = NULL;

      if (self->messages != NULL)
        count = format_count (kanri_batch_message_list_count (self->messages, i));
      /* Translators: a filter of the batch analysis's table and how many
       * messages it shows, e.g. "Spam (4,812)" */
      label = count != NULL ? g_strdup_printf (_("%s (%s)"), _(filter_labels[i]), count)
                            : g_strdup (_(filter_labels[i]));
      gtk_button_set_label (GTK_BUTTON (self->filter_buttons[i]), label);
    }

  if (self->messages != NULL && kanri_batch_message_list_get_cip (self->messages) != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the button that shows the table's CIP filter and clears it */
      text = g_strdup_printf (_("Only CIP %s"), kanri_batch_message_list_get_cip (self->messages));
      gtk_label_set_label (self->cip_label, text);
      gtk_widget_set_visible (self->cip_button, TRUE);
    }
  else
    gtk_widget_set_visible (self->cip_button, FALSE);
}

static void
filter_toggled_cb (GtkToggleButton *button,
                   KanriBatchView  *self)
{
  if (!gtk_toggle_button_get_active (button) || self->messages == NULL)
    return;

  for (guint i = 0; i < KANRI_BATCH_N_FILTERS; i++)
    {
      if (self->filter_buttons[i] == button)
        kanri_batch_message_list_set_filter (self->messages, i);
    }
}

static void
add_filter_buttons (KanriBatchView *self)
{
  for (guint i = 0; i < KANRI_BATCH_N_FILTERS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      self->filter_buttons[i] = GTK_TOGGLE_BUTTON (button);
      if (i > 0)
        gtk_toggle_button_set_group (self->filter_buttons[i], self->filter_buttons[0]);
      /* Found by name, whatever the count. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(filter_labels[i]), -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (filter_toggled_cb), self, 0);
      kanri_wrap_box_append (self->filters_box, button);
    }

  gtk_toggle_button_set_active (self->filter_buttons[0], TRUE);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   KanriBatchView *self)
{
  if (self->messages != NULL)
    kanri_batch_message_list_set_search (self->messages, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* The table with one filter (and one CIP, or every CIP). */
static void
show_messages (KanriBatchView   *self,
               KanriBatchFilter  filter,
               const char       *cip)
{
  if (self->messages == NULL)
    return;

  kanri_batch_message_list_set_cip (self->messages, cip);
  gtk_toggle_button_set_active (self->filter_buttons[filter], TRUE);
  kanri_batch_message_list_set_filter (self->messages, filter);
  gtk_stack_set_visible_child_name (self->view_stack, "messages");
  update_filters (self);
}

/* -- the summary ----------------------------------------------------------- */

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Addresses, names and subjects are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  return row;
}

static GtkWidget *
new_row_button (const char *label,
                const char *action,
                GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);

  return button;
}

static void
add_finding_button (GtkWidget  *row,
                    const char *label,
                    const char *action,
                    GVariant   *target)
{
  kanri_finding_row_add_button (row, new_row_button (label, action, target));
}

static void
add_relay_finding (KanriBatchView           *self,
                   const KanriBatchRelayCip *relay)
{
  g_autofree char *count = format_count (relay->messages);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *connector = kanri_batch_view_get_connector_for (self, relay->cip);
  GtkWidget *row;

  /* Translators: a finding across the messages of a batch analysis: how
   * many messages, and the IP address they came through */
  title = g_strdup_printf (ngettext ("%s message arrived through %s without enhanced filtering",
                                     "%s messages arrived through %s without enhanced filtering",
                                     relay->messages),
                           count, relay->cip);
  if (connector != NULL)
    /* Translators: %s is the name of an inbound connector */
    subtitle = g_strdup_printf (_("Their CIP is the gateway, not the sender: Exchange Online judged them by the gateway’s address. "
                                  "Turn on enhanced filtering on the connector “%s” so that it sees past it."),
                                connector);
  else
    subtitle = g_strdup (_("Their CIP is the gateway, not the sender: Exchange Online judged them by the gateway’s address. "
                           "No inbound connector of this tenant lists it: enhanced filtering belongs to the connector the gateway’s mail arrives through."));

  row = kanri_finding_row_new (title, subtitle, TRUE);
  add_finding_button (row, _("Show _Messages"), "batch.show-gateway", g_variant_new_string (relay->cip));
  add_finding_button (row, _("Set Up _Enhanced Filtering…"), "batch.enhanced-filtering",
                      g_variant_new_string (relay->cip));
  gtk_list_box_append (self->findings_list, row);
}

static void
add_count_finding (KanriBatchView   *self,
                   KanriBatchFilter  filter,
                   const char       *title,
                   const char       *subtitle)
{
  GtkWidget *row = kanri_finding_row_new (title, subtitle, FALSE);

  add_finding_button (row, _("Show _Messages"), "batch.show-filter", g_variant_new_uint32 (filter));
  gtk_list_box_append (self->findings_list, row);
}

static void
show_findings (KanriBatchView *self)
{
  const KanriBatchSummary *summary = self->summary;
  guint auth_failed = 0;
  guint spam = 0;

  list_box_clear (self->findings_list);

  for (guint i = 0; i < summary->relay_cips->len; i++)
    add_relay_finding (self, summary->relay_cips->pdata[i]);

  for (guint i = 0; i < summary->days->len; i++)
    {
      auth_failed += g_array_index (summary->days, KanriBatchDay, i).auth_failed;
      spam += g_array_index (summary->days, KanriBatchDay, i).spam;
    }
  if (spam > 0)
    {
      g_autofree char *count = format_count (spam);
      g_autofree char *title = g_strdup_printf (ngettext ("%s message is spam", "%s messages are spam", spam),
                                                count);

      add_count_finding (self, KANRI_BATCH_FILTER_SPAM, title,
                         _("Exchange Online gave them a spam confidence level (SCL) of 5 or more."));
    }
  if (auth_failed > 0)
    {
      g_autofree char *count = format_count (auth_failed);
      g_autofree char *title = g_strdup_printf (ngettext ("%s message failed authentication without being spam",
                                                          "%s messages failed authentication without being spam",
                                                          auth_failed),
                                                count);

      add_count_finding (self, KANRI_BATCH_FILTER_AUTH_FAILED, title,
                         _("DMARC or composite authentication (compauth) failed, and the SCL is under 5."));
    }
  if (summary->run->errors > 0)
    {
      g_autofree char *count = format_count (summary->run->errors);
      g_autofree char *title = g_strdup_printf (ngettext ("%s message could not be analyzed",
                                                          "%s messages could not be analyzed",
                                                          summary->run->errors),
                                                count);

      add_count_finding (self, KANRI_BATCH_FILTER_ERRORS, title,
                         _("Each is listed with the reason; the batch went on without it."));
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->findings_list)) == NULL)
    gtk_list_box_append (self->findings_list,
                         kanri_finding_row_new (_("Nothing stands out"),
                                          _("No message is spam, none failed authentication, and none came through a gateway without enhanced filtering."),
                                          FALSE));
}

static const char *
cip_class_label (const KanriBatchCipCount *cip)
{
  KanriIpClass klass;

  if (cip->without_enhanced_filtering > 0)
    return _("Gateway or relay");
  if (kanri_ip_class_from_string (cip->cip_class, &klass))
    return kanri_ip_class_get_label (klass);
  return NULL;
}

static void
show_cips (KanriBatchView *self)
{
  GPtrArray *cips = self->summary->cips;
  guint scale = cips->len > 0 ? ((KanriBatchCipCount *)cips->pdata[0])->messages : 0;

  list_box_clear (self->cips_list);
  for (guint i = 0; i < cips->len; i++)
    {
      const KanriBatchCipCount *cip = cips->pdata[i];
      g_autofree char *count = format_count (cip->messages);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      KanriShareSegment segments[] = {
        { cip->messages - cip->without_enhanced_filtering, KANRI_SHARE_NEUTRAL },
        { cip->without_enhanced_filtering, KANRI_SHARE_WARNING },
      };
      const char *klass = cip_class_label (cip);
      const char *connector = kanri_batch_view_get_connector_for (self, cip->cip);
      GtkWidget *bar = kanri_share_bar_new ();
      GtkWidget *row;

      g_string_append_printf (subtitle, ngettext ("%s message", "%s messages", cip->messages), count);
      if (klass != NULL)
        g_string_append_printf (subtitle, " · %s", klass);
      if (connector != NULL)
        {
          g_string_append (subtitle, " · ");
          /* Translators: %s is the name of an inbound connector */
          g_string_append_printf (subtitle, _("connector “%s”"), connector);
        }
      if (cip->without_enhanced_filtering > 0)
        {
          g_autofree char *without = format_count (cip->without_enhanced_filtering);

          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, _("%s without enhanced filtering"), without);
        }

      row = new_row (cip->cip, subtitle->str);
      /* One width for every bar of the list: their lengths compare. */
      gtk_widget_set_size_request (bar, BAR_WIDTH, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      kanri_share_bar_set_segments (KANRI_SHARE_BAR (bar), segments, G_N_ELEMENTS (segments), scale);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      /* The row itself shows the CIP's messages: a button beside the bar
       * would hold the page wider than a phone's width. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "batch.show-cip");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (cip->cip));
      gtk_widget_set_tooltip_text (row, _("Show the messages of this CIP"));
      gtk_list_box_append (self->cips_list, row);
    }

  if (cips->len == 0)
    gtk_list_box_append (self->cips_list, new_row (_("No message has a connecting IP"), NULL));
}

static void
show_domains (KanriBatchView *self)
{
  GPtrArray *domains = self->summary->domains;
  guint scale = domains->len > 0 ? ((KanriBatchDomainCount *)domains->pdata[0])->messages : 0;

  list_box_clear (self->domains_list);
  for (guint i = 0; i < domains->len; i++)
    {
      const KanriBatchDomainCount *domain = domains->pdata[i];
      g_autofree char *count = format_count (domain->messages);
      g_autofree char *pass = format_count (domain->dmarc_pass);
      g_autofree char *fail = format_count (domain->dmarc_fail);
      g_autofree char *other = format_count (domain->dmarc_other);
      g_autofree char *subtitle = NULL;
      KanriShareSegment segments[] = {
        { domain->dmarc_pass, KANRI_SHARE_GOOD },
        { domain->dmarc_fail, KANRI_SHARE_BAD },
        { domain->dmarc_other, KANRI_SHARE_DIM },
      };
      GtkWidget *bar = kanri_share_bar_new ();
      GtkWidget *row;

      /* Translators: a sending domain of a batch analysis: its messages and
       * their DMARC outcome, e.g. "32 messages · DMARC: 2 passed, 30 failed, 0 neither" */
      subtitle = g_strdup_printf (ngettext ("%s message · DMARC: %s passed, %s failed, %s neither",
                                            "%s messages · DMARC: %s passed, %s failed, %s neither",
                                            domain->messages),
                                  count, pass, fail, other);
      row = new_row (domain->domain, subtitle);
      kanri_share_bar_set_segments (KANRI_SHARE_BAR (bar), segments, G_N_ELEMENTS (segments), scale);
      /* One width for every bar of the list: their lengths compare. */
      gtk_widget_set_size_request (bar, BAR_WIDTH, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      gtk_list_box_append (self->domains_list, row);
    }

  if (domains->len == 0)
    gtk_list_box_append (self->domains_list, new_row (_("No message has a From address"), NULL));
}

static char *
describe_sources (char **paths)
{
  guint n = paths != NULL ? g_strv_length (paths) : 0;

  if (n == 1)
    return g_path_get_basename (paths[0]);

  /* Translators: what a batch analysis read, when it was given several */
  return g_strdup_printf (ngettext ("%u file or folder", "%u files and folders", n), n);
}

static void
show_run (KanriBatchView *self)
{
  const KanriBatchRun *run = self->summary != NULL ? self->summary->run : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *count = NULL;
  g_autofree char *sources = NULL;
  const GError *error = self->session != NULL ? kanri_batch_analysis_session_get_error (self->session) : NULL;

  if (run == NULL)
    return;

  count = format_count (run->messages);
  sources = describe_sources (run->paths);
  /* Translators: a batch analysis: how many messages, read from what (a
   * file's name, or "3 files and folders") */
  g_string_append_printf (text, ngettext ("%s message from %s", "%s messages from %s", run->messages),
                          count, sources);
  if (run->errors > 0)
    {
      g_autofree char *errors = format_count (run->errors);

      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%s not analyzed", "%s not analyzed", run->errors), errors);
    }
  if (run->duplicates > 0)
    {
      g_autofree char *duplicates = format_count (run->duplicates);

      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%s duplicate", "%s duplicates", run->duplicates), duplicates);
    }
  if (run->cancelled)
    {
      g_string_append (text, " · ");
      g_string_append (text, _("cancelled: the messages analyzed until then are kept"));
    }
  else if (run->finished == 0 && !kanri_batch_view_get_running (self))
    {
      g_string_append (text, " · ");
      g_string_append (text, _("stopped before the end: Kanri was closed while it ran"));
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      kanri_batch_analysis_session_get_run_id (self->session) == self->run_id)
    {
      g_string_append (text, " · ");
      g_string_append (text, error->message);
    }

  gtk_label_set_label (self->run_label, text->str);
}

static void
summary_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KanriBatchView *self = user_data;
  g_autoptr(GError) error = NULL;
  KanriBatchSummary *summary = kanri_batch_summary_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->summary_load);

  if (summary == NULL)
    {
      gtk_label_set_label (self->run_label, error->message);
      return;
    }

  g_clear_pointer (&self->summary, kanri_batch_summary_free);
  self->summary = summary;
  show_findings (self);
  kanri_verdict_chart_set_days (self->verdict_chart, summary->days);
  show_cips (self);
  show_domains (self);
  show_run (self);

  /* Asked again while this one was read (the run went on). */
  if (self->summary_again)
    load_summary (self);
}

static void
load_summary (KanriBatchView *self)
{
  self->summary_again = FALSE;
  if (self->summary_load != NULL)
    {
      self->summary_again = TRUE;
      return;
    }
  if (self->store == NULL || self->run_id == 0)
    return;

  self->summary_load = g_cancellable_new ();
  kanri_batch_summary_load_async (self->store, self->run_id, self->summary_load, summary_loaded_cb, self);
}

/* -- progress -------------------------------------------------------------- */

static void
update_progress (KanriBatchView *self)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *count = NULL;
  guint64 messages, bytes, total;
  double seconds;

  if (self->session == NULL)
    return;

  messages = kanri_batch_analysis_session_get_messages (self->session);
  bytes = kanri_batch_analysis_session_get_bytes (self->session);
  total = kanri_batch_analysis_session_get_total_bytes (self->session);
  seconds = (g_get_monotonic_time () - self->started_usec) / (double)G_USEC_PER_SEC;

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double)bytes / total));
  else
    gtk_progress_bar_pulse (self->progress_bar);

  count = format_count (messages);
  /* Translators: progress of a batch analysis */
  g_string_append_printf (detail, ngettext ("%s message analyzed", "%s messages analyzed", messages), count);
  if (kanri_batch_analysis_session_get_errors (self->session) > 0)
    {
      g_autofree char *errors = format_count (kanri_batch_analysis_session_get_errors (self->session));

      g_string_append (detail, " · ");
      g_string_append_printf (detail, ngettext ("%s not analyzed", "%s not analyzed",
                                                kanri_batch_analysis_session_get_errors (self->session)),
                              errors);
    }
  if (seconds > 0.5 && messages > 0)
    {
      g_autofree char *rate = format_count ((guint64)(messages / seconds));

      g_string_append (detail, " · ");
      /* Translators: the speed of a batch analysis */
      g_string_append_printf (detail, _("%s messages per second"), rate);
      g_string_append (detail, " · ");
      /* Translators: the speed of a batch analysis, in megabytes */
      g_string_append_printf (detail, _("%.1f MB/s"), bytes / seconds / 1e6);
      if (total > bytes && bytes > 0)
        {
          g_autofree char *left = kanri_format_time_left ((gint64)((total - bytes) / (bytes / seconds)));

          g_string_append (detail, " · ");
          g_string_append (detail, left);
        }
    }

  gtk_label_set_label (self->progress_label, detail->str);
}

static gboolean
refresh_cb (gpointer data)
{
  KanriBatchView *self = data;

  self->refresh_source = 0;
  if (self->messages != NULL)
    kanri_batch_message_list_refresh (self->messages);
  load_summary (self);

  return G_SOURCE_REMOVE;
}

static void
bind_messages (KanriBatchView *self)
{
  if (self->messages != NULL && kanri_batch_message_list_get_run_id (self->messages) == self->run_id)
    return;

  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_data (self->messages, self);
  g_clear_object (&self->messages);
  g_clear_pointer (&self->summary, kanri_batch_summary_free);
  g_hash_table_remove_all (self->connectors);

  if (self->store != NULL && self->run_id > 0)
    {
      self->messages = kanri_batch_message_list_new (self->store, self->run_id);
      g_signal_connect_object (self->messages, "notify::loading", G_CALLBACK (update_filters), self,
                               G_CONNECT_SWAPPED);
    }
  kanri_slot_model_set_model (self->rows, self->messages != NULL ? G_LIST_MODEL (self->messages) : NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->filter_buttons[KANRI_BATCH_FILTER_ALL], TRUE);
  sorter_changed_cb (self);
  update_filters (self);
}

static void
session_run_id_cb (KanriBatchView *self)
{
  gint64 run_id = kanri_batch_analysis_session_get_run_id (self->session);

  if (run_id == 0 || run_id == self->run_id)
    return;

  self->run_id = run_id;
  bind_messages (self);
  load_summary (self);
}

static void
session_progress_cb (KanriBatchView *self)
{
  update_progress (self);
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_INTERVAL_MS, refresh_cb, self);
}

static void
update_state (KanriBatchView *self)
{
  gboolean running = kanri_batch_view_get_running (self);

  gtk_widget_set_visible (self->progress_box, running);
  gtk_widget_set_visible (self->run_box, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.forget", !running && self->run_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.close", !running);
}

static void
session_running_cb (KanriBatchView *self)
{
  const GError *error = kanri_batch_analysis_session_get_error (self->session);

  if (!kanri_batch_analysis_session_get_running (self->session))
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      /* A run that could not start (a path that is not there) has no rows:
       * it says why. */
      if (self->run_id == 0 && error != NULL)
        gtk_label_set_label (self->run_label, error->message);
      refresh_cb (self);
    }

  update_state (self);
}

/* -- actions --------------------------------------------------------------- */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KanriBatchView *self = KANRI_BATCH_VIEW (widget);

  if (self->session != NULL)
    kanri_batch_analysis_session_cancel (self->session);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_CLOSED], 0);
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KanriBatchView *self = KANRI_BATCH_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->run_id == 0 || kanri_batch_view_get_running (self))
    return;

  if (!kanri_batch_run_delete (self->store, self->run_id, &error))
    {
      gtk_label_set_label (self->run_label, error->message);
      return;
    }

  self->run_id = 0;
  bind_messages (self);
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

static void
show_filter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  guint filter = g_variant_get_uint32 (parameter);

  if (filter < KANRI_BATCH_N_FILTERS)
    show_messages (KANRI_BATCH_VIEW (widget), filter, NULL);
}

static void
show_cip_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  show_messages (KANRI_BATCH_VIEW (widget), KANRI_BATCH_FILTER_ALL, g_variant_get_string (parameter, NULL));
}

static void
show_gateway_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_messages (KANRI_BATCH_VIEW (widget), KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING,
                 g_variant_get_string (parameter, NULL));
}

static void
clear_cip_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KanriBatchView *self = KANRI_BATCH_VIEW (widget);

  if (self->messages != NULL)
    kanri_batch_message_list_set_cip (self->messages, NULL);
  update_filters (self);
}

/* The finding's way out: the enhanced-filtering wizard, on the connector
 * the gateway's mail arrives through when the tenant has one. */
static void
enhanced_filtering_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  KanriBatchView *self = KANRI_BATCH_VIEW (widget);
  const char *connector = kanri_batch_view_get_connector_for (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *overlay;

  if (self->tenant != NULL && g_list_model_get_n_items (kanri_tenant_get_connectors (self->tenant)) > 0)
    {
      gtk_window_present (GTK_WINDOW (kanri_enhanced_filtering_wizard_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                           self->tenant, connector)));
      return;
    }

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (self->tenant == NULL
                                                ? _("Sign in to a tenant to set up enhanced filtering")
                                                : _("Enhanced filtering belongs to an inbound connector: add one first")));
}

/* -- the object ------------------------------------------------------------ */

static void
tenant_connectors_changed_cb (KanriBatchView *self)
{
  g_hash_table_remove_all (self->connectors);
  if (self->summary != NULL)
    {
      show_findings (self);
      show_cips (self);
    }
  /* The Connector column's cells read it again as they are bound. */
  gtk_widget_queue_draw (GTK_WIDGET (self->column_view));
}

static void
kanri_batch_view_dispose (GObject *object)
{
  KanriBatchView *self = KANRI_BATCH_VIEW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->summary_load);
  g_clear_object (&self->summary_load);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      kanri_batch_analysis_session_cancel (self->session);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->column_sort);
  if (self->tenant != NULL)
    g_signal_handlers_disconnect_by_data (kanri_tenant_get_connectors (self->tenant), self);
  g_clear_object (&self->tenant);
  g_clear_object (&self->messages);
  g_clear_object (&self->rows);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_BATCH_VIEW);

  G_OBJECT_CLASS (kanri_batch_view_parent_class)->dispose (object);
}

static void
kanri_batch_view_finalize (GObject *object)
{
  KanriBatchView *self = KANRI_BATCH_VIEW (object);

  g_clear_pointer (&self->summary, kanri_batch_summary_free);
  g_clear_pointer (&self->connectors, g_hash_table_unref);
  g_free (self->progress_title_text);

  G_OBJECT_CLASS (kanri_batch_view_parent_class)->finalize (object);
}

static void
kanri_batch_view_class_init (KanriBatchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_batch_view_dispose;
  object_class->finalize = kanri_batch_view_finalize;

  /**
   * KanriBatchView::closed:
   *
   * The admin closed the batch (or removed it): the analyzer shows its
   * inputs again.
   */
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * KanriBatchView::open-message:
   * @path: the file the message is in
   * @offset: where its From_ line is in an mbox, or -1 for a message file
   * @number: its place in the mbox, from 0
   *
   * A row of the table was activated: the analyzer opens that message.
   */
  signals[SIGNAL_OPEN_MESSAGE] =
    g_signal_new ("open-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kanri/Kanri/kanri-batch-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, progress_title);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, run_box);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, run_label);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, findings_list);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, verdict_chart);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, cips_list);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, domains_list);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, filters_box);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, cip_button);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, cip_label);
  gtk_widget_class_bind_template_child (widget_class, KanriBatchView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "batch.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "batch.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "batch.forget", NULL, forget_action);
  gtk_widget_class_install_action (widget_class, "batch.show-filter", "u", show_filter_action);
  gtk_widget_class_install_action (widget_class, "batch.show-cip", "s", show_cip_action);
  gtk_widget_class_install_action (widget_class, "batch.show-gateway", "s", show_gateway_action);
  gtk_widget_class_install_action (widget_class, "batch.clear-cip", NULL, clear_cip_action);
  gtk_widget_class_install_action (widget_class, "batch.enhanced-filtering", "s", enhanced_filtering_action);

  g_type_ensure (KANRI_TYPE_VERDICT_CHART);
  g_type_ensure (KANRI_TYPE_WRAP_BOX);
}

static void
kanri_batch_view_init (KanriBatchView *self)
{
  self->connectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = kanri_slot_model_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->selection);
  self->column_sort = kanri_column_sort_new (self->column_view);
  add_columns (self);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self, 0);
  g_signal_connect_object (self->column_sort, "changed", G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);

  add_filter_buttons (self);
  kanri_wrap_box_set_spacing (self->filters_box, 6);
  kanri_wrap_box_set_row_spacing (self->filters_box, 6);
  update_filters (self);
  update_state (self);
}

GtkWidget *
kanri_batch_view_new (void)
{
  return g_object_new (KANRI_TYPE_BATCH_VIEW, NULL);
}

void
kanri_batch_view_set_store (KanriBatchView *self,
                            KanriStore     *store)
{
  g_return_if_fail (KANRI_IS_BATCH_VIEW (self));
  g_return_if_fail (store == NULL || KANRI_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      kanri_batch_analysis_session_cancel (self->session);
      g_clear_object (&self->session);
    }
  g_set_object (&self->store, store);
  self->run_id = 0;
  bind_messages (self);
  update_state (self);
}

/**
 * kanri_batch_view_set_tenant:
 * @tenant: (nullable): whose inbound connectors the Connector column and
 *   the findings name, and where the wizard makes its change
 */
void
kanri_batch_view_set_tenant (KanriBatchView *self,
                             KanriTenant    *tenant)
{
  g_return_if_fail (KANRI_IS_BATCH_VIEW (self));

  if (self->tenant == tenant)
    return;

  if (self->tenant != NULL)
    g_signal_handlers_disconnect_by_data (kanri_tenant_get_connectors (self->tenant), self);
  g_set_object (&self->tenant, tenant);
  if (tenant != NULL)
    g_signal_connect_object (kanri_tenant_get_connectors (tenant), "items-changed",
                             G_CALLBACK (tenant_connectors_changed_cb), self, G_CONNECT_SWAPPED);
  tenant_connectors_changed_cb (self);
}

/**
 * kanri_batch_view_start:
 * @paths: (array zero-terminated=1): files, mbox files and folders
 *
 * Analyses @paths into the local model and shows the run as it goes.
 */
void
kanri_batch_view_start (KanriBatchView    *self,
                        const char *const *paths)
{
  g_autofree char *sources = NULL;

  g_return_if_fail (KANRI_IS_BATCH_VIEW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);
  g_return_if_fail (self->store != NULL);
  g_return_if_fail (!kanri_batch_view_get_running (self));

  if (self->session == NULL)
    {
      self->session = kanri_batch_analysis_session_new (self->store);
      g_signal_connect_object (self->session, "notify::run-id", G_CALLBACK (session_run_id_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::messages", G_CALLBACK (session_progress_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::total-bytes", G_CALLBACK (update_progress), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::running", G_CALLBACK (session_running_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->run_id = 0;
  bind_messages (self);
  list_box_clear (self->findings_list);
  list_box_clear (self->cips_list);
  list_box_clear (self->domains_list);
  kanri_verdict_chart_set_days (self->verdict_chart, NULL);
  gtk_label_set_label (self->run_label, "");
  gtk_stack_set_visible_child_name (self->view_stack, "summary");

  sources = describe_sources ((char **)paths);
  /* Translators: the heading while a batch analysis runs; %s is a file's
   * name or "3 files and folders" */
  g_free (self->progress_title_text);
  self->progress_title_text = g_strdup_printf (_("Analyzing %s"), sources);
  gtk_label_set_label (self->progress_title, self->progress_title_text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);

  self->started_usec = g_get_monotonic_time ();
  kanri_batch_analysis_session_start (self->session, paths);
  update_progress (self);
  update_state (self);
}

/**
 * kanri_batch_view_open_run:
 *
 * Shows a run kept in the local model: it opens at once, whatever its size.
 */
void
kanri_batch_view_open_run (KanriBatchView *self,
                           gint64          run_id)
{
  g_return_if_fail (KANRI_IS_BATCH_VIEW (self));
  g_return_if_fail (!kanri_batch_view_get_running (self));

  self->run_id = run_id;
  bind_messages (self);
  gtk_stack_set_visible_child_name (self->view_stack, "summary");
  load_summary (self);
  update_state (self);
}

gint64
kanri_batch_view_get_run_id (KanriBatchView *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_VIEW (self), 0);
  return self->run_id;
}

gboolean
kanri_batch_view_get_running (KanriBatchView *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_VIEW (self), FALSE);
  return self->session != NULL && kanri_batch_analysis_session_get_running (self->session);
}

/**
 * kanri_batch_view_get_summary_loading:
 *
 * Returns: whether the summary is being read (again)
 */
gboolean
kanri_batch_view_get_summary_loading (KanriBatchView *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_VIEW (self), FALSE);
  return self->summary_load != NULL || self->refresh_source != 0;
}

/**
 * kanri_batch_view_get_messages:
 *
 * Returns: (transfer none) (nullable): the table's list
 */
KanriBatchMessageList *
kanri_batch_view_get_messages (KanriBatchView *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_VIEW (self), NULL);
  return self->messages;
}

/**
 * kanri_batch_view_get_summary:
 *
 * Returns: (transfer none) (nullable): what the summary shows
 */
const KanriBatchSummary *
kanri_batch_view_get_summary (KanriBatchView *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_VIEW (self), NULL);
  return self->summary;
}
