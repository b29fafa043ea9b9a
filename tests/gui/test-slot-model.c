/* test-slot-model.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "kanri-slot-model.h"

/* KanriSlotModel on a GListStore of GMenuItems standing for rows (any
 * GObject would do; these are cheap and have a name). A test holds slots
 * the way a view holds the rows it shows. */

typedef struct
{
  GListModel *model;
  guint       emissions;
  guint       first_removed;
  guint       first_added;
  gboolean    consistent;
  guint       expected_n;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  if (changes->emissions == 0)
    {
      changes->first_removed = removed;
      changes->first_added = added;
    }
  changes->emissions++;
  /* The GListModel contract: the count at each emission is the count
   * before it, changed by this change alone. */
  changes->consistent &= g_list_model_get_n_items (model) == changes->expected_n - removed + added;
  changes->expected_n = g_list_model_get_n_items (model);
}

static void
watch (Changes    *changes,
       GListModel *model)
{
  changes->model = model;
  changes->emissions = 0;
  changes->consistent = TRUE;
  changes->expected_n = g_list_model_get_n_items (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
}

static void
unwatch (Changes *changes)
{
  g_signal_handlers_disconnect_by_func (changes->model, items_changed_cb, changes);
}

static GObject *
row_new (const char *prefix,
         guint       i)
{
  g_autofree char *name = g_strdup_printf ("%s %u", prefix, i);

  return G_OBJECT (g_menu_item_new (name, NULL));
}

static GListStore *
store_new (const char *prefix,
           guint       n)
{
  GListStore *store = g_list_store_new (G_TYPE_MENU_ITEM);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = row_new (prefix, i);

      g_list_store_append (store, row);
    }

  return store;
}

/* A whole new list, as a filter gives. */
static void
replace_all (GListStore *store,
             const char *prefix,
             guint       n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, row_new (prefix, i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), rows->pdata, rows->len);
}

static GPtrArray *
hold_slots (KanriSlotModel *slots,
            guint           from,
            guint           n)
{
  GPtrArray *held = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = from; i < from + n; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (slots), i));

  return held;
}

static void
test_shows_items (void)
{
  g_autoptr(GListStore) store = store_new ("row", 5);
  g_autoptr(KanriSlotModel) slots = kanri_slot_model_new (G_LIST_MODEL (store));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == KANRI_TYPE_ROW_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(KanriRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(GObject) item = kanri_slot_model_get_item (slots, i);

      g_assert_true (kanri_row_slot_get_item (slot) == row);
      g_assert_true (item == row);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 5));
}

static void
notify_item_cb (KanriRowSlot *slot,
                GParamSpec   *pspec,
                guint        *notified)
{
  (*notified)++;
}

/* The heart of it: a replaced list keeps the slots a view holds, in
 * place, with their new items, and tells the view about them first. */
static void
test_replace_keeps_held_slots (void)
{
  g_autoptr(GListStore) store = store_new ("old", 1000);
  g_autoptr(KanriSlotModel) slots = kanri_slot_model_new (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) held = hold_slots (slots, 0, 30);
  Changes changes;
  guint notified = 0;

  for (guint i = 0; i < held->len; i++)
    g_signal_connect (held->pdata[i], "notify::item", G_CALLBACK (notify_item_cb), &notified);

  watch (&changes, G_LIST_MODEL (slots));
  replace_all (store, "new", 400);
  unwatch (&changes);

  g_assert_true (changes.consistent);
  g_assert_cmpuint (changes.emissions, ==, 2);
  g_assert_cmpuint (changes.first_removed, ==, 30);
  g_assert_cmpuint (changes.first_added, ==, 30);
  g_assert_cmpuint (notified, ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 400);

  for (guint i = 0; i < held->len; i++)
    {
      g_autoptr(KanriRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (slot == held->pdata[i]);
      g_assert_true (kanri_row_slot_get_item (slot) == row);
    }

  /* Rows past the held ones get slots of their own. */
  {
    g_autoptr(KanriRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), 399);
    g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (store), 399);

    g_assert_true (kanri_row_slot_get_item (slot) == row);
  }
}

/* Held slots past the end of a shorter list leave it: their rows are gone. */
static void
test_replace_with_fewer_rows (void)
{
  g_autoptr(GListStore) store = store_new ("old", 200);
  g_autoptr(KanriSlotModel) slots = kanri_slot_model_new (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) held = hold_slots (slots, 0, 100);
  Changes changes;

  watch (&changes, G_LIST_MODEL (slots));
  replace_all (store, "new", 70);
  unwatch (&changes);

  g_assert_true (changes.consistent);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 70);
  g_assert_cmpuint (changes.first_removed, ==, 100);
  g_assert_cmpuint (changes.first_added, ==, 70);
  for (guint i = 0; i < 70; i++)
    {
      g_autoptr(KanriRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);

      g_assert_true (slot == held->pdata[i]);
    }
}

/* A row that leaves or comes back: the slots after it move with their
 * items, as in any list model. */
static void
test_small_change_moves_slots (void)
{
  g_autoptr(GListStore) store = store_new ("row", 10);
  g_autoptr(KanriSlotModel) slots = kanri_slot_model_new (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) held = hold_slots (slots, 0, 10);
  g_autoptr(KanriRowSlot) third = NULL;
  g_autoptr(KanriRowSlot) first = NULL;
  g_autoptr(GObject) inserted = row_new ("inserted", 0);
  GObject *fifth = kanri_row_slot_get_item (held->pdata[4]);
  Changes changes;

  watch (&changes, G_LIST_MODEL (slots));
  g_list_store_remove (G_LIST_STORE (store), 3);
  unwatch (&changes);

  g_assert_true (changes.consistent);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.first_removed, ==, 1);
  g_assert_cmpuint (changes.first_added, ==, 0);
  third = g_list_model_get_item (G_LIST_MODEL (slots), 3);
  g_assert_true (third == held->pdata[4]);
  g_assert_true (kanri_row_slot_get_item (third) == fifth);

  g_list_store_insert (G_LIST_STORE (store), 0, inserted);
  first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (kanri_row_slot_get_item (first) == inserted);
  g_assert_true (first != held->pdata[0]);
  {
    g_autoptr(KanriRowSlot) second = g_list_model_get_item (G_LIST_MODEL (slots), 1);

    g_assert_true (second == held->pdata[0]);
  }
}

/* A view scrolled far down: reusing its rows would make GTK look up every
 * row before them, so the list is replaced in two steps, removal first. */
static void
test_far_slots_replaced_in_two_steps (void)
{
  g_autoptr(GListStore) store = store_new ("old", 5000);
  g_autoptr(KanriSlotModel) slots = kanri_slot_model_new (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) held = hold_slots (slots, 4000, 20);
  Changes changes;

  watch (&changes, G_LIST_MODEL (slots));
  replace_all (store, "new", 4500);
  unwatch (&changes);

  g_assert_true (changes.consistent);
  g_assert_cmpuint (changes.emissions, ==, 2);
  g_assert_cmpuint (changes.first_removed, ==, 5000);
  g_assert_cmpuint (changes.first_added, ==, 0);
  {
    g_autoptr(KanriRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), 4000);
    g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (store), 4000);

    g_assert_true (slot != held->pdata[0]);
    g_assert_true (kanri_row_slot_get_item (slot) == row);
  }
}

/* Slots nobody holds are not kept: a replacement with no view is one
 * change, and asks the list for nothing. */
static void
test_released_slots_are_dropped (void)
{
  g_autoptr(GListStore) store = store_new ("old", 300);
  g_autoptr(KanriSlotModel) slots = kanri_slot_model_new (G_LIST_MODEL (store));
  Changes changes;

  g_ptr_array_unref (hold_slots (slots, 0, 50));

  watch (&changes, G_LIST_MODEL (slots));
  replace_all (store, "new", 250);
  unwatch (&changes);

  g_assert_true (changes.consistent);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.first_removed, ==, 300);
  g_assert_cmpuint (changes.first_added, ==, 250);
}

/* Another list (another tenant): held slots show its rows. */
static void
test_set_model (void)
{
  g_autoptr(GListStore) first = store_new ("first", 100);
  g_autoptr(GListStore) second = store_new ("second", 80);
  g_autoptr(KanriSlotModel) slots = kanri_slot_model_new (G_LIST_MODEL (first));
  g_autoptr(GPtrArray) held = hold_slots (slots, 0, 10);
  Changes changes;

  watch (&changes, G_LIST_MODEL (slots));
  kanri_slot_model_set_model (slots, G_LIST_MODEL (second));
  g_assert_true (kanri_slot_model_get_model (slots) == G_LIST_MODEL (second));
  for (guint i = 0; i < held->len; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (second), i);

      g_assert_true (kanri_row_slot_get_item (held->pdata[i]) == row);
    }

  /* The first list no longer reaches the slot model. */
  replace_all (first, "later", 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 80);

  kanri_slot_model_set_model (slots, NULL);
  unwatch (&changes);
  g_assert_true (changes.consistent);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 0));
  g_assert_null (kanri_slot_model_get_item (slots, 0));
}

/* Slots may outlive their model (a view lets go of its rows late). */
static void
test_slots_outlive_model (void)
{
  g_autoptr(GListStore) store = store_new ("row", 3);
  KanriSlotModel *slots = kanri_slot_model_new (G_LIST_MODEL (store));
  g_autoptr(KanriRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), 1);
  g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (store), 1);

  g_object_unref (slots);
  g_assert_true (kanri_row_slot_get_item (slot) == row);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slot-model/shows-items", test_shows_items);
  g_test_add_func ("/slot-model/replace-keeps-held-slots", test_replace_keeps_held_slots);
  g_test_add_func ("/slot-model/replace-with-fewer-rows", test_replace_with_fewer_rows);
  g_test_add_func ("/slot-model/small-change-moves-slots", test_small_change_moves_slots);
  g_test_add_func ("/slot-model/far-slots-two-steps", test_far_slots_replaced_in_two_steps);
  g_test_add_func ("/slot-model/released-slots-dropped", test_released_slots_are_dropped);
  g_test_add_func ("/slot-model/set-model", test_set_model);
  g_test_add_func ("/slot-model/slots-outlive-model", test_slots_outlive_model);

  return g_test_run ();
}
