/* kanri-mailbox.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "kanri-audit-rules.h"

G_BEGIN_DECLS

#define KANRI_TYPE_MAILBOX (kanri_mailbox_get_type ())

G_DECLARE_FINAL_TYPE (KanriMailbox, kanri_mailbox, KANRI, MAILBOX, GObject)

/* The columns kanri_mailbox_new_from_row() reads, in its order. */
#define KANRI_MAILBOX_COLUMNS \
  "rowid, guid, display_name, upn, primary_smtp, default_audit_set, audit_admin, " \
  "audit_delegate, audit_owner, audit_log_age_limit, audit_flags, audit_enabled"

KanriMailbox    *kanri_mailbox_new_from_row         (sqlite3_stmt        *stmt);
gint64           kanri_mailbox_get_row_id           (KanriMailbox        *self);
const char      *kanri_mailbox_get_guid             (KanriMailbox        *self);
const char      *kanri_mailbox_get_display_name     (KanriMailbox        *self);
const char      *kanri_mailbox_get_upn              (KanriMailbox        *self);
const char      *kanri_mailbox_get_primary_smtp     (KanriMailbox        *self);
const char      *kanri_mailbox_get_default_audit_set (KanriMailbox       *self);
const char      *kanri_mailbox_get_audit_actions    (KanriMailbox        *self,
                                                     KanriAuditLogonType  type);
const char      *kanri_mailbox_get_audit_log_age_limit (KanriMailbox     *self);
KanriAuditFlags  kanri_mailbox_get_audit_flags      (KanriMailbox        *self);
gboolean         kanri_mailbox_get_audit_enabled    (KanriMailbox        *self);
GStrv            kanri_mailbox_dup_audit_list       (KanriMailbox        *self,
                                                     KanriAuditLogonType  type);
GStrv            kanri_mailbox_dup_default_audit_set (KanriMailbox       *self);

G_END_DECLS
