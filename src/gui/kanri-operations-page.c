/* kanri-operations-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-operations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-batch.h"
#include "kanri-file-chooser.h"
#include "kanri-journal-export.h"
#include "kanri-operation-list.h"
#include "kanri-operations-page.h"
#include "kanri-powershell-label.h"
#include "kanri-wrap-box.h"

/* The journal of every change, with its PowerShell (PRODUCT.md "Operations
 * page"). The list is the journal itself, read lazily: see
 * KanriOperationList. */
struct _KanriOperationsPage
{
  KanriPage           parent_instance;

  KanriOperationList *operations;
  GCancellable       *cancellable;
  GPtrArray          *batches;
  guint               batches_source;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkRevealer        *batches_revealer;
  GtkListBox         *batches_list;
  GtkDropDown        *state_dropdown;
  GtkStack           *content_stack;
  AdwStatusPage      *empty_page;
  GtkSingleSelection *selection;
  GtkRevealer        *details_revealer;
  GtkLabel           *details_title;
  GtkLabel           *details_state;
  GtkLabel           *powershell_label;
};

G_DEFINE_FINAL_TYPE (KanriOperationsPage, kanri_operations_page, KANRI_TYPE_PAGE)

char *   kanri_operations_page_format_details (gpointer    unused,
                                               GDateTime  *created,
                                               const char *tenant,
                                               guint       attempts);
gboolean kanri_operations_page_has_text       (gpointer    unused,
                                               const char *text);
GStrv    kanri_operations_page_state_classes  (gpointer    unused,
                                               int         state);
GStrv    kanri_operations_page_error_classes  (gpointer    unused,
                                               int         state);

/* Closures of the list's row factory in the .ui file. */
char *
kanri_operations_page_format_details (gpointer    unused,
                                      GDateTime  *created,
                                      const char *tenant,
                                      guint       attempts)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autofree char *tries = NULL;

  if (created == NULL)
    return NULL;

  local = g_date_time_to_local (created);
  /* Translators: date and time of an operation in the list, see strftime(3) */
  time = g_date_time_format (local, _("%Y-%m-%d %H:%M:%S"));
  tries = g_strdup_printf (ngettext ("%u attempt", "%u attempts", attempts), attempts);
  /* Translators: under an operation in the list: when, in which tenant, how
   * many times sent, e.g. "2026-12-07 07:40:22 · demo · 1 attempt" */
  return g_strdup_printf (_("%s · %s · %s"), time, tenant != NULL ? tenant : "", tries);
}

gboolean
kanri_operations_page_has_text (gpointer    unused,
                                const char *text)
{
  return text != NULL && *text != '\0';
}

GStrv
kanri_operations_page_state_classes (gpointer unused,
                                     int      state)
{
  g_autofree char *name = g_strconcat ("state-", kanri_operation_state_to_string (state), NULL);
  char *classes[] = { name, NULL };

  return g_strdupv (classes);
}

/* Under a running operation the text is what it waits for (the service's
 * throttling), not an error yet. */
GStrv
kanri_operations_page_error_classes (gpointer unused,
                                     int      state)
{
  const char *classes[] = { state == KANRI_OPERATION_RUNNING ? "warning" : "error", NULL };

  return g_strdupv ((char **)classes);
}

static gboolean
filter_is_set (KanriOperationsPage *self)
{
  return gtk_drop_down_get_selected (self->state_dropdown) != 0 ||
         *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
}

static void
update_content (KanriOperationsPage *self)
{
  guint n_items = self->operations ? g_list_model_get_n_items (G_LIST_MODEL (self->operations)) : 0;
  gboolean empty = n_items == 0;

  if (empty && filter_is_set (self))
    {
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Operations"));
      adw_status_page_set_description (self->empty_page,
                                       _("No operation matches the search and the state chosen."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Operations"));
      adw_status_page_set_description (self->empty_page,
                                       _("Every change Kanri makes to a tenant is listed here, with "
                                         "its state and the PowerShell that does the same."));
    }

  gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "operations.export", !empty);
}

static gboolean can_retry (KanriOperationsPage *self,
                           KanriOperation      *op);

static KanriOperation *
selected_operation (KanriOperationsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
selection_changed_cb (KanriOperationsPage *self)
{
  KanriOperation *op = selected_operation (self);
  g_autofree char *state = NULL;

  gtk_revealer_set_reveal_child (self->details_revealer, op != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "operations.copy-powershell", op != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "operations.retry", op != NULL && can_retry (self, op));
  if (op == NULL)
    return;

  if (kanri_operation_get_error (op) != NULL)
    /* Translators: state of an operation, how many times it was sent, and its error */
    state = g_strdup_printf (ngettext ("%s after %u attempt: %s", "%s after %u attempts: %s",
                                       kanri_operation_get_attempts (op)),
                             kanri_operation_state_to_label (kanri_operation_get_state (op)),
                             kanri_operation_get_attempts (op),
                             kanri_operation_get_error (op));
  else
    state = g_strdup_printf (ngettext ("%s after %u attempt", "%s after %u attempts",
                                       kanri_operation_get_attempts (op)),
                             kanri_operation_state_to_label (kanri_operation_get_state (op)),
                             kanri_operation_get_attempts (op));

  gtk_label_set_label (self->details_title, kanri_operation_get_summary (op));
  gtk_label_set_label (self->details_state, state);
  kanri_powershell_label_set_text (self->powershell_label, kanri_operation_get_powershell (op));
}

static void
search_changed_cb (KanriOperationsPage *self)
{
  if (self->operations != NULL)
    kanri_operation_list_set_search (self->operations,
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static int
selected_state (KanriOperationsPage *self)
{
  /* The drop-down lists "All States" and then every state in enum order. */
  guint selected = gtk_drop_down_get_selected (self->state_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return KANRI_JOURNAL_ANY_STATE;

  return selected - 1;
}

static void
state_changed_cb (KanriOperationsPage *self)
{
  if (self->operations != NULL)
    kanri_operation_list_set_state (self->operations, selected_state (self));
}

static void
copy_powershell_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KanriOperationsPage *self = KANRI_OPERATIONS_PAGE (widget);
  KanriOperation *op = selected_operation (self);

  if (op == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), kanri_operation_get_powershell (op));
  kanri_page_show_toast (KANRI_PAGE (self), _("PowerShell copied"));
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KanriOperationsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint count = 0;

  if (!kanri_journal_export_finish (result, &count, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("Could not export: %s"), error->message);
          kanri_page_show_toast (KANRI_PAGE (self), message);
        }
      return;
    }

  message = g_strdup_printf (ngettext ("%u operation exported", "%u operations exported", count),
                             count);
  kanri_page_show_toast (KANRI_PAGE (self), message);
}

static void
export_file_chosen_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KanriOperationsPage *self = g_task_get_source_object (task);
  KanriJournalExportFormat format = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GFile) file = NULL;
  KanriJournalFilter filter = { 0 };
  g_autofree char *search = NULL;

  file = kanri_file_chooser_save_finish (result, NULL);
  if (file == NULL || kanri_page_get_store (KANRI_PAGE (self)) == NULL)
    return;

  /* What is exported is what the list shows. */
  search = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  filter.state = selected_state (self);
  filter.search = *search ? search : NULL;

  kanri_journal_export_async (kanri_page_get_store (KANRI_PAGE (self)), format, &filter, file,
                              self->cancellable, exported_cb, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KanriOperationsPage *self = KANRI_OPERATIONS_PAGE (widget);
  gboolean powershell = g_str_equal (g_variant_get_string (parameter, NULL), "ps1");
  GTask *task;

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, GINT_TO_POINTER (powershell ? KANRI_JOURNAL_EXPORT_POWERSHELL
                                                          : KANRI_JOURNAL_EXPORT_CSV), NULL);
  kanri_file_chooser_save_async (GTK_WINDOW (gtk_widget_get_root (widget)),
                                 powershell ? _("Export as PowerShell Script")
                                            : _("Export as CSV"),
                                 powershell ? "kanri-operations.ps1" : "kanri-operations.csv",
                                 self->cancellable, export_file_chosen_cb, task);
}


static gboolean
can_retry (KanriOperationsPage *self,
           KanriOperation      *op)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  KanriOperationState state = kanri_operation_get_state (op);

  return tenant != NULL && kanri_tenant_get_client (tenant) != NULL &&
         g_strcmp0 (kanri_operation_get_tenant (op), kanri_tenant_get_id (tenant)) == 0 &&
         (state == KANRI_OPERATION_FAILED || state == KANRI_OPERATION_INTERRUPTED);
}

static void
retried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KanriOperationsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kanri_tenant_retry_finish (KANRI_TENANT (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The retry failed: %s"), error->message);
      kanri_page_show_toast (KANRI_PAGE (self), message);
      return;
    }

  kanri_page_show_toast (KANRI_PAGE (self), _("Done"));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KanriOperationsPage *self = KANRI_OPERATIONS_PAGE (widget);
  KanriOperation *op = selected_operation (self);

  if (op == NULL || !can_retry (self, op))
    return;

  kanri_tenant_retry_async (kanri_page_get_tenant (KANRI_PAGE (self)), kanri_operation_get_id (op),
                            self->cancellable, retried_cb, g_object_ref (self));
}

static void
batch_progress_cb (KanriBatch *batch,
                   GParamSpec *pspec,
                   AdwActionRow *row)
{
  g_autofree char *subtitle = NULL;

  if (kanri_batch_get_finished (batch))
    subtitle = g_strdup_printf (_("Finished: %u done, %u failed"),
                                kanri_batch_get_done (batch), kanri_batch_get_failed (batch));
  else
    subtitle = g_strdup_printf (_("Resuming: %u of %u done"),
                                kanri_batch_get_done (batch), kanri_batch_get_total (batch));
  adw_action_row_set_subtitle (row, subtitle);
}

static void
resume_batch_clicked_cb (GtkButton           *button,
                         KanriOperationsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  const char *batch_id = g_object_get_data (G_OBJECT (button), "kanri-batch-id");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  g_autoptr(GError) error = NULL;
  KanriBatch *batch;

  if (tenant == NULL || batch_id == NULL)
    return;

  batch = kanri_batch_resume (tenant, batch_id, &error);
  if (batch == NULL)
    {
      kanri_page_show_toast (KANRI_PAGE (self), error->message);
      return;
    }

  /* The page keeps the batch running until it finishes. */
  g_ptr_array_add (self->batches, batch);
  g_signal_connect_object (batch, "notify", G_CALLBACK (batch_progress_cb), row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  kanri_batch_start (batch);
  batch_progress_cb (batch, NULL, ADW_ACTION_ROW (row));
}

static GtkWidget *
create_batch_row (KanriOperationsPage *self,
                  KanriBatchInfo      *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Resume"));
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: a batch of changes left unfinished, e.g. by a crash */
  subtitle = g_strdup_printf (ngettext ("%u of %u change not finished",
                                        "%u of %u changes not finished", info->unfinished),
                              info->unfinished, info->total);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-warning-symbolic"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  accessible = g_strdup_printf (_("Resume “%s”"), info->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "kanri-batch-id", g_strdup (info->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (resume_batch_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static gboolean
batch_is_running (KanriOperationsPage *self,
                  const char          *id)
{
  for (guint i = 0; i < self->batches->len; i++)
    {
      KanriBatch *batch = g_ptr_array_index (self->batches, i);

      if (g_str_equal (kanri_batch_get_id (batch), id) && !kanri_batch_get_finished (batch))
        return TRUE;
    }

  return FALSE;
}

/* The batches a crash or a restart left unfinished, with a Resume button
 * each (PRODUCT.md "Operations page"). */
static gboolean
update_batches_cb (gpointer data)
{
  KanriOperationsPage *self = data;
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(GPtrArray) unfinished = NULL;
  GtkWidget *child;
  guint shown = 0;

  self->batches_source = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->batches_list))) != NULL)
    gtk_list_box_remove (self->batches_list, child);

  if (tenant != NULL)
    unfinished = kanri_batch_list_unfinished (tenant, NULL);

  for (guint i = 0; unfinished != NULL && i < unfinished->len; i++)
    {
      KanriBatchInfo *info = g_ptr_array_index (unfinished, i);

      if (batch_is_running (self, info->id))
        continue;
      gtk_list_box_append (self->batches_list, create_batch_row (self, info));
      shown++;
    }

  gtk_revealer_set_reveal_child (self->batches_revealer, shown > 0);
  return G_SOURCE_REMOVE;
}

static void
queue_update_batches (KanriOperationsPage *self)
{
  if (self->batches_source == 0)
    self->batches_source = g_timeout_add (250, update_batches_cb, self);
}

static void
kanri_operations_page_tenant_changed (KanriPage *page)
{
  KanriOperationsPage *self = KANRI_OPERATIONS_PAGE (page);

  selection_changed_cb (self);
  queue_update_batches (self);
}

static void
kanri_operations_page_store_changed (KanriPage *page)
{
  KanriOperationsPage *self = KANRI_OPERATIONS_PAGE (page);
  KanriStore *store = kanri_page_get_store (page);

  if (self->operations != NULL)
    g_signal_handlers_disconnect_by_func (self->operations, update_content, self);
  g_clear_object (&self->operations);

  if (store != NULL)
    {
      self->operations = kanri_operation_list_new (store);
      kanri_operation_list_set_state (self->operations, selected_state (self));
      kanri_operation_list_set_search (self->operations,
                                       gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      g_signal_connect_object (self->operations, "items-changed",
                               G_CALLBACK (update_content), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (kanri_journal_get_for_store (store), "changed",
                               G_CALLBACK (queue_update_batches), self, G_CONNECT_SWAPPED);
    }
  queue_update_batches (self);

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->operations));
  update_content (self);
}

static void
kanri_operations_page_dispose (GObject *object)
{
  KanriOperationsPage *self = (KanriOperationsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->batches_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_OPERATIONS_PAGE);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  g_clear_object (&self->operations);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kanri_operations_page_parent_class)->dispose (object);
}

static void
kanri_operations_page_class_init (KanriOperationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriPageClass *page_class = KANRI_PAGE_CLASS (klass);

  object_class->dispose = kanri_operations_page_dispose;

  page_class->store_changed = kanri_operations_page_store_changed;
  page_class->tenant_changed = kanri_operations_page_tenant_changed;
  kanri_page_class_set_info (page_class, "operations", N_("Operations"),
                             "document-open-recent-symbolic", 80);

  g_type_ensure (KANRI_TYPE_OPERATION);
  g_type_ensure (KANRI_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/kanri-operations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, batches_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, batches_list);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, details_title);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, details_state);
  gtk_widget_class_bind_template_child (widget_class, KanriOperationsPage, powershell_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kanri_operations_page_format_details);
  gtk_widget_class_bind_template_callback (widget_class, kanri_operations_page_has_text);
  gtk_widget_class_bind_template_callback (widget_class, kanri_operations_page_state_classes);
  gtk_widget_class_bind_template_callback (widget_class, kanri_operations_page_error_classes);

  gtk_widget_class_install_action (widget_class, "operations.copy-powershell", NULL,
                                   copy_powershell_action);
  gtk_widget_class_install_action (widget_class, "operations.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "operations.retry", NULL, retry_action);
}

static void
kanri_operations_page_init (KanriOperationsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->batches = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  update_content (self);
  selection_changed_cb (self);
}
