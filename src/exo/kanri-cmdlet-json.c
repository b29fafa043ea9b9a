/* kanri-cmdlet-json.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cmdlet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-cmdlet-private.h"

/* The journal's copy of a cmdlet: its parameters with their types, so that
 * it is rebuilt exactly. */

/* The journal's copy -------------------------------------------------- */

static const char *const type_names[] = {
  [KANRI_CMDLET_VALUE_STRING] = "string",
  [KANRI_CMDLET_VALUE_STRING_LIST] = "string-list",
  [KANRI_CMDLET_VALUE_BOOL] = "bool",
  [KANRI_CMDLET_VALUE_SWITCH] = "switch",
  [KANRI_CMDLET_VALUE_INT] = "int",
  [KANRI_CMDLET_VALUE_TIME_SPAN] = "time-span",
  [KANRI_CMDLET_VALUE_HASHTABLE] = "hashtable",
  [KANRI_CMDLET_VALUE_NULL] = "null",
};

/**
 * kanri_cmdlet_to_json:
 *
 * The parameters with their types, in order, for the operation journal:
 * `[{"name":"Identity","type":"string","value":"a"},…]`. Unlike the
 * InvokeCommand body it keeps what the body loses (a switch from a
 * Boolean, a time span from a string), so kanri_cmdlet_new_from_json()
 * rebuilds exactly this cmdlet.
 *
 * Returns: (transfer full): JSON text
 */
char *
kanri_cmdlet_to_json (KanriCmdlet *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->parameters->len; i++)
    {
      const Parameter *param = g_ptr_array_index (self->parameters, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, param->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type_names[param->type]);

      switch (param->type)
        {
        case KANRI_CMDLET_VALUE_HASHTABLE:
          json_builder_set_member_name (builder, "add");
          json_builder_add_value (builder, _kanri_cmdlet_strv_node ((const char *const *)param->add));
          json_builder_set_member_name (builder, "remove");
          json_builder_add_value (builder, _kanri_cmdlet_strv_node ((const char *const *)param->remove));
          break;
        case KANRI_CMDLET_VALUE_NULL:
          break;
        default:
          json_builder_set_member_name (builder, "value");
          json_builder_add_value (builder, _kanri_cmdlet_parameter_body_node (param));
          break;
        }

      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
json_invalid (GError     **error,
              const char  *detail)
{
  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
               _("The saved parameters are not valid: %s"), detail);
  return FALSE;
}

static char **
json_strv (JsonNode *node)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return NULL;
      g_ptr_array_add (items, g_strdup (json_node_get_string (element)));
    }

  g_ptr_array_add (items, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
restore_parameter (KanriCmdlet  *self,
                   JsonObject   *object,
                   GError      **error)
{
  const char *name = json_object_get_string_member_with_default (object, "name", NULL);
  const char *type = json_object_get_string_member_with_default (object, "type", NULL);
  JsonNode *value = json_object_get_member (object, "value");

  if (name == NULL || !_kanri_cmdlet_is_valid_parameter_name (name))
    return json_invalid (error, _("a parameter has no valid name"));
  if (type == NULL)
    return json_invalid (error, _("a parameter has no type"));
  if (_kanri_cmdlet_find_parameter (self, name) != NULL)
    return json_invalid (error, _("a parameter appears twice"));

  if (g_str_equal (type, "string") && node_is (value, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (value);

      if (_kanri_cmdlet_is_identity (name) && *text == '\0')
        return json_invalid (error, _("Identity is empty"));
      kanri_cmdlet_set_string (self, name, text);
    }
  else if (g_str_equal (type, "string-list"))
    {
      g_auto(GStrv) list = json_strv (value);

      if (list == NULL)
        return json_invalid (error, _("a list holds something other than text"));
      if (_kanri_cmdlet_is_identity (name) && !_kanri_cmdlet_is_acceptable_identity ((const char *const *)list))
        return json_invalid (error, _("Identity is empty"));
      kanri_cmdlet_set_string_list (self, name, (const char *const *)list);
    }
  else if ((g_str_equal (type, "bool") || g_str_equal (type, "switch")) &&
           node_is (value, G_TYPE_BOOLEAN) && !_kanri_cmdlet_is_identity (name))
    {
      if (g_str_equal (type, "bool"))
        kanri_cmdlet_set_bool (self, name, json_node_get_boolean (value));
      else
        kanri_cmdlet_set_switch (self, name, json_node_get_boolean (value));
    }
  else if (g_str_equal (type, "int") && node_is (value, G_TYPE_INT64) && !_kanri_cmdlet_is_identity (name))
    kanri_cmdlet_set_int (self, name, json_node_get_int (value));
  else if (g_str_equal (type, "time-span") && node_is (value, G_TYPE_STRING) && !_kanri_cmdlet_is_identity (name))
    {
      GTimeSpan span;

      if (!kanri_time_span_parse (json_node_get_string (value), &span))
        return json_invalid (error, _("a time span is not in the form d.hh:mm:ss"));
      kanri_cmdlet_set_time_span (self, name, span);
    }
  else if (g_str_equal (type, "hashtable") && !_kanri_cmdlet_is_identity (name))
    {
      g_auto(GStrv) add = json_strv (json_object_get_member (object, "add"));
      g_auto(GStrv) remove = json_strv (json_object_get_member (object, "remove"));

      if (add == NULL || remove == NULL || (add[0] == NULL && remove[0] == NULL))
        return json_invalid (error, _("a hashtable has nothing to add or remove"));
      kanri_cmdlet_set_hashtable (self, name, (const char *const *)add, (const char *const *)remove);
    }
  else if (g_str_equal (type, "null") && !_kanri_cmdlet_is_identity (name))
    kanri_cmdlet_set_null (self, name);
  else
    return json_invalid (error, _("a value does not match its type"));

  return TRUE;
}

/**
 * kanri_cmdlet_new_from_json:
 * @name: the cmdlet name
 * @parameters_json: what kanri_cmdlet_to_json() wrote
 *
 * Returns: (transfer full) (nullable): the cmdlet, or %NULL with @error set
 */
KanriCmdlet *
kanri_cmdlet_new_from_json (const char  *name,
                            const char  *parameters_json,
                            GError     **error)
{
  g_autoptr(KanriCmdlet) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (parameters_json != NULL, NULL);

  if (!_kanri_cmdlet_is_valid_cmdlet_name (name))
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                   _("“%s” is not a cmdlet name (Verb-Noun)"), name);
      return NULL;
    }

  if (!_kanri_cmdlet_check_utf8 (parameters_json, error))
    return NULL;

  if (!json_parser_load_from_data (parser, parameters_json, -1, &local_error))
    {
      json_invalid (error, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      json_invalid (error, _("not a list of parameters"));
      return NULL;
    }

  self = kanri_cmdlet_new (name);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          json_invalid (error, _("a parameter is not an object"));
          return NULL;
        }
      if (!restore_parameter (self, json_node_get_object (element), error))
        return NULL;
    }

  return g_steal_pointer (&self);
}
