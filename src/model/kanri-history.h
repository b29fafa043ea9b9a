/* kanri-history.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-store.h"

G_BEGIN_DECLS

#define KANRI_TYPE_HISTORY (kanri_history_get_type ())

G_DECLARE_FINAL_TYPE (KanriHistory, kanri_history, KANRI, HISTORY, GObject)

KanriHistory *kanri_history_get_for_store (KanriStore *store);
gint64        kanri_history_add        (KanriHistory  *self,
                                        const char    *source,
                                        const char    *subject,
                                        const char    *report_json,
                                        GError       **error);
char         *kanri_history_get_report (KanriHistory  *self,
                                        gint64         id,
                                        GError       **error);
gint64        kanri_history_count      (KanriHistory  *self,
                                        GError       **error);
gboolean      kanri_history_clear      (KanriHistory  *self,
                                        GError       **error);
GPtrArray    *kanri_history_list       (KanriHistory  *self,
                                        guint          limit,
                                        GError       **error);

/* One line of the history list: what was analyzed, and when. */
typedef struct
{
  gint64  id;
  gint64  created_usec;
  char   *source;
  char   *subject;
} KanriHistoryItem;

void kanri_history_item_free (KanriHistoryItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriHistoryItem, kanri_history_item_free)

G_END_DECLS
