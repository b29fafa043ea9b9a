/* kanri-slot-model.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-slot-model"

#include "config.h"

#include "kanri-slot-model.h"

/* A list model that shows another one through row slots
 * (KanriRowSlot), so that a table keeps its row widgets when its whole
 * list is replaced: a filter or a new order on 100,000 mailboxes.
 *
 * GTK 4.8's list views (Debian 12) reuse a row widget across a change of
 * the model only for the very same item object; every other row widget is
 * destroyed, and one is made, styled and measured for each new row. With
 * a few hundred rows of eight cells alive, that was most of the time a
 * filter took to show. Here the items are slots, one per position: when the
 * list is replaced, the slots the view holds stay where they are and are
 * given their new items, and the view keeps its widgets, which follow the
 * slot's "item". A small change (a row that leaves or comes back) moves the
 * slots with their items instead, as any list model does.
 *
 * The model hands out a slot for each position a view asks for and keeps
 * track of those still alive, without holding them. */
#define SMALL_CHANGE 64
/* A view holds widgets for its visible rows and some around them: slots up
 * to this far after a change are reused; past it (the table scrolled far
 * down) the rows are replaced in two steps, so that GTK does not look up
 * every new item to find the widgets of removed ones. */
#define REUSE_LIMIT 1024

struct _KanriSlotModel
{
  GObject      parent_instance;

  GListModel  *model;
  guint        n_items;
  GHashTable  *slots;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriSlotModel, kanri_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
slot_gone_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  KanriSlotModel *self = data;
  KanriRowSlot *slot = (KanriRowSlot *)where_the_object_was;
  gpointer key = GUINT_TO_POINTER (kanri_row_slot_get_position (slot));

  if (g_hash_table_lookup (self->slots, key) == slot)
    g_hash_table_remove (self->slots, key);
}

/* The slot no longer stands for a row of this list (its row was removed):
 * the view lets go of its widget, and the slot of its item. */
static void
forget_slot (KanriSlotModel *self,
             KanriRowSlot   *slot)
{
  g_object_weak_unref (G_OBJECT (slot), slot_gone_cb, self);
  kanri_row_slot_set_position (slot, G_MAXUINT);
}

static void
forget_slots_from (KanriSlotModel *self,
                   guint           position)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (key) < position)
        continue;
      forget_slot (self, value);
      g_hash_table_iter_remove (&iter);
    }
}

/* A few rows removed or added: the slots after them move with their items. */
static void
shift_slots (KanriSlotModel *self,
             guint           position,
             guint           removed,
             guint           added)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint at = GPOINTER_TO_UINT (key);

      if (at < position)
        continue;
      if (at < position + removed)
        forget_slot (self, value);
      else
        g_ptr_array_add (moved, value);
      g_hash_table_iter_steal (&iter);
    }

  for (guint i = 0; i < moved->len; i++)
    {
      KanriRowSlot *slot = g_ptr_array_index (moved, i);
      guint at = kanri_row_slot_get_position (slot) - removed + added;

      kanri_row_slot_set_position (slot, at);
      g_hash_table_insert (self->slots, GUINT_TO_POINTER (at), slot);
    }
}

static guint
end_of_slots (KanriSlotModel *self)
{
  GHashTableIter iter;
  gpointer key;
  guint end = 0;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    end = MAX (end, GPOINTER_TO_UINT (key) + 1);

  return end;
}

/* The rows from @position on were replaced. The slots alive there are
 * given their new items, and the change is told in two parts: the rows
 * that have slots, which the view finds again by identity, then the rest,
 * where it has no widgets. */
static void
replace_rows (KanriSlotModel *self,
              guint           position,
              guint           new_n)
{
  guint old_n = self->n_items;
  guint end = MAX (end_of_slots (self), position);
  guint head_removed, head_added;
  GHashTableIter iter;
  gpointer key, value;

  if (end - position > REUSE_LIMIT)
    {
      forget_slots_from (self, position);
      self->n_items = position;
      g_list_model_items_changed (G_LIST_MODEL (self), position, old_n - position, 0);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, new_n - position);
      return;
    }

  head_removed = MIN (end, old_n) - position;
  head_added = MIN (end, new_n) - position;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint at = GPOINTER_TO_UINT (key);

      if (at < position)
        continue;
      if (at < position + head_added)
        {
          g_autoptr(GObject) item = g_list_model_get_item (self->model, at);

          kanri_row_slot_set_item (value, item);
        }
      else
        {
          forget_slot (self, value);
          g_hash_table_iter_remove (&iter);
        }
    }

  self->n_items = old_n - head_removed + head_added;
  if (head_removed > 0 || head_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, head_removed, head_added);

  /* Slots a view asked for in between, past the rows it had. */
  forget_slots_from (self, position + head_added);
  self->n_items = new_n;
  if (old_n - position - head_removed > 0 || new_n - position - head_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position + head_added,
                                old_n - position - head_removed,
                                new_n - position - head_added);
}

static void
items_changed_cb (KanriSlotModel *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  if (removed + added <= SMALL_CHANGE)
    {
      shift_slots (self, position, removed, added);
      self->n_items = self->n_items - removed + added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
    }
  else
    {
      replace_rows (self, position, g_list_model_get_n_items (model));
    }
}

static void
kanri_slot_model_dispose (GObject *object)
{
  KanriSlotModel *self = (KanriSlotModel *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kanri_slot_model_parent_class)->dispose (object);
}

static void
kanri_slot_model_finalize (GObject *object)
{
  KanriSlotModel *self = (KanriSlotModel *)object;

  forget_slots_from (self, 0);
  g_clear_pointer (&self->slots, g_hash_table_unref);

  G_OBJECT_CLASS (kanri_slot_model_parent_class)->finalize (object);
}

static void
kanri_slot_model_class_init (KanriSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_slot_model_dispose;
  object_class->finalize = kanri_slot_model_finalize;
}

static void
kanri_slot_model_init (KanriSlotModel *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}

static GType
kanri_slot_model_get_item_type (GListModel *model)
{
  return KANRI_TYPE_ROW_SLOT;
}

static guint
kanri_slot_model_get_n_items (GListModel *model)
{
  return KANRI_SLOT_MODEL (model)->n_items;
}

static gpointer
kanri_slot_model_list_get_item (GListModel *model,
                                guint       position)
{
  KanriSlotModel *self = KANRI_SLOT_MODEL (model);
  g_autoptr(GObject) item = NULL;
  KanriRowSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  /* Between the two parts of a replacement, a row past the first part has
   * no item yet; its slot is forgotten before the second. */
  if (position < g_list_model_get_n_items (self->model))
    item = g_list_model_get_item (self->model, position);
  slot = kanri_row_slot_new (item, position);
  g_object_weak_ref (G_OBJECT (slot), slot_gone_cb, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);

  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kanri_slot_model_get_item_type;
  iface->get_n_items = kanri_slot_model_get_n_items;
  iface->get_item = kanri_slot_model_list_get_item;
}

/**
 * kanri_slot_model_new:
 * @model: (nullable) (transfer none): the list to show
 */
KanriSlotModel *
kanri_slot_model_new (GListModel *model)
{
  KanriSlotModel *self = g_object_new (KANRI_TYPE_SLOT_MODEL, NULL);

  kanri_slot_model_set_model (self, model);

  return self;
}

/**
 * kanri_slot_model_get_model:
 *
 * Returns: (nullable) (transfer none): the list shown
 */
GListModel *
kanri_slot_model_get_model (KanriSlotModel *self)
{
  g_return_val_if_fail (KANRI_IS_SLOT_MODEL (self), NULL);

  return self->model;
}

/**
 * kanri_slot_model_set_model:
 * @model: (nullable) (transfer none): the list to show
 *
 * Shows another list (another tenant's mailboxes), keeping the slots a view
 * holds, as when the list is replaced.
 */
void
kanri_slot_model_set_model (KanriSlotModel *self,
                            GListModel     *model)
{
  g_return_if_fail (KANRI_IS_SLOT_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  if (model == NULL)
    {
      guint old_n = self->n_items;

      forget_slots_from (self, 0);
      self->n_items = 0;
      if (old_n > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
    }
  else
    {
      replace_rows (self, 0, g_list_model_get_n_items (model));
    }
}

/**
 * kanri_slot_model_get_item:
 *
 * The item at @position of the list shown, not its slot.
 *
 * Returns: (nullable) (transfer full): the item
 */
gpointer
kanri_slot_model_get_item (KanriSlotModel *self,
                           guint           position)
{
  g_return_val_if_fail (KANRI_IS_SLOT_MODEL (self), NULL);

  if (self->model == NULL)
    return NULL;

  return g_list_model_get_item (self->model, position);
}
