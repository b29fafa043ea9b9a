/* kanri-mailbox-list.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-mailbox-list"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kanri-mailbox-list.h"

/* A tenant's mailboxes as a GListModel, for tables that must stay smooth on
 * 100,000 rows. Filtering and sorting are SQL on indexed columns, run by a
 * worker thread on a connection of its own; the list holds only row ids and
 * reads a mailbox when a view asks for it. GTK's own filter and sort models
 * would need every row as an object and compare them in C on the main
 * thread: tens of megabytes and a pause on each keystroke at that size. */
#define CACHE_LIMIT 1024
#define N_FLAG_BITS 6
/* The row lists of the last few filters, searches and orders, reused while
 * the mailboxes stay as they are: going back to "All Mailboxes" after
 * "Needs Attention" shows at once, without reading 100,000 rows again. */
#define RECENT_LIMIT 4

/* load_counts() counts each bit of KanriAuditFlags by its value. */
G_STATIC_ASSERT (KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED == 1 << (N_FLAG_BITS - 1));

struct _KanriMailboxList
{
  GObject           parent_instance;

  KanriStore       *store;
  char             *tenant;

  char             *search;
  KanriAuditFlags   flags;
  KanriMailboxSort  sort;
  gboolean          descending;

  GArray           *ids;
  GHashTable       *cache;
  GQueue            recent;
  sqlite3_stmt     *read_row;
  guint             total;
  guint             flag_counts[N_FLAG_BITS];

  GCancellable     *reload;
  guint             loading : 1;
  guint             counting : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriMailboxList, kanri_mailbox_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  KanriStore       *store;
  char             *tenant;
  char             *search;
  KanriAuditFlags   flags;
  KanriMailboxSort  sort;
  gboolean          descending;
  gboolean          count;
} Query;

typedef struct
{
  GArray   *ids;
  gboolean  counted;
  guint     total;
  guint     flag_counts[N_FLAG_BITS];
} Loaded;

/* The rows a query read, under what it asked for. */
typedef struct
{
  char             *search;
  KanriAuditFlags   flags;
  KanriMailboxSort  sort;
  gboolean          descending;
  GArray           *ids;
} Recent;

static void
recent_free (Recent *recent)
{
  g_free (recent->search);
  g_array_unref (recent->ids);
  g_free (recent);
}

static void
forget_recent (KanriMailboxList *self)
{
  g_queue_clear_full (&self->recent, (GDestroyNotify)recent_free);
}

static GList *
find_recent (KanriMailboxList *self,
             const Query      *query)
{
  for (GList *link = self->recent.head; link != NULL; link = link->next)
    {
      Recent *recent = link->data;

      if (recent->flags == query->flags && recent->sort == query->sort &&
          recent->descending == query->descending && g_strcmp0 (recent->search, query->search) == 0)
        return link;
    }

  return NULL;
}

/* Keeps @ids (shared, not copied: kanri_mailbox_list_row_changed() forgets
 * the recent lists before it changes the list's own) as the most recent. */
static void
remember_rows (KanriMailboxList *self,
               const Query      *query,
               GArray           *ids)
{
  GList *link = find_recent (self, query);
  Recent *recent;

  if (link != NULL)
    {
      recent_free (link->data);
      g_queue_delete_link (&self->recent, link);
    }

  recent = g_new0 (Recent, 1);
  recent->search = g_strdup (query->search);
  recent->flags = query->flags;
  recent->sort = query->sort;
  recent->descending = query->descending;
  recent->ids = g_array_ref (ids);
  g_queue_push_head (&self->recent, recent);

  while (self->recent.length > RECENT_LIMIT)
    recent_free (g_queue_pop_tail (&self->recent));
}

static void
query_free (Query *query)
{
  g_clear_object (&query->store);
  g_free (query->tenant);
  g_free (query->search);
  g_free (query);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->ids, g_array_unref);
  g_free (loaded);
}

static const char *
order_by (KanriMailboxSort sort,
          gboolean         descending)
{
  /* rowid last: a stable order among equal keys. By name and by UPN, the
   * order is that of the covering index (mailboxes_name, mailboxes_upn)
   * column for column, so that SQLite reads the index in order and sorts
   * nothing: sorting equal names by rowid alone made it sort all 100,000
   * rows again. */
  static const char *const ascending_sql[] = {
    "display_name COLLATE NOCASE, search_key, audit_flags, rowid",
    "upn COLLATE NOCASE, search_key, audit_flags, rowid",
    "default_audit_set, display_name COLLATE NOCASE, rowid",
    "audit_log_age_limit, display_name COLLATE NOCASE, rowid",
    "audit_flags, display_name COLLATE NOCASE, rowid",
  };
  static const char *const descending_sql[] = {
    "display_name COLLATE NOCASE DESC, search_key DESC, audit_flags DESC, rowid DESC",
    "upn COLLATE NOCASE DESC, search_key DESC, audit_flags DESC, rowid DESC",
    "default_audit_set DESC, display_name COLLATE NOCASE, rowid",
    "audit_log_age_limit DESC, display_name COLLATE NOCASE, rowid",
    "audit_flags DESC, display_name COLLATE NOCASE, rowid",
  };

  return descending ? descending_sql[sort] : ascending_sql[sort];
}

/* The mask of the partial index mailboxes_attention, written out in it. */
G_STATIC_ASSERT (KANRI_AUDIT_FLAGS_NEED_ATTENTION == 15);

static gboolean
within_attention (KanriAuditFlags flags)
{
  return flags != 0 && (flags & ~KANRI_AUDIT_FLAGS_NEED_ATTENTION) == 0;
}

static gboolean
load_counts (sqlite3  *db,
             Query    *query,
             Loaded   *loaded)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT count(*), sum(audit_flags & 1 != 0), sum(audit_flags & 2 != 0), "
                          "  sum(audit_flags & 4 != 0), sum(audit_flags & 8 != 0), "
                          "  sum(audit_flags & 16 != 0), sum(audit_flags & 32 != 0) "
                          "FROM mailboxes WHERE tenant = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_text (stmt, 1, query->tenant, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  loaded->total = sqlite3_column_int (stmt, 0);
  for (guint i = 0; i < N_FLAG_BITS; i++)
    loaded->flag_counts[i] = sqlite3_column_int (stmt, 1 + i);

  return TRUE;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Query *query = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Loaded *loaded;
  sqlite3 *db;
  int rc;

  db = kanri_store_open_reader (query->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  loaded = g_new0 (Loaded, 1);
  loaded->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A filter within "needs attention" says so in the words of the partial
   * index mailboxes_attention (migration 5), which SQLite then reads: a
   * tenth of the rows. */
  sql = g_strdup_printf ("SELECT rowid FROM mailboxes WHERE tenant = ?1 "
                         "AND (?2 = 0 OR (audit_flags & ?2) != 0) %s"
                         "AND (?3 IS NULL OR instr (search_key, ?3) > 0) "
                         "ORDER BY %s",
                         within_attention (query->flags) ? "AND (audit_flags & 15) != 0 " : "",
                         order_by (query->sort, query->descending));
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, query->tenant, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, query->flags);
      sqlite3_bind_text (stmt, 3, query->search, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (loaded->ids, id);
        }
    }

  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    g_set_error (&error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
  else if (query->count && !(loaded->counted = load_counts (db, query, loaded)))
    g_set_error (&error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));

  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  if (error != NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, loaded, (GDestroyNotify)loaded_free);
}

/* The list is this callback's data, not the task's source object: the
 * callback runs on the main thread, so the list never has its last
 * reference dropped (and is never finalized) in the worker thread. */
static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KanriMailboxList) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded;
  guint removed;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->reload);

  if (loaded == NULL)
    {
      self->loading = FALSE;
      g_warning ("Could not list the mailboxes: %s", error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  if (loaded->counted)
    {
      self->counting = FALSE;
      self->total = loaded->total;
      memcpy (self->flag_counts, loaded->flag_counts, sizeof self->flag_counts);
    }
  g_hash_table_remove_all (self->cache);

  /* One signal for the whole replacement. A GTK 4.8 view must not get it
   * as is: it would look up every new item to find the row widgets of the
   * removed ones. The tables show the list through a slot model (the GUI's
   * KanriSlotModel), which tells the view in parts it can take. */
  removed = self->ids->len;
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&loaded->ids);
  loaded_free (loaded);
  remember_rows (self, g_task_get_task_data (G_TASK (result)), self->ids);
  if (removed > 0 || self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);

  /* Still loading while the rows are swapped, so that a view never takes
   * the list for empty and finished in between. */
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The tenant-wide counts change with the data, not with the filter, the
 * search or the order: they are read again only when asked. */
static void
run_query (KanriMailboxList *self,
           gboolean          count)
{
  g_autoptr(GTask) task = NULL;
  GList *recent;
  Query *query;

  /* A query cancelled before it counted must not lose the counting. */
  if (self->reload != NULL && self->counting)
    count = TRUE;
  self->counting = count;

  g_cancellable_cancel (self->reload);
  g_clear_object (&self->reload);
  self->reload = g_cancellable_new ();

  query = g_new0 (Query, 1);
  query->store = g_object_ref (self->store);
  query->tenant = g_strdup (self->tenant);
  query->search = g_strdup (self->search);
  query->flags = self->flags;
  query->sort = self->sort;
  query->descending = self->descending;
  query->count = count;

  task = g_task_new (NULL, self->reload, loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, kanri_mailbox_list_refresh);
  g_task_set_task_data (task, query, (GDestroyNotify)query_free);

  /* A recent list comes back from memory, still through loaded_cb() (GTask
   * calls it from an idle: the list loads asynchronously either way). */
  if (!count && (recent = find_recent (self, query)))
    {
      Loaded *loaded = g_new0 (Loaded, 1);

      loaded->ids = g_array_ref (((Recent *)recent->data)->ids);
      g_task_return_pointer (task, loaded, (GDestroyNotify)loaded_free);
    }
  else
    {
      g_task_run_in_thread (task, load_in_thread);
    }

  if (!self->loading)
    {
      self->loading = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/**
 * kanri_mailbox_list_refresh:
 *
 * Reads the mailboxes again after they changed (a sync). The rows stay as
 * they are until the new ones are ready.
 */
void
kanri_mailbox_list_refresh (KanriMailboxList *self)
{
  g_return_if_fail (KANRI_IS_MAILBOX_LIST (self));

  forget_recent (self);
  run_query (self, TRUE);
}

/* One statement for every row read: a view asks for rows one by one, and
 * parsing the SQL each time was a good part of showing a screenful. */
static KanriMailbox *
read_mailbox (KanriMailboxList *self,
              gint64            row_id)
{
  KanriMailbox *mailbox = NULL;

  if (self->read_row == NULL)
    self->read_row = kanri_store_prepare (self->store,
                                          "SELECT " KANRI_MAILBOX_COLUMNS " FROM mailboxes WHERE rowid = ?1",
                                          NULL);
  if (self->read_row == NULL)
    return NULL;

  sqlite3_bind_int64 (self->read_row, 1, row_id);
  if (sqlite3_step (self->read_row) == SQLITE_ROW)
    mailbox = kanri_mailbox_new_from_row (self->read_row);
  sqlite3_reset (self->read_row);

  return mailbox;
}

static gboolean
mailbox_matches (KanriMailboxList *self,
                 KanriMailbox     *mailbox)
{
  g_autofree char *key = NULL;
  g_autofree char *folded = NULL;

  if (self->flags != 0 && (kanri_mailbox_get_audit_flags (mailbox) & self->flags) == 0)
    return FALSE;
  if (self->search == NULL)
    return TRUE;

  /* The same text as the search_key column the query looks in. */
  key = g_strjoin (" ", kanri_mailbox_get_display_name (mailbox), kanri_mailbox_get_upn (mailbox),
                   kanri_mailbox_get_primary_smtp (mailbox), NULL);
  folded = g_utf8_casefold (key, -1);

  return strstr (folded, self->search) != NULL;
}

/**
 * kanri_mailbox_list_row_changed:
 *
 * One mailbox changed (a fix was applied): its row shows the change at once,
 * or leaves the list if it no longer matches the filter. A mailbox the list
 * does not hold waits for the next refresh.
 */
void
kanri_mailbox_list_row_changed (KanriMailboxList *self,
                                gint64            row_id)
{
  g_autoptr(KanriMailbox) mailbox = NULL;

  g_return_if_fail (KANRI_IS_MAILBOX_LIST (self));

  g_hash_table_remove (self->cache, &row_id);
  /* The other filters' rows may change too; and the list's own, shared
   * with its recent entry, is changed below. */
  forget_recent (self);

  for (guint position = 0; position < self->ids->len; position++)
    {
      if (g_array_index (self->ids, gint64, position) != row_id)
        continue;

      mailbox = read_mailbox (self, row_id);
      if (mailbox != NULL && mailbox_matches (self, mailbox))
        {
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
      else
        {
          g_array_remove_index (self->ids, position);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
        }
      return;
    }
}

static GType
kanri_mailbox_list_get_item_type (GListModel *model)
{
  return KANRI_TYPE_MAILBOX;
}

static guint
kanri_mailbox_list_get_n_items (GListModel *model)
{
  return KANRI_MAILBOX_LIST (model)->ids->len;
}

static gpointer
kanri_mailbox_list_get_item (GListModel *model,
                             guint       position)
{
  KanriMailboxList *self = KANRI_MAILBOX_LIST (model);
  KanriMailbox *mailbox;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  mailbox = g_hash_table_lookup (self->cache, &id);
  if (mailbox != NULL)
    return g_object_ref (mailbox);

  mailbox = read_mailbox (self, id);
  if (mailbox == NULL)
    return NULL;

  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (mailbox));

  return mailbox;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kanri_mailbox_list_get_item_type;
  iface->get_n_items = kanri_mailbox_list_get_n_items;
  iface->get_item = kanri_mailbox_list_get_item;
}

static void
kanri_mailbox_list_dispose (GObject *object)
{
  KanriMailboxList *self = (KanriMailboxList *)object;

  g_cancellable_cancel (self->reload);
  g_clear_object (&self->reload);
  g_clear_pointer (&self->read_row, sqlite3_finalize);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kanri_mailbox_list_parent_class)->dispose (object);
}

static void
kanri_mailbox_list_finalize (GObject *object)
{
  KanriMailboxList *self = (KanriMailboxList *)object;

  forget_recent (self);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->tenant, g_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (kanri_mailbox_list_parent_class)->finalize (object);
}

static void
kanri_mailbox_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KanriMailboxList *self = KANRI_MAILBOX_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_mailbox_list_class_init (KanriMailboxListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_mailbox_list_dispose;
  object_class->finalize = kanri_mailbox_list_finalize;
  object_class->get_property = kanri_mailbox_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_mailbox_list_init (KanriMailboxList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * kanri_mailbox_list_new:
 * @tenant: the tenant whose mailboxes to list
 *
 * Returns: (transfer full): the list, loading
 */
KanriMailboxList *
kanri_mailbox_list_new (KanriStore *store,
                        const char *tenant)
{
  KanriMailboxList *self;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);
  g_return_val_if_fail (tenant != NULL, NULL);

  self = g_object_new (KANRI_TYPE_MAILBOX_LIST, NULL);
  self->store = g_object_ref (store);
  self->tenant = g_strdup (tenant);
  kanri_mailbox_list_refresh (self);

  return self;
}

const char *
kanri_mailbox_list_get_tenant (KanriMailboxList *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX_LIST (self), NULL);

  return self->tenant;
}

/**
 * kanri_mailbox_list_set_search:
 * @search: (nullable): text to find in the display name, UPN or address,
 *   ignoring case
 */
void
kanri_mailbox_list_set_search (KanriMailboxList *self,
                               const char       *search)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (KANRI_IS_MAILBOX_LIST (self));

  if (search != NULL && *search != '\0')
    folded = g_utf8_casefold (search, -1);

  if (g_strcmp0 (folded, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  run_query (self, FALSE);
}

/**
 * kanri_mailbox_list_set_flags:
 * @flags: only mailboxes with at least one of these, or 0 for all
 */
void
kanri_mailbox_list_set_flags (KanriMailboxList *self,
                              KanriAuditFlags   flags)
{
  g_return_if_fail (KANRI_IS_MAILBOX_LIST (self));

  if (self->flags == flags)
    return;

  self->flags = flags;
  run_query (self, FALSE);
}

void
kanri_mailbox_list_set_sort (KanriMailboxList *self,
                             KanriMailboxSort  sort,
                             gboolean          descending)
{
  g_return_if_fail (KANRI_IS_MAILBOX_LIST (self));
  g_return_if_fail (sort <= KANRI_MAILBOX_SORT_AUDIT_FLAGS);

  if (self->sort == sort && self->descending == !!descending)
    return;

  self->sort = sort;
  self->descending = !!descending;
  run_query (self, FALSE);
}

gboolean
kanri_mailbox_list_get_loading (KanriMailboxList *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX_LIST (self), FALSE);

  return self->loading;
}

/**
 * kanri_mailbox_list_get_total:
 *
 * Returns: how many mailboxes the tenant has, whatever the filter
 */
guint
kanri_mailbox_list_get_total (KanriMailboxList *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX_LIST (self), 0);

  return self->total;
}

/**
 * kanri_mailbox_list_count_flag:
 * @flag: one #KanriAuditFlags bit
 *
 * Returns: how many of the tenant's mailboxes have @flag
 */
guint
kanri_mailbox_list_count_flag (KanriMailboxList *self,
                               KanriAuditFlags   flag)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX_LIST (self), 0);

  for (guint i = 0; i < N_FLAG_BITS; i++)
    {
      if (flag == (1u << i))
        return self->flag_counts[i];
    }

  g_return_val_if_reached (0);
}
