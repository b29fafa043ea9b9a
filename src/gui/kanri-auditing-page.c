/* kanri-auditing-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-auditing-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-alert.h"
#include "kanri-audit-bypass.h"
#include "kanri-audit-export.h"
#include "kanri-audit-fix.h"
#include "kanri-auditing-page.h"
#include "kanri-column-sort.h"
#include "kanri-file-chooser.h"
#include "kanri-fit-scroller.h"
#include "kanri-journal.h"
#include "kanri-powershell-label.h"
#include "kanri-slot-model.h"
#include "kanri-text-cell.h"
#include "kanri-time-left.h"
#include "kanri-wrap-box.h"

/* The audit settings of every mailbox (PRODUCT.md "Mailbox Auditing page"):
 * the seed's Get-Mailbox report as a table that stays smooth on 100,000
 * rows (KanriMailboxList does the filtering and sorting in SQL), the seed's
 * two fixes for MC711333 as journaled batches that can be paused, cancelled
 * and resumed after a crash, and the seed's CSV export.
 *
 * Above the table, what decides whether mailboxes are audited at all
 * (Microsoft Learn, "Manage mailbox auditing",
 * https://learn.microsoft.com/purview/audit-mailboxes): the organization's
 * AuditDisabled, False while mailbox auditing on by default is on; True
 * turns it off for every mailbox, whatever its own settings (as
 * https://artefacts.help/azure_o365_security_review_mailbox_auditing_configuration.html
 * also reads it). And the accounts that bypass mailbox audit logging: what
 * they do in any mailbox is not logged (Microsoft Learn,
 * "Get-MailboxAuditBypassAssociation"). Both fixes go through the journal. */

/* The rows of the errors list: more are in the Operations page. */
#define MAX_ERROR_ROWS 200
/* How many changes the confirmation shows as PowerShell. */
#define PREVIEW_LINES 3

typedef struct
{
  const char      *label;
  KanriAuditFlags  flags;
} FlagFilter;

/* The filter buttons: everything, what needs attention, then each flag. */
static const FlagFilter flag_filters[] = {
  { N_("All Mailboxes"), 0 },
  { N_("Needs Attention"), KANRI_AUDIT_FLAGS_NEED_ATTENTION },
  { NULL, KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED },
  { NULL, KANRI_AUDIT_FLAG_MISSING_SEND },
  { NULL, KANRI_AUDIT_FLAG_MESSAGE_BIND },
  { NULL, KANRI_AUDIT_FLAG_CUSTOMISED },
  { NULL, KANRI_AUDIT_FLAG_AWAITING_MICROSOFT },
  { NULL, KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED },
};

/* The table's columns, filled by one factory each. The cells are made in
 * C, not from builder templates, with a text cell that is quick to
 * change: a filter gives every row a new mailbox (kanri-text-cell.c). */
typedef enum
{
  COLUMN_DISPLAY_NAME,
  COLUMN_UPN,
  COLUMN_FLAGS,
  COLUMN_DEFAULT_AUDIT_SET,
  COLUMN_AUDIT_ADMIN,
  COLUMN_AUDIT_DELEGATE,
  COLUMN_AUDIT_OWNER,
  COLUMN_AUDIT_LOG_AGE_LIMIT,
  COLUMN_AUDIT_ENABLED,
  N_COLUMNS
} Column;

struct _KanriAuditingPage
{
  KanriPage            parent_instance;

  KanriMailboxList    *mailboxes;
  KanriSlotModel      *rows;
  KanriMailboxList    *attention;
  KanriAuditFlags      filter;
  GCancellable        *cancellable;
  GSignalGroup        *tenant_signals;

  KanriBatch          *batch;
  guint                batch_timer;
  guint                error_rows;
  char                *resume_id;
  gboolean             planning;
  gboolean             exporting;

  GtkToggleButton     *filter_buttons[G_N_ELEMENTS (flag_filters)];

  /* Which column the header sorts by. */
  KanriColumnSort     *column_sort;

  /* Template widgets */
  GtkRevealer         *org_audit_revealer;
  GtkRevealer         *bypass_revealer;
  GtkLabel            *bypass_label;
  GtkListBox          *bypass_list;
  GtkLabel            *bypass_refused_label;
  GtkRevealer         *resume_revealer;
  GtkLabel            *resume_label;
  GtkSearchEntry      *search_entry;
  GtkBox              *flags_box;
  GtkStack            *content_stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkMultiSelection   *selection;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *upn_column;
  GtkColumnViewColumn *default_set_column;
  GtkColumnViewColumn *age_column;
  GtkColumnViewColumn *enabled_column;
  GtkColumnViewColumn *flags_column;
  GtkColumnViewColumn *admin_column;
  GtkColumnViewColumn *delegate_column;
  GtkColumnViewColumn *owner_column;
  GtkRevealer         *export_revealer;
  GtkLabel            *export_label;
  GtkProgressBar      *export_progress;
  GtkRevealer         *batch_revealer;
  GtkLabel            *batch_title;
  GtkButton           *pause_button;
  GtkButton           *cancel_button;
  GtkButton           *close_button;
  GtkProgressBar      *batch_progress;
  GtkLabel            *batch_detail;
  GtkExpander         *errors_expander;
  GtkListBox          *errors_list;

  /* Columns widen to fit the longest text they showed (see cell_cut_cb). */
  struct ColumnGrowth
  {
    KanriAuditingPage   *page;
    GtkColumnViewColumn *column;
    int                  missing;
  }                    growth[N_COLUMNS];
  guint                growth_source;
};

G_DEFINE_FINAL_TYPE (KanriAuditingPage, kanri_auditing_page, KANRI_TYPE_PAGE)

static void start_batch (KanriAuditingPage *self,
                         KanriBatch        *batch);


static char *
format_list (const char *list)
{
  g_auto(GStrv) items = NULL;

  /* The local model keeps lists comma-separated; people read them spaced. */
  items = g_strsplit (list ? list : "", ",", -1);
  return g_strjoinv (", ", items);
}

static char *
format_flags (KanriAuditFlags flags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* SearchQueryInitiated is off on nearly every mailbox, by design: the
   * filter button counts it, the column would only repeat it. */
  for (guint bit = 1; bit < KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED; bit <<= 1)
    {
      if ((flags & bit) == 0)
        continue;
      if (text->len > 0)
        /* Translators: between two findings of a mailbox, e.g.
         * "MailItemsAccessed missing, Send missing" */
        g_string_append (text, _(", "));
      g_string_append (text, kanri_audit_flag_label (bit));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
cell_text (KanriMailbox *mailbox,
           Column        column)
{
  switch (column)
    {
    case COLUMN_DISPLAY_NAME:
      return g_strdup (kanri_mailbox_get_display_name (mailbox));
    case COLUMN_UPN:
      return g_strdup (kanri_mailbox_get_upn (mailbox));
    case COLUMN_FLAGS:
      return format_flags (kanri_mailbox_get_audit_flags (mailbox));
    case COLUMN_DEFAULT_AUDIT_SET:
      return format_list (kanri_mailbox_get_default_audit_set (mailbox));
    case COLUMN_AUDIT_ADMIN:
      return format_list (kanri_mailbox_get_audit_actions (mailbox, KANRI_AUDIT_ADMIN));
    case COLUMN_AUDIT_DELEGATE:
      return format_list (kanri_mailbox_get_audit_actions (mailbox, KANRI_AUDIT_DELEGATE));
    case COLUMN_AUDIT_OWNER:
      return format_list (kanri_mailbox_get_audit_actions (mailbox, KANRI_AUDIT_OWNER));
    case COLUMN_AUDIT_ENABLED:
      /* As Get-Mailbox writes it: the column is its property. */
      return g_strdup (kanri_mailbox_get_audit_enabled (mailbox) ? "True" : "False");
    case COLUMN_AUDIT_LOG_AGE_LIMIT:
    case N_COLUMNS:
    default:
      return g_strdup (kanri_mailbox_get_audit_log_age_limit (mailbox));
    }
}

static gboolean
grow_columns_cb (gpointer data)
{
  KanriAuditingPage *self = data;

  self->growth_source = 0;
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      struct ColumnGrowth *growth = &self->growth[i];

      if (growth->missing > 0)
        gtk_column_view_column_set_fixed_width (growth->column,
                                                gtk_column_view_column_get_fixed_width (growth->column) +
                                                growth->missing);
      growth->missing = 0;
    }

  return G_SOURCE_REMOVE;
}

/* A cell drew its text shortened: its column widens, after the frame, to
 * the longest text it showed. Columns start at widths that suit most
 * values, so a filter seldom widens one, and never narrows one. */
static void
cell_cut_cb (KanriTextCell       *cell,
             int                  missing,
             struct ColumnGrowth *growth)
{
  KanriAuditingPage *self = growth->page;

  growth->missing = MAX (growth->missing, missing);
  if (self->growth_source == 0)
    self->growth_source = g_idle_add (grow_columns_cb, self);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  struct ColumnGrowth *growth = user_data;
  KanriAuditingPage *self = growth->page;
  GtkWidget *cell = kanri_text_cell_new ();
  Column column = growth - self->growth;

  if (column == COLUMN_AUDIT_LOG_AGE_LIMIT)
    gtk_widget_add_css_class (cell, "numeric");
  g_object_set_data (G_OBJECT (cell), "kanri-column", GUINT_TO_POINTER (column));
  g_signal_connect (cell, "cut", G_CALLBACK (cell_cut_cb), growth);
  gtk_list_item_set_child (list_item, cell);
}

/* A cell shows its row's mailbox, and follows it: the row's slot is given
 * another mailbox when the whole list is replaced (kanri-slot-model.c). */
static void
show_cell (GtkListItem *list_item)
{
  KanriRowSlot *slot = gtk_list_item_get_item (list_item);
  KanriMailbox *mailbox = slot ? kanri_row_slot_get_item (slot) : NULL;
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "kanri-column"));
  g_autofree char *text = mailbox ? cell_text (mailbox, column) : NULL;

  kanri_text_cell_set_text (KANRI_TEXT_CELL (cell), text);

  if (column == COLUMN_FLAGS)
    {
      gboolean attention = mailbox != NULL &&
                           (kanri_mailbox_get_audit_flags (mailbox) & KANRI_AUDIT_FLAGS_NEED_ATTENTION) != 0;

      /* Widgets are reused for other rows: both ways. */
      if (attention)
        gtk_widget_add_css_class (cell, "warning");
      else
        gtk_widget_remove_css_class (cell, "warning");
    }
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

static char *
format_count (guint count)
{
  /* Digits grouped as the locale groups them. */
  return g_strdup_printf ("%'u", count);
}

static const char *
filter_label (guint index)
{
  if (flag_filters[index].label != NULL)
    return _(flag_filters[index].label);

  return kanri_audit_flag_label (flag_filters[index].flags);
}

static void
update_filter_buttons (KanriAuditingPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_filters); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *count = NULL;
      KanriAuditFlags flags = flag_filters[i].flags;
      guint n = 0;

      if (self->mailboxes != NULL)
        {
          if (flags == 0)
            n = kanri_mailbox_list_get_total (self->mailboxes);
          else if (flags == KANRI_AUDIT_FLAGS_NEED_ATTENTION)
            n = self->attention ? g_list_model_get_n_items (G_LIST_MODEL (self->attention)) : 0;
          else
            n = kanri_mailbox_list_count_flag (self->mailboxes, flags);
        }

      count = format_count (n);
      /* Translators: a filter button, e.g. "Needs Attention (17)" */
      label = g_strdup_printf (_("%s (%s)"), filter_label (i), count);
      gtk_button_set_label (GTK_BUTTON (self->filter_buttons[i]), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count,
                                      -1);
    }
}

static void
update_content (KanriAuditingPage *self)
{
  guint n_items = self->mailboxes ? g_list_model_get_n_items (G_LIST_MODEL (self->mailboxes)) : 0;
  guint total = self->mailboxes ? kanri_mailbox_list_get_total (self->mailboxes) : 0;
  gboolean loading = self->mailboxes ? kanri_mailbox_list_get_loading (self->mailboxes) : FALSE;
  gboolean busy = self->planning || (self->batch != NULL && !kanri_batch_get_finished (self->batch));

  if (n_items == 0 && !loading)
    {
      if (total > 0)
        {
          adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
          adw_status_page_set_title (self->empty_page, _("No Matching Mailboxes"));
          adw_status_page_set_description (self->empty_page,
                                           _("No mailbox matches the search and the filter chosen."));
        }
      else
        {
          adw_status_page_set_icon_name (self->empty_page, "security-high-symbolic");
          adw_status_page_set_title (self->empty_page, _("No Mailboxes"));
          adw_status_page_set_description (self->empty_page,
                                           _("The audit settings of every mailbox appear here once the "
                                             "tenant is synced."));
        }
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else if (n_items > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "auditing.fix", total > 0 && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "auditing.export", n_items > 0 && !self->exporting);

  update_filter_buttons (self);
}

static void
update_findings (KanriAuditingPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (tenant == NULL || self->attention == NULL || kanri_mailbox_list_get_loading (self->attention))
    return;

  if (kanri_tenant_get_audit_disabled (tenant))
    g_ptr_array_add (findings,
                     kanri_finding_new ("audit-disabled", KANRI_FINDING_ERROR,
                                        _("Mailbox auditing is off for the whole organization"),
                                        _("AuditDisabled is True: no mailbox is audited, whatever its audit "
                                          "settings. Turn it on in Mailbox Auditing."),
                                        "auditing"));

  if (kanri_tenant_get_audit_bypass_error (tenant) != NULL)
    g_ptr_array_add (findings,
                     kanri_finding_new ("audit-bypass-unknown", KANRI_FINDING_WARNING,
                                        _("Which accounts bypass mailbox auditing is unknown"),
                                        _("The service would not list them to the signed-in account. "
                                          "Mailbox Auditing says why."),
                                        "auditing"));

  n = g_list_model_get_n_items (kanri_tenant_get_audit_bypass (tenant));
  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u account bypasses mailbox auditing",
                                                          "%u accounts bypass mailbox auditing", n),
                                                n);

      g_ptr_array_add (findings,
                       kanri_finding_new ("audit-bypass", KANRI_FINDING_WARNING, title,
                                          _("What they do in any mailbox is never logged."),
                                          "auditing"));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->attention));
  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u mailbox needs attention",
                                                          "%u mailboxes need attention", n),
                                                n);

      g_ptr_array_add (findings,
                       kanri_finding_new ("audit-needs-attention", KANRI_FINDING_WARNING, title,
                                          _("Their audit settings lack MailItemsAccessed or Send, hold "
                                            "MessageBind, or were changed, so new audit actions are not "
                                            "added to them."),
                                          "auditing"));
    }

  kanri_tenant_set_findings (tenant, "auditing", findings);
  update_filter_buttons (self);
}

static void
search_changed_cb (KanriAuditingPage *self)
{
  if (self->mailboxes != NULL)
    kanri_mailbox_list_set_search (self->mailboxes, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
filter_toggled_cb (GtkToggleButton   *button,
                   KanriAuditingPage *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (flag_filters); i++)
    {
      if (self->filter_buttons[i] == button)
        self->filter = flag_filters[i].flags;
    }

  if (self->mailboxes != NULL)
    kanri_mailbox_list_set_flags (self->mailboxes, self->filter);
}

/* The list sorts in SQL, by the column the header sorts by. */
static void
sorter_changed_cb (KanriAuditingPage *self)
{
  int sort = KANRI_MAILBOX_SORT_DISPLAY_NAME;
  gboolean descending = FALSE;

  if (self->column_sort == NULL || self->mailboxes == NULL)
    return;

  kanri_column_sort_get (self->column_sort, &sort, &descending);
  kanri_mailbox_list_set_sort (self->mailboxes, sort, descending);
}

/* The batch ------------------------------------------------------------- */

static void
update_batch (KanriAuditingPage *self)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  guint n_done, n_failed, n_total;
  gboolean finished, paused;

  if (self->batch == NULL)
    return;

  n_done = kanri_batch_get_done (self->batch);
  n_failed = kanri_batch_get_failed (self->batch);
  n_total = kanri_batch_get_total (self->batch);
  finished = kanri_batch_get_finished (self->batch);
  paused = kanri_batch_get_paused (self->batch);

  gtk_progress_bar_set_fraction (self->batch_progress,
                                 n_total > 0 ? (double)(n_done + n_failed) / n_total : 1.0);

  done = format_count (n_done);
  total = format_count (n_total);
  /* Translators: progress of a bulk fix, e.g. "1,200 of 2,000 done" */
  g_string_append_printf (detail, _("%s of %s done"), done, total);
  if (n_failed > 0)
    {
      g_string_append (detail, " · ");
      g_string_append_printf (detail, ngettext ("%u failed", "%u failed", n_failed), n_failed);
    }

  if (!finished && paused)
    {
      g_string_append (detail, " · ");
      g_string_append (detail, _("paused"));
    }
  else if (!finished)
    {
      g_autofree char *left = kanri_format_time_left (kanri_batch_get_seconds_left (self->batch));
      double rate = kanri_batch_get_rate (self->batch);

      if (rate > 0)
        {
          g_string_append (detail, " · ");
          /* Translators: how many mailboxes a bulk fix changes per second */
          g_string_append_printf (detail, _("%.1f per second"), rate);
        }
      if (left != NULL)
        {
          g_string_append (detail, " · ");
          g_string_append (detail, left);
        }
    }

  gtk_label_set_label (self->batch_detail, detail->str);
  gtk_button_set_label (self->pause_button, paused ? _("_Resume") : _("_Pause"));
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), !finished);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !finished);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), finished);
}

static gboolean
batch_timer_cb (gpointer data)
{
  update_batch (data);
  return G_SOURCE_CONTINUE;
}

static char *
operation_summary (KanriAuditingPage *self,
                   gint64             operation)
{
  KanriStore *store = kanri_page_get_store (KANRI_PAGE (self));
  g_autoptr(KanriOperation) op = NULL;

  if (store == NULL)
    return NULL;

  op = kanri_journal_get (kanri_journal_get_for_store (store), operation, NULL);
  return op ? g_strdup (kanri_operation_get_summary (op)) : NULL;
}

static void
item_settled_cb (KanriAuditingPage *self,
                 gint64             operation,
                 const GError      *error)
{
  g_autofree char *summary = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *row;
  guint n_failed;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  n_failed = kanri_batch_get_failed (self->batch);
  heading = g_strdup_printf (ngettext ("%u error", "%u errors", n_failed), n_failed);
  gtk_expander_set_label (self->errors_expander, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_expander), TRUE);

  if (self->error_rows >= MAX_ERROR_ROWS)
    return;

  self->error_rows++;
  summary = operation_summary (self, operation);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary ? summary : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
  gtk_list_box_append (self->errors_list, row);
}

static void check_unfinished (KanriAuditingPage *self);

static void
batch_finished_cb (KanriAuditingPage *self)
{
  guint done = kanri_batch_get_done (self->batch);
  guint failed = kanri_batch_get_failed (self->batch);
  g_autofree char *message = NULL;

  g_clear_handle_id (&self->batch_timer, g_source_remove);

  if (failed > 0)
    message = g_strdup_printf (ngettext ("Fixed %u mailbox; %u failed", "Fixed %u mailboxes; %u failed", done),
                               done, failed);
  else
    message = g_strdup_printf (ngettext ("Fixed %u mailbox", "Fixed %u mailboxes", done), done);

  gtk_label_set_label (self->batch_title, message);
  kanri_page_show_toast (KANRI_PAGE (self), message);
  update_batch (self);

  /* The rows followed each fix; the counts follow now. */
  if (self->mailboxes != NULL)
    kanri_mailbox_list_refresh (self->mailboxes);
  if (self->attention != NULL)
    kanri_mailbox_list_refresh (self->attention);

  check_unfinished (self);
  update_content (self);
}

static void
clear_batch (KanriAuditingPage *self)
{
  GtkWidget *child;

  if (self->batch != NULL)
    g_signal_handlers_disconnect_by_data (self->batch, self);
  g_clear_object (&self->batch);
  g_clear_handle_id (&self->batch_timer, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->errors_list))) != NULL)
    gtk_list_box_remove (self->errors_list, child);
  self->error_rows = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->errors_expander), FALSE);
}

static void
start_batch (KanriAuditingPage *self,
             KanriBatch        *batch)
{
  clear_batch (self);
  self->batch = g_object_ref (batch);

  g_signal_connect_object (batch, "item-settled", G_CALLBACK (item_settled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (batch, "finished", G_CALLBACK (batch_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (batch, "notify::done", G_CALLBACK (update_batch), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (batch, "notify::failed", G_CALLBACK (update_batch), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (batch, "notify::paused", G_CALLBACK (update_batch), self, G_CONNECT_SWAPPED);
  self->batch_timer = g_timeout_add (500, batch_timer_cb, self);

  gtk_label_set_label (self->batch_title, kanri_batch_get_title (batch));
  gtk_revealer_set_reveal_child (self->batch_revealer, TRUE);
  gtk_revealer_set_reveal_child (self->resume_revealer, FALSE);
  update_batch (self);
  update_content (self);

  kanri_batch_start (batch);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);

  if (self->batch == NULL)
    return;

  if (kanri_batch_get_paused (self->batch))
    kanri_batch_resume_running (self->batch);
  else
    kanri_batch_pause (self->batch);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);

  if (self->batch != NULL)
    kanri_batch_cancel (self->batch);
}

static void
close_batch_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);

  if (self->batch != NULL && !kanri_batch_get_finished (self->batch))
    return;

  clear_batch (self);
  gtk_revealer_set_reveal_child (self->batch_revealer, FALSE);
  update_content (self);
}

/* Resuming ---------------------------------------------------------------- */

static void
check_unfinished (KanriAuditingPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  KanriBatchInfo *info;
  g_autofree char *text = NULL;
  g_autofree char *left = NULL;
  g_autofree char *total = NULL;

  g_clear_pointer (&self->resume_id, g_free);

  if (tenant != NULL && (self->batch == NULL || kanri_batch_get_finished (self->batch)))
    unfinished = kanri_audit_fix_list_unfinished (tenant, &error);
  if (error != NULL)
    g_warning ("Could not read the journal: %s", error->message);

  if (unfinished == NULL || unfinished->len == 0)
    {
      gtk_revealer_set_reveal_child (self->resume_revealer, FALSE);
      return;
    }

  info = g_ptr_array_index (unfinished, 0);
  self->resume_id = g_strdup (info->id);
  left = format_count (info->unfinished);
  total = format_count (info->total);
  /* Translators: the first %s is a bulk fix's title, then how many of its
   * changes are left of how many */
  text = g_strdup_printf (_("“%s” did not finish: %s of its %s changes are left. Resuming reads each "
                            "mailbox back first and sends only what is not applied yet."),
                          info->title, left, total);
  gtk_label_set_label (self->resume_label, text);
  gtk_revealer_set_reveal_child (self->resume_revealer, TRUE);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  if (tenant == NULL || self->resume_id == NULL)
    return;

  batch = kanri_batch_resume (tenant, self->resume_id, &error);
  if (batch == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not resume: %s"), error->message);

      kanri_page_show_toast (KANRI_PAGE (self), message);
      return;
    }

  start_batch (self, batch);
}

static void
dismiss_resume_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);

  gtk_revealer_set_reveal_child (self->resume_revealer, FALSE);
}

/* Organization and bypass ---------------------------------------------------- */

static void
update_audit_scope (KanriAuditingPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  guint n = tenant ? g_list_model_get_n_items (kanri_tenant_get_audit_bypass (tenant)) : 0;
  const char *refused = tenant ? kanri_tenant_get_audit_bypass_error (tenant) : NULL;

  gtk_revealer_set_reveal_child (self->org_audit_revealer,
                                 tenant != NULL && kanri_tenant_get_audit_disabled (tenant));
  gtk_revealer_set_reveal_child (self->bypass_revealer, n > 0 || refused != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->bypass_list), refused == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->bypass_refused_label), refused != NULL);
  if (refused != NULL)
    {
      /* Unknown, which an empty list would not say (kanri-tenant-sync.c). */
      gtk_label_set_label (self->bypass_label,
                           _("Kanri could not read which accounts bypass mailbox audit logging, so it "
                             "cannot tell whether any account’s actions go unlogged. The signed-in "
                             "account needs a role that includes Get-MailboxAuditBypassAssociation; "
                             "sync again once it has one."));
      gtk_label_set_label (self->bypass_refused_label, refused);
    }
  else if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u account bypasses mailbox audit logging: what it "
                                                         "does in any mailbox is never logged.",
                                                         "%u accounts bypass mailbox audit logging: what they "
                                                         "do in any mailbox is never logged.", n),
                                               n);

      gtk_label_set_label (self->bypass_label, text);
    }

  update_findings (self);
}

static GtkWidget *
create_bypass_row (gpointer item,
                   gpointer user_data)
{
  KanriAuditBypass *account = item;
  const char *name = kanri_audit_bypass_get_name (account);
  const char *title = kanri_audit_bypass_get_title (account);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Stop Bypass…"));
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *subtitle = g_markup_escape_text (kanri_audit_bypass_get_subtitle (account), -1);
  g_autofree char *label = g_strdup_printf (_("Stop the audit bypass of %s"), title);

  /* Who it is, and the UPN (or Identity) that tells two of a name apart. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "auditing.stop-bypass");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KanriAuditingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (kanri_tenant_run_finish (KANRI_TENANT (object), result, &error) == 0)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not make the change: %s"), error->message);
      kanri_page_show_toast (KANRI_PAGE (self), message);
      return;
    }

  kanri_page_show_toast (KANRI_PAGE (self), _("Changed: the Operations page has the details"));
}

static void
change_confirmed_cb (GtkWidget  *dialog,
                     const char *response,
                     gpointer    user_data)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (user_data);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  KanriCmdlet *cmdlet = g_object_get_data (G_OBJECT (dialog), "cmdlet");
  const char *summary = g_object_get_data (G_OBJECT (dialog), "summary");

  if (!g_str_equal (response, "apply") || tenant == NULL)
    return;

  kanri_tenant_run_async (tenant, cmdlet, summary, self->cancellable, changed_cb, g_object_ref (self));
}

static GtkWidget *create_powershell_box (const char *powershell);

/* One change, asked first with its PowerShell, then through the journal. */
static void
confirm_change (KanriAuditingPage *self,
                const char        *heading,
                const char        *body,
                const char        *apply_label,
                KanriCmdlet       *cmdlet,
                const char        *summary)
{
  g_autofree char *powershell = kanri_cmdlet_to_powershell (cmdlet);
  GtkWidget *dialog;

  dialog = kanri_alert_new (heading, body);
  kanri_alert_add_responses (dialog,
                             "cancel", _("_Cancel"),
                             "apply", apply_label,
                             NULL);
  kanri_alert_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  kanri_alert_set_default_response (dialog, "apply");
  kanri_alert_set_close_response (dialog, "cancel");
  kanri_alert_set_extra_child (dialog, create_powershell_box (powershell));

  g_object_set_data_full (G_OBJECT (dialog), "cmdlet", g_object_ref (cmdlet), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "summary", g_strdup (summary), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (change_confirmed_cb), self, 0);
  kanri_alert_present (dialog, GTK_WIDGET (self));
}

static void
enable_org_audit_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Set-OrganizationConfig");

  if (kanri_page_get_tenant (KANRI_PAGE (self)) == NULL)
    return;

  kanri_cmdlet_set_bool (cmdlet, "AuditDisabled", FALSE);
  confirm_change (self,
                  _("Turn Mailbox Auditing On?"),
                  _("Mailbox auditing on by default comes back for the whole organization: every mailbox "
                    "is audited again with its audit settings. Actions taken while it was off were not "
                    "logged and cannot be recovered."),
                  _("Turn _On"),
                  cmdlet,
                  /* Translators: an operation on the Operations page */
                  _("Turn mailbox auditing on for the organization"));
}

static void
stop_bypass_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  const char *name = g_variant_get_string (parameter, NULL);
  const char *title = name;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Set-MailboxAuditBypassAssociation");
  g_autoptr(KanriAuditBypass) account = NULL;
  g_autofree char *body = NULL;
  g_autofree char *summary = NULL;
  GListModel *accounts;

  if (tenant == NULL)
    return;

  /* Asked by the name its row shows; sent with the Name -Identity takes. */
  accounts = kanri_tenant_get_audit_bypass (tenant);
  for (guint i = 0; i < g_list_model_get_n_items (accounts) && account == NULL; i++)
    {
      g_autoptr(KanriAuditBypass) candidate = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (kanri_audit_bypass_get_name (candidate), name) == 0)
        account = g_steal_pointer (&candidate);
    }
  if (account != NULL)
    title = kanri_audit_bypass_get_title (account);

  kanri_cmdlet_set_string (cmdlet, "Identity", name);
  kanri_cmdlet_set_bool (cmdlet, "AuditBypassEnabled", FALSE);
  /* The account in the body, where it wraps: an alert's heading does not,
   * and libadwaita 1.7 warns when one is wider than the alert. */
  /* Translators: %s is an account's name */
  body = g_strdup_printf (_("What %s does in mailboxes is logged again, as any other account’s."), title);
  /* Translators: an operation on the Operations page */
  summary = g_strdup_printf (_("Stop the audit bypass of %s"), name);
  confirm_change (self, _("Stop the Audit Bypass?"), body, _("_Stop Bypass"), cmdlet, summary);
}

/* Fixing ------------------------------------------------------------------ */

static char *
preview_powershell (KanriAuditFixPlan *plan)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = MIN (plan->cmdlets->len, PREVIEW_LINES);

  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *line = kanri_cmdlet_to_powershell (g_ptr_array_index (plan->cmdlets, i));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  if (plan->cmdlets->len > shown)
    {
      guint more = plan->cmdlets->len - shown;

      g_string_append_c (text, '\n');
      /* Translators: after the first few PowerShell lines of a bulk fix */
      g_string_append_printf (text, ngettext ("# … and %u more change like these, one per mailbox",
                                              "# … and %u more changes like these, one per mailbox", more),
                              more);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_powershell_box (const char *powershell)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("PowerShell"));
  GtkWidget *code = kanri_powershell_label_new (powershell);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), code);

  return box;
}

static GtkWidget *
create_preview (KanriAuditFixPlan *plan)
{
  g_autofree char *powershell = preview_powershell (plan);

  return create_powershell_box (powershell);
}

static void
confirmed_cb (GtkWidget        *dialog,
              const char       *response,
              gpointer          user_data)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (user_data);
  KanriAuditFixPlan *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "fix") || tenant == NULL)
    return;

  batch = kanri_audit_fix_plan_create_batch (plan, tenant, &error);
  if (batch == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not record the changes: %s"), error->message);

      kanri_page_show_toast (KANRI_PAGE (self), message);
      return;
    }

  start_batch (self, batch);
}

static void
confirm_plan (KanriAuditingPage *self,
              KanriAuditFixPlan *plan)
{
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint n = plan->cmdlets->len;
  GtkWidget *dialog;

  heading = g_strdup_printf (ngettext ("Fix %u Mailbox?", "Fix %u Mailboxes?", n), n);

  if (plan->fix == KANRI_AUDIT_FIX_RESET)
    g_string_append (body, _("Option 1 resets their audit settings to Microsoft’s defaults "
                             "(-DefaultAuditSet Admin,Delegate,Owner): Microsoft then adds new audit actions "
                             "by itself, and actions added by hand are dropped."));
  else
    g_string_append (body, _("Option 2 adds MailItemsAccessed, and Send for Admin and Owner, to the logon "
                             "types whose lists were changed, and only what each mailbox lacks. Lists "
                             "Microsoft manages are left as they are."));

  if (plan->skipped > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, ngettext ("%u chosen mailbox needs nothing and is left out.",
                                              "%u chosen mailboxes need nothing and are left out.",
                                              plan->skipped),
                              plan->skipped);
    }

  g_string_append (body, "\n\n");
  g_string_append (body, _("Every change goes through the journal: it can be paused, cancelled, and "
                           "resumed after a restart."));

  dialog = kanri_alert_new (heading, body->str);
  kanri_alert_add_responses (dialog,
                             "cancel", _("_Cancel"),
                             "fix", _("_Fix"),
                             NULL);
  kanri_alert_set_response_appearance (dialog, "fix", ADW_RESPONSE_SUGGESTED);
  kanri_alert_set_default_response (dialog, "fix");
  kanri_alert_set_close_response (dialog, "cancel");
  kanri_alert_set_extra_child (dialog, create_preview (plan));

  g_object_set_data_full (G_OBJECT (dialog), "plan", plan, (GDestroyNotify)kanri_audit_fix_plan_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmed_cb), self, 0);
  kanri_alert_present (dialog, GTK_WIDGET (self));
}

static void
planned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KanriAuditingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  KanriAuditFixPlan *plan;

  plan = kanri_audit_fix_plan_finish (result, &error);
  self->planning = FALSE;
  update_content (self);

  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not prepare the fix: %s"), error->message);

          kanri_page_show_toast (KANRI_PAGE (self), message);
        }
      return;
    }

  if (plan->cmdlets->len == 0)
    {
      kanri_page_show_toast (KANRI_PAGE (self),
                             plan->fix == KANRI_AUDIT_FIX_RESET
                               ? _("Nothing to reset: every logon type is already Microsoft’s")
                               : _("Nothing to add: no changed list lacks MailItemsAccessed or Send"));
      kanri_audit_fix_plan_free (plan);
      return;
    }

  confirm_plan (self, plan);
}

static GPtrArray *
selected_mailboxes (KanriAuditingPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *mailboxes = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      KanriMailbox *mailbox = kanri_slot_model_get_item (self->rows, position);

      if (mailbox != NULL)
        g_ptr_array_add (mailboxes, mailbox);
    }

  return mailboxes;
}

static void
fix_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  const char *target = g_variant_get_string (parameter, NULL);
  KanriAuditFix fix = g_str_has_prefix (target, "reset") ? KANRI_AUDIT_FIX_RESET : KANRI_AUDIT_FIX_ADD;
  g_autoptr(GPtrArray) mailboxes = NULL;

  if (tenant == NULL || self->planning)
    return;

  if (g_str_has_suffix (target, "-selected"))
    {
      mailboxes = selected_mailboxes (self);
      if (mailboxes->len == 0)
        {
          kanri_page_show_toast (KANRI_PAGE (self), _("Select the mailboxes to fix first"));
          return;
        }
    }

  self->planning = TRUE;
  update_content (self);
  kanri_audit_fix_plan_async (tenant, fix, mailboxes, self->cancellable, planned_cb, g_object_ref (self));
}

/* Exporting --------------------------------------------------------------- */

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  KanriAuditingPage *self = user_data;
  g_autofree char *done_text = format_count (done);
  g_autofree char *total_text = format_count (total);
  g_autofree char *label = NULL;

  /* Translators: e.g. "Exporting 40,000 of 100,000 mailboxes…" */
  label = g_strdup_printf (_("Exporting %s of %s mailboxes…"), done_text, total_text);
  gtk_label_set_label (self->export_label, label);
  gtk_progress_bar_set_fraction (self->export_progress, total > 0 ? (double)done / total : 1.0);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KanriAuditingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint count = 0;

  self->exporting = FALSE;
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  update_content (self);

  if (!kanri_audit_export_csv_finish (result, &count, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("Could not export: %s"), error->message);
          kanri_page_show_toast (KANRI_PAGE (self), message);
        }
      return;
    }

  message = g_strdup_printf (ngettext ("%u mailbox exported", "%u mailboxes exported", count), count);
  kanri_page_show_toast (KANRI_PAGE (self), message);
}

static void
export_file_chosen_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(KanriAuditingPage) self = user_data;
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(GFile) file = NULL;

  file = kanri_file_chooser_save_finish (result, NULL);
  if (file == NULL || tenant == NULL)
    return;

  self->exporting = TRUE;
  update_content (self);
  gtk_label_set_label (self->export_label, _("Exporting…"));
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);

  /* What is exported is what the table shows. */
  kanri_audit_export_csv_async (kanri_tenant_get_store (tenant), kanri_tenant_get_id (tenant),
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->filter,
                                file, export_progress_cb, self, self->cancellable,
                                exported_cb, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (widget);

  /* The name of the seed's example. */
  kanri_file_chooser_save_async (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export Audit Settings as CSV"),
                                 "MailboxAuditSet.csv", self->cancellable,
                                 export_file_chosen_cb, g_object_ref (self));
}

/* The tenant ------------------------------------------------------------- */

static void
kanri_auditing_page_tenant_changed (KanriPage *page)
{
  KanriAuditingPage *self = KANRI_AUDITING_PAGE (page);
  KanriTenant *tenant = kanri_page_get_tenant (page);

  if (self->mailboxes != NULL)
    g_signal_handlers_disconnect_by_data (self->mailboxes, self);
  if (self->attention != NULL)
    g_signal_handlers_disconnect_by_data (self->attention, self);
  g_clear_object (&self->mailboxes);
  g_clear_object (&self->attention);

  if (tenant != NULL)
    {
      self->mailboxes = kanri_tenant_create_mailbox_list (tenant);
      kanri_mailbox_list_set_flags (self->mailboxes, self->filter);
      kanri_mailbox_list_set_search (self->mailboxes, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      g_signal_connect_object (self->mailboxes, "items-changed", G_CALLBACK (update_content), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->mailboxes, "notify::loading", G_CALLBACK (update_content), self,
                               G_CONNECT_SWAPPED);

      self->attention = kanri_tenant_create_mailbox_list (tenant);
      kanri_mailbox_list_set_flags (self->attention, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
      g_signal_connect_object (self->attention, "notify::loading", G_CALLBACK (update_findings), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->attention, "items-changed", G_CALLBACK (update_filter_buttons), self,
                               G_CONNECT_SWAPPED);
    }

  kanri_slot_model_set_model (self->rows, G_LIST_MODEL (self->mailboxes));
  g_signal_group_set_target (self->tenant_signals, tenant);
  gtk_list_box_bind_model (self->bypass_list, tenant ? kanri_tenant_get_audit_bypass (tenant) : NULL,
                           create_bypass_row, NULL, NULL);
  sorter_changed_cb (self);
  check_unfinished (self);
  update_content (self);
  update_audit_scope (self);
}

static void
kanri_auditing_page_dispose (GObject *object)
{
  KanriAuditingPage *self = (KanriAuditingPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->batch != NULL)
    g_signal_handlers_disconnect_by_data (self->batch, self);
  g_clear_object (&self->batch);
  g_clear_handle_id (&self->batch_timer, g_source_remove);
  g_clear_handle_id (&self->growth_source, g_source_remove);
  /* The columns leave with the view, which changes its sorter. */
  g_clear_object (&self->column_sort);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_AUDITING_PAGE);
  g_clear_object (&self->mailboxes);
  g_clear_object (&self->rows);
  g_clear_object (&self->attention);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->tenant_signals);
  g_clear_pointer (&self->resume_id, g_free);

  G_OBJECT_CLASS (kanri_auditing_page_parent_class)->dispose (object);
}

static void
kanri_auditing_page_class_init (KanriAuditingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriPageClass *page_class = KANRI_PAGE_CLASS (klass);

  object_class->dispose = kanri_auditing_page_dispose;

  page_class->tenant_changed = kanri_auditing_page_tenant_changed;
  kanri_page_class_set_info (page_class, "auditing", N_("Mailbox Auditing"), "security-high-symbolic", 40);

  g_type_ensure (KANRI_TYPE_FIT_SCROLLER);
  g_type_ensure (KANRI_TYPE_MAILBOX);
  g_type_ensure (KANRI_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-auditing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, org_audit_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, bypass_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, bypass_label);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, bypass_list);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, bypass_refused_label);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, resume_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, resume_label);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, flags_box);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, selection);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, upn_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, default_set_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, age_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, enabled_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, flags_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, admin_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, delegate_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, owner_column);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, export_label);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, batch_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, batch_title);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, close_button);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, batch_progress);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, batch_detail);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, errors_expander);
  gtk_widget_class_bind_template_child (widget_class, KanriAuditingPage, errors_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "auditing.fix", "s", fix_action);
  gtk_widget_class_install_action (widget_class, "auditing.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "auditing.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "auditing.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "auditing.close-batch", NULL, close_batch_action);
  gtk_widget_class_install_action (widget_class, "auditing.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "auditing.dismiss-resume", NULL, dismiss_resume_action);
  gtk_widget_class_install_action (widget_class, "auditing.enable-org-audit", NULL, enable_org_audit_action);
  gtk_widget_class_install_action (widget_class, "auditing.stop-bypass", "s", stop_bypass_action);
}

static void
add_filter_buttons (KanriAuditingPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_filters); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      self->filter_buttons[i] = GTK_TOGGLE_BUTTON (button);
      if (i > 0)
        gtk_toggle_button_set_group (self->filter_buttons[i], self->filter_buttons[0]);
      /* Found by name, whatever the count. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, filter_label (i),
                                      -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (filter_toggled_cb), self, 0);
      gtk_box_append (self->flags_box, button);
    }

  gtk_toggle_button_set_active (self->filter_buttons[0], TRUE);
}

static void
add_factories (KanriAuditingPage *self)
{
  GtkColumnViewColumn *columns[N_COLUMNS] = {
    [COLUMN_DISPLAY_NAME] = self->name_column,
    [COLUMN_UPN] = self->upn_column,
    [COLUMN_FLAGS] = self->flags_column,
    [COLUMN_DEFAULT_AUDIT_SET] = self->default_set_column,
    [COLUMN_AUDIT_ADMIN] = self->admin_column,
    [COLUMN_AUDIT_DELEGATE] = self->delegate_column,
    [COLUMN_AUDIT_OWNER] = self->owner_column,
    [COLUMN_AUDIT_LOG_AGE_LIMIT] = self->age_column,
    [COLUMN_AUDIT_ENABLED] = self->enabled_column,
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      self->growth[i] = (struct ColumnGrowth) { self, columns[i], 0 };
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), &self->growth[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GUINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (columns[i], factory);
    }
}

static void
kanri_auditing_page_init (KanriAuditingPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->tenant_signals = g_signal_group_new (KANRI_TYPE_TENANT);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::audit-disabled",
                                  G_CALLBACK (update_audit_scope), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::n-audit-bypass",
                                  G_CALLBACK (update_audit_scope), self);
  g_signal_group_connect_swapped (self->tenant_signals, "notify::audit-bypass-error",
                                  G_CALLBACK (update_audit_scope), self);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = kanri_slot_model_new (NULL);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  add_factories (self);
  self->column_sort = kanri_column_sort_new (self->column_view);
  kanri_column_sort_add_column (self->column_sort, self->name_column, KANRI_MAILBOX_SORT_DISPLAY_NAME);
  kanri_column_sort_add_column (self->column_sort, self->upn_column, KANRI_MAILBOX_SORT_UPN);
  kanri_column_sort_add_column (self->column_sort, self->default_set_column, KANRI_MAILBOX_SORT_DEFAULT_AUDIT_SET);
  kanri_column_sort_add_column (self->column_sort, self->age_column, KANRI_MAILBOX_SORT_AUDIT_LOG_AGE_LIMIT);
  kanri_column_sort_add_column (self->column_sort, self->flags_column, KANRI_MAILBOX_SORT_AUDIT_FLAGS);
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (self->column_sort, "changed", G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);

  add_filter_buttons (self);
  update_content (self);
}
