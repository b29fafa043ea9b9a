/* kanri-mailbox-list.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-mailbox.h"
#include "kanri-store.h"

G_BEGIN_DECLS

typedef enum
{
  KANRI_MAILBOX_SORT_DISPLAY_NAME,
  KANRI_MAILBOX_SORT_UPN,
  KANRI_MAILBOX_SORT_DEFAULT_AUDIT_SET,
  KANRI_MAILBOX_SORT_AUDIT_LOG_AGE_LIMIT,
  KANRI_MAILBOX_SORT_AUDIT_FLAGS,
} KanriMailboxSort;

#define KANRI_TYPE_MAILBOX_LIST (kanri_mailbox_list_get_type ())

G_DECLARE_FINAL_TYPE (KanriMailboxList, kanri_mailbox_list, KANRI, MAILBOX_LIST, GObject)

KanriMailboxList *kanri_mailbox_list_new            (KanriStore       *store,
                                                     const char       *tenant);
const char       *kanri_mailbox_list_get_tenant     (KanriMailboxList *self);
void              kanri_mailbox_list_set_search     (KanriMailboxList *self,
                                                     const char       *search);
void              kanri_mailbox_list_set_flags      (KanriMailboxList *self,
                                                     KanriAuditFlags   flags);
void              kanri_mailbox_list_set_sort       (KanriMailboxList *self,
                                                     KanriMailboxSort  sort,
                                                     gboolean          descending);
void              kanri_mailbox_list_refresh        (KanriMailboxList *self);
void              kanri_mailbox_list_row_changed    (KanriMailboxList *self,
                                                     gint64            row_id);
gboolean          kanri_mailbox_list_get_loading    (KanriMailboxList *self);
guint             kanri_mailbox_list_get_total      (KanriMailboxList *self);
guint             kanri_mailbox_list_count_flag     (KanriMailboxList *self,
                                                     KanriAuditFlags   flag);

G_END_DECLS
