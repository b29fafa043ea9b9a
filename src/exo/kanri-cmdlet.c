/* kanri-cmdlet.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cmdlet"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-cmdlet.h"

/* One cmdlet invocation: the single value that both the InvokeCommand body
 * and the PowerShell a user may paste are rendered from, so that a review
 * step can never show something other than what is sent
 * (ARCHITECTURE.md "Data flow"). */

/* A command line longer than this is not something a person pastes; the
 * limit keeps a hostile clipboard from costing much. */
#define MAX_LINE_LENGTH (1024 * 1024)

typedef struct
{
  char                 *name;
  KanriCmdletValueType  type;
  char                 *string;
  GStrv                 list;
  GStrv                 add;
  GStrv                 remove;
  gboolean              boolean;
  gint64                integer;
  GTimeSpan             span;
} Parameter;

struct _KanriCmdlet
{
  GObject    parent_instance;

  char      *name;
  GPtrArray *parameters;
};

G_DEFINE_FINAL_TYPE (KanriCmdlet, kanri_cmdlet, G_TYPE_OBJECT)
G_DEFINE_QUARK (kanri-cmdlet-error-quark, kanri_cmdlet_error)

/* How the parameters Kanri sends are typed by the service, where the
 * PowerShell text alone does not say: a lone word given to a
 * MultiValuedProperty is still a list, a quoted "90.00:00:00" given to an
 * EnhancedTimeSpan is a time span, and object names stay strings even when
 * they look like numbers. Sources: the cmdlet reference pages
 * (Set-Mailbox, New-InboundConnector, Get-RecoverableItems,
 * Set-TransportConfig, Get-ManagementRoleAssignment, Get-MessageTraceV2,
 * Get-MessageTraceDetailV2). */
typedef enum
{
  KIND_ANY,
  KIND_NAME,
  KIND_LIST,
  KIND_TIME_SPAN,
} ParameterKind;

static const struct
{
  const char    *name;
  ParameterKind  kind;
} known_parameters[] = {
  { "AssociatedAcceptedDomains", KIND_LIST },
  { "AuditAdmin", KIND_LIST },
  { "AuditDelegate", KIND_LIST },
  { "AuditLogAgeLimit", KIND_TIME_SPAN },
  { "AuditOwner", KIND_LIST },
  { "ClientHostNames", KIND_LIST },
  { "Comment", KIND_NAME },
  { "DefaultAuditSet", KIND_LIST },
  { "EFSkipIPs", KIND_LIST },
  { "EFSkipMailGateway", KIND_LIST },
  { "EFUsers", KIND_LIST },
  { "EndDate", KIND_NAME },
  { "EntryID", KIND_NAME },
  { "Event", KIND_LIST },
  { "FilterEndTime", KIND_NAME },
  { "FilterStartTime", KIND_NAME },
  { "Identity", KIND_NAME },
  { "LastParentFolderID", KIND_NAME },
  { "MessageExpiration", KIND_TIME_SPAN },
  { "MessageId", KIND_NAME },
  { "MessageTraceId", KIND_NAME },
  { "Name", KIND_NAME },
  { "RecipientAddress", KIND_NAME },
  { "RecipientTypeDetails", KIND_LIST },
  { "RestoreTargetFolder", KIND_NAME },
  { "Role", KIND_NAME },
  { "RoleAssignee", KIND_NAME },
  { "ScanAndDropRecipients", KIND_LIST },
  { "SecurityGroup", KIND_NAME },
  { "SenderAddress", KIND_NAME },
  { "SenderDomains", KIND_LIST },
  { "SenderIPAddresses", KIND_LIST },
  { "StartDate", KIND_NAME },
  { "StartingRecipientAddress", KIND_NAME },
  { "Status", KIND_LIST },
  { "SubjectContains", KIND_NAME },
  { "TlsSenderCertificateName", KIND_NAME },
  { "TrustedOrganizations", KIND_LIST },
  { "User", KIND_NAME },
};

static ParameterKind
kind_of (const char *parameter)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_parameters); i++)
    {
      if (g_ascii_strcasecmp (known_parameters[i].name, parameter) == 0)
        return known_parameters[i].kind;
    }

  return KIND_ANY;
}

static void
parameter_free (gpointer data)
{
  Parameter *param = data;

  g_free (param->name);
  g_free (param->string);
  g_strfreev (param->list);
  g_strfreev (param->add);
  g_strfreev (param->remove);
  g_free (param);
}

static Parameter *
parameter_copy (const Parameter *param)
{
  Parameter *copy = g_new0 (Parameter, 1);

  *copy = *param;
  copy->name = g_strdup (param->name);
  copy->string = g_strdup (param->string);
  copy->list = g_strdupv (param->list);
  copy->add = g_strdupv (param->add);
  copy->remove = g_strdupv (param->remove);

  return copy;
}

static void
kanri_cmdlet_finalize (GObject *object)
{
  KanriCmdlet *self = (KanriCmdlet *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->parameters, g_ptr_array_unref);

  G_OBJECT_CLASS (kanri_cmdlet_parent_class)->finalize (object);
}

static void
kanri_cmdlet_class_init (KanriCmdletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_cmdlet_finalize;
}

static void
kanri_cmdlet_init (KanriCmdlet *self)
{
  self->parameters = g_ptr_array_new_with_free_func (parameter_free);
}

static gboolean
is_valid_cmdlet_name (const char *name)
{
  const char *dash;

  if (name == NULL || !g_ascii_isalpha (name[0]))
    return FALSE;

  dash = strchr (name, '-');
  if (dash == NULL || dash == name || dash[1] == '\0')
    return FALSE;

  for (const char *p = name; *p; p++)
    {
      if (p == dash)
        continue;
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_valid_parameter_name (const char *name)
{
  if (name == NULL || !g_ascii_isalpha (name[0]) || strlen (name) > 128)
    return FALSE;

  for (const char *p = name; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

/**
 * kanri_cmdlet_new:
 * @name: a cmdlet name such as `Set-Mailbox`
 *
 * Returns: (transfer full): a cmdlet without parameters
 */
KanriCmdlet *
kanri_cmdlet_new (const char *name)
{
  KanriCmdlet *self;

  g_return_val_if_fail (is_valid_cmdlet_name (name), NULL);

  self = g_object_new (KANRI_TYPE_CMDLET, NULL);
  self->name = g_strdup (name);

  return self;
}

/**
 * kanri_cmdlet_copy:
 *
 * Returns: (transfer full): an independent copy of @self
 */
KanriCmdlet *
kanri_cmdlet_copy (KanriCmdlet *self)
{
  KanriCmdlet *copy;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);

  copy = kanri_cmdlet_new (self->name);
  for (guint i = 0; i < self->parameters->len; i++)
    g_ptr_array_add (copy->parameters, parameter_copy (g_ptr_array_index (self->parameters, i)));

  return copy;
}

const char *
kanri_cmdlet_get_name (KanriCmdlet *self)
{
  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);

  return self->name;
}

/**
 * kanri_cmdlet_is_read_only:
 *
 * Get- cmdlets change nothing, so they may be sent again after a reply was
 * lost; anything else may already have been applied.
 *
 * Returns: whether @self only reads
 */
gboolean
kanri_cmdlet_is_read_only (KanriCmdlet *self)
{
  g_return_val_if_fail (KANRI_IS_CMDLET (self), FALSE);

  return g_ascii_strncasecmp (self->name, "Get-", 4) == 0;
}

guint
kanri_cmdlet_get_n_parameters (KanriCmdlet *self)
{
  g_return_val_if_fail (KANRI_IS_CMDLET (self), 0);

  return self->parameters->len;
}

const char *
kanri_cmdlet_get_parameter_name (KanriCmdlet *self,
                                 guint        position)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);
  g_return_val_if_fail (position < self->parameters->len, NULL);

  param = g_ptr_array_index (self->parameters, position);
  return param->name;
}

/* PowerShell parameter names are case-insensitive. */
static Parameter *
find_parameter (KanriCmdlet *self,
                const char  *parameter)
{
  for (guint i = 0; i < self->parameters->len; i++)
    {
      Parameter *param = g_ptr_array_index (self->parameters, i);

      if (g_ascii_strcasecmp (param->name, parameter) == 0)
        return param;
    }

  return NULL;
}

gboolean
kanri_cmdlet_has_parameter (KanriCmdlet *self,
                            const char  *parameter)
{
  g_return_val_if_fail (KANRI_IS_CMDLET (self), FALSE);
  g_return_val_if_fail (parameter != NULL, FALSE);

  return find_parameter (self, parameter) != NULL;
}

/**
 * kanri_cmdlet_get_value_type:
 *
 * Returns: the type of @parameter's value; %KANRI_CMDLET_VALUE_NULL when it
 *   is absent as well as when it is `$null`
 */
KanriCmdletValueType
kanri_cmdlet_get_value_type (KanriCmdlet *self,
                             const char  *parameter)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), KANRI_CMDLET_VALUE_NULL);
  g_return_val_if_fail (parameter != NULL, KANRI_CMDLET_VALUE_NULL);

  param = find_parameter (self, parameter);
  return param ? param->type : KANRI_CMDLET_VALUE_NULL;
}

static const Parameter *
find_typed (KanriCmdlet          *self,
            const char           *parameter,
            KanriCmdletValueType  type)
{
  const Parameter *param = find_parameter (self, parameter);

  if (param == NULL || param->type != type)
    return NULL;

  return param;
}

/**
 * kanri_cmdlet_get_string:
 *
 * Returns: (nullable): the string value of @parameter, or %NULL when it is
 *   absent or of another type
 */
const char *
kanri_cmdlet_get_string (KanriCmdlet *self,
                         const char  *parameter)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);
  g_return_val_if_fail (parameter != NULL, NULL);

  param = find_typed (self, parameter, KANRI_CMDLET_VALUE_STRING);
  return param ? param->string : NULL;
}

/**
 * kanri_cmdlet_get_string_list:
 *
 * Returns: (nullable) (array zero-terminated=1): the list value of
 *   @parameter, or %NULL when it is absent or of another type
 */
const char *const *
kanri_cmdlet_get_string_list (KanriCmdlet *self,
                              const char  *parameter)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);
  g_return_val_if_fail (parameter != NULL, NULL);

  param = find_typed (self, parameter, KANRI_CMDLET_VALUE_STRING_LIST);
  return param ? (const char *const *)param->list : NULL;
}

/**
 * kanri_cmdlet_get_bool:
 *
 * Returns: the value of a Boolean parameter or of a switch; %FALSE when
 *   @parameter is absent
 */
gboolean
kanri_cmdlet_get_bool (KanriCmdlet *self,
                       const char  *parameter)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), FALSE);
  g_return_val_if_fail (parameter != NULL, FALSE);

  param = find_parameter (self, parameter);
  if (param == NULL ||
      (param->type != KANRI_CMDLET_VALUE_BOOL && param->type != KANRI_CMDLET_VALUE_SWITCH))
    return FALSE;

  return param->boolean;
}

gint64
kanri_cmdlet_get_int (KanriCmdlet *self,
                      const char  *parameter)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), 0);
  g_return_val_if_fail (parameter != NULL, 0);

  param = find_typed (self, parameter, KANRI_CMDLET_VALUE_INT);
  return param ? param->integer : 0;
}

/**
 * kanri_cmdlet_get_time_span:
 *
 * Returns: the time span, or -1 when @parameter is absent or of another type
 */
GTimeSpan
kanri_cmdlet_get_time_span (KanriCmdlet *self,
                            const char  *parameter)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), -1);
  g_return_val_if_fail (parameter != NULL, -1);

  param = find_typed (self, parameter, KANRI_CMDLET_VALUE_TIME_SPAN);
  return param ? param->span : -1;
}

/**
 * kanri_cmdlet_get_hashtable_add:
 *
 * Returns: (nullable) (array zero-terminated=1): the `Add` values of a
 *   hashtable parameter
 */
const char *const *
kanri_cmdlet_get_hashtable_add (KanriCmdlet *self,
                                const char  *parameter)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);
  g_return_val_if_fail (parameter != NULL, NULL);

  param = find_typed (self, parameter, KANRI_CMDLET_VALUE_HASHTABLE);
  return param ? (const char *const *)param->add : NULL;
}

/**
 * kanri_cmdlet_get_hashtable_remove:
 *
 * Returns: (nullable) (array zero-terminated=1): the `Remove` values of a
 *   hashtable parameter
 */
const char *const *
kanri_cmdlet_get_hashtable_remove (KanriCmdlet *self,
                                   const char  *parameter)
{
  const Parameter *param;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);
  g_return_val_if_fail (parameter != NULL, NULL);

  param = find_typed (self, parameter, KANRI_CMDLET_VALUE_HASHTABLE);
  return param ? (const char *const *)param->remove : NULL;
}

/* Setting a parameter again replaces its value where it stands, so the
 * rendered order stays the order in which parameters were first given. */
static Parameter *
take_slot (KanriCmdlet          *self,
           const char           *parameter,
           KanriCmdletValueType  type)
{
  Parameter *param = find_parameter (self, parameter);

  if (param != NULL)
    {
      g_clear_pointer (&param->string, g_free);
      g_clear_pointer (&param->list, g_strfreev);
      g_clear_pointer (&param->add, g_strfreev);
      g_clear_pointer (&param->remove, g_strfreev);
      param->boolean = FALSE;
      param->integer = 0;
      param->span = 0;
    }
  else
    {
      param = g_new0 (Parameter, 1);
      param->name = g_strdup (parameter);
      g_ptr_array_add (self->parameters, param);
    }

  param->type = type;
  return param;
}

static gboolean
is_identity (const char *parameter)
{
  return g_ascii_strcasecmp (parameter, "Identity") == 0;
}

/* A $null or empty Identity makes a Get- cmdlet return every object
 * (Get-InboundConnector, Get-RecoverableItems: "Caution" on -Identity), and
 * a Set- cmdlet fed from such a list would change them all. */
static gboolean
is_acceptable_identity (const char *const *values)
{
  if (values == NULL || values[0] == NULL)
    return FALSE;

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (*values[i] == '\0')
        return FALSE;
    }

  return TRUE;
}

void
kanri_cmdlet_set_string (KanriCmdlet *self,
                         const char  *parameter,
                         const char  *value)
{
  const char *values[] = { value, NULL };

  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (is_valid_parameter_name (parameter));
  g_return_if_fail (value != NULL);
  g_return_if_fail (g_utf8_validate (value, -1, NULL));
  g_return_if_fail (!is_identity (parameter) || is_acceptable_identity (values));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_STRING)->string = g_strdup (value);
}

static gboolean
all_utf8 (const char *const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (!g_utf8_validate (values[i], -1, NULL))
        return FALSE;
    }

  return TRUE;
}

void
kanri_cmdlet_set_string_list (KanriCmdlet        *self,
                              const char         *parameter,
                              const char *const  *values)
{
  const char *const empty[] = { NULL };

  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (is_valid_parameter_name (parameter));
  g_return_if_fail (all_utf8 (values));
  g_return_if_fail (!is_identity (parameter) || is_acceptable_identity (values));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_STRING_LIST)->list =
    g_strdupv ((char **)(values ? values : empty));
}

void
kanri_cmdlet_set_bool (KanriCmdlet *self,
                       const char  *parameter,
                       gboolean     value)
{
  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (is_valid_parameter_name (parameter));
  g_return_if_fail (!is_identity (parameter));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_BOOL)->boolean = !!value;
}

/**
 * kanri_cmdlet_set_switch:
 * @value: %TRUE for `-Switch`, %FALSE for `-Switch:$false`
 *
 * A switch is sent as JSON `true` (or `false`: `-Confirm:$false`).
 */
void
kanri_cmdlet_set_switch (KanriCmdlet *self,
                         const char  *parameter,
                         gboolean     value)
{
  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (is_valid_parameter_name (parameter));
  g_return_if_fail (!is_identity (parameter));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_SWITCH)->boolean = !!value;
}

void
kanri_cmdlet_set_int (KanriCmdlet *self,
                      const char  *parameter,
                      gint64       value)
{
  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (is_valid_parameter_name (parameter));
  g_return_if_fail (!is_identity (parameter));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_INT)->integer = value;
}

void
kanri_cmdlet_set_time_span (KanriCmdlet *self,
                            const char  *parameter,
                            GTimeSpan    value)
{
  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (is_valid_parameter_name (parameter));
  g_return_if_fail (!is_identity (parameter));
  g_return_if_fail (value >= 0);

  take_slot (self, parameter, KANRI_CMDLET_VALUE_TIME_SPAN)->span = value;
}

/**
 * kanri_cmdlet_set_hashtable:
 * @add: (nullable) (array zero-terminated=1): values to add
 * @remove: (nullable) (array zero-terminated=1): values to remove
 *
 * Sets a MultiValuedProperty by difference: `@{Add="a","b"; Remove="c"}`.
 */
void
kanri_cmdlet_set_hashtable (KanriCmdlet        *self,
                            const char         *parameter,
                            const char *const  *add,
                            const char *const  *remove)
{
  Parameter *param;

  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (is_valid_parameter_name (parameter));
  g_return_if_fail (!is_identity (parameter));
  g_return_if_fail (all_utf8 (add) && all_utf8 (remove));
  g_return_if_fail ((add && add[0]) || (remove && remove[0]));

  param = take_slot (self, parameter, KANRI_CMDLET_VALUE_HASHTABLE);
  param->add = add && add[0] ? g_strdupv ((char **)add) : NULL;
  param->remove = remove && remove[0] ? g_strdupv ((char **)remove) : NULL;
}

/**
 * kanri_cmdlet_set_null:
 *
 * Sets @parameter to `$null`, which clears a property (`-EFUsers $null`).
 * Never for Identity: see is_acceptable_identity().
 */
void
kanri_cmdlet_set_null (KanriCmdlet *self,
                       const char  *parameter)
{
  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (is_valid_parameter_name (parameter));
  g_return_if_fail (!is_identity (parameter));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_NULL);
}

gboolean
kanri_cmdlet_remove (KanriCmdlet *self,
                     const char  *parameter)
{
  g_return_val_if_fail (KANRI_IS_CMDLET (self), FALSE);
  g_return_val_if_fail (parameter != NULL, FALSE);

  for (guint i = 0; i < self->parameters->len; i++)
    {
      Parameter *param = g_ptr_array_index (self->parameters, i);

      if (g_ascii_strcasecmp (param->name, parameter) == 0)
        {
          g_ptr_array_remove_index (self->parameters, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* Time spans ---------------------------------------------------------- */

/**
 * kanri_time_span_to_string:
 *
 * Formats like .NET's TimeSpan with the day always written, as the
 * cmdlet reference writes it: `90.00:00:00`, `0.12:00:00`; fractions of a
 * second with seven digits.
 *
 * Returns: (transfer full): the text
 */
char *
kanri_time_span_to_string (GTimeSpan span)
{
  gint64 seconds;
  gint64 fraction;

  g_return_val_if_fail (span >= 0, NULL);

  seconds = span / G_TIME_SPAN_SECOND;
  fraction = span % G_TIME_SPAN_SECOND;

  if (fraction != 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d:%02d:%02d.%07" G_GINT64_FORMAT,
                            seconds / 86400, (int)(seconds / 3600 % 24),
                            (int)(seconds / 60 % 60), (int)(seconds % 60), fraction * 10);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d:%02d:%02d",
                          seconds / 86400, (int)(seconds / 3600 % 24),
                          (int)(seconds / 60 % 60), (int)(seconds % 60));
}

static gboolean
read_number (const char **p,
             guint        max_digits,
             gint64      *out)
{
  gint64 value = 0;
  guint n = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  *out = value;
  return n > 0 && !g_ascii_isdigit (**p);
}

/**
 * kanri_time_span_parse:
 * @text: `d`, `hh:mm`, `hh:mm:ss`, `d.hh:mm:ss` or any of those with
 *   `.fffffff` seconds (the forms .NET's TimeSpan.Parse reads)
 *
 * Returns: whether @text is a non-negative time span
 */
gboolean
kanri_time_span_parse (const char *text,
                       GTimeSpan  *span)
{
  const char *p = text;
  gint64 days = 0, hours = 0, minutes = 0, seconds = 0, fraction = 0;
  gint64 first;
  guint fraction_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!read_number (&p, 8, &first))
    return FALSE;

  if (*p == '\0')
    {
      days = first;
      goto done;
    }

  if (*p == '.')
    {
      days = first;
      p++;
      if (!read_number (&p, 2, &hours) || *p != ':')
        return FALSE;
    }
  else if (*p == ':')
    hours = first;
  else
    return FALSE;

  p++;
  if (!read_number (&p, 2, &minutes))
    return FALSE;

  if (*p == ':')
    {
      p++;
      if (!read_number (&p, 2, &seconds))
        return FALSE;

      if (*p == '.')
        {
          p++;
          while (g_ascii_isdigit (*p) && fraction_digits < 7)
            {
              fraction = fraction * 10 + (*p - '0');
              fraction_digits++;
              p++;
            }
          if (fraction_digits == 0)
            return FALSE;
          for (guint i = fraction_digits; i < 7; i++)
            fraction *= 10;
        }
    }

  if (*p != '\0' || hours > 23 || minutes > 59 || seconds > 59)
    return FALSE;

done:
  *span = ((days * 24 + hours) * 60 + minutes) * 60 * G_TIME_SPAN_SECOND +
          seconds * G_TIME_SPAN_SECOND + fraction / 10;
  return TRUE;
}

/* The InvokeCommand body ------------------------------------------------ */

static JsonNode *
strv_node (const char *const *values)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);

  json_node_take_array (node, array);
  return node;
}

static JsonNode *
parameter_body_node (const Parameter *param)
{
  JsonNode *node;

  switch (param->type)
    {
    case KANRI_CMDLET_VALUE_STRING:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, param->string);
      return node;

    case KANRI_CMDLET_VALUE_STRING_LIST:
      return strv_node ((const char *const *)param->list);

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
          json_object_set_member (object, "Add", strv_node ((const char *const *)param->add));
        if (param->remove != NULL)
          json_object_set_member (object, "Remove", strv_node ((const char *const *)param->remove));

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
      json_builder_add_value (builder, parameter_body_node (param));
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

/* The PowerShell text -------------------------------------------------- */

/* PowerShell takes the typographic quotes as quotes too (its tokenizer
 * treats U+2018–U+201B and U+201C–U+201E like ' and "), so inside a
 * double-quoted string they are escaped like '"'. */
static gboolean
is_double_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

static gboolean
is_single_quote (gunichar c)
{
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B;
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015;
}

static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '`':
        case '$':
          g_string_append_c (out, '`');
          g_string_append_c (out, (char)c);
          break;
        case '\n':
          g_string_append (out, "`n");
          break;
        case '\r':
          g_string_append (out, "`r");
          break;
        case '\t':
          g_string_append (out, "`t");
          break;
        case '\a':
          g_string_append (out, "`a");
          break;
        case '\b':
          g_string_append (out, "`b");
          break;
        case '\f':
          g_string_append (out, "`f");
          break;
        case '\v':
          g_string_append (out, "`v");
          break;
        default:
          if (is_double_quote (c))
            g_string_append_c (out, '`');
          if (c < 0x20)
            g_string_append_printf (out, "`u{%X}", c);
          else
            g_string_append_unichar (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* A word PowerShell reads back, in argument mode, as exactly this string:
 * no quoting, separator, variable or escape characters, nothing that
 * starts a parameter, and nothing that could be taken for a number
 * (`10KB` is 10240 to PowerShell); a leading digit is allowed only in
 * address-like words such as 198.51.100.0/24. */
static gboolean
is_bare_word (const char *value)
{
  gboolean leading_digit;
  guint dots = 0;

  if (value[0] == '\0' || strlen (value) > 255)
    return FALSE;

  leading_digit = g_ascii_isdigit (value[0]);
  if (!leading_digit && !g_ascii_isalpha (value[0]) && value[0] != '*' && value[0] != '_')
    return FALSE;

  for (const char *p = value; *p; p++)
    {
      if (*p == '.')
        dots++;
      else if (!g_ascii_isalnum (*p) && strchr ("*_/:@+-", *p) == NULL)
        return FALSE;
      if (leading_digit && g_ascii_isalpha (*p))
        return FALSE;
    }

  return !leading_digit || dots >= 2;
}

static void
append_item (GString    *out,
             const char *value)
{
  if (is_bare_word (value))
    g_string_append (out, value);
  else
    append_quoted (out, value);
}

static void
append_items (GString           *out,
              const char *const *values,
              gboolean           always_quote)
{
  if (values == NULL || values[0] == NULL)
    {
      g_string_append (out, "@()");
      return;
    }

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (always_quote)
        append_quoted (out, values[i]);
      else
        append_item (out, values[i]);
    }
}

static void
append_parameter (GString         *out,
                  const Parameter *param)
{
  g_string_append_printf (out, " -%s", param->name);

  switch (param->type)
    {
    case KANRI_CMDLET_VALUE_STRING:
      g_string_append_c (out, ' ');
      if (kind_of (param->name) == KIND_NAME || g_ascii_isdigit (param->string[0]))
        append_quoted (out, param->string);
      else
        append_item (out, param->string);
      break;

    case KANRI_CMDLET_VALUE_STRING_LIST:
      g_string_append_c (out, ' ');
      /* One item alone reads back as a list only where the parameter is
       * known to take one (-SenderDomains *); elsewhere it needs @(…). */
      if (param->list[0] != NULL && param->list[1] == NULL && kind_of (param->name) != KIND_LIST)
        {
          g_string_append (out, "@(");
          append_items (out, (const char *const *)param->list, FALSE);
          g_string_append_c (out, ')');
        }
      else
        append_items (out, (const char *const *)param->list, FALSE);
      break;

    case KANRI_CMDLET_VALUE_BOOL:
      g_string_append (out, param->boolean ? " $true" : " $false");
      break;

    case KANRI_CMDLET_VALUE_SWITCH:
      if (!param->boolean)
        g_string_append (out, ":$false");
      break;

    case KANRI_CMDLET_VALUE_INT:
      g_string_append_printf (out, " %" G_GINT64_FORMAT, param->integer);
      break;

    case KANRI_CMDLET_VALUE_TIME_SPAN:
      {
        g_autofree char *text = kanri_time_span_to_string (param->span);

        g_string_append_c (out, ' ');
        append_quoted (out, text);
      }
      break;

    case KANRI_CMDLET_VALUE_HASHTABLE:
      g_string_append (out, " @{");
      if (param->add != NULL)
        {
          g_string_append (out, "Add=");
          append_items (out, (const char *const *)param->add, TRUE);
        }
      if (param->remove != NULL)
        {
          if (param->add != NULL)
            g_string_append (out, "; ");
          g_string_append (out, "Remove=");
          append_items (out, (const char *const *)param->remove, TRUE);
        }
      g_string_append_c (out, '}');
      break;

    case KANRI_CMDLET_VALUE_NULL:
    default:
      g_string_append (out, " $null");
      break;
    }
}

/**
 * kanri_cmdlet_to_powershell:
 *
 * Returns: (transfer full): the command a user could paste into Exchange
 *   Online PowerShell, e.g. `Set-Mailbox -Identity "a@contoso.com"
 *   -DefaultAuditSet Admin,Delegate,Owner`
 */
char *
kanri_cmdlet_to_powershell (KanriCmdlet *self)
{
  GString *out;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);

  out = g_string_new (self->name);
  for (guint i = 0; i < self->parameters->len; i++)
    append_parameter (out, g_ptr_array_index (self->parameters, i));

  return g_string_free (out, FALSE);
}

/* Parsing PowerShell ---------------------------------------------------- */

typedef struct
{
  const char  *text;
  const char  *p;
  gboolean     argv_mode;
} Scanner;

typedef struct
{
  KanriCmdletValueType  type;
  char                 *string;
  GPtrArray            *list;
  GPtrArray            *add;
  GPtrArray            *remove;
  gboolean              boolean;
  gint64                integer;
  gboolean              quoted;
} Value;

static void
value_clear (Value *value)
{
  g_clear_pointer (&value->string, g_free);
  g_clear_pointer (&value->list, g_ptr_array_unref);
  g_clear_pointer (&value->add, g_ptr_array_unref);
  g_clear_pointer (&value->remove, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Value, value_clear)

static gunichar
peek (Scanner *s)
{
  return *s->p ? g_utf8_get_char (s->p) : 0;
}

static void
advance (Scanner *s)
{
  if (*s->p)
    s->p = g_utf8_next_char (s->p);
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x3000;
}

static void
skip_space (Scanner *s)
{
  while (is_space (peek (s)))
    advance (s);
}

static gboolean
syntax_error (Scanner     *s,
              GError     **error,
              const char  *message)
{
  glong column = g_utf8_pointer_to_offset (s->text, s->p) + 1;

  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
               _("%s (at character %ld)"), message, column);
  return FALSE;
}

static gboolean
unsupported (Scanner  *s,
             GError  **error)
{
  glong column = g_utf8_pointer_to_offset (s->text, s->p) + 1;

  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_UNSUPPORTED,
               _("Only literal values are supported: quoted or plain text, numbers, "
                 "lists (a,b), $true, $false, $null and @{Add=…; Remove=…} "
                 "(at character %ld)"), column);
  return FALSE;
}

static gboolean
read_double_quoted (Scanner  *s,
                    GString  *out,
                    GError  **error)
{
  advance (s);
  for (;;)
    {
      gunichar c = peek (s);

      if (c == 0)
        return syntax_error (s, error, _("A quoted string is not closed"));

      if (is_double_quote (c))
        {
          advance (s);
          /* "" inside a double-quoted string is one quote. */
          if (is_double_quote (peek (s)))
            {
              g_string_append_unichar (out, peek (s));
              advance (s);
              continue;
            }
          return TRUE;
        }

      if (c == '$')
        {
          const char *next = s->p + 1;

          /* A lone $ before a space or the end stays literal; anything
           * else would be expanded by PowerShell. */
          if (*next != '\0' && !is_space (g_utf8_get_char (next)) && !is_double_quote (g_utf8_get_char (next)))
            return unsupported (s, error);
          g_string_append_c (out, '$');
          advance (s);
          continue;
        }

      if (c == '`')
        {
          gunichar e;

          advance (s);
          e = peek (s);
          if (e == 0)
            return syntax_error (s, error, _("A quoted string is not closed"));
          advance (s);
          switch (e)
            {
            case '0':
              return syntax_error (s, error, _("A NUL character (`0) cannot be sent"));
            case 'a': g_string_append_c (out, '\a'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 'e': g_string_append_c (out, '\033'); break;
            case 'f': g_string_append_c (out, '\f'); break;
            case 'n': g_string_append_c (out, '\n'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'v': g_string_append_c (out, '\v'); break;
            case 'u':
              {
                char *end = NULL;
                guint64 code;

                if (*s->p != '{')
                  return syntax_error (s, error, _("`u must be followed by {hex digits}"));
                code = g_ascii_strtoull (s->p + 1, &end, 16);
                if (end == s->p + 1 || *end != '}' || end - (s->p + 1) > 6 ||
                    code == 0 || !g_unichar_validate ((gunichar)code))
                  return syntax_error (s, error, _("`u{…} does not name a valid character"));
                g_string_append_unichar (out, (gunichar)code);
                s->p = end + 1;
              }
              break;
            default:
              g_string_append_unichar (out, e);
              break;
            }
          continue;
        }

      g_string_append_unichar (out, c);
      advance (s);
    }
}

static gboolean
read_single_quoted (Scanner  *s,
                    GString  *out,
                    GError  **error)
{
  advance (s);
  for (;;)
    {
      gunichar c = peek (s);

      if (c == 0)
        return syntax_error (s, error, _("A quoted string is not closed"));

      advance (s);
      if (is_single_quote (c))
        {
          /* '' inside a single-quoted string is one quote. */
          if (is_single_quote (peek (s)))
            {
              g_string_append_unichar (out, peek (s));
              advance (s);
              continue;
            }
          return TRUE;
        }

      g_string_append_unichar (out, c);
    }
}

static gboolean
ends_bare_word (Scanner  *s,
                gunichar  c)
{
  if (c == 0 || c == ',' || c == ';' || c == '}' || c == ')')
    return TRUE;

  /* On a command line the shell has already split the words. */
  return !s->argv_mode && is_space (c);
}

static gboolean
read_bare_word (Scanner  *s,
                GString  *out,
                GError  **error)
{
  while (!ends_bare_word (s, peek (s)))
    {
      gunichar c = peek (s);

      if (c == '$' || c == '`' || c == '(' || c == '{' || c == '|' || c == '&' ||
          c == '<' || c == '>' || is_double_quote (c) || is_single_quote (c))
        return unsupported (s, error);

      g_string_append_unichar (out, c);
      advance (s);
    }

  return TRUE;
}

static gboolean
starts_with_ci (const char *p,
                const char *prefix)
{
  return g_ascii_strncasecmp (p, prefix, strlen (prefix)) == 0;
}

static gboolean
is_word_end (char c)
{
  return !g_ascii_isalnum (c) && c != '_';
}

/* One element: a string, a number or a $ constant. */
static gboolean
read_element (Scanner  *s,
              Value    *value,
              GError  **error)
{
  gunichar c = peek (s);
  g_autoptr(GString) text = g_string_new (NULL);

  if (c == '@' || c == '#')
    return unsupported (s, error);

  if (c == '$')
    {
      static const struct { const char *word; KanriCmdletValueType type; gboolean b; } constants[] = {
        { "$true", KANRI_CMDLET_VALUE_BOOL, TRUE },
        { "$false", KANRI_CMDLET_VALUE_BOOL, FALSE },
        { "$null", KANRI_CMDLET_VALUE_NULL, FALSE },
      };

      for (guint i = 0; i < G_N_ELEMENTS (constants); i++)
        {
          gsize len = strlen (constants[i].word);

          if (starts_with_ci (s->p, constants[i].word) && is_word_end (s->p[len]))
            {
              s->p += len;
              value->type = constants[i].type;
              value->boolean = constants[i].b;
              return TRUE;
            }
        }

      return unsupported (s, error);
    }

  if (is_double_quote (c))
    {
      if (!read_double_quoted (s, text, error))
        return FALSE;
      value->quoted = TRUE;
    }
  else if (is_single_quote (c))
    {
      if (!read_single_quoted (s, text, error))
        return FALSE;
      value->quoted = TRUE;
    }
  else if (c == 0 || ends_bare_word (s, c))
    return syntax_error (s, error, _("A value is missing"));
  else if (!read_bare_word (s, text, error))
    return FALSE;

  value->type = KANRI_CMDLET_VALUE_STRING;
  value->string = g_string_free (g_steal_pointer (&text), FALSE);

  if (!value->quoted)
    {
      const char *p = value->string;
      char *end = NULL;
      gint64 number;

      if (*p == '-' || *p == '+')
        p++;
      if (g_ascii_isdigit (*p))
        {
          errno = 0;
          number = g_ascii_strtoll (value->string, &end, 10);
          if (errno == 0 && end != NULL && *end == '\0')
            {
              value->type = KANRI_CMDLET_VALUE_INT;
              value->integer = number;
            }
        }
    }

  return TRUE;
}

static char *
element_as_string (Value *element)
{
  if (element->type == KANRI_CMDLET_VALUE_STRING)
    return g_steal_pointer (&element->string);
  if (element->type == KANRI_CMDLET_VALUE_INT)
    return g_steal_pointer (&element->string);

  return NULL;
}

/* a,b,"c d" — returns the elements, or one element alone. */
static gboolean
read_list (Scanner    *s,
           Value      *value,
           GError    **error)
{
  g_auto(Value) first = { 0 };

  if (!read_element (s, &first, error))
    return FALSE;

  skip_space (s);
  if (peek (s) != ',')
    {
      *value = first;
      memset (&first, 0, sizeof first);
      return TRUE;
    }

  value->type = KANRI_CMDLET_VALUE_STRING_LIST;
  value->list = g_ptr_array_new_with_free_func (g_free);

  {
    char *item = element_as_string (&first);

    if (item == NULL)
      return syntax_error (s, error, _("$true, $false and $null cannot be list items"));
    g_ptr_array_add (value->list, item);
  }

  while (peek (s) == ',')
    {
      g_auto(Value) element = { 0 };
      char *item;

      advance (s);
      skip_space (s);
      if (!read_element (s, &element, error))
        return FALSE;
      item = element_as_string (&element);
      if (item == NULL)
        return syntax_error (s, error, _("$true, $false and $null cannot be list items"));
      g_ptr_array_add (value->list, item);
      skip_space (s);
    }

  return TRUE;
}

static GPtrArray *
value_to_items (Value *value)
{
  GPtrArray *items;

  if (value->type == KANRI_CMDLET_VALUE_STRING_LIST)
    return g_steal_pointer (&value->list);

  items = g_ptr_array_new_with_free_func (g_free);
  if (value->type == KANRI_CMDLET_VALUE_STRING || value->type == KANRI_CMDLET_VALUE_INT)
    g_ptr_array_add (items, g_steal_pointer (&value->string));

  return items;
}

/* @(a,b) or @() */
static gboolean
read_array (Scanner  *s,
            Value    *value,
            GError  **error)
{
  g_auto(Value) inner = { 0 };

  s->p += 2;
  skip_space (s);
  value->type = KANRI_CMDLET_VALUE_STRING_LIST;

  if (peek (s) == ')')
    {
      advance (s);
      value->list = g_ptr_array_new_with_free_func (g_free);
      return TRUE;
    }

  if (!read_list (s, &inner, error))
    return FALSE;
  if (inner.type == KANRI_CMDLET_VALUE_BOOL || inner.type == KANRI_CMDLET_VALUE_NULL)
    return syntax_error (s, error, _("$true, $false and $null cannot be list items"));

  skip_space (s);
  if (peek (s) != ')')
    return syntax_error (s, error, _("“)” expected"));
  advance (s);

  value->list = value_to_items (&inner);
  return TRUE;
}

/* @{Add="a","b"; Remove="c"} */
static gboolean
read_hashtable (Scanner  *s,
                Value    *value,
                GError  **error)
{
  s->p += 2;
  value->type = KANRI_CMDLET_VALUE_HASHTABLE;

  for (;;)
    {
      g_auto(Value) inner = { 0 };
      GPtrArray **slot;

      while (is_space (peek (s)) || peek (s) == ';')
        advance (s);

      if (peek (s) == '}')
        {
          advance (s);
          break;
        }

      if (starts_with_ci (s->p, "Add") && is_word_end (s->p[3]))
        {
          slot = &value->add;
          s->p += 3;
        }
      else if (starts_with_ci (s->p, "Remove") && is_word_end (s->p[6]))
        {
          slot = &value->remove;
          s->p += 6;
        }
      else if (peek (s) == 0)
        return syntax_error (s, error, _("“}” expected"));
      else
        return syntax_error (s, error, _("Only the keys Add and Remove are supported in @{…}"));

      if (*slot != NULL)
        return syntax_error (s, error, _("A key appears twice in @{…}"));

      skip_space (s);
      if (peek (s) != '=')
        return syntax_error (s, error, _("“=” expected"));
      advance (s);
      skip_space (s);

      if (s->p[0] == '@' && s->p[1] == '(')
        {
          if (!read_array (s, &inner, error))
            return FALSE;
        }
      else if (!read_list (s, &inner, error))
        return FALSE;

      if (inner.type == KANRI_CMDLET_VALUE_BOOL || inner.type == KANRI_CMDLET_VALUE_NULL)
        return syntax_error (s, error, _("$true, $false and $null cannot be list items"));

      *slot = value_to_items (&inner);

      skip_space (s);
      if (peek (s) != ';' && peek (s) != '}' && !is_space (peek (s)))
        return syntax_error (s, error, _("“;” or “}” expected"));
    }

  if ((value->add == NULL || value->add->len == 0) &&
      (value->remove == NULL || value->remove->len == 0))
    return syntax_error (s, error, _("@{…} needs values to Add or Remove"));

  return TRUE;
}

static gboolean
read_value (Scanner  *s,
            Value    *value,
            GError  **error)
{
  if (s->p[0] == '@' && s->p[1] == '{')
    return read_hashtable (s, value, error);
  if (s->p[0] == '@' && s->p[1] == '(')
    return read_array (s, value, error);

  return read_list (s, value, error);
}

static char **
items_to_strv (GPtrArray *items)
{
  if (items == NULL || items->len == 0)
    return NULL;

  g_ptr_array_add (items, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

/* Gives the parsed value the type the service will read it as
 * (known_parameters), then stores it. */
static gboolean
store_value (KanriCmdlet  *self,
             const char   *parameter,
             Value        *value,
             GError      **error)
{
  ParameterKind kind = kind_of (parameter);

  if (value->type == KANRI_CMDLET_VALUE_STRING_LIST)
    g_ptr_array_add (value->list, NULL);

  if (is_identity (parameter))
    {
      if (value->type == KANRI_CMDLET_VALUE_NULL)
        {
          g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                       _("-Identity cannot be $null: the service would take it to mean every object"));
          return FALSE;
        }
      if ((value->type == KANRI_CMDLET_VALUE_STRING && value->string[0] == '\0') ||
          (value->type == KANRI_CMDLET_VALUE_STRING_LIST &&
           !is_acceptable_identity ((const char *const *)value->list->pdata)))
        {
          g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                       _("-Identity cannot be empty: the service would take it to mean every object"));
          return FALSE;
        }
      if (value->type != KANRI_CMDLET_VALUE_STRING && value->type != KANRI_CMDLET_VALUE_STRING_LIST &&
          value->type != KANRI_CMDLET_VALUE_INT)
        {
          g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                       _("-Identity must name an object"));
          return FALSE;
        }
    }

  switch (value->type)
    {
    case KANRI_CMDLET_VALUE_STRING:
    case KANRI_CMDLET_VALUE_INT:
      if (kind == KIND_LIST)
        {
          const char *values[] = { value->string, NULL };

          kanri_cmdlet_set_string_list (self, parameter, values);
          return TRUE;
        }
      if (kind == KIND_TIME_SPAN)
        {
          GTimeSpan span;

          if (kanri_time_span_parse (value->string, &span))
            {
              kanri_cmdlet_set_time_span (self, parameter, span);
              return TRUE;
            }
        }
      if (value->type == KANRI_CMDLET_VALUE_INT && kind == KIND_ANY)
        kanri_cmdlet_set_int (self, parameter, value->integer);
      else
        kanri_cmdlet_set_string (self, parameter, value->string);
      return TRUE;

    case KANRI_CMDLET_VALUE_STRING_LIST:
      kanri_cmdlet_set_string_list (self, parameter, (const char *const *)value->list->pdata);
      return TRUE;

    case KANRI_CMDLET_VALUE_BOOL:
      kanri_cmdlet_set_bool (self, parameter, value->boolean);
      return TRUE;

    case KANRI_CMDLET_VALUE_HASHTABLE:
      {
        g_auto(GStrv) add = items_to_strv (g_steal_pointer (&value->add));
        g_auto(GStrv) remove = items_to_strv (g_steal_pointer (&value->remove));

        kanri_cmdlet_set_hashtable (self, parameter, (const char *const *)add,
                                    (const char *const *)remove);
      }
      return TRUE;

    case KANRI_CMDLET_VALUE_NULL:
      kanri_cmdlet_set_null (self, parameter);
      return TRUE;

    case KANRI_CMDLET_VALUE_SWITCH:
    case KANRI_CMDLET_VALUE_TIME_SPAN:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_utf8 (const char  *text,
            GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
                   _("The command is not valid UTF-8 text"));
      return FALSE;
    }

  if (strlen (text) > MAX_LINE_LENGTH)
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_TOO_LARGE,
                   _("The command is longer than %d KiB"), MAX_LINE_LENGTH / 1024);
      return FALSE;
    }

  return TRUE;
}

/* -Name, –Name (PowerShell takes the en and em dashes that word processors
 * put in pasted text), -Name:value */
static gboolean
read_parameter_name (Scanner  *s,
                     char    **name,
                     GError  **error)
{
  const char *start;

  advance (s);
  start = s->p;
  while (g_ascii_isalnum (*s->p) || *s->p == '_')
    s->p++;

  if (s->p == start || !g_ascii_isalpha (*start))
    return syntax_error (s, error, _("A parameter name is expected after “-”"));

  *name = g_strndup (start, s->p - start);
  if (!is_valid_parameter_name (*name))
    {
      g_clear_pointer (name, g_free);
      return syntax_error (s, error, _("A parameter name is expected after “-”"));
    }

  return TRUE;
}

static gboolean
is_parameter_start (Scanner *s)
{
  const char *next;

  if (!is_dash (peek (s)))
    return FALSE;

  next = g_utf8_next_char (s->p);
  return g_ascii_isalpha (*next);
}

/* The parameter a value without a name binds to: position 1 is Name for
 * the New- cmdlets Kanri uses and Identity for the others. */
static const char *
positional_parameter (const char *cmdlet)
{
  return g_ascii_strncasecmp (cmdlet, "New-", 4) == 0 ? "Name" : "Identity";
}

static gboolean
check_duplicate (KanriCmdlet  *self,
                 const char   *name,
                 GError      **error)
{
  if (find_parameter (self, name) != NULL)
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                   _("The parameter -%s is given more than once"), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_arguments (KanriCmdlet  *self,
                 Scanner      *s,
                 GError      **error)
{
  gboolean positional_used = FALSE;

  for (;;)
    {
      g_autofree char *name = NULL;
      g_auto(Value) value = { 0 };

      skip_space (s);
      if (peek (s) == 0)
        return TRUE;

      if (is_parameter_start (s))
        {
          if (!read_parameter_name (s, &name, error) || !check_duplicate (self, name, error))
            return FALSE;

          if (peek (s) == ':')
            {
              advance (s);
              if (!read_value (s, &value, error))
                return FALSE;
              /* -Switch:$true / -Switch:$false */
              if (value.type == KANRI_CMDLET_VALUE_BOOL)
                {
                  kanri_cmdlet_set_switch (self, name, value.boolean);
                  continue;
                }
              if (!store_value (self, name, &value, error))
                return FALSE;
              continue;
            }

          if (!is_space (peek (s)) && peek (s) != 0)
            return syntax_error (s, error, _("A space is expected after the parameter name"));

          skip_space (s);
          if (peek (s) == 0 || is_parameter_start (s))
            {
              if (is_identity (name))
                {
                  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                               _("-Identity needs a value"));
                  return FALSE;
                }
              kanri_cmdlet_set_switch (self, name, TRUE);
              continue;
            }
        }
      else
        {
          if (is_dash (peek (s)) && !g_ascii_isdigit (*g_utf8_next_char (s->p)))
            return syntax_error (s, error, _("A parameter name is expected after “-”"));
          name = g_strdup (positional_parameter (self->name));
          if (positional_used || find_parameter (self, name) != NULL)
            return syntax_error (s, error, _("This value has no parameter name"));
          positional_used = TRUE;
        }

      if (!read_value (s, &value, error) || !store_value (self, name, &value, error))
        return FALSE;

    }
}

/**
 * kanri_cmdlet_parse:
 * @line: one PowerShell command: `Set-Mailbox -Identity "a" -AuditOwner @{Add="Send"}`
 *
 * Reads the PowerShell that kanri_cmdlet_to_powershell() writes, and the
 * literal forms people type: single or double quotes (typographic ones
 * too), backtick escapes, lists, `$true`/`$false`/`$null`, `@()`,
 * `@{Add=…; Remove=…}`, `-Switch`, `-Switch:$false` and one positional
 * Identity (Name for New- cmdlets). Variables, subexpressions and
 * pipelines are refused: what runs must be what is shown.
 *
 * Returns: (transfer full) (nullable): the cmdlet, or %NULL with @error set
 */
KanriCmdlet *
kanri_cmdlet_parse (const char  *line,
                    GError     **error)
{
  g_autoptr(KanriCmdlet) self = NULL;
  Scanner s = { 0 };
  const char *start;
  g_autofree char *name = NULL;

  g_return_val_if_fail (line != NULL, NULL);

  if (!check_utf8 (line, error))
    return NULL;

  s.text = s.p = line;
  skip_space (&s);
  start = s.p;
  while (*s.p && !is_space (g_utf8_get_char (s.p)))
    s.p = g_utf8_next_char (s.p);

  name = g_strndup (start, s.p - start);
  if (!is_valid_cmdlet_name (name))
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
                   _("“%s” is not a cmdlet name (Verb-Noun)"), name);
      return NULL;
    }

  self = kanri_cmdlet_new (name);
  if (!parse_arguments (self, &s, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kanri_cmdlet_parse_argv:
 * @name: the cmdlet name
 * @args: (array zero-terminated=1): the words after it on a command line,
 *   as the shell split them: `-Identity`, `Taro Yamada`, `-AuditOwner`,
 *   `@{Add="Send"}`
 *
 * Like kanri_cmdlet_parse(), but each word is one parameter name or one
 * value, so a value may contain spaces without quotes.
 *
 * Returns: (transfer full) (nullable): the cmdlet, or %NULL with @error set
 */
KanriCmdlet *
kanri_cmdlet_parse_argv (const char         *name,
                         const char *const  *args,
                         GError            **error)
{
  g_autoptr(KanriCmdlet) self = NULL;
  gboolean positional_used = FALSE;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (args != NULL, NULL);

  if (!check_utf8 (name, error))
    return NULL;

  if (!is_valid_cmdlet_name (name))
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
                   _("“%s” is not a cmdlet name (Verb-Noun)"), name);
      return NULL;
    }

  self = kanri_cmdlet_new (name);

  for (guint i = 0; args[i] != NULL; i++)
    {
      Scanner s = { 0 };
      g_autofree char *param = NULL;
      g_auto(Value) value = { 0 };

      if (!check_utf8 (args[i], error))
        return NULL;

      s.text = s.p = args[i];
      s.argv_mode = TRUE;

      if (is_parameter_start (&s))
        {
          if (!read_parameter_name (&s, &param, error) || !check_duplicate (self, param, error))
            return NULL;

          if (peek (&s) == ':')
            {
              advance (&s);
              if (!read_value (&s, &value, error))
                return NULL;
              if (peek (&s) != 0)
                {
                  unsupported (&s, error);
                  return NULL;
                }
              if (value.type == KANRI_CMDLET_VALUE_BOOL)
                kanri_cmdlet_set_switch (self, param, value.boolean);
              else if (!store_value (self, param, &value, error))
                return NULL;
              continue;
            }

          if (peek (&s) != 0)
            {
              syntax_error (&s, error, _("A parameter name is expected after “-”"));
              return NULL;
            }

          if (args[i + 1] == NULL || (is_dash (g_utf8_get_char (args[i + 1])) &&
                                      g_ascii_isalpha (*g_utf8_next_char (args[i + 1]))))
            {
              if (is_identity (param))
                {
                  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                               _("-Identity needs a value"));
                  return NULL;
                }
              kanri_cmdlet_set_switch (self, param, TRUE);
              continue;
            }

          i++;
          if (!check_utf8 (args[i], error))
            return NULL;
          s.text = s.p = args[i];
        }
      else
        {
          param = g_strdup (positional_parameter (name));
          if (positional_used || find_parameter (self, param) != NULL)
            {
              g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
                           _("“%s” has no parameter name"), args[i]);
              return NULL;
            }
          positional_used = TRUE;
        }

      if (!read_value (&s, &value, error))
        return NULL;
      skip_space (&s);
      if (peek (&s) != 0)
        {
          unsupported (&s, error);
          return NULL;
        }
      if (!store_value (self, param, &value, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

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
          json_builder_add_value (builder, strv_node ((const char *const *)param->add));
          json_builder_set_member_name (builder, "remove");
          json_builder_add_value (builder, strv_node ((const char *const *)param->remove));
          break;
        case KANRI_CMDLET_VALUE_NULL:
          break;
        default:
          json_builder_set_member_name (builder, "value");
          json_builder_add_value (builder, parameter_body_node (param));
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

  if (name == NULL || !is_valid_parameter_name (name))
    return json_invalid (error, _("a parameter has no valid name"));
  if (type == NULL)
    return json_invalid (error, _("a parameter has no type"));
  if (find_parameter (self, name) != NULL)
    return json_invalid (error, _("a parameter appears twice"));

  if (g_str_equal (type, "string") && node_is (value, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (value);

      if (is_identity (name) && *text == '\0')
        return json_invalid (error, _("Identity is empty"));
      kanri_cmdlet_set_string (self, name, text);
    }
  else if (g_str_equal (type, "string-list"))
    {
      g_auto(GStrv) list = json_strv (value);

      if (list == NULL)
        return json_invalid (error, _("a list holds something other than text"));
      if (is_identity (name) && !is_acceptable_identity ((const char *const *)list))
        return json_invalid (error, _("Identity is empty"));
      kanri_cmdlet_set_string_list (self, name, (const char *const *)list);
    }
  else if ((g_str_equal (type, "bool") || g_str_equal (type, "switch")) &&
           node_is (value, G_TYPE_BOOLEAN) && !is_identity (name))
    {
      if (g_str_equal (type, "bool"))
        kanri_cmdlet_set_bool (self, name, json_node_get_boolean (value));
      else
        kanri_cmdlet_set_switch (self, name, json_node_get_boolean (value));
    }
  else if (g_str_equal (type, "int") && node_is (value, G_TYPE_INT64) && !is_identity (name))
    kanri_cmdlet_set_int (self, name, json_node_get_int (value));
  else if (g_str_equal (type, "time-span") && node_is (value, G_TYPE_STRING) && !is_identity (name))
    {
      GTimeSpan span;

      if (!kanri_time_span_parse (json_node_get_string (value), &span))
        return json_invalid (error, _("a time span is not in the form d.hh:mm:ss"));
      kanri_cmdlet_set_time_span (self, name, span);
    }
  else if (g_str_equal (type, "hashtable") && !is_identity (name))
    {
      g_auto(GStrv) add = json_strv (json_object_get_member (object, "add"));
      g_auto(GStrv) remove = json_strv (json_object_get_member (object, "remove"));

      if (add == NULL || remove == NULL || (add[0] == NULL && remove[0] == NULL))
        return json_invalid (error, _("a hashtable has nothing to add or remove"));
      kanri_cmdlet_set_hashtable (self, name, (const char *const *)add, (const char *const *)remove);
    }
  else if (g_str_equal (type, "null") && !is_identity (name))
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

  if (!is_valid_cmdlet_name (name))
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                   _("“%s” is not a cmdlet name (Verb-Noun)"), name);
      return NULL;
    }

  if (!check_utf8 (parameters_json, error))
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

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal ((const char *const *)a, (const char *const *)b);
}

/**
 * kanri_cmdlet_equal:
 *
 * Returns: whether @a and @b have the same name and the same parameters,
 *   with the same types and values, in the same order
 */
gboolean
kanri_cmdlet_equal (KanriCmdlet *a,
                    KanriCmdlet *b)
{
  g_return_val_if_fail (KANRI_IS_CMDLET (a), FALSE);
  g_return_val_if_fail (KANRI_IS_CMDLET (b), FALSE);

  if (g_strcmp0 (a->name, b->name) != 0 || a->parameters->len != b->parameters->len)
    return FALSE;

  for (guint i = 0; i < a->parameters->len; i++)
    {
      const Parameter *pa = g_ptr_array_index (a->parameters, i);
      const Parameter *pb = g_ptr_array_index (b->parameters, i);

      if (g_strcmp0 (pa->name, pb->name) != 0 || pa->type != pb->type ||
          g_strcmp0 (pa->string, pb->string) != 0 || !strv_equal0 (pa->list, pb->list) ||
          !strv_equal0 (pa->add, pb->add) || !strv_equal0 (pa->remove, pb->remove) ||
          pa->boolean != pb->boolean || pa->integer != pb->integer || pa->span != pb->span)
        return FALSE;
    }

  return TRUE;
}
