/* kanri-trace-item.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-trace-item"

#include "config.h"

#include "kanri-trace-item.h"

/* One entry of the merged timeline (kanri-trace-timeline.h) as an object
 * for list models: a Received hop, or one of the service's message trace
 * events. It copies what it shows, so it outlives the report. @title is
 * the hop's receiving server or the service's event name (Receive,
 * Deliver, Fail…, as the service writes it). */
struct _KanriTraceItem
{
  GObject    parent_instance;

  gboolean   is_hop;
  guint      hop_number;
  GDateTime *time;
  char      *title;
  char      *action;
  char      *detail;
  char      *data;
  gboolean   has_delay;
  double     delay_seconds;
  char      *delay_text;
  gboolean   skewed;
  char      *skew_text;
};

G_DEFINE_FINAL_TYPE (KanriTraceItem, kanri_trace_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IS_HOP,
  PROP_HOP_NUMBER,
  PROP_TIME,
  PROP_TITLE,
  PROP_ACTION,
  PROP_DETAIL,
  PROP_DATA,
  PROP_HAS_DELAY,
  PROP_DELAY_SECONDS,
  PROP_DELAY_TEXT,
  PROP_SKEWED,
  PROP_SKEW_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_trace_item_finalize (GObject *object)
{
  KanriTraceItem *self = KANRI_TRACE_ITEM (object);

  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->title);
  g_free (self->action);
  g_free (self->detail);
  g_free (self->data);
  g_free (self->delay_text);
  g_free (self->skew_text);

  G_OBJECT_CLASS (kanri_trace_item_parent_class)->finalize (object);
}

static void
kanri_trace_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KanriTraceItem *self = KANRI_TRACE_ITEM (object);

  switch (prop_id)
    {
    case PROP_IS_HOP:
      g_value_set_boolean (value, self->is_hop);
      break;
    case PROP_HOP_NUMBER:
      g_value_set_uint (value, self->hop_number);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_DATA:
      g_value_set_string (value, self->data);
      break;
    case PROP_HAS_DELAY:
      g_value_set_boolean (value, self->has_delay);
      break;
    case PROP_DELAY_SECONDS:
      g_value_set_double (value, self->delay_seconds);
      break;
    case PROP_DELAY_TEXT:
      g_value_set_string (value, self->delay_text);
      break;
    case PROP_SKEWED:
      g_value_set_boolean (value, self->skewed);
      break;
    case PROP_SKEW_TEXT:
      g_value_set_string (value, self->skew_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_trace_item_class_init (KanriTraceItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kanri_trace_item_finalize;
  object_class->get_property = kanri_trace_item_get_property;

  properties[PROP_IS_HOP] = g_param_spec_boolean ("is-hop", NULL, NULL, FALSE, flags);
  properties[PROP_HOP_NUMBER] = g_param_spec_uint ("hop-number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_DATA] = g_param_spec_string ("data", NULL, NULL, NULL, flags);
  properties[PROP_HAS_DELAY] = g_param_spec_boolean ("has-delay", NULL, NULL, FALSE, flags);
  properties[PROP_DELAY_SECONDS] = g_param_spec_double ("delay-seconds", NULL, NULL,
                                                        -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_DELAY_TEXT] = g_param_spec_string ("delay-text", NULL, NULL, NULL, flags);
  properties[PROP_SKEWED] = g_param_spec_boolean ("skewed", NULL, NULL, FALSE, flags);
  properties[PROP_SKEW_TEXT] = g_param_spec_string ("skew-text", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_trace_item_init (KanriTraceItem *self)
{
}

static char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/**
 * kanri_trace_item_new:
 *
 * Returns: (transfer full): the item, with copies of @entry's values
 */
KanriTraceItem *
kanri_trace_item_new (const KanriTimelineEntry *entry)
{
  KanriTraceItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (KANRI_TYPE_TRACE_ITEM, NULL);
  self->is_hop = entry->kind == KANRI_TIMELINE_HOP;
  self->hop_number = entry->hop_number;
  if (entry->has_date)
    self->time = kanri_date_to_date_time (&entry->date);

  if (self->is_hop)
    self->title = g_strdup (entry->hop->received->by != NULL ? entry->hop->received->by
                                                               : entry->hop->received->from);
  else
    {
      self->title = g_strdup (entry->event->event);
      self->action = nonempty (entry->event->action);
      self->detail = nonempty (entry->event->detail);
      self->data = nonempty (entry->event->data);
    }

  self->has_delay = entry->has_delay;
  self->delay_seconds = entry->delay_seconds;
  self->delay_text = entry->has_delay ? g_strdup (entry->delay_text) : NULL;
  self->skewed = entry->skewed;
  self->skew_text = entry->skewed ? g_strdup (entry->skew_text) : NULL;

  return self;
}

gboolean
kanri_trace_item_get_is_hop (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), FALSE);
  return self->is_hop;
}

guint
kanri_trace_item_get_hop_number (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), 0);
  return self->hop_number;
}

/**
 * kanri_trace_item_get_time:
 *
 * Returns: (transfer none) (nullable): when, in UTC as stamped
 */
GDateTime *
kanri_trace_item_get_time (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), NULL);
  return self->time;
}

const char *
kanri_trace_item_get_title (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), NULL);
  return self->title;
}

const char *
kanri_trace_item_get_action (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), NULL);
  return self->action;
}

const char *
kanri_trace_item_get_detail (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), NULL);
  return self->detail;
}

const char *
kanri_trace_item_get_data (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), NULL);
  return self->data;
}

gboolean
kanri_trace_item_get_has_delay (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), FALSE);
  return self->has_delay;
}

double
kanri_trace_item_get_delay_seconds (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), 0);
  return self->delay_seconds;
}

const char *
kanri_trace_item_get_delay_text (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), NULL);
  return self->delay_text;
}

gboolean
kanri_trace_item_get_skewed (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), FALSE);
  return self->skewed;
}

const char *
kanri_trace_item_get_skew_text (KanriTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_ITEM (self), NULL);
  return self->skew_text;
}
