/* kanri-operation-list.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-journal.h"
#include "kanri-journal-query.h"

G_BEGIN_DECLS

#define KANRI_TYPE_OPERATION_LIST (kanri_operation_list_get_type ())

G_DECLARE_FINAL_TYPE (KanriOperationList, kanri_operation_list, KANRI, OPERATION_LIST, GObject)

KanriOperationList *kanri_operation_list_new        (KanriStore         *store);
void                kanri_operation_list_set_tenant (KanriOperationList *self,
                                                     const char         *tenant);
void                kanri_operation_list_set_state  (KanriOperationList *self,
                                                     int                 state);
void                kanri_operation_list_set_search (KanriOperationList *self,
                                                     const char         *search);
gboolean            kanri_operation_list_get_loading (KanriOperationList *self);

G_END_DECLS
