/* kanri-operation-list.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-operation-list"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kanri-journal-query.h"
#include "kanri-operation-list.h"

/* The journal as a GListModel, newest first, for the Operations page. A bulk
 * job journals one row per mailbox, so there may be hundreds of thousands:
 * the list holds only their ids (found by a worker thread on a connection of
 * its own) and reads a row when a view asks for it. It follows the journal's
 * "changed" signal one row at a time, never by reloading. */
#define CACHE_LIMIT 1024

struct _KanriOperationList
{
  GObject       parent_instance;

  KanriStore   *store;
  KanriJournal *journal;

  /* Ids, descending. */
  GArray       *ids;
  GHashTable   *cache;

  KanriJournalFilter filter;

  GCancellable *reload;
  guint         loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriOperationList, kanri_operation_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static gboolean
replace_string (char       **dest,
                const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

static gboolean
collect_id (const KanriJournalRow *row,
            gpointer               user_data)
{
  GArray *ids = user_data;

  g_array_append_val (ids, row->id);
  return TRUE;
}

typedef struct
{
  KanriStore         *store;
  KanriJournalFilter *filter;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->store);
  kanri_journal_filter_free (load->filter);
  g_free (load);
}

static void
load_ids_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Load *load = task_data;
  const KanriJournalFilter *filter = load->filter;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  db = kanri_store_open_reader (load->store, &error);
  if (db != NULL)
    {
      kanri_journal_query (db, filter, TRUE, collect_id, ids, &error);
      sqlite3_close (db);
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify)g_array_unref);
}

/* The list is this callback's data, not the task's source object: see
 * kanri-mailbox-list.c, the worker thread must not finalize it. */
static void
ids_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KanriOperationList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint removed;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->reload);
  self->loading = FALSE;

  if (error != NULL)
    {
      g_warning ("Could not list the journal: %s", error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  removed = self->ids->len;
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->cache);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
  if (removed != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
reload (KanriOperationList *self)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_cancellable_cancel (self->reload);
  g_clear_object (&self->reload);
  self->reload = g_cancellable_new ();

  load = g_new0 (Load, 1);
  load->store = g_object_ref (self->store);
  load->filter = kanri_journal_filter_copy (&self->filter);

  task = g_task_new (NULL, self->reload, ids_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, load, (GDestroyNotify)load_free);
  g_task_run_in_thread (task, load_ids_in_thread);

  if (!self->loading)
    {
      self->loading = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/* Where @id is, or would go, in the descending array. */
static guint
position_of (KanriOperationList *self,
             gint64              id,
             gboolean           *found)
{
  guint low = 0;
  guint high = self->ids->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      gint64 here = g_array_index (self->ids, gint64, mid);

      if (here == id)
        {
          *found = TRUE;
          return mid;
        }
      if (here > id)
        low = mid + 1;
      else
        high = mid;
    }

  *found = FALSE;
  return low;
}

static void
journal_changed_cb (KanriOperationList *self,
                    gint64              id,
                    KanriJournal       *journal)
{
  g_autoptr(KanriOperation) op = NULL;
  gboolean found;
  guint position;

  /* A reload in flight will see this change itself. */
  if (self->loading)
    return;

  op = kanri_journal_get (journal, id, NULL);
  if (op == NULL)
    return;

  position = position_of (self, id, &found);
  g_hash_table_remove (self->cache, &id);

  if (kanri_journal_filter_matches (&self->filter, op))
    {
      if (!found)
        {
          g_array_insert_val (self->ids, position, id);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
        }
      else
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  else if (found)
    {
      g_array_remove_index (self->ids, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static GType
kanri_operation_list_get_item_type (GListModel *model)
{
  return KANRI_TYPE_OPERATION;
}

static guint
kanri_operation_list_get_n_items (GListModel *model)
{
  return KANRI_OPERATION_LIST (model)->ids->len;
}

static gpointer
kanri_operation_list_get_item (GListModel *model,
                               guint       position)
{
  KanriOperationList *self = KANRI_OPERATION_LIST (model);
  KanriOperation *op;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  op = g_hash_table_lookup (self->cache, &id);
  if (op != NULL)
    return g_object_ref (op);

  /* One row by its primary key: microseconds, and only for rows on screen. */
  op = kanri_journal_get (self->journal, id, NULL);
  if (op == NULL)
    return NULL;

  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (op));

  return op;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kanri_operation_list_get_item_type;
  iface->get_n_items = kanri_operation_list_get_n_items;
  iface->get_item = kanri_operation_list_get_item;
}

static void
kanri_operation_list_dispose (GObject *object)
{
  KanriOperationList *self = (KanriOperationList *)object;

  g_cancellable_cancel (self->reload);
  g_clear_object (&self->reload);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_func (self->journal, journal_changed_cb, self);
  self->journal = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kanri_operation_list_parent_class)->dispose (object);
}

static void
kanri_operation_list_finalize (GObject *object)
{
  KanriOperationList *self = (KanriOperationList *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->filter.tenant, g_free);
  g_clear_pointer (&self->filter.search, g_free);

  G_OBJECT_CLASS (kanri_operation_list_parent_class)->finalize (object);
}

static void
kanri_operation_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KanriOperationList *self = KANRI_OPERATION_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_operation_list_class_init (KanriOperationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_operation_list_dispose;
  object_class->finalize = kanri_operation_list_finalize;
  object_class->get_property = kanri_operation_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_operation_list_init (KanriOperationList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->filter.state = KANRI_JOURNAL_ANY_STATE;
}

/**
 * kanri_operation_list_new:
 *
 * Returns: (transfer full): every operation of the journal, loading
 */
KanriOperationList *
kanri_operation_list_new (KanriStore *store)
{
  KanriOperationList *self;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);

  self = g_object_new (KANRI_TYPE_OPERATION_LIST, NULL);
  self->store = g_object_ref (store);
  self->journal = kanri_journal_get_for_store (store);
  g_signal_connect_object (self->journal, "changed",
                           G_CALLBACK (journal_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return self;
}

/**
 * kanri_operation_list_set_tenant:
 * @tenant: (nullable): only this tenant's operations, or every tenant's
 */
void
kanri_operation_list_set_tenant (KanriOperationList *self,
                                 const char         *tenant)
{
  g_return_if_fail (KANRI_IS_OPERATION_LIST (self));

  if (replace_string (&self->filter.tenant, tenant))
    reload (self);
}

/**
 * kanri_operation_list_set_state:
 * @state: a #KanriOperationState, or %KANRI_JOURNAL_ANY_STATE
 */
void
kanri_operation_list_set_state (KanriOperationList *self,
                                int                 state)
{
  g_return_if_fail (KANRI_IS_OPERATION_LIST (self));
  g_return_if_fail (state >= KANRI_JOURNAL_ANY_STATE && state <= KANRI_OPERATION_CANCELLED);

  if (self->filter.state == state)
    return;

  self->filter.state = state;
  reload (self);
}

/**
 * kanri_operation_list_set_search:
 * @search: (nullable): words to look for in what, the cmdlet, the PowerShell
 *   and the error, ignoring case
 */
void
kanri_operation_list_set_search (KanriOperationList *self,
                                 const char         *search)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (KANRI_IS_OPERATION_LIST (self));

  if (search != NULL && *search != '\0')
    folded = g_utf8_casefold (search, -1);

  if (replace_string (&self->filter.search, folded))
    reload (self);
}

gboolean
kanri_operation_list_get_loading (KanriOperationList *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION_LIST (self), FALSE);

  return self->loading;
}
