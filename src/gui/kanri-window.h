/* kanri-window.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-page.h"
#include "kanri-store.h"
#include "kanri-tenants.h"

G_BEGIN_DECLS

#define KANRI_TYPE_WINDOW (kanri_window_get_type ())

G_DECLARE_FINAL_TYPE (KanriWindow, kanri_window, KANRI, WINDOW, AdwApplicationWindow)

KanriWindow *kanri_window_new             (GtkApplication *application);
KanriStore  *kanri_window_get_store       (KanriWindow    *self);
void         kanri_window_set_store       (KanriWindow    *self,
                                           KanriStore     *store);
KanriTenants *kanri_window_get_tenants     (KanriWindow    *self);
void         kanri_window_set_tenants     (KanriWindow    *self,
                                           KanriTenants   *tenants);
void         kanri_window_show_error      (KanriWindow    *self,
                                           const char     *title,
                                           const char     *description);
void         kanri_window_add_toast       (KanriWindow    *self,
                                           AdwToast       *toast);
gboolean     kanri_window_show_page       (KanriWindow    *self,
                                           const char     *page_id);
const char  *kanri_window_get_page_id     (KanriWindow    *self);
KanriPage   *kanri_window_get_page        (KanriWindow    *self,
                                           const char     *page_id);
void         kanri_window_open_files      (KanriWindow    *self,
                                           GFile         **files,
                                           int             n_files);

G_END_DECLS
