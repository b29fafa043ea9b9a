/* kanri-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-store.h"
#include "kanri-tenant.h"

G_BEGIN_DECLS

#define KANRI_TYPE_PAGE (kanri_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (KanriPage, kanri_page, KANRI, PAGE, AdwBin)

struct _KanriPageClass
{
  AdwBinClass parent_class;

  /* Set with kanri_page_class_set_info() in class_init. */
  const char *id;
  const char *title;
  const char *icon_name;
  int         order;

  /* The local model arrived (or went away: %NULL). */
  void (*store_changed)  (KanriPage *self);
  /* Another tenant is current (or none yet: %NULL). */
  void (*tenant_changed) (KanriPage *self);

  gpointer padding[7];
};

void        kanri_page_class_set_info  (KanriPageClass *klass,
                                        const char     *id,
                                        const char     *title,
                                        const char     *icon_name,
                                        int             order);
const char *kanri_page_get_id          (KanriPage      *self);
const char *kanri_page_get_title       (KanriPage      *self);
const char *kanri_page_get_icon_name   (KanriPage      *self);
KanriStore *kanri_page_get_store       (KanriPage      *self);
void        kanri_page_set_store       (KanriPage      *self,
                                        KanriStore     *store);
KanriTenant *kanri_page_get_tenant     (KanriPage      *self);
void        kanri_page_set_tenant      (KanriPage      *self,
                                        KanriTenant    *tenant);
void        kanri_page_show_toast      (KanriPage      *self,
                                        const char     *message);

GType      *kanri_page_list_types      (guint          *n_types);

G_END_DECLS
