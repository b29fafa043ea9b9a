/* kanri-mailbox.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-mailbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-mailbox.h"

/* One mailbox of the local model as read at one moment (immutable, like
 * KanriOperation): what the Mailbox Auditing table shows. */
struct _KanriMailbox
{
  GObject          parent_instance;

  gint64           row_id;
  char            *guid;
  char            *display_name;
  char            *upn;
  char            *primary_smtp;
  char            *default_audit_set;
  char            *audit[KANRI_AUDIT_N_LOGON_TYPES];
  char            *audit_log_age_limit;
  KanriAuditFlags  audit_flags;
  gboolean         audit_enabled;
};

G_DEFINE_FINAL_TYPE (KanriMailbox, kanri_mailbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DISPLAY_NAME,
  PROP_UPN,
  PROP_PRIMARY_SMTP,
  PROP_DEFAULT_AUDIT_SET,
  PROP_AUDIT_ADMIN,
  PROP_AUDIT_DELEGATE,
  PROP_AUDIT_OWNER,
  PROP_AUDIT_LOG_AGE_LIMIT,
  PROP_AUDIT_FLAGS,
  PROP_AUDIT_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_mailbox_finalize (GObject *object)
{
  KanriMailbox *self = (KanriMailbox *)object;

  g_free (self->guid);
  g_free (self->display_name);
  g_free (self->upn);
  g_free (self->primary_smtp);
  g_free (self->default_audit_set);
  for (guint i = 0; i < KANRI_AUDIT_N_LOGON_TYPES; i++)
    g_free (self->audit[i]);
  g_free (self->audit_log_age_limit);

  G_OBJECT_CLASS (kanri_mailbox_parent_class)->finalize (object);
}

static void
kanri_mailbox_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KanriMailbox *self = KANRI_MAILBOX (object);

  switch (prop_id)
    {
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_UPN:
      g_value_set_string (value, self->upn);
      break;
    case PROP_PRIMARY_SMTP:
      g_value_set_string (value, self->primary_smtp);
      break;
    case PROP_DEFAULT_AUDIT_SET:
      g_value_set_string (value, self->default_audit_set);
      break;
    case PROP_AUDIT_ADMIN:
      g_value_set_string (value, self->audit[KANRI_AUDIT_ADMIN]);
      break;
    case PROP_AUDIT_DELEGATE:
      g_value_set_string (value, self->audit[KANRI_AUDIT_DELEGATE]);
      break;
    case PROP_AUDIT_OWNER:
      g_value_set_string (value, self->audit[KANRI_AUDIT_OWNER]);
      break;
    case PROP_AUDIT_LOG_AGE_LIMIT:
      g_value_set_string (value, self->audit_log_age_limit);
      break;
    case PROP_AUDIT_FLAGS:
      g_value_set_uint (value, self->audit_flags);
      break;
    case PROP_AUDIT_ENABLED:
      g_value_set_boolean (value, self->audit_enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_mailbox_class_init (KanriMailboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kanri_mailbox_finalize;
  object_class->get_property = kanri_mailbox_get_property;

  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_UPN] = g_param_spec_string ("upn", NULL, NULL, NULL, flags);
  properties[PROP_PRIMARY_SMTP] = g_param_spec_string ("primary-smtp", NULL, NULL, NULL, flags);
  properties[PROP_DEFAULT_AUDIT_SET] = g_param_spec_string ("default-audit-set", NULL, NULL, NULL, flags);
  properties[PROP_AUDIT_ADMIN] = g_param_spec_string ("audit-admin", NULL, NULL, NULL, flags);
  properties[PROP_AUDIT_DELEGATE] = g_param_spec_string ("audit-delegate", NULL, NULL, NULL, flags);
  properties[PROP_AUDIT_OWNER] = g_param_spec_string ("audit-owner", NULL, NULL, NULL, flags);
  properties[PROP_AUDIT_LOG_AGE_LIMIT] = g_param_spec_string ("audit-log-age-limit", NULL, NULL,
                                                              NULL, flags);
  properties[PROP_AUDIT_FLAGS] = g_param_spec_uint ("audit-flags", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_AUDIT_ENABLED] = g_param_spec_boolean ("audit-enabled", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_mailbox_init (KanriMailbox *self)
{
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

/**
 * kanri_mailbox_new_from_row:
 * @stmt: a row of KANRI_MAILBOX_COLUMNS
 */
KanriMailbox *
kanri_mailbox_new_from_row (sqlite3_stmt *stmt)
{
  KanriMailbox *self = g_object_new (KANRI_TYPE_MAILBOX, NULL);

  self->row_id = sqlite3_column_int64 (stmt, 0);
  self->guid = dup_column (stmt, 1);
  self->display_name = dup_column (stmt, 2);
  self->upn = dup_column (stmt, 3);
  self->primary_smtp = dup_column (stmt, 4);
  self->default_audit_set = dup_column (stmt, 5);
  self->audit[KANRI_AUDIT_ADMIN] = dup_column (stmt, 6);
  self->audit[KANRI_AUDIT_DELEGATE] = dup_column (stmt, 7);
  self->audit[KANRI_AUDIT_OWNER] = dup_column (stmt, 8);
  self->audit_log_age_limit = dup_column (stmt, 9);
  self->audit_flags = sqlite3_column_int (stmt, 10);
  self->audit_enabled = sqlite3_column_int (stmt, 11);

  return self;
}

gint64
kanri_mailbox_get_row_id (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), 0);
  return self->row_id;
}

const char *
kanri_mailbox_get_guid (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);
  return self->guid;
}

const char *
kanri_mailbox_get_display_name (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);
  return self->display_name;
}

const char *
kanri_mailbox_get_upn (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);
  return self->upn;
}

const char *
kanri_mailbox_get_primary_smtp (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);
  return self->primary_smtp;
}

const char *
kanri_mailbox_get_default_audit_set (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);
  return self->default_audit_set;
}

/**
 * kanri_mailbox_get_audit_actions:
 *
 * Returns: @type's audited actions, comma-separated
 */
const char *
kanri_mailbox_get_audit_actions (KanriMailbox        *self,
                                 KanriAuditLogonType  type)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);
  g_return_val_if_fail (type < KANRI_AUDIT_N_LOGON_TYPES, NULL);
  return self->audit[type];
}

const char *
kanri_mailbox_get_audit_log_age_limit (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);
  return self->audit_log_age_limit;
}

KanriAuditFlags
kanri_mailbox_get_audit_flags (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), 0);
  return self->audit_flags;
}

/**
 * kanri_mailbox_get_audit_enabled:
 *
 * Returns: Get-Mailbox's AuditEnabled. With mailbox auditing on by default
 *   (the organization's AuditDisabled False) it does not decide whether the
 *   mailbox is audited (Microsoft Learn, "Manage mailbox auditing")
 */
gboolean
kanri_mailbox_get_audit_enabled (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), TRUE);
  return self->audit_enabled;
}

static GStrv
split_list (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (text, ",", -1);
}

/**
 * kanri_mailbox_dup_audit_list:
 *
 * Returns: (transfer full): @type's audited actions
 */
GStrv
kanri_mailbox_dup_audit_list (KanriMailbox        *self,
                              KanriAuditLogonType  type)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);
  g_return_val_if_fail (type < KANRI_AUDIT_N_LOGON_TYPES, NULL);

  return split_list (self->audit[type]);
}

/**
 * kanri_mailbox_dup_default_audit_set:
 *
 * Returns: (transfer full): the logon types Microsoft manages
 */
GStrv
kanri_mailbox_dup_default_audit_set (KanriMailbox *self)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (self), NULL);

  return split_list (self->default_audit_set);
}
