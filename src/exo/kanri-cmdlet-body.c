/* kanri-cmdlet-body.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cmdlet"

#include "config.h"

#include "kanri-cmdlet-private.h"

/* A cmdlet as the body of an InvokeCommand request: the parameters as the
 * service types them. */

/* The InvokeCommand body ------------------------------------------------ */

JsonNode *
_kanri_cmdlet_strv_node (const char *const *values)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);

  json_node_take_array (node, array);
  return node;
}

JsonNode *
_kanri_cmdlet_parameter_body_node (const Parameter *param)
{
  JsonNode *node;

  switch (param->type)
    {
    case KANRI_CMDLET_VALUE_STRING:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, param->string);
      return node;

    case KANRI_CMDLET_VALUE_STRING_LIST:
      return _kanri_cmdlet_strv_node ((const char *const *)param->list);

    case KANRI_CMDLET_VALUE_BOOL:
    case KANRI_CMDLET_VALUE_SWITCH:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, param->boolean);
      return node;

    case KANRI_CMDLET_VALUE_INT:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (node, param->integer);
      return node;

    case KANRI_CMDLET_VALUE_TIME_SPAN:
      {
        g_autofree char *text = kanri_time_span_to_string (param->span);

        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, text);
        return node;
      }

    case KANRI_CMDLET_VALUE_HASHTABLE:
      {
        JsonObject *object = json_object_new ();

        /* What the ExchangeOnlineManagement module sends for a hashtable
         * (PRODUCT.md "Exchange Online access"). */
        json_object_set_string_member (object, "@odata.type", "#Exchange.GenericHashTable");
        if (param->add != NULL)
          json_object_set_member (object, "Add", _kanri_cmdlet_strv_node ((const char *const *)param->add));
        if (param->remove != NULL)
          json_object_set_member (object, "Remove", _kanri_cmdlet_strv_node ((const char *const *)param->remove));

        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
        return node;
      }

    case KANRI_CMDLET_VALUE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

/**
 * kanri_cmdlet_build_body:
 *
 * Returns: (transfer full): `{"CmdletInput":{"CmdletName":…,"Parameters":{…}}}`
 */
JsonNode *
kanri_cmdlet_build_body (KanriCmdlet *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "CmdletInput");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "CmdletName");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "Parameters");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->parameters->len; i++)
    {
      const Parameter *param = g_ptr_array_index (self->parameters, i);

      json_builder_set_member_name (builder, param->name);
      json_builder_add_value (builder, _kanri_cmdlet_parameter_body_node (param));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * kanri_cmdlet_to_body:
 *
 * Returns: (transfer full): the InvokeCommand request body
 */
char *
kanri_cmdlet_to_body (KanriCmdlet *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);

  root = kanri_cmdlet_build_body (self);
  return json_to_string (root, FALSE);
}

