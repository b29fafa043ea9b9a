/* kanri-audit-fix.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-batch.h"
#include "kanri-mailbox.h"
#include "kanri-tenant.h"

G_BEGIN_DECLS

/* The seed's two fixes for MC711333 (PRODUCT.md "Mailbox Auditing page"). */
typedef enum
{
  /* Option 1: -DefaultAuditSet Admin,Delegate,Owner */
  KANRI_AUDIT_FIX_RESET,
  /* Option 2: add MailItemsAccessed and Send where they are missing */
  KANRI_AUDIT_FIX_ADD,
} KanriAuditFix;

/* The changes a fix makes to a set of mailboxes. */
typedef struct
{
  KanriAuditFix  fix;
  /* (element-type KanriCmdlet) */
  GPtrArray     *cmdlets;
  /* (element-type utf8) what each is, for the journal */
  GPtrArray     *summaries;
  /* Mailboxes looked at, and those the fix has nothing to do for. */
  guint          considered;
  guint          skipped;
} KanriAuditFixPlan;

KanriAuditFlags    kanri_audit_fix_get_flags       (KanriAuditFix        fix);
KanriCmdlet       *kanri_audit_fix_build_cmdlet    (KanriAuditFix        fix,
                                                    KanriMailbox        *mailbox);
char              *kanri_audit_fix_build_summary   (KanriAuditFix        fix,
                                                    KanriMailbox        *mailbox,
                                                    KanriCmdlet         *cmdlet);
char              *kanri_audit_fix_build_title     (KanriAuditFix        fix,
                                                    guint                count);

void               kanri_audit_fix_plan_async      (KanriTenant         *tenant,
                                                    KanriAuditFix        fix,
                                                    GPtrArray           *mailboxes,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
KanriAuditFixPlan *kanri_audit_fix_plan_finish     (GAsyncResult        *result,
                                                    GError             **error);
void               kanri_audit_fix_plan_free       (KanriAuditFixPlan   *plan);
KanriBatch        *kanri_audit_fix_plan_create_batch (KanriAuditFixPlan *plan,
                                                    KanriTenant         *tenant,
                                                    GError             **error);

GPtrArray         *kanri_audit_fix_list_unfinished (KanriTenant         *tenant,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriAuditFixPlan, kanri_audit_fix_plan_free)

G_END_DECLS
