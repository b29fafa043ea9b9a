/* kanri-operation-check.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-operation-check"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kanri-operation-check.h"

/* Exactly once (PRODUCT.md "Reliability"): when Kanri cannot know whether a
 * change reached the service (a crash while it was in flight, a connection
 * lost before the answer), it reads the object back and sends only what is
 * not yet true. A change Kanri cannot read back is never sent blindly. */

/* What to read: the Get- cmdlet for the object a change is about. */
static const struct {
  const char *change;
  const char *read;
  const char *key;
} readers[] = {
  { "Set-Mailbox", "Get-Mailbox", "Identity" },
  { "Set-InboundConnector", "Get-InboundConnector", "Identity" },
  { "New-InboundConnector", "Get-InboundConnector", "Name" },
  { "Remove-InboundConnector", "Get-InboundConnector", "Identity" },
  { "Set-TransportConfig", "Get-TransportConfig", NULL },
  { "Restore-RecoverableItems", "Get-RecoverableItems", "Identity" },
};

/* Restore's parameters that select items, which Get- takes as well. */
static const char *const restore_selectors[] = {
  "SourceFolder", "EntryID", "LastParentFolderID", "FilterItemType", "FilterStartTime",
  "FilterEndTime", "SubjectContains", NULL
};

static int
reader_index (KanriCmdlet *change)
{
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      if (g_ascii_strcasecmp (kanri_cmdlet_get_name (change), readers[i].change) == 0)
        return i;
    }

  return -1;
}

static void
copy_parameter (KanriCmdlet *from,
                const char  *from_name,
                KanriCmdlet *to,
                const char  *to_name)
{
  switch (kanri_cmdlet_get_value_type (from, from_name))
    {
    case KANRI_CMDLET_VALUE_STRING:
      kanri_cmdlet_set_string (to, to_name, kanri_cmdlet_get_string (from, from_name));
      break;
    case KANRI_CMDLET_VALUE_STRING_LIST:
      kanri_cmdlet_set_string_list (to, to_name, kanri_cmdlet_get_string_list (from, from_name));
      break;
    case KANRI_CMDLET_VALUE_TIME_SPAN:
      kanri_cmdlet_set_time_span (to, to_name, kanri_cmdlet_get_time_span (from, from_name));
      break;
    case KANRI_CMDLET_VALUE_INT:
      kanri_cmdlet_set_int (to, to_name, kanri_cmdlet_get_int (from, from_name));
      break;
    case KANRI_CMDLET_VALUE_BOOL:
    case KANRI_CMDLET_VALUE_SWITCH:
    case KANRI_CMDLET_VALUE_HASHTABLE:
    case KANRI_CMDLET_VALUE_NULL:
    default:
      break;
    }
}

/**
 * kanri_operation_check_read_cmdlet:
 *
 * Returns: (transfer full) (nullable): the cmdlet that reads back what
 *   @change is about, or %NULL when Kanri cannot check @change
 */
KanriCmdlet *
kanri_operation_check_read_cmdlet (KanriCmdlet *change)
{
  g_autoptr(KanriCmdlet) read = NULL;
  int index;

  g_return_val_if_fail (KANRI_IS_CMDLET (change), NULL);

  index = reader_index (change);
  if (index < 0)
    return NULL;

  read = kanri_cmdlet_new (readers[index].read);

  if (readers[index].key != NULL)
    {
      if (!kanri_cmdlet_has_parameter (change, readers[index].key))
        return NULL;
      copy_parameter (change, readers[index].key, read, "Identity");
    }

  if (g_str_equal (readers[index].change, "Restore-RecoverableItems"))
    {
      for (guint i = 0; restore_selectors[i] != NULL; i++)
        {
          if (kanri_cmdlet_has_parameter (change, restore_selectors[i]))
            copy_parameter (change, restore_selectors[i], read, restore_selectors[i]);
        }
      kanri_cmdlet_set_string (read, "ResultSize", "Unlimited");
    }

  return g_steal_pointer (&read);
}

/* Multi-valued properties come back in the service's own spelling at times:
 * sender domains as "smtp:contoso.com;1". Compare what they name. */
static char *
normalise_item (const char *item)
{
  const char *start = item;
  const char *semicolon;

  if (g_ascii_strncasecmp (start, "smtp:", 5) == 0)
    start += 5;
  semicolon = strchr (start, ';');

  return g_ascii_strdown (start, semicolon ? semicolon - start : -1);
}

static GPtrArray *
member_items (JsonObject *object,
              const char *member)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return items;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (*json_node_get_string (node) != '\0')
        g_ptr_array_add (items, normalise_item (json_node_get_string (node)));
      return items;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (items, normalise_item (json_node_get_string (element)));
        }
    }

  return items;
}

static gboolean
items_contain (GPtrArray  *items,
               const char *value)
{
  g_autofree char *wanted = normalise_item (value);

  for (guint i = 0; i < items->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (items, i), wanted))
        return TRUE;
    }

  return FALSE;
}

/* "1.00:00:00", "12:00:00" or "0.12:00:00" as microseconds; -1 if not one. */
static GTimeSpan
parse_time_span (const char *text)
{
  guint64 days = 0, hours, minutes, seconds;
  const char *dot = strchr (text, '.');
  const char *colon = strchr (text, ':');
  char *end = NULL;

  if (dot != NULL && (colon == NULL || dot < colon))
    {
      days = g_ascii_strtoull (text, &end, 10);
      if (end != dot)
        return -1;
      text = dot + 1;
    }

  if (sscanf (text, "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
              &hours, &minutes, &seconds) != 3)
    return -1;

  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * G_TIME_SPAN_SECOND;
}

static const char *
member_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * kanri_operation_check_value:
 *
 * Returns: whether @object already has what @change sets @parameter to
 */
gboolean
kanri_operation_check_value (KanriCmdlet *change,
                             const char  *parameter,
                             JsonObject  *object)
{
  JsonNode *node = json_object_get_member (object, parameter);
  g_autoptr(GPtrArray) items = NULL;
  const char *text;

  switch (kanri_cmdlet_get_value_type (change, parameter))
    {
    case KANRI_CMDLET_VALUE_BOOL:
      return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
             json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
             json_node_get_boolean (node) == kanri_cmdlet_get_bool (change, parameter);

    case KANRI_CMDLET_VALUE_STRING:
      text = member_text (object, parameter);
      if (text == NULL)
        return FALSE;
      if (parse_time_span (text) >= 0 &&
          parse_time_span (kanri_cmdlet_get_string (change, parameter)) >= 0)
        return parse_time_span (text) == parse_time_span (kanri_cmdlet_get_string (change, parameter));
      return g_ascii_strcasecmp (text, kanri_cmdlet_get_string (change, parameter)) == 0;

    case KANRI_CMDLET_VALUE_TIME_SPAN:
      text = member_text (object, parameter);
      return text != NULL &&
             parse_time_span (text) == kanri_cmdlet_get_time_span (change, parameter);

    case KANRI_CMDLET_VALUE_INT:
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        return FALSE;
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return json_node_get_int (node) == kanri_cmdlet_get_int (change, parameter);
      text = member_text (object, parameter);
      return text != NULL && g_ascii_strtoll (text, NULL, 10) == kanri_cmdlet_get_int (change, parameter);

    case KANRI_CMDLET_VALUE_NULL:
      items = member_items (object, parameter);
      return items->len == 0;

    case KANRI_CMDLET_VALUE_STRING_LIST:
      {
        const char *const *wanted = kanri_cmdlet_get_string_list (change, parameter);
        guint n_wanted = wanted ? g_strv_length ((char **)wanted) : 0;

        items = member_items (object, parameter);
        for (guint i = 0; i < n_wanted; i++)
          {
            if (!items_contain (items, wanted[i]))
              return FALSE;
          }

        /* Setting DefaultAuditSet adds logon types back to Microsoft's
         * management; it does not take the others out. Other lists are
         * replaced whole. */
        return g_ascii_strcasecmp (parameter, "DefaultAuditSet") == 0 || items->len == n_wanted;
      }

    case KANRI_CMDLET_VALUE_HASHTABLE:
      {
        const char *const *add = kanri_cmdlet_get_hashtable_add (change, parameter);
        const char *const *remove = kanri_cmdlet_get_hashtable_remove (change, parameter);

        items = member_items (object, parameter);
        for (guint i = 0; add != NULL && add[i] != NULL; i++)
          {
            if (!items_contain (items, add[i]))
              return FALSE;
          }
        for (guint i = 0; remove != NULL && remove[i] != NULL; i++)
          {
            if (items_contain (items, remove[i]))
              return FALSE;
          }
        return TRUE;
      }

    case KANRI_CMDLET_VALUE_SWITCH:
    default:
      /* A switch (-Force, -Confirm) is how, not what: nothing to compare. */
      return TRUE;
    }
}

/* The items of @wanted whose presence in @items is not yet @want_present. */
static GStrv
missing_items (GPtrArray         *items,
               const char *const *wanted,
               gboolean           want_present)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; wanted != NULL && wanted[i] != NULL; i++)
    {
      if (items_contain (items, wanted[i]) != want_present)
        g_strv_builder_add (builder, wanted[i]);
    }

  return g_strv_builder_end (builder);
}

/* The part of a Set- change still to send: only the parameters (and, in a
 * hashtable, the items) the object does not have yet. */
static KanriCheckVerdict
decide_set (KanriCmdlet  *change,
            JsonObject   *object,
            KanriCmdlet **remaining)
{
  g_autoptr(KanriCmdlet) rest = kanri_cmdlet_copy (change);
  gboolean anything = FALSE;

  for (guint i = 0; i < kanri_cmdlet_get_n_parameters (change); i++)
    {
      const char *name = kanri_cmdlet_get_parameter_name (change, i);
      KanriCmdletValueType type = kanri_cmdlet_get_value_type (change, name);

      if (g_ascii_strcasecmp (name, "Identity") == 0 || type == KANRI_CMDLET_VALUE_SWITCH)
        continue;

      if (kanri_operation_check_value (change, name, object))
        {
          kanri_cmdlet_remove (rest, name);
          continue;
        }

      anything = TRUE;
      if (type == KANRI_CMDLET_VALUE_HASHTABLE)
        {
          g_autoptr(GPtrArray) items = member_items (object, name);
          g_auto(GStrv) add = missing_items (items, kanri_cmdlet_get_hashtable_add (change, name), TRUE);
          g_auto(GStrv) remove = missing_items (items, kanri_cmdlet_get_hashtable_remove (change, name), FALSE);

          kanri_cmdlet_set_hashtable (rest, name,
                                      add[0] ? (const char *const *)add : NULL,
                                      remove[0] ? (const char *const *)remove : NULL);
        }
    }

  if (!anything)
    return KANRI_CHECK_DONE;

  *remaining = g_steal_pointer (&rest);
  return KANRI_CHECK_SEND;
}

static JsonObject *
first_object (JsonArray *objects)
{
  if (objects == NULL || json_array_get_length (objects) == 0)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (objects, 0)))
    return NULL;

  return json_array_get_object_element (objects, 0);
}

/**
 * kanri_operation_check_decide:
 * @objects: (nullable): what the read cmdlet returned; %NULL or empty when
 *   the object was not found
 * @remaining: (out) (transfer full) (optional): what to send, for
 *   %KANRI_CHECK_SEND
 *
 * Decides, from the object as the service has it now, what of @change is
 * still to send.
 */
KanriCheckVerdict
kanri_operation_check_decide (KanriCmdlet  *change,
                              JsonArray    *objects,
                              KanriCmdlet **remaining)
{
  JsonObject *object = first_object (objects);
  const char *name;
  KanriCheckVerdict verdict;
  int index;

  g_return_val_if_fail (KANRI_IS_CMDLET (change), KANRI_CHECK_UNKNOWN);

  index = reader_index (change);
  if (index < 0)
    return KANRI_CHECK_UNKNOWN;
  name = readers[index].change;

  if (g_str_equal (name, "New-InboundConnector"))
    verdict = object != NULL ? KANRI_CHECK_DONE : KANRI_CHECK_SEND;
  else if (g_str_equal (name, "Remove-InboundConnector") ||
           g_str_equal (name, "Restore-RecoverableItems"))
    /* Still there: the removal or the restore has not happened. */
    verdict = object != NULL ? KANRI_CHECK_SEND : KANRI_CHECK_DONE;
  else if (object == NULL)
    /* What a Set- change is about is gone: nothing sensible to send. */
    return KANRI_CHECK_UNKNOWN;
  else
    return decide_set (change, object, remaining);

  if (verdict == KANRI_CHECK_SEND && remaining != NULL)
    *remaining = kanri_cmdlet_copy (change);

  return verdict;
}
