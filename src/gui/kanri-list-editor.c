/* kanri-list-editor.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-list-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-connector.h"
#include "kanri-list-editor.h"

/* A list field of a connector, as the Exchange admin center has them: type
 * an entry (or paste several), press Enter or Add, and it shows below, or
 * the reason it is refused shows instead and the text stays to be fixed.
 * Entries are checked by kanri_connector_check_entry(); the list as a whole
 * by kanri_connector_check_list(), whose notes show on each row. */
struct _KanriListEditor
{
  AdwBin              parent_instance;

  KanriConnectorList  kind;
  GPtrArray          *values;
  GListModel         *connectors;
  char               *own_connector;
  char               *label;
  gboolean            showing_error;

  GtkEntry           *entry;
  GtkButton          *add_button;
  GtkLabel           *message_label;
  GtkListBox         *list;
};

G_DEFINE_FINAL_TYPE (KanriListEditor, kanri_list_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_PLACEHOLDER_TEXT,
  PROP_N_VALUES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_message (KanriListEditor *self,
             const char      *message,
             gboolean         is_error)
{
  self->showing_error = is_error && message != NULL;
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
}

static void rebuild (KanriListEditor *self);

static void
remove_clicked_cb (GtkButton       *button,
                   KanriListEditor *self)
{
  const char *value = g_object_get_data (G_OBJECT (button), "value");

  for (guint i = 0; i < self->values->len; i++)
    {
      if (g_str_equal (self->values->pdata[i], value))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” removed."), value);

          g_ptr_array_remove_index (self->values, i);
          set_message (self, message, FALSE);
          break;
        }
    }

  rebuild (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static GtkWidget *
create_row (KanriListEditor     *self,
            KanriConnectorEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), entry->value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->value);
  gtk_widget_add_css_class (row, "monospace");

  if (entry->note != NULL)
    {
      GtkWidget *icon;

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->note);
      if (entry->level == KANRI_CONNECTOR_ENTRY_WARNING)
        {
          icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          gtk_widget_add_css_class (icon, "warning");
        }
      else
        icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (remove), "value", g_strdup (entry->value), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

/* Shows the values again, each with what the list check says of it. */
/* Addresses that another connector of the tenant has already. */
static void
flag_shared (KanriListEditor *self,
             GPtrArray       *checked)
{
  guint n = self->connectors != NULL ? g_list_model_get_n_items (self->connectors) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KanriConnector) connector = g_list_model_get_item (self->connectors, i);
      const char *name = kanri_connector_get_name (connector);
      g_auto(GStrv) addresses = NULL;

      if (g_strcmp0 (name, self->own_connector) == 0)
        continue;

      addresses = kanri_connector_split_stored (kanri_connector_get_sender_ip_addresses (connector));
      kanri_connector_flag_shared (self->kind, checked, name, (const char *const *)addresses);
    }
}

static void
rebuild (KanriListEditor *self)
{
  g_autoptr(GPtrArray) checked = NULL;
  GtkWidget *child;

  g_ptr_array_add (self->values, NULL);
  checked = kanri_connector_check_list (self->kind, (const char *const *)self->values->pdata, NULL, NULL);
  g_ptr_array_set_size (self->values, self->values->len - 1);
  if (checked != NULL)
    flag_shared (self, checked);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; checked != NULL && i < checked->len; i++)
    gtk_list_box_append (self->list, create_row (self, checked->pdata[i]));

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->values->len > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VALUES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
contains (KanriListEditor *self,
          const char      *value)
{
  for (guint i = 0; i < self->values->len; i++)
    {
      if (kanri_connector_entry_equal (self->kind, self->values->pdata[i], value))
        return TRUE;
    }

  return FALSE;
}

/**
 * kanri_list_editor_add_text:
 * @text: one entry, or several separated by commas, semicolons or spaces
 *
 * What Add does. If any entry is refused, nothing is added and the reason
 * shows; entries already in the list are not added twice.
 *
 * Returns: whether the entries were accepted
 */
gboolean
kanri_list_editor_add_text (KanriListEditor *self,
                            const char      *text)
{
  g_auto(GStrv) entries = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) repeated = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KANRI_IS_LIST_EDITOR (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  entries = kanri_connector_split_entries (text);
  if (entries[0] == NULL)
    return FALSE;

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!kanri_connector_check_entry (self->kind, entries[i], &value, &error))
        {
          set_message (self, error->message, TRUE);
          return FALSE;
        }

      if (contains (self, value))
        g_ptr_array_add (repeated, g_steal_pointer (&value));
      else
        g_ptr_array_add (accepted, g_steal_pointer (&value));
    }

  if (self->values->len + accepted->len > KANRI_CONNECTOR_LIST_MAX)
    {
      g_autofree char *message = g_strdup_printf (_("The list can hold at most %u entries."),
                                                  KANRI_CONNECTOR_LIST_MAX);
      set_message (self, message, TRUE);
      return FALSE;
    }

  for (guint i = 0; i < accepted->len; i++)
    {
      if (!contains (self, accepted->pdata[i]))
        g_ptr_array_add (self->values, g_strdup (accepted->pdata[i]));
    }

  g_signal_handlers_block_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_signal_handlers_unblock_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  if (repeated->len > 0)
    {
      g_autofree char *joined = NULL;
      g_autofree char *message = NULL;

      g_ptr_array_add (repeated, NULL);
      joined = g_strjoinv (", ", (char **)repeated->pdata);
      message = g_strdup_printf (_("Already in the list: %s."), joined);
      set_message (self, message, FALSE);
    }
  else
    set_message (self, NULL, FALSE);

  rebuild (self);
  return TRUE;
}

static void
entry_activate_cb (KanriListEditor *self)
{
  kanri_list_editor_add_text (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
entry_changed_cb (KanriListEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), *text != '\0');

  /* What was typed is not in the list yet: say how to put it there. */
  if (*text != '\0')
    {
      g_autofree char *hint = g_strdup_printf (_("Press Enter or Add to put “%s” in the list."), text);
      set_message (self, hint, FALSE);
    }
  else
    set_message (self, NULL, FALSE);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
kanri_list_editor_finalize (GObject *object)
{
  KanriListEditor *self = (KanriListEditor *)object;

  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_object (&self->connectors);
  g_free (self->own_connector);
  g_free (self->label);

  G_OBJECT_CLASS (kanri_list_editor_parent_class)->finalize (object);
}

static void
kanri_list_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KanriListEditor *self = KANRI_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_PLACEHOLDER_TEXT:
      g_value_set_string (value, gtk_entry_get_placeholder_text (self->entry));
      break;
    case PROP_N_VALUES:
      g_value_set_uint (value, self->values->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_list_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KanriListEditor *self = KANRI_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_free (self->label);
      self->label = g_value_dup_string (value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->label ? self->label : "",
                                      -1);
      break;
    case PROP_PLACEHOLDER_TEXT:
      gtk_entry_set_placeholder_text (self->entry, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_list_editor_class_init (KanriListEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_list_editor_finalize;
  object_class->get_property = kanri_list_editor_get_property;
  object_class->set_property = kanri_list_editor_set_property;

  /**
   * KanriListEditor:label:
   *
   * The entry's accessible name ("Sender IP address").
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLACEHOLDER_TEXT] =
    g_param_spec_string ("placeholder-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VALUES] =
    g_param_spec_uint ("n-values", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KanriListEditor::changed:
   *
   * The list, or the text not added yet, changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
kanri_list_editor_init (KanriListEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->values = g_ptr_array_new_with_free_func (g_free);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);

  self->add_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (entry_activate_cb), self);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "caption");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);

  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->add_button));
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  adw_bin_set_child (ADW_BIN (self), box);
}

KanriListEditor *
kanri_list_editor_new (KanriConnectorList kind)
{
  KanriListEditor *self = g_object_new (KANRI_TYPE_LIST_EDITOR, NULL);

  self->kind = kind;
  return self;
}

KanriConnectorList
kanri_list_editor_get_kind (KanriListEditor *self)
{
  g_return_val_if_fail (KANRI_IS_LIST_EDITOR (self), KANRI_CONNECTOR_LIST_SENDER_IPS);

  return self->kind;
}

/**
 * kanri_list_editor_set_kind:
 *
 * Which rules the entries follow. Set before anything is entered.
 */
void
kanri_list_editor_set_kind (KanriListEditor    *self,
                            KanriConnectorList  kind)
{
  g_return_if_fail (KANRI_IS_LIST_EDITOR (self));

  self->kind = kind;
}

/**
 * kanri_list_editor_dup_values:
 *
 * Returns: (transfer full): the entries, as they are sent
 */
char **
kanri_list_editor_dup_values (KanriListEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KANRI_IS_LIST_EDITOR (self), NULL);

  for (guint i = 0; i < self->values->len; i++)
    g_strv_builder_add (builder, self->values->pdata[i]);

  return g_strv_builder_end (builder);
}

/**
 * kanri_list_editor_set_values:
 * @values: the entries, as the service has them
 */
void
kanri_list_editor_set_values (KanriListEditor   *self,
                              const char *const *values)
{
  g_return_if_fail (KANRI_IS_LIST_EDITOR (self));
  g_return_if_fail (values != NULL);

  g_ptr_array_set_size (self->values, 0);
  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (self->values, g_strdup (values[i]));

  rebuild (self);
}

guint
kanri_list_editor_get_n_values (KanriListEditor *self)
{
  g_return_val_if_fail (KANRI_IS_LIST_EDITOR (self), 0);

  return self->values->len;
}

/**
 * kanri_list_editor_has_pending:
 *
 * Returns: whether text was typed and not added: the list is not what
 *   the person means yet
 */
gboolean
kanri_list_editor_has_pending (KanriListEditor *self)
{
  g_return_val_if_fail (KANRI_IS_LIST_EDITOR (self), FALSE);

  return *gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0';
}

/**
 * kanri_list_editor_set_connectors:
 * @connectors: (nullable): the tenant's connectors (#KanriConnector)
 * @own_connector: (nullable): the name of the connector being edited, which
 *   is not compared with itself
 *
 * A list of sender IP addresses warns about each address that another of
 * @connectors has already.
 */
void
kanri_list_editor_set_connectors (KanriListEditor *self,
                                  GListModel      *connectors,
                                  const char      *own_connector)
{
  g_return_if_fail (KANRI_IS_LIST_EDITOR (self));
  g_return_if_fail (connectors == NULL || G_IS_LIST_MODEL (connectors));

  g_set_object (&self->connectors, connectors);
  g_free (self->own_connector);
  self->own_connector = g_strdup (own_connector);
  rebuild (self);
}

/**
 * kanri_list_editor_get_message:
 *
 * Returns: (nullable): the refusal, hint or note shown under the entry
 */
const char *
kanri_list_editor_get_message (KanriListEditor *self)
{
  g_return_val_if_fail (KANRI_IS_LIST_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_label (self->message_label);
}

/**
 * kanri_list_editor_get_entry:
 *
 * Returns: (transfer none): the text entry, for focus and tests
 */
GtkWidget *
kanri_list_editor_get_entry (KanriListEditor *self)
{
  g_return_val_if_fail (KANRI_IS_LIST_EDITOR (self), NULL);

  return GTK_WIDGET (self->entry);
}
