/* kanri-recoverable-items-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-recoverable-items-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kanri-alert.h"
#include "kanri-batch.h"
#include "kanri-exo-error.h"
#include "kanri-fit-scroller.h"
#include "kanri-journal.h"
#include "kanri-powershell-label.h"
#include "kanri-recoverable-group.h"
#include "kanri-recoverable-items.h"
#include "kanri-recoverable-items-page.h"
#include "kanri-slot-model.h"
#include "kanri-spinner.h"
#include "kanri-wrap-box.h"

/* The seed's restore procedure as a browser (PRODUCT.md "Recoverable Items
 * page"): the Mailbox Import Export role first, then one mailbox's deleted
 * items by folder type, dates, item type and subject, read page by page;
 * restore by EntryID or everything from one original folder, as a batch
 * through the journal. What a query found is kept in the local model, so
 * the page reopens on it at once and says how old it is. */

/* How many changes the confirmation shows as PowerShell. */
#define PREVIEW_LINES 3

typedef enum
{
  ROLE_UNKNOWN,
  ROLE_CHECKING,
  ROLE_GRANTED,
  ROLE_MISSING,
  ROLE_ASSIGNING,
  ROLE_APPLYING,
  ROLE_ERROR,
} RoleState;

/* How often a search is tried again while a new role assignment is being
 * applied by the service. */
#define ROLE_RETRY_SECONDS 60

enum
{
  COLUMN_SUBJECT,
  COLUMN_ORIGINAL_FOLDER,
  COLUMN_FOLDER_TYPE,
  COLUMN_ITEM_CLASS,
  COLUMN_LAST_MODIFIED,
  N_COLUMNS
};

static const char *const column_titles[] = {
  N_("Subject"), N_("Original Folder"), N_("Folder Type"), N_("Item Class"), N_("Last Modified"),
};

/* The folder-type buttons, in the order of the seed's folders. */
static const KanriRecoverableFolder folder_order[] = {
  KANRI_RECOVERABLE_FOLDER_DELETED_ITEMS,
  KANRI_RECOVERABLE_FOLDER_DELETIONS,
  KANRI_RECOVERABLE_FOLDER_PURGES,
  KANRI_RECOVERABLE_FOLDER_DISCOVERY_HOLDS,
  KANRI_RECOVERABLE_FOLDER_ALL,
};

struct _KanriRecoverableItemsPage
{
  KanriPage                parent_instance;

  RoleState                role;
  GCancellable            *role_cancellable;
  guint                    role_retry_source;

  KanriMailboxList        *mailboxes;
  gboolean                 pick_when_loaded;
  char                    *mailbox;
  char                    *mailbox_name;

  /* What the list shows, and the filter it was found with. */
  GListStore              *items;
  GListStore              *groups;
  GHashTable              *groups_by_folder;
  GtkTreeListModel        *tree;
  GtkSortListModel        *sorted;
  KanriRecoverableFilter  *shown_filter;
  GDateTime               *fetched;
  guint                    clock_source;

  GCancellable            *query_cancellable;
  GPtrArray               *queries;
  guint                    next_query;
  guint                    unreadable;
  gboolean                 querying;
  char                    *query_error;

  KanriBatch              *batch;
  char                    *batch_mailbox;
  guint                    restored;
  guint                    not_restored;

  GtkToggleButton         *folder_buttons[G_N_ELEMENTS (folder_order)];
  GtkColumnViewColumn     *columns[N_COLUMNS];

  /* Template widgets */
  GtkRevealer             *role_revealer;
  GtkStack                *role_stack;
  KanriSpinner            *role_spinner;
  GtkLabel                *role_body;
  GtkLabel                *role_checking_label;
  AdwStatusPage           *applying_page;
  GtkLabel                *grant_label;
  GtkLabel                *role_error;
  GtkMenuButton           *mailbox_button;
  GtkLabel                *mailbox_label;
  GtkPopover              *mailbox_popover;
  GtkSearchEntry          *mailbox_search;
  GtkListView             *mailbox_view;
  GtkNoSelection          *mailbox_selection;
  GtkBox                  *folder_box;
  GtkDropDown             *type_dropdown;
  GtkEntry                *start_entry;
  GtkEntry                *end_entry;
  GtkEntry                *subject_entry;
  GtkLabel                *filter_error;
  KanriSpinner            *query_spinner;
  GtkLabel                *status_label;
  GtkCheckButton          *group_check;
  GtkStack                *results_stack;
  AdwStatusPage           *empty_page;
  GtkColumnView           *results_view;
  GtkMultiSelection       *results_selection;
  GtkEntry                *target_entry;
  GtkButton               *restore_folder_button;
  GtkRevealer             *progress_revealer;
  GtkLabel                *progress_label;
  GtkButton               *cancel_button;
  GtkButton               *close_button;
  GtkProgressBar          *progress_bar;
  GtkScrolledWindow       *failures_scroller;
  GtkListBox              *failures_list;
};

G_DEFINE_FINAL_TYPE (KanriRecoverableItemsPage, kanri_recoverable_items_page, KANRI_TYPE_PAGE)

static void update_state         (KanriRecoverableItemsPage *self);
static void start_search         (KanriRecoverableItemsPage *self);
static void mailboxes_loading_cb (KanriRecoverableItemsPage *self);

static gboolean
batch_running (KanriRecoverableItemsPage *self)
{
  return self->batch != NULL && !kanri_batch_get_finished (self->batch);
}

/* The filter the fields say ------------------------------------------------ */

static char *
entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static KanriRecoverableFolder
chosen_folder (KanriRecoverableItemsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (folder_order); i++)
    {
      if (gtk_toggle_button_get_active (self->folder_buttons[i]))
        return folder_order[i];
    }

  return KANRI_RECOVERABLE_FOLDER_ALL;
}

static KanriRecoverableFilter *
filter_from_fields (KanriRecoverableItemsPage *self)
{
  KanriRecoverableFilter *filter = kanri_recoverable_filter_new ();
  guint type = gtk_drop_down_get_selected (self->type_dropdown);

  filter->folder = chosen_folder (self);
  filter->start = entry_text (self->start_entry);
  filter->end = entry_text (self->end_entry);
  filter->subject = entry_text (self->subject_entry);
  /* The drop-down lists "all types" and then the cmdlet's item types. */
  if (type > 0 && type != GTK_INVALID_LIST_POSITION)
    filter->item_type = g_strdup (kanri_recoverable_item_types ()[type - 1]);

  return filter;
}

static void
filter_to_fields (KanriRecoverableItemsPage *self,
                  KanriRecoverableFilter    *filter)
{
  const char *const *types = kanri_recoverable_item_types ();
  guint type = 0;

  for (guint i = 0; i < G_N_ELEMENTS (folder_order); i++)
    {
      if (folder_order[i] == filter->folder)
        gtk_toggle_button_set_active (self->folder_buttons[i], TRUE);
    }

  for (guint i = 0; filter->item_type != NULL && types[i] != NULL; i++)
    {
      if (g_str_equal (types[i], filter->item_type))
        type = i + 1;
    }

  gtk_drop_down_set_selected (self->type_dropdown, type);
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry), filter->start ? filter->start : "");
  gtk_editable_set_text (GTK_EDITABLE (self->end_entry), filter->end ? filter->end : "");
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), filter->subject ? filter->subject : "");
}

/* The results -------------------------------------------------------------- */

static const char *
group_key (KanriRecoverableItem *item)
{
  const char *folder_id = kanri_recoverable_item_get_last_parent_folder_id (item);

  return *folder_id != '\0' ? folder_id : kanri_recoverable_item_get_last_parent_path (item);
}

static void
add_item (KanriRecoverableItemsPage *self,
          KanriRecoverableItem      *item)
{
  KanriRecoverableGroup *group = g_hash_table_lookup (self->groups_by_folder, group_key (item));

  if (group == NULL)
    {
      group = kanri_recoverable_group_new (group_key (item), kanri_recoverable_item_get_last_parent_path (item));
      g_hash_table_insert (self->groups_by_folder, g_strdup (group_key (item)), group);
      g_list_store_append (self->groups, group);
    }

  g_list_store_append (kanri_recoverable_group_get_items (group), item);
  g_list_store_append (self->items, item);
}

static void
remove_item (KanriRecoverableItemsPage *self,
             KanriRecoverableItem      *item)
{
  KanriRecoverableGroup *group = g_hash_table_lookup (self->groups_by_folder, group_key (item));
  guint position;

  if (g_list_store_find (self->items, item, &position))
    g_list_store_remove (self->items, position);

  if (group == NULL)
    return;

  if (g_list_store_find (kanri_recoverable_group_get_items (group), item, &position))
    g_list_store_remove (kanri_recoverable_group_get_items (group), position);

  if (g_list_model_get_n_items (G_LIST_MODEL (kanri_recoverable_group_get_items (group))) == 0)
    {
      if (g_list_store_find (self->groups, group, &position))
        g_list_store_remove (self->groups, position);
      g_hash_table_remove (self->groups_by_folder, group_key (item));
    }
}

static void
clear_results (KanriRecoverableItemsPage *self)
{
  g_list_store_remove_all (self->items);
  g_list_store_remove_all (self->groups);
  g_hash_table_remove_all (self->groups_by_folder);
  g_clear_pointer (&self->shown_filter, kanri_recoverable_filter_free);
  g_clear_pointer (&self->fetched, g_date_time_unref);
  g_clear_pointer (&self->query_error, g_free);
}

static void
show_items (KanriRecoverableItemsPage *self,
            GPtrArray                 *items,
            KanriRecoverableFilter    *filter,
            GDateTime                 *fetched)
{
  clear_results (self);
  self->shown_filter = kanri_recoverable_filter_copy (filter);
  self->fetched = fetched ? g_date_time_ref (fetched) : NULL;
  for (guint i = 0; items != NULL && i < items->len; i++)
    add_item (self, g_ptr_array_index (items, i));
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  if (KANRI_IS_RECOVERABLE_GROUP (item))
    return g_object_ref (G_LIST_MODEL (kanri_recoverable_group_get_items (item)));

  return NULL;
}

static void
group_toggled_cb (KanriRecoverableItemsPage *self)
{
  gboolean grouped = gtk_check_button_get_active (self->group_check);
  GListModel *root = G_LIST_MODEL (grouped ? self->groups : self->items);

  g_clear_object (&self->tree);
  self->tree = gtk_tree_list_model_new (g_object_ref (root), FALSE, TRUE, create_children, NULL, NULL);
  gtk_sort_list_model_set_model (self->sorted, G_LIST_MODEL (self->tree));
}

/* The items (and groups) the selection holds. */
static void
collect_selected (KanriRecoverableItemsPage  *self,
                  GPtrArray                 **items,
                  GPtrArray                 **groups)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->results_selection));
  GtkBitsetIter iter;
  guint position;

  *items = g_ptr_array_new_with_free_func (g_object_unref);
  *groups = g_ptr_array_new_with_free_func (g_object_unref);

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->results_selection), position);
      gpointer object = row ? gtk_tree_list_row_get_item (row) : NULL;

      if (KANRI_IS_RECOVERABLE_ITEM (object))
        g_ptr_array_add (*items, object);
      else if (KANRI_IS_RECOVERABLE_GROUP (object))
        g_ptr_array_add (*groups, object);
      else
        g_clear_object (&object);
    }
}

/* The one original folder the selection is in, or NULL. */
static KanriRecoverableGroup *
selected_folder (KanriRecoverableItemsPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  KanriRecoverableGroup *folder = NULL;

  collect_selected (self, &items, &groups);

  for (guint i = 0; i < groups->len; i++)
    {
      KanriRecoverableGroup *group = g_ptr_array_index (groups, i);

      if (folder != NULL && folder != group)
        return NULL;
      folder = group;
    }

  for (guint i = 0; i < items->len; i++)
    {
      KanriRecoverableGroup *group = g_hash_table_lookup (self->groups_by_folder,
                                                          group_key (g_ptr_array_index (items, i)));

      if (folder != NULL && folder != group)
        return NULL;
      folder = group;
    }

  return folder;
}

static guint
count_selected_items (KanriRecoverableItemsPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  collect_selected (self, &items, &groups);
  return items->len;
}

static char *
describe_age (GDateTime *fetched)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = g_date_time_to_local (fetched);
  GTimeSpan age = g_date_time_difference (now, fetched);

  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("read just now"));
  if (age < G_TIME_SPAN_HOUR)
    return g_strdup_printf (ngettext ("read %d minute ago", "read %d minutes ago", (int)(age / G_TIME_SPAN_MINUTE)),
                            (int)(age / G_TIME_SPAN_MINUTE));
  if (age < G_TIME_SPAN_DAY)
    return g_strdup_printf (ngettext ("read %d hour ago", "read %d hours ago", (int)(age / G_TIME_SPAN_HOUR)),
                            (int)(age / G_TIME_SPAN_HOUR));

  /* Translators: when a query ran, see strftime(3) */
  return g_date_time_format (local, _("read on %Y-%m-%d at %H:%M"));
}

static void
update_status (KanriRecoverableItemsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *status = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->query_spinner), self->querying);
  kanri_spinner_set_spinning (self->query_spinner, self->querying);

  if (self->querying)
    status = g_strdup_printf (ngettext ("Searching… %u item so far", "Searching… %u items so far", n), n);
  else if (self->query_error != NULL)
    status = g_strdup (self->query_error);
  else if (self->fetched != NULL)
    {
      g_autofree char *age = describe_age (self->fetched);
      g_autofree char *count = g_strdup_printf (ngettext ("%u item", "%u items", n), n);

      /* Translators: e.g. "12 items · read 5 minutes ago" */
      status = g_strdup_printf (_("%s · %s"), count, age);
      if (self->unreadable > 0)
        {
          g_autofree char *with = g_steal_pointer (&status);

          status = g_strdup_printf (ngettext ("%s · %u item the service returned could not be read",
                                              "%s · %u items the service returned could not be read",
                                              self->unreadable),
                                    with, self->unreadable);
        }
    }

  gtk_label_set_label (self->status_label, status ? status : "");

  if (self->role == ROLE_MISSING || self->role == ROLE_ASSIGNING)
    gtk_stack_set_visible_child_name (self->results_stack, "role");
  else if (self->role == ROLE_APPLYING && !self->querying)
    gtk_stack_set_visible_child_name (self->results_stack, "applying");
  else if (n > 0)
    gtk_stack_set_visible_child_name (self->results_stack, "list");
  else
    {
      if (self->mailbox == NULL)
        {
          adw_status_page_set_title (self->empty_page, _("Choose a Mailbox"));
          adw_status_page_set_description (self->empty_page,
                                           _("Pick the mailbox whose deleted items to look at, then the "
                                             "folder type and the dates."));
        }
      else if (self->fetched == NULL && !self->querying)
        {
          adw_status_page_set_title (self->empty_page, _("Not Searched Yet"));
          adw_status_page_set_description (self->empty_page,
                                           _("Search to read the deleted items of this mailbox."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Deleted Items"));
          adw_status_page_set_description (self->empty_page,
                                           _("Nothing matches in the folders and dates chosen. The dates "
                                             "must include the day the item was deleted."));
        }
      gtk_stack_set_visible_child_name (self->results_stack, "empty");
    }
}

static void
update_state (KanriRecoverableItemsPage *self)
{
  gboolean granted = self->role == ROLE_GRANTED || self->role == ROLE_APPLYING;
  gboolean idle = !self->querying && !batch_running (self);
  KanriRecoverableGroup *folder = idle ? selected_folder (self) : NULL;
  g_autofree char *folder_label = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recoverable.search",
                                 granted && self->mailbox != NULL && !batch_running (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recoverable.restore-selected",
                                 granted && idle && count_selected_items (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recoverable.restore-folder", granted && folder != NULL);

  if (folder != NULL)
    /* Translators: %s is the folder items were deleted from */
    folder_label = g_strdup_printf (_("Restore everything deleted from “%s”"), kanri_recoverable_group_get_path (folder));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->restore_folder_button),
                               folder_label ? folder_label
                                            : _("Select items deleted from one folder, or the folder’s row"));

  update_status (self);
}

static void
results_selection_changed_cb (KanriRecoverableItemsPage *self)
{
  update_state (self);
}

static gboolean
clock_cb (gpointer data)
{
  update_status (data);
  return G_SOURCE_CONTINUE;
}

/* The column factories --------------------------------------------------- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  if (column == COLUMN_LAST_MODIFIED)
    gtk_widget_add_css_class (label, "numeric");

  if (column == COLUMN_SUBJECT)
    {
      GtkWidget *expander = gtk_tree_expander_new ();

      gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
      gtk_list_item_set_child (list_item, expander);
    }
  else
    gtk_list_item_set_child (list_item, label);
}

static char *
format_modified (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  if (time == NULL || unix_time == 0)
    return g_strdup ("");

  /* Translators: an item's last-modified time, see strftime(3) */
  return g_date_time_format (time, _("%Y-%m-%d %H:%M"));
}

static char *
item_text (KanriRecoverableItem *item,
           guint                 column)
{
  switch (column)
    {
    case COLUMN_SUBJECT:
      if (*kanri_recoverable_item_get_subject (item) == '\0')
        return g_strdup (_("(no subject)"));
      return g_strdup (kanri_recoverable_item_get_subject (item));
    case COLUMN_ORIGINAL_FOLDER:
      return g_strdup (kanri_recoverable_item_get_last_parent_path (item));
    case COLUMN_FOLDER_TYPE:
      return g_strdup (kanri_recoverable_item_get_folder_label (item));
    case COLUMN_ITEM_CLASS:
      return g_strdup (kanri_recoverable_item_get_item_class (item));
    case COLUMN_LAST_MODIFIED:
    default:
      return format_modified (kanri_recoverable_item_get_last_modified (item));
    }
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) object = gtk_tree_list_row_get_item (row);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *label = child;
  g_autofree char *text = NULL;

  if (column == COLUMN_SUBJECT)
    {
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), row);
      label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child));
    }

  if (KANRI_IS_RECOVERABLE_GROUP (object))
    {
      KanriRecoverableGroup *group = KANRI_RECOVERABLE_GROUP (object);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (kanri_recoverable_group_get_items (group)));

      /* Translators: a group of the results: the original folder and how
       * many items were deleted from it, e.g. "Sent Items (3)" */
      if (column == COLUMN_SUBJECT)
        text = g_strdup_printf (_("%s (%u)"), kanri_recoverable_group_get_path (group), n);
      gtk_widget_add_css_class (label, "heading");
    }
  else
    {
      text = item_text (KANRI_RECOVERABLE_ITEM (object), column);
      gtk_widget_remove_css_class (label, "heading");
    }

  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (label, text);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  if (GPOINTER_TO_UINT (user_data) == COLUMN_SUBJECT)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);

  if (KANRI_IS_RECOVERABLE_GROUP ((gpointer)a) && KANRI_IS_RECOVERABLE_GROUP ((gpointer)b))
    {
      if (column != COLUMN_SUBJECT && column != COLUMN_ORIGINAL_FOLDER)
        return GTK_ORDERING_EQUAL;
      return gtk_ordering_from_cmpfunc (g_utf8_collate (kanri_recoverable_group_get_path ((gpointer)a),
                                                        kanri_recoverable_group_get_path ((gpointer)b)));
    }

  if (KANRI_IS_RECOVERABLE_ITEM ((gpointer)a) && KANRI_IS_RECOVERABLE_ITEM ((gpointer)b))
    {
      g_autofree char *text_a = NULL;
      g_autofree char *text_b = NULL;

      if (column == COLUMN_LAST_MODIFIED)
        {
          gint64 ta = kanri_recoverable_item_get_last_modified ((gpointer)a);
          gint64 tb = kanri_recoverable_item_get_last_modified ((gpointer)b);

          return (ta > tb) - (ta < tb);
        }

      text_a = item_text ((gpointer)a, column);
      text_b = item_text ((gpointer)b, column);
      return gtk_ordering_from_cmpfunc (g_utf8_collate (text_a, text_b));
    }

  return GTK_ORDERING_EQUAL;
}

static void
add_columns (KanriRecoverableItemsPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare_cells, GUINT_TO_POINTER (i), NULL);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GUINT_TO_POINTER (i));

      self->columns[i] = gtk_column_view_column_new (_(column_titles[i]), factory);
      gtk_column_view_column_set_sorter (self->columns[i], GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (self->columns[i], TRUE);
      gtk_column_view_column_set_expand (self->columns[i], i == COLUMN_SUBJECT || i == COLUMN_ORIGINAL_FOLDER);
      gtk_column_view_append_column (self->results_view, self->columns[i]);
      g_object_unref (self->columns[i]);
    }

  gtk_column_view_sort_by_column (self->results_view, self->columns[COLUMN_LAST_MODIFIED], GTK_SORT_DESCENDING);
}

/* The role --------------------------------------------------------------- */

static void
set_role (KanriRecoverableItemsPage *self,
          RoleState                  role,
          const char                *error)
{
  self->role = role;
  /* Checking and errors take a line above the filters; the instructions to
   * grant the role take the place of the results. */
  gtk_revealer_set_reveal_child (self->role_revealer,
                                 role == ROLE_CHECKING || role == ROLE_ASSIGNING || role == ROLE_ERROR);
  kanri_spinner_set_spinning (self->role_spinner, role == ROLE_CHECKING || role == ROLE_ASSIGNING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recoverable.assign-role", role == ROLE_MISSING);
  if (role != ROLE_APPLYING)
    g_clear_handle_id (&self->role_retry_source, g_source_remove);

  switch (role)
    {
    case ROLE_CHECKING:
      gtk_label_set_label (self->role_checking_label,
                           _("Checking that you hold the Mailbox Import Export role…"));
      gtk_stack_set_visible_child_name (self->role_stack, "checking");
      break;
    case ROLE_ASSIGNING:
      gtk_label_set_label (self->role_checking_label,
                           _("Assigning the Mailbox Import Export role…"));
      gtk_stack_set_visible_child_name (self->role_stack, "checking");
      break;
    case ROLE_ERROR:
      gtk_label_set_label (self->role_error, error);
      gtk_stack_set_visible_child_name (self->role_stack, "error");
      break;
    case ROLE_UNKNOWN:
    case ROLE_MISSING:
    case ROLE_GRANTED:
    case ROLE_APPLYING:
    default:
      break;
    }

  update_state (self);
}

static void
role_checked_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KanriRecoverableItemsPage) self = user_data;
  KanriTenant *tenant = KANRI_TENANT (object);
  g_autoptr(JsonArray) assignments = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  assignments = kanri_tenant_query_finish (tenant, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || tenant != kanri_page_get_tenant (KANRI_PAGE (self)))
    return;

  if (assignments == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not check the Mailbox Import Export role: %s"),
                                                  error->message);

      set_role (self, ROLE_ERROR, message);
      return;
    }

  names = kanri_tenant_dup_account_names (tenant);
  if (!kanri_recoverable_role_granted (assignments, (const char *const *)names))
    {
      set_role (self, ROLE_MISSING, NULL);
      return;
    }

  set_role (self, ROLE_GRANTED, NULL);

  /* A mailbox chosen but never searched: now it can be. */
  if (self->mailbox != NULL && self->fetched == NULL && !self->querying)
    start_search (self);
}

static void
check_role (KanriRecoverableItemsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriCmdlet) query = NULL;
  g_autoptr(KanriCmdlet) grant = NULL;
  g_autofree char *grant_text = NULL;
  g_autofree char *body = NULL;

  g_cancellable_cancel (self->role_cancellable);
  g_clear_object (&self->role_cancellable);

  if (tenant == NULL)
    return;

  grant = kanri_recoverable_role_grant (kanri_tenant_get_account (tenant));
  grant_text = kanri_cmdlet_to_powershell (grant);
  kanri_powershell_label_set_text (self->grant_label, grant_text);
  /* Translators: %s is the signed-in account */
  body = g_strdup_printf (_("Get-RecoverableItems and Restore-RecoverableItems are only in the Mailbox Import "
                            "Export role, which is assigned to nobody by default, not even to Global "
                            "Administrators. %s does not hold it. If you may manage roles (Organization "
                            "Management), Kanri assigns it to you with this change:"),
                          kanri_tenant_get_account (tenant));
  gtk_label_set_label (self->role_body, body);

  if (kanri_tenant_get_client (tenant) == NULL)
    {
      set_role (self, ROLE_ERROR, _("Kanri is not connected to this tenant: sign in again to check the role."));
      return;
    }

  set_role (self, ROLE_CHECKING, NULL);
  self->role_cancellable = g_cancellable_new ();
  query = kanri_recoverable_role_query ();
  kanri_tenant_query_async (tenant, query, NULL, NULL, self->role_cancellable, role_checked_cb,
                            g_object_ref (self));
}

static void
recheck_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  check_role (KANRI_RECOVERABLE_ITEMS_PAGE (widget));
}

static void
copy_grant_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KanriRecoverableItemsPage *self = KANRI_RECOVERABLE_ITEMS_PAGE (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), gtk_label_get_label (self->grant_label));
  kanri_page_show_toast (KANRI_PAGE (self), _("PowerShell copied"));
}

static gboolean
role_retry_cb (gpointer data)
{
  KanriRecoverableItemsPage *self = data;

  self->role_retry_source = 0;
  start_search (self);
  return G_SOURCE_REMOVE;
}

/* Assigned, and refused all the same: Exchange Online applies a new role
 * assignment only after a while. The search is tried again until it is. */
static void
wait_for_role (KanriRecoverableItemsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autofree char *description = NULL;

  /* Translators: %s is the signed-in account */
  description = g_strdup_printf (_("The Mailbox Import Export role is assigned to %s, but Exchange Online does "
                                   "not let it search yet: a new role assignment takes a while to apply, "
                                   "sometimes an hour. Kanri searches again every minute while this page is "
                                   "open."),
                                 tenant != NULL ? kanri_tenant_get_account (tenant) : "");
  adw_status_page_set_description (self->applying_page, description);
  set_role (self, ROLE_APPLYING, NULL);
  g_clear_handle_id (&self->role_retry_source, g_source_remove);
  self->role_retry_source = g_timeout_add_seconds (ROLE_RETRY_SECONDS, role_retry_cb, self);
}

static void
role_assigned_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KanriRecoverableItemsPage) self = user_data;
  KanriTenant *tenant = KANRI_TENANT (object);
  g_autoptr(GError) error = NULL;

  kanri_tenant_run_finish (tenant, result, &error);
  if (tenant != kanri_page_get_tenant (KANRI_PAGE (self)))
    return;

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not assign the Mailbox Import Export role: %s"),
                                                  error->message);

      set_role (self, ROLE_MISSING, NULL);
      kanri_page_show_toast (KANRI_PAGE (self), message);
      return;
    }

  /* Read back: listed, it lets the search run (or wait, on the real
   * service, until it applies). */
  check_role (self);
}

static void
assign_role_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KanriRecoverableItemsPage *self = KANRI_RECOVERABLE_ITEMS_PAGE (widget);
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriCmdlet) grant = NULL;
  g_autofree char *summary = NULL;

  if (tenant == NULL || self->role != ROLE_MISSING)
    return;

  grant = kanri_recoverable_role_grant (kanri_tenant_get_account (tenant));
  /* Translators: an operation on the Operations page; %s is the account */
  summary = g_strdup_printf (_("Assign the Mailbox Import Export role to %s"), kanri_tenant_get_account (tenant));
  set_role (self, ROLE_ASSIGNING, NULL);
  kanri_tenant_run_async (tenant, grant, summary, NULL, role_assigned_cb, g_object_ref (self));
}

/* The role is checked when the page is first shown, not at every start. */
static void
page_mapped_cb (KanriRecoverableItemsPage *self)
{
  if (self->role == ROLE_UNKNOWN)
    check_role (self);
}

/* Searching ----------------------------------------------------------------- */

static void run_next_query (KanriRecoverableItemsPage *self);

static void
query_page_cb (KanriTenant *tenant,
               JsonArray   *objects,
               gpointer     user_data)
{
  KanriRecoverableItemsPage *self = user_data;

  /* Shown as they arrive. */
  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonNode *node = json_array_get_element (objects, i);
      g_autoptr(KanriRecoverableItem) item = NULL;
      g_autoptr(GError) error = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        item = kanri_recoverable_item_new_from_json (json_node_get_object (node), &error);
      if (item == NULL)
        {
          g_debug ("Skipped a recoverable item: %s", error ? error->message : "not an object");
          self->unreadable++;
          continue;
        }
      add_item (self, item);
    }

  update_status (self);
}

static GPtrArray *
shown_items (KanriRecoverableItemsPage *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->items), i));

  return items;
}

static void
queries_done (KanriRecoverableItemsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(GPtrArray) items = shown_items (self);
  g_autoptr(GError) error = NULL;

  self->querying = FALSE;
  g_clear_pointer (&self->fetched, g_date_time_unref);
  self->fetched = g_date_time_new_now_utc ();

  if (tenant != NULL &&
      !kanri_recoverable_cache_save (kanri_tenant_get_store (tenant), kanri_tenant_get_id (tenant), self->mailbox,
                                     self->mailbox_name, self->shown_filter, items, &error))
    g_debug ("Could not keep the items in the local model: %s", error->message);

  update_state (self);
}

static void
queried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KanriRecoverableItemsPage) self = user_data;
  g_autoptr(JsonArray) rest = NULL;
  g_autoptr(GError) error = NULL;

  rest = kanri_tenant_query_finish (KANRI_TENANT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (rest == NULL)
    {
      self->querying = FALSE;
      self->query_error = g_strdup_printf (_("Could not read the deleted items: %s"), error->message);
      /* Listed as assigned but refused: the service has not applied a
       * new assignment yet. Otherwise it was taken away since the check. */
      if (g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_ACCESS_DENIED))
        {
          if (self->role == ROLE_GRANTED || self->role == ROLE_APPLYING)
            wait_for_role (self);
          else
            set_role (self, ROLE_MISSING, NULL);
        }
      update_state (self);
      return;
    }

  /* It answered: the role applies now. */
  if (self->role == ROLE_APPLYING)
    set_role (self, ROLE_GRANTED, NULL);

  run_next_query (self);
}

static void
run_next_query (KanriRecoverableItemsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));

  if (tenant == NULL || self->next_query >= self->queries->len)
    {
      queries_done (self);
      return;
    }

  kanri_tenant_query_async (tenant, g_ptr_array_index (self->queries, self->next_query++),
                            query_page_cb, self, self->query_cancellable, queried_cb, g_object_ref (self));
}

static void
start_search (KanriRecoverableItemsPage *self)
{
  g_autoptr(KanriRecoverableFilter) filter = filter_from_fields (self);
  g_autoptr(GError) error = NULL;

  if (self->mailbox == NULL || (self->role != ROLE_GRANTED && self->role != ROLE_APPLYING))
    return;

  if (!kanri_recoverable_filter_validate (filter, &error))
    {
      gtk_label_set_label (self->filter_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->filter_error), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error), FALSE);

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();

  show_items (self, NULL, filter, NULL);
  g_clear_pointer (&self->queries, g_ptr_array_unref);
  self->queries = kanri_recoverable_filter_build_queries (filter, self->mailbox);
  self->next_query = 0;
  self->unreadable = 0;
  self->querying = TRUE;
  update_state (self);

  run_next_query (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start_search (KANRI_RECOVERABLE_ITEMS_PAGE (widget));
}

static void
search_activate_cb (KanriRecoverableItemsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "recoverable.search", NULL);
}

/* What the local model kept for this mailbox and filter, shown at once. */
static gboolean
show_cached (KanriRecoverableItemsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriRecoverableFilter) filter = filter_from_fields (self);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GDateTime) fetched = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->query_cancellable);
  self->querying = FALSE;

  if (tenant == NULL || self->mailbox == NULL || !kanri_recoverable_filter_validate (filter, NULL))
    {
      show_items (self, NULL, filter, NULL);
      update_state (self);
      return FALSE;
    }

  items = kanri_recoverable_cache_load (kanri_tenant_get_store (tenant), kanri_tenant_get_id (tenant),
                                        self->mailbox, filter, &fetched, &error);
  if (error != NULL)
    g_debug ("Could not read the kept items: %s", error->message);

  show_items (self, items, filter, fetched);
  update_state (self);

  return items != NULL;
}

static void
folder_toggled_cb (GtkToggleButton           *button,
                   KanriRecoverableItemsPage *self)
{
  if (gtk_toggle_button_get_active (button))
    show_cached (self);
}

static void
type_changed_cb (KanriRecoverableItemsPage *self)
{
  show_cached (self);
}

/* The mailbox picker ------------------------------------------------------ */

static void
choose_mailbox (KanriRecoverableItemsPage *self,
                KanriMailbox              *mailbox)
{
  const char *upn = kanri_mailbox_get_upn (mailbox);

  g_free (self->mailbox);
  g_free (self->mailbox_name);
  self->mailbox = g_strdup (*upn != '\0' ? upn : kanri_mailbox_get_guid (mailbox));
  self->mailbox_name = g_strdup (kanri_mailbox_get_display_name (mailbox));
  gtk_label_set_label (self->mailbox_label, self->mailbox_name);
  gtk_popover_popdown (self->mailbox_popover);

  if (!show_cached (self) && self->role == ROLE_GRANTED)
    start_search (self);
}

static void
mailbox_popover_shown_cb (KanriRecoverableItemsPage *self)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriSlotModel) rows = NULL;

  /* The picker's list exists once it is first opened. */
  if (self->mailboxes == NULL && tenant != NULL)
    {
      self->mailboxes = kanri_tenant_create_mailbox_list (tenant);
      kanri_mailbox_list_set_search (self->mailboxes, gtk_editable_get_text (GTK_EDITABLE (self->mailbox_search)));
      g_signal_connect_object (self->mailboxes, "notify::loading", G_CALLBACK (mailboxes_loading_cb), self,
                               G_CONNECT_SWAPPED);
      /* Through slots: each keystroke replaces the list (kanri-slot-model.c). */
      rows = kanri_slot_model_new (G_LIST_MODEL (self->mailboxes));
      gtk_no_selection_set_model (self->mailbox_selection, G_LIST_MODEL (rows));
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->mailbox_search));
}

static void
mailbox_search_changed_cb (KanriRecoverableItemsPage *self)
{
  self->pick_when_loaded = FALSE;
  if (self->mailboxes != NULL)
    kanri_mailbox_list_set_search (self->mailboxes, gtk_editable_get_text (GTK_EDITABLE (self->mailbox_search)));
}

static void
mailbox_activated_cb (KanriRecoverableItemsPage *self,
                      guint                      position)
{
  g_autoptr(KanriMailbox) mailbox = NULL;

  if (self->mailboxes == NULL)
    return;

  mailbox = g_list_model_get_item (G_LIST_MODEL (self->mailboxes), position);
  if (mailbox != NULL)
    choose_mailbox (self, mailbox);
}

/* Enter picks the first match; typed faster than the search runs, it
 * picks it once the search has run. */
static void
mailbox_search_activate_cb (KanriRecoverableItemsPage *self)
{
  if (self->mailboxes == NULL)
    return;

  if (kanri_mailbox_list_get_loading (self->mailboxes))
    {
      self->pick_when_loaded = TRUE;
      return;
    }

  mailbox_activated_cb (self, 0);
}

static void
mailboxes_loading_cb (KanriRecoverableItemsPage *self)
{
  if (!self->pick_when_loaded || kanri_mailbox_list_get_loading (self->mailboxes))
    return;

  self->pick_when_loaded = FALSE;
  mailbox_activated_cb (self, 0);
}

/* Restoring ---------------------------------------------------------------- */

static void
update_progress (KanriRecoverableItemsPage *self)
{
  g_autofree char *label = NULL;
  guint total, settled;
  gboolean finished;

  if (self->batch == NULL)
    return;

  total = kanri_batch_get_total (self->batch);
  settled = kanri_batch_get_done (self->batch) + kanri_batch_get_failed (self->batch);
  finished = kanri_batch_get_finished (self->batch);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)settled / total : 1.0);
  if (!finished)
    /* Translators: progress of a restore, in changes sent */
    label = g_strdup_printf (_("Restoring… %u of %u"), settled, total);
  else if (self->not_restored > 0)
    label = g_strdup_printf (ngettext ("Restored %u item; %u not restored", "Restored %u items; %u not restored",
                                       self->restored),
                             self->restored, self->not_restored);
  else
    label = g_strdup_printf (ngettext ("Restored %u item", "Restored %u items", self->restored), self->restored);

  gtk_label_set_label (self->progress_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !finished);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), finished);
}

/* The shown items a restore change is about: one EntryID, or one original
 * folder in one folder type. */
static GPtrArray *
items_of_change (KanriRecoverableItemsPage *self,
                 KanriCmdlet               *cmdlet)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *entry_id = kanri_cmdlet_get_string (cmdlet, "EntryID");
  const char *folder_id = kanri_cmdlet_get_string (cmdlet, "LastParentFolderID");
  const char *source = kanri_cmdlet_get_string (cmdlet, "SourceFolder");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(KanriRecoverableItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      gboolean match;

      if (entry_id != NULL)
        match = g_ascii_strcasecmp (entry_id, kanri_recoverable_item_get_entry_id (item)) == 0;
      else
        match = folder_id != NULL &&
                g_ascii_strcasecmp (folder_id, kanri_recoverable_item_get_last_parent_folder_id (item)) == 0 &&
                (source == NULL || g_ascii_strcasecmp (source, kanri_recoverable_item_get_source_folder (item)) == 0);

      if (match)
        g_ptr_array_add (items, g_steal_pointer (&item));
    }

  return items;
}

static void
add_failure (KanriRecoverableItemsPage *self,
             KanriRecoverableItem      *item,
             const char                *message)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subject = item_text (item, COLUMN_SUBJECT);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), subject);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
  gtk_list_box_append (self->failures_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_scroller), TRUE);
}

static void
item_settled_cb (KanriRecoverableItemsPage *self,
                 gint64                     operation,
                 const GError              *error)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriOperation) op = NULL;
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autoptr(GPtrArray) items = NULL;
  KanriStore *store;

  if (tenant == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  store = kanri_tenant_get_store (tenant);
  op = kanri_journal_get (kanri_journal_get_for_store (store), operation, NULL);
  if (op != NULL)
    cmdlet = kanri_cmdlet_new_from_json (kanri_operation_get_cmdlet (op), kanri_operation_get_parameters (op), NULL);
  if (cmdlet == NULL)
    return;

  /* Only what the page still shows of the mailbox restored in. */
  if (g_strcmp0 (self->mailbox, self->batch_mailbox) == 0)
    items = items_of_change (self, cmdlet);
  else
    items = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      KanriRecoverableItem *item = g_ptr_array_index (items, i);

      if (error != NULL)
        {
          self->not_restored++;
          add_failure (self, item, error->message);
          continue;
        }

      self->restored++;
      kanri_recoverable_cache_forget (store, kanri_tenant_get_id (tenant), self->batch_mailbox,
                                      kanri_recoverable_item_get_entry_id (item), NULL);
      remove_item (self, item);
    }

  update_progress (self);
}

static void
batch_finished_cb (KanriRecoverableItemsPage *self)
{
  update_progress (self);
  update_state (self);
  kanri_page_show_toast (KANRI_PAGE (self), gtk_label_get_label (self->progress_label));
}

static void
clear_batch (KanriRecoverableItemsPage *self)
{
  GtkWidget *child;

  if (self->batch != NULL)
    g_signal_handlers_disconnect_by_data (self->batch, self);
  g_clear_object (&self->batch);
  g_clear_pointer (&self->batch_mailbox, g_free);
  self->restored = 0;
  self->not_restored = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->failures_list))) != NULL)
    gtk_list_box_remove (self->failures_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_scroller), FALSE);
}

static void
run_restore (KanriRecoverableItemsPage *self,
             const char                *title,
             GPtrArray                 *cmdlets,
             GPtrArray                 *summaries)
{
  KanriTenant *tenant = kanri_page_get_tenant (KANRI_PAGE (self));
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  if (tenant == NULL)
    return;

  batch = kanri_batch_new (tenant, title, cmdlets, summaries, &error);
  if (batch == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not record the restore: %s"), error->message);

      kanri_page_show_toast (KANRI_PAGE (self), message);
      return;
    }

  clear_batch (self);
  self->batch = g_object_ref (batch);
  self->batch_mailbox = g_strdup (self->mailbox);
  g_signal_connect_object (batch, "item-settled", G_CALLBACK (item_settled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (batch, "finished", G_CALLBACK (batch_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (batch, "notify::done", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);

  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_progress (self);
  update_state (self);
  kanri_batch_start (batch);
}

typedef struct
{
  char      *title;
  GPtrArray *cmdlets;
  GPtrArray *summaries;
} Restore;

static void
restore_free (Restore *restore)
{
  g_free (restore->title);
  g_ptr_array_unref (restore->cmdlets);
  g_ptr_array_unref (restore->summaries);
  g_free (restore);
}

static void
confirmed_cb (GtkWidget        *dialog,
              const char       *response,
              gpointer          user_data)
{
  KanriRecoverableItemsPage *self = KANRI_RECOVERABLE_ITEMS_PAGE (user_data);
  Restore *restore = g_object_get_data (G_OBJECT (dialog), "restore");

  if (g_str_equal (response, "restore"))
    run_restore (self, restore->title, restore->cmdlets, restore->summaries);
}

static GtkWidget *
create_preview (GPtrArray *cmdlets)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = MIN (cmdlets->len, PREVIEW_LINES);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("PowerShell"));
  GtkWidget *code;

  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *line = kanri_cmdlet_to_powershell (g_ptr_array_index (cmdlets, i));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  if (cmdlets->len > shown)
    {
      guint more = cmdlets->len - shown;

      g_string_append_c (text, '\n');
      /* Translators: after the first few PowerShell lines of a restore */
      g_string_append_printf (text, ngettext ("# … and %u more change like these",
                                              "# … and %u more changes like these", more),
                              more);
    }

  code = kanri_powershell_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), code);

  return box;
}

static void
confirm_restore (KanriRecoverableItemsPage *self,
                 const char                *heading,
                 const char                *body,
                 Restore                   *restore)
{
  GtkWidget *dialog;

  dialog = kanri_alert_new (heading, body);
  kanri_alert_add_responses (dialog,
                             "cancel", _("_Cancel"),
                             "restore", _("_Restore"),
                             NULL);
  kanri_alert_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  kanri_alert_set_default_response (dialog, "restore");
  kanri_alert_set_close_response (dialog, "cancel");
  kanri_alert_set_extra_child (dialog, create_preview (restore->cmdlets));

  g_object_set_data_full (G_OBJECT (dialog), "restore", restore, (GDestroyNotify)restore_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmed_cb), self, 0);
  kanri_alert_present (dialog, GTK_WIDGET (self));
}

/* The target folder, checked; FALSE (and a message) when it is not one. */
static gboolean
read_target (KanriRecoverableItemsPage  *self,
             char                      **target)
{
  g_autoptr(GError) error = NULL;

  *target = entry_text (self->target_entry);
  if (kanri_recoverable_target_is_valid (*target, &error))
    return TRUE;

  g_clear_pointer (target, g_free);
  kanri_page_show_toast (KANRI_PAGE (self), error->message);
  return FALSE;
}

static char *
where_to (KanriRecoverableItemsPage *self,
          const char                *target)
{
  if (target == NULL)
    /* Translators: %s is a mailbox's display name */
    return g_strdup_printf (_("They go back to the folders they were deleted from, in the mailbox of %s."),
                            self->mailbox_name);

  /* Translators: the first %s is a folder path, the second a mailbox's name */
  return g_strdup_printf (_("They go under %s, in the folders they were deleted from, in the mailbox of %s."),
                          target, self->mailbox_name);
}

static void
restore_selected_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KanriRecoverableItemsPage *self = KANRI_RECOVERABLE_ITEMS_PAGE (widget);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *target = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  Restore *restore;

  collect_selected (self, &items, &groups);
  if (items->len == 0 || self->mailbox == NULL || !read_target (self, &target))
    return;

  restore = g_new0 (Restore, 1);
  restore->cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  restore->summaries = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < items->len; i++)
    {
      KanriRecoverableItem *item = g_ptr_array_index (items, i);
      g_autofree char *subject = item_text (item, COLUMN_SUBJECT);

      g_ptr_array_add (restore->cmdlets, kanri_recoverable_restore_item (self->mailbox, item, target));
      /* Translators: the first %s is an item's subject, the second a mailbox's name */
      g_ptr_array_add (restore->summaries, g_strdup_printf (_("Restore “%s” in the mailbox of %s"),
                                                            subject, self->mailbox_name));
    }
  restore->title = g_strdup_printf (ngettext ("Restore %u item of %s", "Restore %u items of %s", items->len),
                                    items->len, self->mailbox_name);

  heading = g_strdup_printf (ngettext ("Restore %u Item?", "Restore %u Items?", items->len), items->len);
  body = where_to (self, target);
  confirm_restore (self, heading, body, restore);
}

static void
restore_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KanriRecoverableItemsPage *self = KANRI_RECOVERABLE_ITEMS_PAGE (widget);
  KanriRecoverableGroup *folder = selected_folder (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *target = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *where = NULL;
  g_autofree char *body = NULL;
  GListModel *group_items;
  Restore *restore;

  if (folder == NULL || self->mailbox == NULL || !read_target (self, &target))
    return;

  group_items = G_LIST_MODEL (kanri_recoverable_group_get_items (folder));
  for (guint i = 0; i < g_list_model_get_n_items (group_items); i++)
    g_ptr_array_add (items, g_list_model_get_item (group_items, i));

  restore = g_new0 (Restore, 1);
  restore->cmdlets = kanri_recoverable_restore_folder (self->mailbox, self->shown_filter, items, target);
  restore->summaries = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < restore->cmdlets->len; i++)
    {
      KanriCmdlet *cmdlet = g_ptr_array_index (restore->cmdlets, i);
      KanriRecoverableFolder type = KANRI_RECOVERABLE_FOLDER_ALL;

      kanri_recoverable_folder_from_source (kanri_cmdlet_get_string (cmdlet, "SourceFolder"), &type);
      /* Translators: the original folder, the folder type, the mailbox's name */
      g_ptr_array_add (restore->summaries,
                       g_strdup_printf (_("Restore everything deleted from “%s” in %s, in the mailbox of %s"),
                                        kanri_recoverable_group_get_path (folder),
                                        kanri_recoverable_folder_get_label (type), self->mailbox_name));
    }
  restore->title = g_strdup_printf (_("Restore everything deleted from “%s” in the mailbox of %s"),
                                    kanri_recoverable_group_get_path (folder), self->mailbox_name);

  heading = g_strdup_printf (ngettext ("Restore %u Item from “%s”?", "Restore %u Items from “%s”?", items->len),
                             items->len, kanri_recoverable_group_get_path (folder));
  where = where_to (self, target);
  body = g_strconcat (where, "\n\n",
                      _("Everything deleted from this folder that matches the folder type, dates, item type "
                        "and subject shown is restored (-LastParentFolderID)."),
                      NULL);
  confirm_restore (self, heading, body, restore);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KanriRecoverableItemsPage *self = KANRI_RECOVERABLE_ITEMS_PAGE (widget);

  if (self->batch != NULL)
    kanri_batch_cancel (self->batch);
}

static void
close_progress_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KanriRecoverableItemsPage *self = KANRI_RECOVERABLE_ITEMS_PAGE (widget);

  if (batch_running (self))
    return;

  clear_batch (self);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_state (self);
}

/* The tenant ---------------------------------------------------------------- */

static void
kanri_recoverable_items_page_tenant_changed (KanriPage *page)
{
  KanriRecoverableItemsPage *self = KANRI_RECOVERABLE_ITEMS_PAGE (page);
  KanriTenant *tenant = kanri_page_get_tenant (page);
  g_autofree char *mailbox = NULL;
  g_autofree char *mailbox_name = NULL;
  g_autoptr(KanriRecoverableFilter) filter = NULL;

  g_cancellable_cancel (self->query_cancellable);
  g_cancellable_cancel (self->role_cancellable);
  self->querying = FALSE;
  gtk_no_selection_set_model (self->mailbox_selection, NULL);
  g_clear_object (&self->mailboxes);
  g_clear_pointer (&self->mailbox, g_free);
  g_clear_pointer (&self->mailbox_name, g_free);
  gtk_label_set_label (self->mailbox_label, _("Choose a Mailbox"));
  set_role (self, ROLE_UNKNOWN, NULL);

  /* The page reopens on the last query, as it was read. */
  if (tenant != NULL &&
      kanri_recoverable_cache_last (kanri_tenant_get_store (tenant), kanri_tenant_get_id (tenant),
                                    &mailbox, &mailbox_name, &filter))
    {
      self->mailbox = g_steal_pointer (&mailbox);
      self->mailbox_name = g_steal_pointer (&mailbox_name);
      gtk_label_set_label (self->mailbox_label, *self->mailbox_name ? self->mailbox_name : self->mailbox);
      filter_to_fields (self, filter);
    }

  show_cached (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    check_role (self);
}

static void
kanri_recoverable_items_page_dispose (GObject *object)
{
  KanriRecoverableItemsPage *self = (KanriRecoverableItemsPage *)object;

  g_cancellable_cancel (self->query_cancellable);
  g_cancellable_cancel (self->role_cancellable);
  g_clear_handle_id (&self->role_retry_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->batch != NULL)
    g_signal_handlers_disconnect_by_data (self->batch, self);
  g_clear_object (&self->batch);

  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_RECOVERABLE_ITEMS_PAGE);

  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->role_cancellable);
  g_clear_object (&self->mailboxes);
  g_clear_object (&self->tree);
  g_clear_object (&self->sorted);
  g_clear_object (&self->items);
  g_clear_object (&self->groups);
  g_clear_pointer (&self->groups_by_folder, g_hash_table_unref);
  g_clear_pointer (&self->queries, g_ptr_array_unref);
  g_clear_pointer (&self->shown_filter, kanri_recoverable_filter_free);
  g_clear_pointer (&self->fetched, g_date_time_unref);
  g_clear_pointer (&self->query_error, g_free);
  g_clear_pointer (&self->mailbox, g_free);
  g_clear_pointer (&self->mailbox_name, g_free);
  g_clear_pointer (&self->batch_mailbox, g_free);

  G_OBJECT_CLASS (kanri_recoverable_items_page_parent_class)->dispose (object);
}

static void
kanri_recoverable_items_page_class_init (KanriRecoverableItemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriPageClass *page_class = KANRI_PAGE_CLASS (klass);

  object_class->dispose = kanri_recoverable_items_page_dispose;

  page_class->tenant_changed = kanri_recoverable_items_page_tenant_changed;
  kanri_page_class_set_info (page_class, "recoverable-items", N_("Recoverable Items"), "user-trash-symbolic", 30);

  g_type_ensure (KANRI_TYPE_FIT_SCROLLER);
  g_type_ensure (KANRI_TYPE_MAILBOX);
  g_type_ensure (KANRI_TYPE_ROW_SLOT);
  g_type_ensure (KANRI_TYPE_WRAP_BOX);
  g_type_ensure (KANRI_TYPE_SPINNER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-recoverable-items-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, role_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, role_stack);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, role_spinner);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, role_body);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, role_checking_label);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, applying_page);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, grant_label);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, role_error);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, mailbox_button);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, mailbox_label);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, mailbox_popover);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, mailbox_search);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, mailbox_view);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, mailbox_selection);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, folder_box);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, start_entry);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, end_entry);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, filter_error);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, query_spinner);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, group_check);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, results_view);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, results_selection);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, target_entry);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, restore_folder_button);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, close_button);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, failures_scroller);
  gtk_widget_class_bind_template_child (widget_class, KanriRecoverableItemsPage, failures_list);
  gtk_widget_class_bind_template_callback (widget_class, mailbox_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, mailbox_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mailbox_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, mailbox_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_selection_changed_cb);

  gtk_widget_class_install_action (widget_class, "recoverable.recheck", NULL, recheck_action);
  gtk_widget_class_install_action (widget_class, "recoverable.copy-grant", NULL, copy_grant_action);
  gtk_widget_class_install_action (widget_class, "recoverable.assign-role", NULL, assign_role_action);
  gtk_widget_class_install_action (widget_class, "recoverable.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "recoverable.restore-selected", NULL, restore_selected_action);
  gtk_widget_class_install_action (widget_class, "recoverable.restore-folder", NULL, restore_folder_action);
  gtk_widget_class_install_action (widget_class, "recoverable.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "recoverable.close-progress", NULL, close_progress_action);
}

static void
add_folder_buttons (KanriRecoverableItemsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (folder_order); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (kanri_recoverable_folder_get_label (folder_order[i]));
      const char *parameter = kanri_recoverable_folder_to_parameter (folder_order[i]);

      self->folder_buttons[i] = GTK_TOGGLE_BUTTON (button);
      if (i > 0)
        gtk_toggle_button_set_group (self->folder_buttons[i], self->folder_buttons[0]);
      if (parameter != NULL)
        gtk_widget_set_tooltip_text (button, parameter);
      g_signal_connect_object (button, "toggled", G_CALLBACK (folder_toggled_cb), self, 0);
      gtk_box_append (self->folder_box, button);
    }

  gtk_toggle_button_set_active (self->folder_buttons[G_N_ELEMENTS (folder_order) - 1], TRUE);
}

static void
kanri_recoverable_items_page_init (KanriRecoverableItemsPage *self)
{
  GtkSorter *sorter;

  self->items = g_list_store_new (KANRI_TYPE_RECOVERABLE_ITEM);
  self->groups = g_list_store_new (KANRI_TYPE_RECOVERABLE_GROUP);
  self->groups_by_folder = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  add_columns (self);
  add_folder_buttons (self);

  /* Results: a tree (groups, or items alone) sorted by the headers. */
  sorter = gtk_column_view_get_sorter (self->results_view);
  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_tree_list_row_sorter_new (g_object_ref (sorter))));
  gtk_multi_selection_set_model (self->results_selection, G_LIST_MODEL (self->sorted));
  group_toggled_cb (self);

  g_signal_connect_object (self->type_dropdown, "notify::selected", G_CALLBACK (type_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (page_mapped_cb), NULL);

  /* "Read 5 minutes ago" must move on while the page is shown. */
  self->clock_source = g_timeout_add_seconds (30, clock_cb, self);

  update_state (self);
}
