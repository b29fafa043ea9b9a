/* kanri-row-slot.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-row-slot"

#include "config.h"

#include "kanri-row-slot.h"

/* One row of a KanriSlotModel: a place in a table that shows an item, and
 * can be given another one. A view's row widget stays bound to the slot
 * and follows its "item"; see kanri-slot-model.c for why. "position" is the
 * slot model's bookkeeping, where the slot is in its list. */
struct _KanriRowSlot
{
  GObject   parent_instance;

  GObject  *item;
  guint     position;
};

G_DEFINE_FINAL_TYPE (KanriRowSlot, kanri_row_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_row_slot_dispose (GObject *object)
{
  KanriRowSlot *self = (KanriRowSlot *)object;

  g_clear_object (&self->item);

  G_OBJECT_CLASS (kanri_row_slot_parent_class)->dispose (object);
}

static void
kanri_row_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KanriRowSlot *self = KANRI_ROW_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_row_slot_class_init (KanriRowSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_row_slot_dispose;
  object_class->get_property = kanri_row_slot_get_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_row_slot_init (KanriRowSlot *self)
{
}

/**
 * kanri_row_slot_new:
 * @item: (nullable) (transfer none): what the slot shows
 * @position: where the slot is in its list
 */
KanriRowSlot *
kanri_row_slot_new (gpointer item,
                    guint    position)
{
  KanriRowSlot *self = g_object_new (KANRI_TYPE_ROW_SLOT, NULL);

  g_return_val_if_fail (item == NULL || G_IS_OBJECT (item), self);

  self->item = item ? g_object_ref (item) : NULL;
  self->position = position;

  return self;
}

/**
 * kanri_row_slot_get_item:
 *
 * Returns: (nullable) (transfer none): what the slot shows
 */
gpointer
kanri_row_slot_get_item (KanriRowSlot *self)
{
  g_return_val_if_fail (KANRI_IS_ROW_SLOT (self), NULL);

  return self->item;
}

void
kanri_row_slot_set_item (KanriRowSlot *self,
                         gpointer      item)
{
  g_return_if_fail (KANRI_IS_ROW_SLOT (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

guint
kanri_row_slot_get_position (KanriRowSlot *self)
{
  g_return_val_if_fail (KANRI_IS_ROW_SLOT (self), 0);

  return self->position;
}

void
kanri_row_slot_set_position (KanriRowSlot *self,
                             guint         position)
{
  g_return_if_fail (KANRI_IS_ROW_SLOT (self));

  self->position = position;
}
