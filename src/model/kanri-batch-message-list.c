/* kanri-batch-message-list.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-batch-message-list"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kanri-batch-message-list.h"
#include "kanri-batch-sql.h"

/* The messages of one batch analysis as a GListModel, for a table of
 * 100,000 rows: as KanriMailboxList does for mailboxes, the filter, the
 * search and the order are SQL run by a worker thread on a connection of
 * its own, the list holds only the rows' numbers (seq), and a message is
 * read when a view asks for it. */
#define CACHE_LIMIT 1024

struct _KanriBatchMessageList
{
  GObject           parent_instance;

  KanriStore       *store;
  gint64            run_id;

  KanriBatchFilter  filter;
  char             *cip;
  char             *search;
  KanriBatchSort    sort;
  gboolean          descending;

  GArray           *seqs;
  GHashTable       *cache;
  sqlite3_stmt     *read_row;
  guint             counts[KANRI_BATCH_N_FILTERS];
  gint64            query_usec;

  GCancellable     *reload;
  guint             loading : 1;
  guint             counting : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriBatchMessageList, kanri_batch_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  KanriStore       *store;
  gint64            run_id;
  KanriBatchFilter  filter;
  char             *cip;
  char             *search;
  KanriBatchSort    sort;
  gboolean          descending;
  gboolean          count;
  gint64            started;
} Query;

typedef struct
{
  GArray   *seqs;
  gboolean  counted;
  guint     counts[KANRI_BATCH_N_FILTERS];
} Loaded;

static void
query_free (Query *query)
{
  g_clear_object (&query->store);
  g_free (query->cip);
  g_free (query->search);
  g_free (query);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->seqs, g_array_unref);
  g_free (loaded);
}

/* Each filter as a condition on a row, shared by the list's query and the
 * counts, so that a filter's count is the number of rows it shows. */
static const char *const filter_sql[KANRI_BATCH_N_FILTERS] = {
  [KANRI_BATCH_FILTER_ALL] = "NOT duplicate",
  [KANRI_BATCH_FILTER_SPAM] = "NOT duplicate AND " KANRI_BATCH_SQL_SPAM,
  [KANRI_BATCH_FILTER_AUTH_FAILED] = "NOT duplicate AND " KANRI_BATCH_SQL_AUTH_FAILED,
  [KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING] = "NOT duplicate AND " KANRI_BATCH_SQL_NO_ENHANCED_FILTERING,
  [KANRI_BATCH_FILTER_ERRORS] = "error IS NOT NULL",
  [KANRI_BATCH_FILTER_DUPLICATES] = "duplicate",
};

/* seq last: the input order among equal keys. A message without the field
 * sorts after those with it, either way. */
static const char *const sort_sql[KANRI_BATCH_N_SORTS] = {
  [KANRI_BATCH_SORT_INPUT] = "seq",
  [KANRI_BATCH_SORT_DATE] = "date",
  [KANRI_BATCH_SORT_SENDER] = "sender COLLATE NOCASE",
  [KANRI_BATCH_SORT_SUBJECT] = "subject COLLATE NOCASE",
  [KANRI_BATCH_SORT_CIP] = "cip",
  [KANRI_BATCH_SORT_ORIGINAL_IP] = "original_ip",
  [KANRI_BATCH_SORT_SPF] = "spf",
  [KANRI_BATCH_SORT_DKIM] = "dkim",
  [KANRI_BATCH_SORT_DMARC] = "dmarc",
  [KANRI_BATCH_SORT_COMPAUTH] = "compauth",
  [KANRI_BATCH_SORT_SCL] = "scl",
  [KANRI_BATCH_SORT_BCL] = "bcl",
  [KANRI_BATCH_SORT_SFV] = "sfv",
  [KANRI_BATCH_SORT_DIRECTION] = "direction",
};

/* Only the conditions in use are written: a condition on a parameter
 * that is NULL would still name its column, and keep SQLite from reading
 * the covering index batch_messages_table (migration 9) alone. */
static char *
build_sql (const Query *query)
{
  GString *sql = g_string_new ("SELECT seq FROM batch_messages WHERE run = ?1 AND ");
  const char *order = query->descending ? "DESC" : "ASC";

  g_string_append (sql, filter_sql[query->filter]);
  if (query->cip != NULL)
    g_string_append (sql, " AND cip = ?2");
  if (query->search != NULL)
    g_string_append (sql, " AND instr (search_key, ?3) > 0");

  if (query->sort == KANRI_BATCH_SORT_INPUT)
    g_string_append_printf (sql, " ORDER BY seq %s", order);
  else
    g_string_append_printf (sql, " ORDER BY %s IS NULL, %s %s, seq", sort_sql[query->sort],
                            sort_sql[query->sort], order);

  return g_string_free (sql, FALSE);
}

static gboolean
load_counts (sqlite3     *db,
             const Query *query,
             Loaded      *loaded)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = 0; i < KANRI_BATCH_N_FILTERS; i++)
    g_string_append_printf (sql, "%stotal (%s)", i > 0 ? ", " : "", filter_sql[i]);
  g_string_append (sql, " FROM batch_messages WHERE run = ?1");
  if (query->cip != NULL)
    g_string_append (sql, " AND cip = ?2");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, query->run_id);
  sqlite3_bind_text (stmt, 2, query->cip, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  for (guint i = 0; i < KANRI_BATCH_N_FILTERS; i++)
    loaded->counts[i] = sqlite3_column_int (stmt, i);

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
  g_autofree char *sql = build_sql (query);
  g_autofree char *search = query->search ? g_ascii_strdown (query->search, -1) : NULL;
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
  loaded->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, query->run_id);
      sqlite3_bind_text (stmt, 2, query->cip, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, search, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 seq = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (loaded->seqs, seq);
        }
    }

  if ((rc != SQLITE_DONE && rc != SQLITE_OK) ||
      (query->count && !(loaded->counted = load_counts (db, query, loaded))))
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

/* The list is the callback's data, so that its last reference is never
 * dropped in the worker thread (see kanri-mailbox-list.c). */
static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KanriBatchMessageList) self = user_data;
  g_autoptr(GError) error = NULL;
  Query *query = g_task_get_task_data (G_TASK (result));
  Loaded *loaded;
  guint removed;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->reload);
  self->query_usec = g_get_monotonic_time () - query->started;

  if (loaded == NULL)
    {
      self->loading = FALSE;
      g_warning ("Could not list the messages of the batch analysis: %s", error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  if (loaded->counted)
    {
      self->counting = FALSE;
      memcpy (self->counts, loaded->counts, sizeof self->counts);
    }
  g_hash_table_remove_all (self->cache);

  /* One signal for the whole replacement; the tables show the list through
   * a KanriSlotModel, which tells a GTK 4.8 view in parts it can take. */
  removed = self->seqs->len;
  g_clear_pointer (&self->seqs, g_array_unref);
  self->seqs = g_steal_pointer (&loaded->seqs);
  loaded_free (loaded);
  if (removed > 0 || self->seqs->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->seqs->len);

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The counts change with the rows and the CIP, not with the filter, the
 * search or the order: they are read again only when asked. */
static void
run_query (KanriBatchMessageList *self,
           gboolean               count)
{
  g_autoptr(GTask) task = NULL;
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
  query->run_id = self->run_id;
  query->filter = self->filter;
  query->cip = g_strdup (self->cip);
  query->search = g_strdup (self->search);
  query->sort = self->sort;
  query->descending = self->descending;
  query->count = count;
  query->started = g_get_monotonic_time ();

  task = g_task_new (NULL, self->reload, loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_query);
  g_task_set_task_data (task, query, (GDestroyNotify)query_free);
  g_task_run_in_thread (task, load_in_thread);

  if (!self->loading)
    {
      self->loading = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static KanriBatchMessage *
read_message (KanriBatchMessageList *self,
              gint64                 seq)
{
  KanriBatchMessage *message = NULL;

  if (self->read_row == NULL)
    self->read_row = kanri_store_prepare (self->store,
                                          "SELECT " KANRI_BATCH_MESSAGE_COLUMNS " FROM batch_messages"
                                          " WHERE run = ?1 AND seq = ?2",
                                          NULL);
  if (self->read_row == NULL)
    return NULL;

  sqlite3_bind_int64 (self->read_row, 1, self->run_id);
  sqlite3_bind_int64 (self->read_row, 2, seq);
  if (sqlite3_step (self->read_row) == SQLITE_ROW)
    message = kanri_batch_message_new_from_row (self->read_row);
  sqlite3_reset (self->read_row);

  return message;
}

static GType
kanri_batch_message_list_get_item_type (GListModel *model)
{
  return KANRI_TYPE_BATCH_MESSAGE;
}

static guint
kanri_batch_message_list_get_n_items (GListModel *model)
{
  return KANRI_BATCH_MESSAGE_LIST (model)->seqs->len;
}

static gpointer
kanri_batch_message_list_get_item (GListModel *model,
                                   guint       position)
{
  KanriBatchMessageList *self = KANRI_BATCH_MESSAGE_LIST (model);
  KanriBatchMessage *message;
  gint64 seq;

  if (position >= self->seqs->len)
    return NULL;

  seq = g_array_index (self->seqs, gint64, position);
  message = g_hash_table_lookup (self->cache, &seq);
  if (message != NULL)
    return g_object_ref (message);

  message = read_message (self, seq);
  if (message == NULL)
    return NULL;

  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&seq, sizeof seq), g_object_ref (message));

  return message;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kanri_batch_message_list_get_item_type;
  iface->get_n_items = kanri_batch_message_list_get_n_items;
  iface->get_item = kanri_batch_message_list_get_item;
}

static void
kanri_batch_message_list_dispose (GObject *object)
{
  KanriBatchMessageList *self = KANRI_BATCH_MESSAGE_LIST (object);

  g_cancellable_cancel (self->reload);
  g_clear_object (&self->reload);
  g_clear_pointer (&self->read_row, sqlite3_finalize);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kanri_batch_message_list_parent_class)->dispose (object);
}

static void
kanri_batch_message_list_finalize (GObject *object)
{
  KanriBatchMessageList *self = KANRI_BATCH_MESSAGE_LIST (object);

  g_clear_pointer (&self->seqs, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_free (self->cip);
  g_free (self->search);

  G_OBJECT_CLASS (kanri_batch_message_list_parent_class)->finalize (object);
}

static void
kanri_batch_message_list_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KanriBatchMessageList *self = KANRI_BATCH_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->seqs->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_batch_message_list_class_init (KanriBatchMessageListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_batch_message_list_dispose;
  object_class->finalize = kanri_batch_message_list_finalize;
  object_class->get_property = kanri_batch_message_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_batch_message_list_init (KanriBatchMessageList *self)
{
  self->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * kanri_batch_message_list_new:
 * @run_id: the batch analysis whose messages to list
 *
 * Returns: (transfer full): the list, loading, in input order
 */
KanriBatchMessageList *
kanri_batch_message_list_new (KanriStore *store,
                              gint64      run_id)
{
  KanriBatchMessageList *self;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);

  self = g_object_new (KANRI_TYPE_BATCH_MESSAGE_LIST, NULL);
  self->store = g_object_ref (store);
  self->run_id = run_id;
  run_query (self, TRUE);

  return self;
}

gint64
kanri_batch_message_list_get_run_id (KanriBatchMessageList *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self), 0);
  return self->run_id;
}

void
kanri_batch_message_list_set_filter (KanriBatchMessageList *self,
                                     KanriBatchFilter       filter)
{
  g_return_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self));
  g_return_if_fail (filter < KANRI_BATCH_N_FILTERS);

  if (self->filter == filter)
    return;
  self->filter = filter;
  run_query (self, FALSE);
}

KanriBatchFilter
kanri_batch_message_list_get_filter (KanriBatchMessageList *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self), KANRI_BATCH_FILTER_ALL);
  return self->filter;
}

/**
 * kanri_batch_message_list_set_cip:
 * @cip: (nullable): only the messages that came through this CIP
 *
 * The counts of kanri_batch_message_list_count() are within the CIP too.
 */
void
kanri_batch_message_list_set_cip (KanriBatchMessageList *self,
                                  const char            *cip)
{
  g_return_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self));

  if (cip != NULL && *cip == '\0')
    cip = NULL;
  if (g_strcmp0 (self->cip, cip) == 0)
    return;
  g_free (self->cip);
  self->cip = g_strdup (cip);
  run_query (self, TRUE);
}

const char *
kanri_batch_message_list_get_cip (KanriBatchMessageList *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self), NULL);
  return self->cip;
}

/**
 * kanri_batch_message_list_set_search:
 * @search: (nullable): text to find in the sender, subject, CIP,
 *   Message-ID or file, ignoring the case of ASCII letters
 */
void
kanri_batch_message_list_set_search (KanriBatchMessageList *self,
                                     const char            *search)
{
  g_return_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  run_query (self, FALSE);
}

void
kanri_batch_message_list_set_sort (KanriBatchMessageList *self,
                                   KanriBatchSort         sort,
                                   gboolean               descending)
{
  g_return_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self));
  g_return_if_fail (sort < KANRI_BATCH_N_SORTS);

  if (self->sort == sort && self->descending == !!descending)
    return;
  self->sort = sort;
  self->descending = !!descending;
  run_query (self, FALSE);
}

/**
 * kanri_batch_message_list_refresh:
 *
 * Reads the rows again: while a batch runs, more of them arrive. The rows
 * stay as they are until the new ones are ready.
 */
void
kanri_batch_message_list_refresh (KanriBatchMessageList *self)
{
  g_return_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self));
  run_query (self, TRUE);
}

gboolean
kanri_batch_message_list_get_loading (KanriBatchMessageList *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self), FALSE);
  return self->loading;
}

/**
 * kanri_batch_message_list_count:
 *
 * Returns: how many messages @filter shows (within the CIP, if one is set,
 *   whatever the search), as of the last query
 */
guint
kanri_batch_message_list_count (KanriBatchMessageList *self,
                                KanriBatchFilter       filter)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self), 0);
  g_return_val_if_fail (filter < KANRI_BATCH_N_FILTERS, 0);
  return self->counts[filter];
}

/**
 * kanri_batch_message_list_get_query_usec:
 *
 * Returns: how long the last query took, from the change that asked for it
 *   to its rows (for bench/batch)
 */
gint64
kanri_batch_message_list_get_query_usec (KanriBatchMessageList *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE_LIST (self), 0);
  return self->query_usec;
}
