/* kanri-cmdlet.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cmdlet"

#include "config.h"

#include <string.h>

#include "kanri-cmdlet-private.h"

/* One cmdlet invocation: the single value that both the InvokeCommand body
 * and the PowerShell a user may paste are rendered from, so that a review
 * step can never show something other than what is sent
 * (ARCHITECTURE.md "Data flow"). */



G_DEFINE_FINAL_TYPE (KanriCmdlet, kanri_cmdlet, G_TYPE_OBJECT)
G_DEFINE_QUARK (kanri-cmdlet-error-quark, kanri_cmdlet_error)


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

ParameterKind
_kanri_cmdlet_kind_of (const char *parameter)
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

gboolean
_kanri_cmdlet_is_valid_cmdlet_name (const char *name)
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

gboolean
_kanri_cmdlet_is_valid_parameter_name (const char *name)
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

  g_return_val_if_fail (_kanri_cmdlet_is_valid_cmdlet_name (name), NULL);

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
Parameter *
_kanri_cmdlet_find_parameter (KanriCmdlet *self,
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

  return _kanri_cmdlet_find_parameter (self, parameter) != NULL;
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

  param = _kanri_cmdlet_find_parameter (self, parameter);
  return param ? param->type : KANRI_CMDLET_VALUE_NULL;
}

static const Parameter *
find_typed (KanriCmdlet          *self,
            const char           *parameter,
            KanriCmdletValueType  type)
{
  const Parameter *param = _kanri_cmdlet_find_parameter (self, parameter);

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

  param = _kanri_cmdlet_find_parameter (self, parameter);
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
  Parameter *param = _kanri_cmdlet_find_parameter (self, parameter);

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

gboolean
_kanri_cmdlet_is_identity (const char *parameter)
{
  return g_ascii_strcasecmp (parameter, "Identity") == 0;
}

/* A $null or empty Identity makes a Get- cmdlet return every object
 * (Get-InboundConnector, Get-RecoverableItems: "Caution" on -Identity), and
 * a Set- cmdlet fed from such a list would change them all. */
gboolean
_kanri_cmdlet_is_acceptable_identity (const char *const *values)
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
  g_return_if_fail (_kanri_cmdlet_is_valid_parameter_name (parameter));
  g_return_if_fail (value != NULL);
  g_return_if_fail (g_utf8_validate (value, -1, NULL));
  g_return_if_fail (!_kanri_cmdlet_is_identity (parameter) || _kanri_cmdlet_is_acceptable_identity (values));

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
  g_return_if_fail (_kanri_cmdlet_is_valid_parameter_name (parameter));
  g_return_if_fail (all_utf8 (values));
  g_return_if_fail (!_kanri_cmdlet_is_identity (parameter) || _kanri_cmdlet_is_acceptable_identity (values));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_STRING_LIST)->list =
    g_strdupv ((char **)(values ? values : empty));
}

void
kanri_cmdlet_set_bool (KanriCmdlet *self,
                       const char  *parameter,
                       gboolean     value)
{
  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (_kanri_cmdlet_is_valid_parameter_name (parameter));
  g_return_if_fail (!_kanri_cmdlet_is_identity (parameter));

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
  g_return_if_fail (_kanri_cmdlet_is_valid_parameter_name (parameter));
  g_return_if_fail (!_kanri_cmdlet_is_identity (parameter));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_SWITCH)->boolean = !!value;
}

void
kanri_cmdlet_set_int (KanriCmdlet *self,
                      const char  *parameter,
                      gint64       value)
{
  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (_kanri_cmdlet_is_valid_parameter_name (parameter));
  g_return_if_fail (!_kanri_cmdlet_is_identity (parameter));

  take_slot (self, parameter, KANRI_CMDLET_VALUE_INT)->integer = value;
}

void
kanri_cmdlet_set_time_span (KanriCmdlet *self,
                            const char  *parameter,
                            GTimeSpan    value)
{
  g_return_if_fail (KANRI_IS_CMDLET (self));
  g_return_if_fail (_kanri_cmdlet_is_valid_parameter_name (parameter));
  g_return_if_fail (!_kanri_cmdlet_is_identity (parameter));
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
  g_return_if_fail (_kanri_cmdlet_is_valid_parameter_name (parameter));
  g_return_if_fail (!_kanri_cmdlet_is_identity (parameter));
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
  g_return_if_fail (_kanri_cmdlet_is_valid_parameter_name (parameter));
  g_return_if_fail (!_kanri_cmdlet_is_identity (parameter));

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
