/* kanri-fit-scroller.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KANRI_TYPE_FIT_SCROLLER (kanri_fit_scroller_get_type ())

G_DECLARE_FINAL_TYPE (KanriFitScroller, kanri_fit_scroller, KANRI, FIT_SCROLLER, GtkWidget)

GtkScrolledWindow *kanri_fit_scroller_get_child (KanriFitScroller  *self);
void               kanri_fit_scroller_set_child (KanriFitScroller  *self,
                                                 GtkScrolledWindow *child);

G_END_DECLS
