/* kanri-page-slot.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-page-slot"

#include "config.h"

#include "kanri-page-slot.h"

/* Where a page goes in the window's stack before it is built. Building every
 * page from its template before the first frame cost most of the cold start
 * (bench/startup): the window shows its page list and one page, so only that
 * page is built at once, and the others when they are shown or when the
 * window is idle. */
struct _KanriPageSlot
{
  AdwBin  parent_instance;

  GType   page_type;
};

G_DEFINE_FINAL_TYPE (KanriPageSlot, kanri_page_slot, ADW_TYPE_BIN)

static void
kanri_page_slot_class_init (KanriPageSlotClass *klass)
{
}

static void
kanri_page_slot_init (KanriPageSlot *self)
{
}

/**
 * kanri_page_slot_new:
 * @page_type: a #KanriPage type, not yet built
 */
KanriPageSlot *
kanri_page_slot_new (GType page_type)
{
  KanriPageSlot *self;

  g_return_val_if_fail (g_type_is_a (page_type, KANRI_TYPE_PAGE), NULL);

  self = g_object_new (KANRI_TYPE_PAGE_SLOT, NULL);
  self->page_type = page_type;

  return self;
}

GType
kanri_page_slot_get_page_type (KanriPageSlot *self)
{
  g_return_val_if_fail (KANRI_IS_PAGE_SLOT (self), G_TYPE_INVALID);

  return self->page_type;
}

/**
 * kanri_page_slot_get_page:
 *
 * Returns: (nullable) (transfer none): the page, if it is built
 */
KanriPage *
kanri_page_slot_get_page (KanriPageSlot *self)
{
  g_return_val_if_fail (KANRI_IS_PAGE_SLOT (self), NULL);

  return KANRI_PAGE (adw_bin_get_child (ADW_BIN (self)));
}

/**
 * kanri_page_slot_build_page:
 * @built: (out) (optional): whether this call built it
 *
 * Returns: (transfer none): the page, built now if it was not yet
 */
KanriPage *
kanri_page_slot_build_page (KanriPageSlot *self,
                            gboolean      *built)
{
  KanriPage *page;

  g_return_val_if_fail (KANRI_IS_PAGE_SLOT (self), NULL);

  page = kanri_page_slot_get_page (self);
  if (built != NULL)
    *built = page == NULL;
  if (page == NULL)
    {
      page = g_object_new (self->page_type, NULL);
      adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (page));
    }

  return page;
}
