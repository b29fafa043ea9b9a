/* kanri-record-list.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How a record shows its cells (KanriReportRow): a heading made of up to
 * two cells in a translatable format ("%1$s" and "%2$s"), a dim line, a
 * paragraph, and "title: value" lines. -1 leaves a part out; the lists of
 * details end at a NULL title. Titles and the format are msgids. */
#define KANRI_RECORD_MAX_DETAILS 8

typedef struct
{
  const char *heading;
  int         heading_cells[2];
  int         subtitle_cell;
  int         body_cell;
  gboolean    monospace_body;
  const char *detail_titles[KANRI_RECORD_MAX_DETAILS + 1];
  int         detail_cells[KANRI_RECORD_MAX_DETAILS];
} KanriRecordLayout;

#define KANRI_TYPE_RECORD_LIST (kanri_record_list_get_type ())

G_DECLARE_FINAL_TYPE (KanriRecordList, kanri_record_list, KANRI, RECORD_LIST, GtkWidget)

GtkWidget  *kanri_record_list_new          (void);
void        kanri_record_list_set_layout   (KanriRecordList         *self,
                                            const KanriRecordLayout *layout);
GListModel *kanri_record_list_get_model    (KanriRecordList         *self);
void        kanri_record_list_set_model    (KanriRecordList         *self,
                                            GListModel              *model);
guint       kanri_record_list_get_max_rows (KanriRecordList         *self);
void        kanri_record_list_set_max_rows (KanriRecordList         *self,
                                            guint                    max_rows);

G_END_DECLS
