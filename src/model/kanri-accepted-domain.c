/* kanri-accepted-domain.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-accepted-domain"

#include "config.h"

#include "kanri-accepted-domain.h"

/* An accepted domain of the local model (Get-AcceptedDomain). */
struct _KanriAcceptedDomain
{
  GObject   parent_instance;

  char     *name;
  char     *domain_type;
  gboolean  is_default;
};

G_DEFINE_FINAL_TYPE (KanriAcceptedDomain, kanri_accepted_domain, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_accepted_domain_finalize (GObject *object)
{
  KanriAcceptedDomain *self = (KanriAcceptedDomain *)object;

  g_free (self->name);
  g_free (self->domain_type);

  G_OBJECT_CLASS (kanri_accepted_domain_parent_class)->finalize (object);
}

static void
kanri_accepted_domain_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KanriAcceptedDomain *self = KANRI_ACCEPTED_DOMAIN (object);

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
kanri_accepted_domain_class_init (KanriAcceptedDomainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_accepted_domain_finalize;
  object_class->get_property = kanri_accepted_domain_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_accepted_domain_init (KanriAcceptedDomain *self)
{
}

KanriAcceptedDomain *
kanri_accepted_domain_new (const char *name,
                           const char *domain_type,
                           gboolean    is_default)
{
  KanriAcceptedDomain *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (KANRI_TYPE_ACCEPTED_DOMAIN, NULL);
  self->name = g_strdup (name);
  self->domain_type = g_strdup (domain_type ? domain_type : "");
  self->is_default = is_default;

  return self;
}

const char *
kanri_accepted_domain_get_name (KanriAcceptedDomain *self)
{
  g_return_val_if_fail (KANRI_IS_ACCEPTED_DOMAIN (self), NULL);
  return self->name;
}

/**
 * kanri_accepted_domain_get_domain_type:
 *
 * Returns: Authoritative, InternalRelay or ExternalRelay
 */
const char *
kanri_accepted_domain_get_domain_type (KanriAcceptedDomain *self)
{
  g_return_val_if_fail (KANRI_IS_ACCEPTED_DOMAIN (self), NULL);
  return self->domain_type;
}

gboolean
kanri_accepted_domain_get_is_default (KanriAcceptedDomain *self)
{
  g_return_val_if_fail (KANRI_IS_ACCEPTED_DOMAIN (self), FALSE);
  return self->is_default;
}
