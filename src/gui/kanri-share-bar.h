/* kanri-share-bar.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  KANRI_SHARE_GOOD,
  KANRI_SHARE_WARNING,
  KANRI_SHARE_BAD,
  KANRI_SHARE_NEUTRAL,
  KANRI_SHARE_DIM,
} KanriShareKind;

typedef struct
{
  guint          count;
  KanriShareKind kind;
} KanriShareSegment;

#define KANRI_TYPE_SHARE_BAR (kanri_share_bar_get_type ())

G_DECLARE_FINAL_TYPE (KanriShareBar, kanri_share_bar, KANRI, SHARE_BAR, GtkWidget)

GtkWidget *kanri_share_bar_new          (void);
void       kanri_share_bar_set_segments (KanriShareBar           *self,
                                         const KanriShareSegment *segments,
                                         guint                    n_segments,
                                         guint                    scale);
double     kanri_share_bar_get_fraction (KanriShareBar           *self);

G_END_DECLS
