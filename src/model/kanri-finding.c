/* kanri-finding.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-finding"

#include "config.h"

#include "kanri-finding.h"

/* Something a page found about the tenant that the Overview lists: what it
 * is, how much it matters, and the page that deals with it. */
struct _KanriFinding
{
  GObject               parent_instance;

  char                 *id;
  char                 *source;
  KanriFindingSeverity  severity;
  char                 *title;
  char                 *message;
  char                 *page;
};

G_DEFINE_FINAL_TYPE (KanriFinding, kanri_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MESSAGE,
  PROP_SEVERITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_finding_finalize (GObject *object)
{
  KanriFinding *self = (KanriFinding *)object;

  g_free (self->id);
  g_free (self->source);
  g_free (self->title);
  g_free (self->message);
  g_free (self->page);

  G_OBJECT_CLASS (kanri_finding_parent_class)->finalize (object);
}

static void
kanri_finding_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KanriFinding *self = KANRI_FINDING (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_finding_class_init (KanriFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kanri_finding_finalize;
  object_class->get_property = kanri_finding_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_int ("severity", NULL, NULL, 0, KANRI_FINDING_ERROR, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_finding_init (KanriFinding *self)
{
}

/**
 * kanri_finding_new:
 * @id: stable, so that the same finding found again replaces itself
 * @page: (nullable): the id of the page that deals with it
 */
KanriFinding *
kanri_finding_new (const char           *id,
                   KanriFindingSeverity  severity,
                   const char           *title,
                   const char           *message,
                   const char           *page)
{
  KanriFinding *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (KANRI_TYPE_FINDING, NULL);
  self->id = g_strdup (id);
  self->severity = severity;
  self->title = g_strdup (title);
  self->message = g_strdup (message ? message : "");
  self->page = g_strdup (page);

  return self;
}

const char *
kanri_finding_get_id (KanriFinding *self)
{
  g_return_val_if_fail (KANRI_IS_FINDING (self), NULL);
  return self->id;
}

KanriFindingSeverity
kanri_finding_get_severity (KanriFinding *self)
{
  g_return_val_if_fail (KANRI_IS_FINDING (self), KANRI_FINDING_INFO);
  return self->severity;
}

const char *
kanri_finding_get_title (KanriFinding *self)
{
  g_return_val_if_fail (KANRI_IS_FINDING (self), NULL);
  return self->title;
}

const char *
kanri_finding_get_message (KanriFinding *self)
{
  g_return_val_if_fail (KANRI_IS_FINDING (self), NULL);
  return self->message;
}

const char *
kanri_finding_get_page (KanriFinding *self)
{
  g_return_val_if_fail (KANRI_IS_FINDING (self), NULL);
  return self->page;
}

const char *
kanri_finding_get_source (KanriFinding *self)
{
  g_return_val_if_fail (KANRI_IS_FINDING (self), NULL);
  return self->source;
}

/**
 * kanri_finding_set_source:
 *
 * Which part of Kanri raised it (set by the tenant when a page reports its
 * findings): a page's new report replaces all of its earlier ones.
 */
void
kanri_finding_set_source (KanriFinding *self,
                          const char   *source)
{
  g_return_if_fail (KANRI_IS_FINDING (self));

  g_free (self->source);
  self->source = g_strdup (source);
}
