/* kanri-column-sort.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-column-sort"

#include "config.h"

#include "kanri-column-sort.h"

/* Which column a table's header sorts by, and which way, for tables whose
 * lists sort in SQL (the Auditing page's mailboxes, the batch analysis's
 * messages): GTK 4.8 cannot say (GtkColumnViewSorter got that in 4.10).
 * Each column's sorter records that it was asked, and always answers
 * "smaller"; comparing two probes through the view's sorter then tells
 * the primary column (the first asked) and its order (the answer,
 * inverted when descending). */

/* Shared by the object and its columns' sorters, which the column view
 * may keep after the object is gone. */
typedef struct
{
  gboolean hit;
  int      key;
} Probe;

typedef struct
{
  Probe *probe;
  int    key;
} ColumnKey;

struct _KanriColumnSort
{
  GObject    parent_instance;

  GtkSorter *sorter;
  Probe     *probe;
  GObject   *probe_a;
  GObject   *probe_b;
};

G_DEFINE_FINAL_TYPE (KanriColumnSort, kanri_column_sort, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
column_key_free (ColumnKey *key)
{
  g_rc_box_release (key->probe);
  g_free (key);
}

static int
column_compare (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  ColumnKey *key = data;

  if (!key->probe->hit)
    {
      key->probe->hit = TRUE;
      key->probe->key = key->key;
    }

  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (KanriColumnSort *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
kanri_column_sort_dispose (GObject *object)
{
  KanriColumnSort *self = KANRI_COLUMN_SORT (object);

  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->sorter, self);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (kanri_column_sort_parent_class)->dispose (object);
}

static void
kanri_column_sort_finalize (GObject *object)
{
  KanriColumnSort *self = KANRI_COLUMN_SORT (object);

  g_clear_pointer (&self->probe, g_rc_box_release);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (kanri_column_sort_parent_class)->finalize (object);
}

static void
kanri_column_sort_class_init (KanriColumnSortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_column_sort_dispose;
  object_class->finalize = kanri_column_sort_finalize;

  /**
   * KanriColumnSort::changed:
   *
   * The header sorts by another column, or the other way.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kanri_column_sort_init (KanriColumnSort *self)
{
  self->probe = g_rc_box_new0 (Probe);
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
}

/**
 * kanri_column_sort_new:
 * @view: the table whose header to follow
 */
KanriColumnSort *
kanri_column_sort_new (GtkColumnView *view)
{
  KanriColumnSort *self;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  self = g_object_new (KANRI_TYPE_COLUMN_SORT, NULL);
  self->sorter = g_object_ref (gtk_column_view_get_sorter (view));
  g_signal_connect_object (self->sorter, "changed", G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * kanri_column_sort_add_column:
 * @key: what kanri_column_sort_get() says while @column sorts
 *
 * Makes @column's header sortable.
 */
void
kanri_column_sort_add_column (KanriColumnSort     *self,
                              GtkColumnViewColumn *column,
                              int                  key)
{
  g_autoptr(GtkCustomSorter) sorter = NULL;
  ColumnKey *column_key;

  g_return_if_fail (KANRI_IS_COLUMN_SORT (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  column_key = g_new0 (ColumnKey, 1);
  column_key->probe = g_rc_box_acquire (self->probe);
  column_key->key = key;
  sorter = gtk_custom_sorter_new (column_compare, column_key, (GDestroyNotify)column_key_free);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/**
 * kanri_column_sort_get:
 * @key: (out): the sorting column's key
 * @descending: (out): whether it sorts the other way
 *
 * Returns: whether a column sorts; if not, @key and @descending are left
 *   as they are
 */
gboolean
kanri_column_sort_get (KanriColumnSort *self,
                       int             *key,
                       gboolean        *descending)
{
  GtkOrdering order;

  g_return_val_if_fail (KANRI_IS_COLUMN_SORT (self), FALSE);

  self->probe->hit = FALSE;
  order = gtk_sorter_compare (self->sorter, self->probe_a, self->probe_b);
  if (!self->probe->hit)
    return FALSE;

  *key = self->probe->key;
  *descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}
