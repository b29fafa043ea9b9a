/* kanri-audit-rules.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KANRI_AUDIT_ADMIN,
  KANRI_AUDIT_DELEGATE,
  KANRI_AUDIT_OWNER,
  KANRI_AUDIT_N_LOGON_TYPES,
} KanriAuditLogonType;

typedef enum
{
  /* A logon type Kanri manages itself (not in DefaultAuditSet) lacks it. */
  KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED = 1 << 0,
  KANRI_AUDIT_FLAG_MISSING_SEND                = 1 << 1,
  /* Deprecated; the service refuses to add it now. */
  KANRI_AUDIT_FLAG_MESSAGE_BIND                = 1 << 2,
  /* DefaultAuditSet lacks a logon type: new actions are not added to it. */
  KANRI_AUDIT_FLAG_CUSTOMISED                  = 1 << 3,
  /* Microsoft-managed logon types without the new actions yet: Microsoft adds
   * them itself (MC711333); nothing to do. */
  KANRI_AUDIT_FLAG_AWAITING_MICROSOFT          = 1 << 4,
  /* The owner's searches are not audited: never on by default. */
  KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED   = 1 << 5,
} KanriAuditFlags;

#define KANRI_AUDIT_FLAGS_NEED_ATTENTION \
  (KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED | KANRI_AUDIT_FLAG_MISSING_SEND | \
   KANRI_AUDIT_FLAG_MESSAGE_BIND | KANRI_AUDIT_FLAG_CUSTOMISED)

/* What a mailbox's auditing is, as Get-Mailbox reports it. */
typedef struct
{
  const char *const *default_audit_set;
  const char *const *actions[KANRI_AUDIT_N_LOGON_TYPES];
} KanriAuditSettings;

const char        *kanri_audit_logon_type_name    (KanriAuditLogonType        type);
const char *const *kanri_audit_default_actions    (KanriAuditLogonType        type);
gboolean           kanri_audit_is_managed         (const KanriAuditSettings  *settings,
                                                   KanriAuditLogonType        type);
KanriAuditFlags    kanri_audit_evaluate           (const KanriAuditSettings  *settings);
char             **kanri_audit_option2_additions  (const KanriAuditSettings  *settings,
                                                   KanriAuditLogonType        type);
const char        *kanri_audit_flag_label         (KanriAuditFlags            flag);

G_END_DECLS
