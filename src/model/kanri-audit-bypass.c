/* kanri-audit-bypass.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-audit-bypass"

#include "config.h"

#include "kanri-audit-bypass.h"

/* An account that bypasses mailbox audit logging
 * (Get-MailboxAuditBypassAssociation, AuditBypassEnabled True): what it
 * does in any mailbox is not logged (Microsoft Learn,
 * "Get-MailboxAuditBypassAssociation"). The association names the account
 * by its Name and Identity only; an account with a mailbox also has the
 * mailbox's display name and UPN. */
struct _KanriAuditBypass
{
  GObject  parent_instance;

  char    *guid;
  char    *name;
  char    *identity;
  char    *display_name;
  char    *upn;
};

G_DEFINE_FINAL_TYPE (KanriAuditBypass, kanri_audit_bypass, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_audit_bypass_finalize (GObject *object)
{
  KanriAuditBypass *self = (KanriAuditBypass *)object;

  g_free (self->guid);
  g_free (self->name);
  g_free (self->identity);
  g_free (self->display_name);
  g_free (self->upn);

  G_OBJECT_CLASS (kanri_audit_bypass_parent_class)->finalize (object);
}

static void
kanri_audit_bypass_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KanriAuditBypass *self = KANRI_AUDIT_BYPASS (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, kanri_audit_bypass_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, kanri_audit_bypass_get_subtitle (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_audit_bypass_class_init (KanriAuditBypassClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_audit_bypass_finalize;
  object_class->get_property = kanri_audit_bypass_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_audit_bypass_init (KanriAuditBypass *self)
{
}

/**
 * kanri_audit_bypass_new:
 * @guid: the association's Guid
 * @name: its Name
 * @identity: (nullable): its Identity
 * @display_name: (nullable): the display name of the account's mailbox
 * @upn: (nullable): the UPN of the account's mailbox
 */
KanriAuditBypass *
kanri_audit_bypass_new (const char *guid,
                        const char *name,
                        const char *identity,
                        const char *display_name,
                        const char *upn)
{
  KanriAuditBypass *self;

  g_return_val_if_fail (guid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (KANRI_TYPE_AUDIT_BYPASS, NULL);
  self->guid = g_strdup (guid);
  self->name = g_strdup (name);
  self->identity = g_strdup (identity ? identity : "");
  self->display_name = g_strdup (display_name ? display_name : "");
  self->upn = g_strdup (upn ? upn : "");

  return self;
}

const char *
kanri_audit_bypass_get_guid (KanriAuditBypass *self)
{
  g_return_val_if_fail (KANRI_IS_AUDIT_BYPASS (self), NULL);
  return self->guid;
}

/**
 * kanri_audit_bypass_get_name:
 *
 * Returns: the account's name, as -Identity takes it
 */
const char *
kanri_audit_bypass_get_name (KanriAuditBypass *self)
{
  g_return_val_if_fail (KANRI_IS_AUDIT_BYPASS (self), NULL);
  return self->name;
}

/**
 * kanri_audit_bypass_get_title:
 *
 * Returns: who the account is: its mailbox's display name, or else its Name
 */
const char *
kanri_audit_bypass_get_title (KanriAuditBypass *self)
{
  g_return_val_if_fail (KANRI_IS_AUDIT_BYPASS (self), NULL);
  return *self->display_name != '\0' ? self->display_name : self->name;
}

/**
 * kanri_audit_bypass_get_subtitle:
 *
 * Returns: what tells it apart: its mailbox's UPN, or else its Identity
 *   when that says more than the title; "" when nothing does
 */
const char *
kanri_audit_bypass_get_subtitle (KanriAuditBypass *self)
{
  const char *title;

  g_return_val_if_fail (KANRI_IS_AUDIT_BYPASS (self), NULL);

  if (*self->upn != '\0')
    return self->upn;

  title = kanri_audit_bypass_get_title (self);
  if (*self->identity != '\0' && g_strcmp0 (self->identity, title) != 0)
    return self->identity;

  return "";
}
