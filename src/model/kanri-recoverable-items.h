/* kanri-recoverable-items.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-cmdlet.h"
#include "kanri-recoverable-item.h"
#include "kanri-store.h"

G_BEGIN_DECLS

/* The only role with Get- and Restore-RecoverableItems. */
#define KANRI_IMPORT_EXPORT_ROLE "Mailbox Import Export"

/* What to look for in one mailbox's Recoverable Items. */
typedef struct
{
  KanriRecoverableFolder  folder;
  /* Local dates, YYYY-MM-DD, or NULL: the first and last day to include. */
  char                   *start;
  char                   *end;
  /* An ItemClass (IPM.Note…), or NULL for every type. */
  char                   *item_type;
  /* Text the subject contains, or NULL. */
  char                   *subject;
} KanriRecoverableFilter;

KanriRecoverableFilter *kanri_recoverable_filter_new       (void);
KanriRecoverableFilter *kanri_recoverable_filter_copy      (const KanriRecoverableFilter *filter);
void                    kanri_recoverable_filter_free      (KanriRecoverableFilter       *filter);
gboolean                kanri_recoverable_filter_validate  (const KanriRecoverableFilter *filter,
                                                            GError                      **error);
char                   *kanri_recoverable_filter_to_json   (const KanriRecoverableFilter *filter);
KanriRecoverableFilter *kanri_recoverable_filter_new_from_json (const char               *json,
                                                            GError                      **error);
GPtrArray              *kanri_recoverable_filter_build_queries (const KanriRecoverableFilter *filter,
                                                            const char                   *mailbox);
const char *const      *kanri_recoverable_item_types       (void);

KanriCmdlet            *kanri_recoverable_restore_item     (const char                   *mailbox,
                                                            KanriRecoverableItem         *item,
                                                            const char                   *target);
GPtrArray              *kanri_recoverable_restore_folder   (const char                   *mailbox,
                                                            const KanriRecoverableFilter *filter,
                                                            GPtrArray                    *items,
                                                            const char                   *target);
gboolean                kanri_recoverable_target_is_valid  (const char                   *target,
                                                            GError                      **error);

KanriCmdlet            *kanri_recoverable_role_query       (void);
KanriCmdlet            *kanri_recoverable_role_grant       (const char                   *user);
gboolean                kanri_recoverable_role_granted     (JsonArray                    *assignments,
                                                            const char *const            *names);

gboolean                kanri_recoverable_cache_save       (KanriStore                   *store,
                                                            const char                   *tenant,
                                                            const char                   *mailbox,
                                                            const char                   *mailbox_name,
                                                            const KanriRecoverableFilter *filter,
                                                            GPtrArray                    *items,
                                                            GError                      **error);
GPtrArray              *kanri_recoverable_cache_load       (KanriStore                   *store,
                                                            const char                   *tenant,
                                                            const char                   *mailbox,
                                                            const KanriRecoverableFilter *filter,
                                                            GDateTime                   **fetched,
                                                            GError                      **error);
gboolean                kanri_recoverable_cache_last       (KanriStore                   *store,
                                                            const char                   *tenant,
                                                            char                        **mailbox,
                                                            char                        **mailbox_name,
                                                            KanriRecoverableFilter      **filter);
gboolean                kanri_recoverable_cache_forget     (KanriStore                   *store,
                                                            const char                   *tenant,
                                                            const char                   *mailbox,
                                                            const char                   *entry_id,
                                                            GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriRecoverableFilter, kanri_recoverable_filter_free)

G_END_DECLS
