/* kanri-audit-rules.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-audit-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-audit-rules.h"

/* What a mailbox's audit settings mean, and what the seed's fix option 2 must
 * add. Facts: Microsoft Learn "Manage mailbox auditing" (the default actions
 * of each logon type), Set-Mailbox -DefaultAuditSet (a logon type listed there
 * is managed by Microsoft and gets new actions as they are released; changing
 * its list takes it out), and message center post MC711333 (MailItemsAccessed,
 * Send and SearchQueryInitiated for licences below E5). */

static const char *const logon_type_names[] = { "Admin", "Delegate", "Owner" };

static const char *const default_admin[] = {
  "ApplyRecord", "Create", "HardDelete", "MailItemsAccessed", "MoveToDeletedItems", "Send",
  "SendAs", "SendOnBehalf", "SoftDelete", "Update", "UpdateCalendarDelegation",
  "UpdateFolderPermissions", "UpdateInboxRules", NULL
};

static const char *const default_delegate[] = {
  "ApplyRecord", "Create", "HardDelete", "MailItemsAccessed", "MoveToDeletedItems", "SendAs",
  "SendOnBehalf", "SoftDelete", "Update", "UpdateFolderPermissions", "UpdateInboxRules", NULL
};

static const char *const default_owner[] = {
  "ApplyRecord", "HardDelete", "MailItemsAccessed", "MoveToDeletedItems", "Send", "SoftDelete",
  "Update", "UpdateCalendarDelegation", "UpdateFolderPermissions", "UpdateInboxRules", NULL
};

/* Where each new action is expected: MailItemsAccessed for every logon type,
 * Send for the administrator and the owner (a delegate's sending is SendAs or
 * SendOnBehalf). Seed option 2: -AuditOwner @{Add="MailItemsAccessed","Send"}
 * -AuditAdmin @{Add="MailItemsAccessed","Send"} -AuditDelegate
 * @{Add="MailItemsAccessed"}. */
static const char *const expected_admin[] = { "MailItemsAccessed", "Send", NULL };
static const char *const expected_delegate[] = { "MailItemsAccessed", NULL };
static const char *const expected_owner[] = { "MailItemsAccessed", "Send", NULL };

static const char *const *const expected[] = { expected_admin, expected_delegate, expected_owner };

const char *
kanri_audit_logon_type_name (KanriAuditLogonType type)
{
  g_return_val_if_fail (type < KANRI_AUDIT_N_LOGON_TYPES, NULL);

  return logon_type_names[type];
}

/**
 * kanri_audit_default_actions:
 *
 * Returns: (transfer none): the actions Microsoft audits by default for @type
 */
const char *const *
kanri_audit_default_actions (KanriAuditLogonType type)
{
  static const char *const *const defaults[] = { default_admin, default_delegate, default_owner };

  g_return_val_if_fail (type < KANRI_AUDIT_N_LOGON_TYPES, NULL);

  return defaults[type];
}

static gboolean
contains (const char *const *list,
          const char        *value)
{
  if (list == NULL)
    return FALSE;

  for (guint i = 0; list[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (list[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * kanri_audit_is_managed:
 *
 * Returns: whether Microsoft manages @type's list (it is in DefaultAuditSet)
 */
gboolean
kanri_audit_is_managed (const KanriAuditSettings *settings,
                        KanriAuditLogonType       type)
{
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (type < KANRI_AUDIT_N_LOGON_TYPES, FALSE);

  return contains (settings->default_audit_set, logon_type_names[type]);
}

KanriAuditFlags
kanri_audit_evaluate (const KanriAuditSettings *settings)
{
  KanriAuditFlags flags = 0;

  g_return_val_if_fail (settings != NULL, 0);

  for (KanriAuditLogonType type = 0; type < KANRI_AUDIT_N_LOGON_TYPES; type++)
    {
      const char *const *actions = settings->actions[type];
      gboolean managed = kanri_audit_is_managed (settings, type);

      if (!managed)
        flags |= KANRI_AUDIT_FLAG_CUSTOMISED;

      if (contains (actions, "MessageBind"))
        flags |= KANRI_AUDIT_FLAG_MESSAGE_BIND;

      for (guint i = 0; expected[type][i] != NULL; i++)
        {
          if (contains (actions, expected[type][i]))
            continue;

          if (managed)
            flags |= KANRI_AUDIT_FLAG_AWAITING_MICROSOFT;
          else if (g_str_equal (expected[type][i], "MailItemsAccessed"))
            flags |= KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED;
          else
            flags |= KANRI_AUDIT_FLAG_MISSING_SEND;
        }
    }

  if (!contains (settings->actions[KANRI_AUDIT_OWNER], "SearchQueryInitiated"))
    flags |= KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED;

  return flags;
}

/**
 * kanri_audit_option2_additions:
 *
 * What fix option 2 adds to @type's list: the expected actions it lacks. A
 * Microsoft-managed list gets nothing, since changing it would take it out
 * of Microsoft's management and stop future actions from being added.
 *
 * Returns: (transfer full): the actions to add, possibly none
 */
char **
kanri_audit_option2_additions (const KanriAuditSettings *settings,
                               KanriAuditLogonType       type)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (type < KANRI_AUDIT_N_LOGON_TYPES, NULL);

  if (!kanri_audit_is_managed (settings, type))
    {
      for (guint i = 0; expected[type][i] != NULL; i++)
        {
          if (!contains (settings->actions[type], expected[type][i]))
            g_strv_builder_add (builder, expected[type][i]);
        }
    }

  return g_strv_builder_end (builder);
}

const char *
kanri_audit_flag_label (KanriAuditFlags flag)
{
  switch ((int)flag)
    {
    case KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED:
      return _("MailItemsAccessed missing");
    case KANRI_AUDIT_FLAG_MISSING_SEND:
      return _("Send missing");
    case KANRI_AUDIT_FLAG_MESSAGE_BIND:
      return _("MessageBind (deprecated)");
    case KANRI_AUDIT_FLAG_CUSTOMISED:
      return _("Customised logon types");
    case KANRI_AUDIT_FLAG_AWAITING_MICROSOFT:
      return _("Awaiting Microsoft’s update");
    case KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED:
      return _("SearchQueryInitiated off");
    default:
      g_return_val_if_reached (NULL);
    }
}
