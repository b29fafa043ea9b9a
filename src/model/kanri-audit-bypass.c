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
 * "Get-MailboxAuditBypassAssociation"). */
struct _KanriAuditBypass
{
  GObject  parent_instance;

  char    *guid;
  char    *name;
};

G_DEFINE_FINAL_TYPE (KanriAuditBypass, kanri_audit_bypass, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_audit_bypass_finalize (GObject *object)
{
  KanriAuditBypass *self = (KanriAuditBypass *)object;

  g_free (self->guid);
  g_free (self->name);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_audit_bypass_init (KanriAuditBypass *self)
{
}

KanriAuditBypass *
kanri_audit_bypass_new (const char *guid,
                        const char *name)
{
  KanriAuditBypass *self;

  g_return_val_if_fail (guid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (KANRI_TYPE_AUDIT_BYPASS, NULL);
  self->guid = g_strdup (guid);
  self->name = g_strdup (name);

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
