/* kanri-spinner.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-spinner"

#include "config.h"

#include <adwaita.h>

#include "kanri-spinner.h"

/* A spinner with GtkSpinner's "spinning" switch, drawn by AdwSpinner where
 * libadwaita has it (1.6) and by GtkSpinner before. AdwSpinner spins whenever
 * it is mapped, so a stopped one is kept out of the way with child-visible:
 * like a stopped GtkSpinner it still takes its place, so nothing around it
 * moves when it starts or stops. */
struct _KanriSpinner
{
  GtkWidget  parent_instance;

  GtkWidget *spinner;
  gboolean   spinning;
};

G_DEFINE_FINAL_TYPE (KanriSpinner, kanri_spinner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_spinner_dispose (GObject *object)
{
  KanriSpinner *self = (KanriSpinner *)object;

  g_clear_pointer (&self->spinner, gtk_widget_unparent);

  G_OBJECT_CLASS (kanri_spinner_parent_class)->dispose (object);
}

static void
kanri_spinner_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KanriSpinner *self = KANRI_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      g_value_set_boolean (value, self->spinning);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_spinner_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KanriSpinner *self = KANRI_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      kanri_spinner_set_spinning (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_spinner_class_init (KanriSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_spinner_dispose;
  object_class->get_property = kanri_spinner_get_property;
  object_class->set_property = kanri_spinner_set_property;

  properties[PROP_SPINNING] =
    g_param_spec_boolean ("spinning", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kanri-spinner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
kanri_spinner_init (KanriSpinner *self)
{
#if ADW_CHECK_VERSION (1, 6, 0)
  self->spinner = adw_spinner_new ();
  gtk_widget_set_child_visible (self->spinner, FALSE);
#else
  self->spinner = gtk_spinner_new ();
#endif
  gtk_widget_set_parent (self->spinner, GTK_WIDGET (self));
}

GtkWidget *
kanri_spinner_new (void)
{
  return g_object_new (KANRI_TYPE_SPINNER, NULL);
}

gboolean
kanri_spinner_get_spinning (KanriSpinner *self)
{
  g_return_val_if_fail (KANRI_IS_SPINNER (self), FALSE);

  return self->spinning;
}

void
kanri_spinner_set_spinning (KanriSpinner *self,
                            gboolean      spinning)
{
  g_return_if_fail (KANRI_IS_SPINNER (self));

  spinning = !!spinning;
  if (self->spinning == spinning)
    return;

  self->spinning = spinning;
#if ADW_CHECK_VERSION (1, 6, 0)
  gtk_widget_set_child_visible (self->spinner, spinning);
#else
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), spinning);
#endif
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}
