/* kanri-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-page.h"
#include "kanri-page-types.h"

/* The base of the window's pages. A page is any concrete subclass: the
 * window asks kanri_page_list_types() and shows one sidebar row per page, so
 * a page appears by existing, and only pages that exist appear. */
typedef struct
{
  KanriStore  *store;
  KanriTenant *tenant;
} KanriPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KanriPage, kanri_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TENANT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_page_dispose (GObject *object)
{
  KanriPage *self = (KanriPage *)object;
  KanriPagePrivate *priv = kanri_page_get_instance_private (self);

  g_clear_object (&priv->store);
  g_clear_object (&priv->tenant);

  G_OBJECT_CLASS (kanri_page_parent_class)->dispose (object);
}

static void
kanri_page_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KanriPage *self = KANRI_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, kanri_page_get_store (self));
      break;
    case PROP_TENANT:
      g_value_set_object (value, kanri_page_get_tenant (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, kanri_page_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_page_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KanriPage *self = KANRI_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      kanri_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_TENANT:
      kanri_page_set_tenant (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_page_class_init (KanriPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_page_dispose;
  object_class->get_property = kanri_page_get_property;
  object_class->set_property = kanri_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KANRI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANT] =
    g_param_spec_object ("tenant", NULL, NULL, KANRI_TYPE_TENANT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_page_init (KanriPage *self)
{
}

/**
 * kanri_page_class_set_info:
 * @id: the stack child name, also saved as the last page
 * @title: the untranslated title, marked with N_()
 * @icon_name: the sidebar icon
 * @order: the position in the sidebar, smaller first
 */
void
kanri_page_class_set_info (KanriPageClass *klass,
                           const char     *id,
                           const char     *title,
                           const char     *icon_name,
                           int             order)
{
  g_return_if_fail (KANRI_IS_PAGE_CLASS (klass));

  klass->id = id;
  klass->title = title;
  klass->icon_name = icon_name;
  klass->order = order;
}

const char *
kanri_page_get_id (KanriPage *self)
{
  g_return_val_if_fail (KANRI_IS_PAGE (self), NULL);

  return KANRI_PAGE_GET_CLASS (self)->id;
}

const char *
kanri_page_get_title (KanriPage *self)
{
  g_return_val_if_fail (KANRI_IS_PAGE (self), NULL);

  return _(KANRI_PAGE_GET_CLASS (self)->title);
}

const char *
kanri_page_get_icon_name (KanriPage *self)
{
  g_return_val_if_fail (KANRI_IS_PAGE (self), NULL);

  return KANRI_PAGE_GET_CLASS (self)->icon_name;
}

KanriStore *
kanri_page_get_store (KanriPage *self)
{
  KanriPagePrivate *priv = kanri_page_get_instance_private (self);

  g_return_val_if_fail (KANRI_IS_PAGE (self), NULL);

  return priv->store;
}

void
kanri_page_set_store (KanriPage  *self,
                      KanriStore *store)
{
  KanriPagePrivate *priv = kanri_page_get_instance_private (self);

  g_return_if_fail (KANRI_IS_PAGE (self));
  g_return_if_fail (store == NULL || KANRI_IS_STORE (store));

  if (!g_set_object (&priv->store, store))
    return;

  if (KANRI_PAGE_GET_CLASS (self)->store_changed != NULL)
    KANRI_PAGE_GET_CLASS (self)->store_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * kanri_page_get_tenant:
 *
 * Returns: (nullable) (transfer none): the tenant the page shows
 */
KanriTenant *
kanri_page_get_tenant (KanriPage *self)
{
  KanriPagePrivate *priv = kanri_page_get_instance_private (self);

  g_return_val_if_fail (KANRI_IS_PAGE (self), NULL);

  return priv->tenant;
}

void
kanri_page_set_tenant (KanriPage   *self,
                       KanriTenant *tenant)
{
  KanriPagePrivate *priv = kanri_page_get_instance_private (self);

  g_return_if_fail (KANRI_IS_PAGE (self));
  g_return_if_fail (tenant == NULL || KANRI_IS_TENANT (tenant));

  if (!g_set_object (&priv->tenant, tenant))
    return;

  if (KANRI_PAGE_GET_CLASS (self)->tenant_changed != NULL)
    KANRI_PAGE_GET_CLASS (self)->tenant_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANT]);
}

/**
 * kanri_page_show_toast:
 *
 * Shows a short message in the window's toast overlay.
 */
void
kanri_page_show_toast (KanriPage  *self,
                       const char *message)
{
  GtkWidget *overlay;

  g_return_if_fail (KANRI_IS_PAGE (self));
  g_return_if_fail (message != NULL);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  g_autoptr(GTypeClass) class_a = g_type_class_ref (*(const GType *)a);
  g_autoptr(GTypeClass) class_b = g_type_class_ref (*(const GType *)b);
  int order_a = KANRI_PAGE_CLASS (class_a)->order;
  int order_b = KANRI_PAGE_CLASS (class_b)->order;

  return (order_a > order_b) - (order_a < order_b);
}

/**
 * kanri_page_list_types:
 * @n_types: (out): how many
 *
 * Returns: (transfer full) (array length=n_types): every page type, in
 *   sidebar order
 */
GType *
kanri_page_list_types (guint *n_types)
{
  GType *types;
  guint n_children;
  guint n = 0;

  g_return_val_if_fail (n_types != NULL, NULL);

  kanri_page_types_ensure ();

  types = g_type_children (KANRI_TYPE_PAGE, &n_children);
  for (guint i = 0; i < n_children; i++)
    {
      if (!G_TYPE_IS_ABSTRACT (types[i]))
        types[n++] = types[i];
    }
  types[n] = 0;

  qsort (types, n, sizeof (GType), compare_order);
  *n_types = n;

  return types;
}
