/* kanri-emulator-cmdlets.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-emulator-cmdlets"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kanri-emulator-private.h"

/* The cmdlets the emulated service runs, with its parameter binding,
 * validation and error bodies, from the cmdlet reference pages. This
 * code must not share anything with the client's (src/exo): it is what
 * catches the client's mistakes. */

#define EX_NOT_FOUND    "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"
#define EX_AMBIGUOUS    "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException"
#define EX_BINDING      "System.Management.Automation.ParameterBindingException"
#define EX_VALIDATION   "Microsoft.Exchange.Data.DataValidationException"
#define EX_RECIPIENT    "Microsoft.Exchange.Management.Tasks.RecipientTaskException"
#define EX_EXISTS       "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException"
#define EX_ACCESS       "Microsoft.Exchange.Configuration.Tasks.CmdletAccessDeniedException"
#define EX_NO_COMMAND   "System.Management.Automation.CommandNotFoundException"

/* The server name the service puts in its "couldn't be found on" text. */
#define SERVER_NAME "JPNPR01A001.PROD.OUTLOOK.COM"

#define DEFAULT_RESULT_SIZE 1000

/* Errors ------------------------------------------------------------------ */

EmuError *
emu_error_new (guint       status,
               const char *code,
               const char *exception,
               const char *format,
               ...)
{
  EmuError *error = g_new0 (EmuError, 1);
  va_list args;

  error->status = status;
  error->code = g_strdup (code);
  error->exception = g_strdup (exception);
  va_start (args, format);
  error->message = g_strdup_vprintf (format, args);
  va_end (args);

  return error;
}

void
emu_error_free (EmuError *error)
{
  if (error == NULL)
    return;

  g_free (error->code);
  g_free (error->exception);
  g_free (error->message);
  g_free (error);
}

EmuError *
emu_error_not_found (const char *identity)
{
  return emu_error_new (404, "NotFound", EX_NOT_FOUND,
                        "The operation couldn't be performed because object '%s' couldn't be found on '%s'.",
                        identity, SERVER_NAME);
}

EmuError *
emu_error_parameter (const char *format,
                     ...)
{
  EmuError *error;
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = emu_error_new (400, "BadRequest", EX_BINDING, "%s", message);
  return error;
}

EmuError *
emu_error_validation (const char *format,
                      ...)
{
  EmuError *error;
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = emu_error_new (400, "BadRequest", EX_VALIDATION, "%s", message);
  return error;
}

EmuError *
emu_error_from_gerror (const GError *error)
{
  return emu_error_new (500, "InternalServerError", "System.InvalidOperationException", "%s", error->message);
}

/* The body of PRODUCT.md "Exchange Online access — facts we checked":
 * details[0].message is "Ex<hash>|<exception type>|<message>". */
char *
emu_error_to_json (const EmuError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, error->exception, -1);
  g_autofree char *detail = NULL;

  detail = g_strdup_printf ("Ex%.6s|%s|%s", hash, error->exception, error->message);
  for (char *p = detail + 2; p < detail + 8; p++)
    *p = g_ascii_toupper (*p);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, error->code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "Error executing cmdlet");
  json_builder_set_member_name (builder, "details");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, "Client");
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, detail);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "innererror");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "Error executing cmdlet");
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Microsoft.Exchange.Admin.OData.Core.ODataServiceException");
  json_builder_set_member_name (builder, "stacktrace");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "internalexception");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, error->exception);
  json_builder_set_member_name (builder, "stacktrace");
  json_builder_add_string_value (builder, "");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Audit actions ------------------------------------------------------------ */

/* Microsoft Learn "Manage mailbox auditing": the actions audited by
 * default per logon type (PRODUCT.md "Mailbox Auditing page"). */
static const char default_admin[] =
  "ApplyRecord,Create,HardDelete,MailItemsAccessed,MoveToDeletedItems,Send,SendAs,SendOnBehalf,"
  "SoftDelete,Update,UpdateCalendarDelegation,UpdateFolderPermissions,UpdateInboxRules";
static const char default_delegate[] =
  "ApplyRecord,Create,HardDelete,MailItemsAccessed,MoveToDeletedItems,SendAs,SendOnBehalf,"
  "SoftDelete,Update,UpdateFolderPermissions,UpdateInboxRules";
static const char default_owner[] =
  "ApplyRecord,HardDelete,MailItemsAccessed,MoveToDeletedItems,Send,SoftDelete,Update,"
  "UpdateCalendarDelegation,UpdateFolderPermissions,UpdateInboxRules";

/* The values each parameter accepts in Exchange Online (Set-Mailbox,
 * -AuditAdmin, -AuditDelegate, -AuditOwner; MailItemsAccessed, Send and
 * the Owner-only SearchQueryInitiated from "Manage mailbox auditing").
 * MessageBind is refused on its own (deprecated). */
static const char *const admin_actions[] = {
  "AddFolderPermissions", "ApplyRecord", "Copy", "Create", "FolderBind", "HardDelete",
  "MailItemsAccessed", "ModifyFolderPermissions", "Move", "MoveToDeletedItems", "RecordDelete",
  "RemoveFolderPermissions", "Send", "SendAs", "SendOnBehalf", "SoftDelete", "Update",
  "UpdateCalendarDelegation", "UpdateFolderPermissions", "UpdateInboxRules", NULL,
};
static const char *const delegate_actions[] = {
  "AddFolderPermissions", "ApplyRecord", "Create", "FolderBind", "HardDelete", "MailItemsAccessed",
  "ModifyFolderPermissions", "Move", "MoveToDeletedItems", "RecordDelete", "RemoveFolderPermissions",
  "SendAs", "SendOnBehalf", "SoftDelete", "Update", "UpdateFolderPermissions", "UpdateInboxRules", NULL,
};
static const char *const owner_actions[] = {
  "AddFolderPermissions", "ApplyRecord", "Create", "HardDelete", "MailboxLogin", "MailItemsAccessed",
  "ModifyFolderPermissions", "Move", "MoveToDeletedItems", "RecordDelete", "RemoveFolderPermissions",
  "SearchQueryInitiated", "Send", "SoftDelete", "Update", "UpdateCalendarDelegation",
  "UpdateFolderPermissions", "UpdateInboxRules", NULL,
};

static const struct
{
  const char        *logon_type;
  const char        *parameter;
  const char        *column;
  const char        *defaults;
  const char *const *allowed;
} logon_types[] = {
  { "Admin", "AuditAdmin", "audit_admin", default_admin, admin_actions },
  { "Delegate", "AuditDelegate", "audit_delegate", default_delegate, delegate_actions },
  { "Owner", "AuditOwner", "audit_owner", default_owner, owner_actions },
};

const char *
emu_default_audit_actions (const char *logon_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (logon_types); i++)
    {
      if (g_ascii_strcasecmp (logon_types[i].logon_type, logon_type) == 0)
        return logon_types[i].defaults;
    }

  return "";
}

/* Parameter binding -------------------------------------------------------- */

typedef EmuParameterSpec ParameterSpec;

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static JsonNode *
param (EmuInvocation *inv,
       const char    *name)
{
  return json_object_get_member (inv->parameters, name);
}

static char *
describe_node (JsonNode *node)
{
  if (node_is (node, G_TYPE_STRING))
    return g_strdup (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

static EmuError *
conversion_error (const char *parameter,
                  JsonNode   *node,
                  const char *type)
{
  g_autofree char *text = describe_node (node);

  return emu_error_parameter ("Cannot process argument transformation on parameter '%s'. "
                              "Cannot convert value \"%s\" to type \"%s\".",
                              parameter, text, type);
}

/* A string parameter; numbers are taken as their text, as PowerShell does. */
static gboolean
get_string (EmuInvocation  *inv,
            const char     *name,
            char          **out,
            EmuError      **error)
{
  JsonNode *node = param (inv, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (node_is (node, G_TYPE_STRING))
    *out = g_strdup (json_node_get_string (node));
  else if (node_is (node, G_TYPE_INT64))
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    {
      *error = conversion_error (name, node, "System.String");
      return FALSE;
    }

  return TRUE;
}

static gboolean
get_bool (EmuInvocation *inv,
          const char    *name,
          gboolean      *out,
          gboolean      *given,
          EmuError     **error)
{
  JsonNode *node = param (inv, name);

  *given = FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_is (node, G_TYPE_BOOLEAN))
    {
      *error = conversion_error (name, node, "System.Boolean");
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  *given = TRUE;
  return TRUE;
}

static void
add_split (GPtrArray  *list,
           const char *text)
{
  /* A MultiValuedProperty given one string reads it as a comma list
   * (the seed's `@{Add= "MailItemsAccessed,Send"}` works). */
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_ptr_array_add (list, g_strdup (item));
    }
}

static GPtrArray *
read_list (const char  *parameter,
           JsonNode    *node,
           EmuError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&list);

  if (node_is (node, G_TYPE_STRING))
    {
      add_split (list, json_node_get_string (node));
      return g_steal_pointer (&list);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!node_is (element, G_TYPE_STRING))
            {
              *error = conversion_error (parameter, node, "Microsoft.Exchange.Data.MultiValuedProperty");
              return NULL;
            }
          add_split (list, json_node_get_string (element));
        }
      return g_steal_pointer (&list);
    }

  *error = conversion_error (parameter, node, "Microsoft.Exchange.Data.MultiValuedProperty");
  return NULL;
}

static gboolean
is_hashtable (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

/* Checks the parameters against the cmdlet's and gives them the
 * cmdlet's spelling (PowerShell names are case-insensitive). */
static gboolean
bind_parameters (EmuInvocation        *inv,
                 const ParameterSpec  *specs,
                 JsonObject          **bound,
                 EmuError            **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(GString) missing = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, inv->parameters);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const char *canonical = NULL;

      for (guint i = 0; specs[i].name != NULL && canonical == NULL; i++)
        {
          if (g_ascii_strcasecmp (specs[i].name, name) == 0)
            canonical = specs[i].name;
        }

      if (canonical == NULL)
        {
          *error = emu_error_parameter ("A parameter cannot be found that matches parameter name '%s'.", name);
          return FALSE;
        }

      if (json_object_has_member (out, canonical))
        {
          *error = emu_error_parameter ("Cannot bind parameter because parameter '%s' is specified more than once.",
                                        canonical);
          return FALSE;
        }

      json_object_set_member (out, canonical, json_node_copy (value));
    }

  for (guint i = 0; specs[i].name != NULL; i++)
    {
      if (specs[i].required && !json_object_has_member (out, specs[i].name))
        {
          if (missing->len > 0)
            g_string_append_c (missing, ' ');
          g_string_append (missing, specs[i].name);
        }
    }

  if (missing->len > 0)
    {
      *error = emu_error_parameter ("Cannot process command because of one or more missing mandatory parameters: %s.",
                                    missing->str);
      return FALSE;
    }

  *bound = g_steal_pointer (&out);
  return TRUE;
}

/* "Unlimited" or a positive number; 1000 when absent. */
static gboolean
get_result_size (EmuInvocation *inv,
                 gint64        *size,
                 gboolean      *given,
                 EmuError     **error)
{
  JsonNode *node = param (inv, "ResultSize");
  guint64 value;

  *size = DEFAULT_RESULT_SIZE;
  *given = node != NULL;
  if (node == NULL)
    return TRUE;

  if (node_is (node, G_TYPE_STRING) && g_ascii_strcasecmp (json_node_get_string (node), "Unlimited") == 0)
    {
      *size = G_MAXINT64;
      return TRUE;
    }

  if (node_is (node, G_TYPE_INT64) && json_node_get_int (node) > 0)
    {
      *size = json_node_get_int (node);
      return TRUE;
    }

  if (node_is (node, G_TYPE_STRING) &&
      g_ascii_string_to_unsigned (json_node_get_string (node), 10, 1, G_MAXINT32, &value, NULL))
    {
      *size = (gint64)value;
      return TRUE;
    }

  *error = conversion_error ("ResultSize", node, "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]");
  return FALSE;
}

static void
add_result_size_warning (EmuInvocation *inv)
{
  g_ptr_array_add (inv->warnings,
                   g_strdup ("By default, only the first 1000 items are returned. Use the ResultSize "
                             "parameter to specify the number of items returned. To return all items, "
                             "specify \"-ResultSize Unlimited\"."));
}

/* JSON output helpers ------------------------------------------------------ */

static void
set_list (JsonObject *object,
          const char *name,
          const char *joined)
{
  JsonArray *array = json_array_new ();
  g_autofree char *annotation = g_strconcat (name, "@odata.type", NULL);

  if (joined != NULL && *joined != '\0')
    {
      g_auto(GStrv) items = g_strsplit (joined, ",", -1);

      for (guint i = 0; items[i] != NULL; i++)
        json_array_add_string_element (array, items[i]);
    }

  json_object_set_string_member (object, annotation, "#Collection(String)");
  json_object_set_array_member (object, name, array);
}

static void
set_time (JsonObject *object,
          const char *name,
          gint64      unix_time)
{
  g_autofree char *text = emu_format_time (unix_time);

  json_object_set_string_member (object, name, text);
}

static void
add_value (EmuInvocation *inv,
           JsonObject    *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  json_array_add_element (inv->values, node);
}

gboolean
emu_param_string (EmuInvocation  *inv,
                  const char     *name,
                  char          **out,
                  EmuError      **error)
{
  return get_string (inv, name, out, error);
}

GPtrArray *
emu_param_list (EmuInvocation  *inv,
                const char     *name,
                EmuError      **error)
{
  return read_list (name, param (inv, name), error);
}

EmuError *
emu_error_conversion (const char *parameter,
                      JsonNode   *node,
                      const char *type)
{
  return conversion_error (parameter, node, type);
}

void
emu_add_value (EmuInvocation *inv,
               JsonObject    *object)
{
  add_value (inv, object);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* Mailboxes --------------------------------------------------------------- */

#define MAILBOX_COLUMNS \
  "id, guid, external_id, upn, alias, name, display_name, primary_smtp, type, litigation_hold, " \
  "audit_enabled, audit_log_age_limit, audit_admin, audit_delegate, audit_owner, default_audit_set, " \
  "when_created, when_changed"

enum {
  MB_ID, MB_GUID, MB_EXTERNAL, MB_UPN, MB_ALIAS, MB_NAME, MB_DISPLAY, MB_SMTP, MB_TYPE, MB_HOLD,
  MB_AUDIT_ENABLED, MB_AGE, MB_ADMIN, MB_DELEGATE, MB_OWNER, MB_DEFAULT_SET, MB_CREATED, MB_CHANGED,
};

static JsonObject *
mailbox_to_json (sqlite3_stmt *stmt,
                 const char   *organization)
{
  JsonObject *object = json_object_new ();
  const char *name = column_text (stmt, MB_NAME);
  const char *alias = column_text (stmt, MB_ALIAS);
  g_autofree char *dn = g_strdup_printf ("CN=%s,OU=%s,OU=Microsoft Exchange Hosted Organizations,"
                                         "DC=JPNPR01A001,DC=PROD,DC=OUTLOOK,DC=COM", name, organization);
  g_autofree char *addresses = g_strdup_printf ("SMTP:%s,smtp:%s@%s", column_text (stmt, MB_SMTP),
                                                alias, organization);
  g_autofree char *age = emu_time_span_format (sqlite3_column_int64 (stmt, MB_AGE));

  json_object_set_string_member (object, "Name", name);
  json_object_set_string_member (object, "Alias", alias);
  json_object_set_string_member (object, "DisplayName", column_text (stmt, MB_DISPLAY));
  json_object_set_string_member (object, "UserPrincipalName", column_text (stmt, MB_UPN));
  json_object_set_string_member (object, "PrimarySmtpAddress", column_text (stmt, MB_SMTP));
  set_list (object, "EmailAddresses", addresses);
  json_object_set_string_member (object, "RecipientType", "UserMailbox");
  json_object_set_string_member (object, "RecipientTypeDetails", column_text (stmt, MB_TYPE));
  json_object_set_string_member (object, "Identity", name);
  json_object_set_string_member (object, "Id", name);
  json_object_set_string_member (object, "DistinguishedName", dn);
  json_object_set_string_member (object, "Guid", column_text (stmt, MB_GUID));
  json_object_set_string_member (object, "ExchangeObjectId", column_text (stmt, MB_GUID));
  json_object_set_string_member (object, "ExternalDirectoryObjectId", column_text (stmt, MB_EXTERNAL));
  json_object_set_string_member (object, "OrganizationalUnit", organization);
  json_object_set_boolean_member (object, "LitigationHoldEnabled", sqlite3_column_int (stmt, MB_HOLD));
  json_object_set_boolean_member (object, "IsInactiveMailbox", FALSE);
  json_object_set_boolean_member (object, "AuditEnabled", sqlite3_column_int (stmt, MB_AUDIT_ENABLED));
  json_object_set_string_member (object, "AuditLogAgeLimit", age);
  set_list (object, "AuditAdmin", column_text (stmt, MB_ADMIN));
  set_list (object, "AuditDelegate", column_text (stmt, MB_DELEGATE));
  set_list (object, "AuditOwner", column_text (stmt, MB_OWNER));
  set_list (object, "DefaultAuditSet", column_text (stmt, MB_DEFAULT_SET));
  set_time (object, "WhenCreated", sqlite3_column_int64 (stmt, MB_CREATED));
  set_time (object, "WhenChanged", sqlite3_column_int64 (stmt, MB_CHANGED));
  set_time (object, "WhenChangedUTC", sqlite3_column_int64 (stmt, MB_CHANGED));

  return object;
}

/* Any value that names one mailbox (Set-Mailbox, -Identity). */
static sqlite3_stmt *
find_mailbox (EmuInvocation  *inv,
              const char     *identity,
              EmuError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autofree char *lower = g_ascii_strdown (identity, -1);

  count = emu_state_prepare (inv->state,
                             "SELECT count(*) FROM mailboxes WHERE upn = ?1 OR primary_smtp = ?1 OR alias = ?1 "
                             "OR name = ?1 OR display_name = ?1 OR guid = ?2 OR external_id = ?2",
                             &local_error);
  stmt = emu_state_prepare (inv->state,
                            "SELECT " MAILBOX_COLUMNS " FROM mailboxes WHERE upn = ?1 OR primary_smtp = ?1 "
                            "OR alias = ?1 OR name = ?1 OR display_name = ?1 OR guid = ?2 OR external_id = ?2",
                            &local_error);
  if (stmt == NULL || count == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return NULL;
    }

  sqlite3_bind_text (count, 1, identity, -1, SQLITE_STATIC);
  sqlite3_bind_text (count, 2, lower, -1, SQLITE_STATIC);
  if (sqlite3_step (count) != SQLITE_ROW || sqlite3_column_int (count, 0) == 0)
    {
      *error = emu_error_not_found (identity);
      return NULL;
    }

  if (sqlite3_column_int (count, 0) > 1)
    {
      *error = emu_error_new (400, "BadRequest", EX_AMBIGUOUS,
                              "The operation couldn't be performed because '%s' matches multiple entries.",
                              identity);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, identity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lower, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      *error = emu_error_not_found (identity);
      return NULL;
    }

  return g_steal_pointer (&stmt);
}

static const char *const recipient_types[] = {
  "UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox", "SchedulingMailbox",
  "DiscoveryMailbox", "TeamMailbox", "GroupMailbox", NULL,
};

static const char *
canonical (const char *const *allowed,
           const char        *value)
{
  for (guint i = 0; allowed[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (allowed[i], value) == 0)
        return allowed[i];
    }

  return NULL;
}

static gboolean
get_mailbox (EmuInvocation  *inv,
             EmuError      **error)
{
  g_autofree char *identity = NULL;
  g_autofree char *organization = emu_state_get_meta (inv->state, "organization");
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GString) where = g_string_new ("");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gint64 result_size;
  gint64 limit;
  gint64 rows = 0;
  gboolean size_given;
  int rc;

  if (!get_string (inv, "Identity", &identity, error) ||
      !get_result_size (inv, &result_size, &size_given, error))
    return FALSE;

  if (identity != NULL)
    {
      g_autoptr(sqlite3_stmt) row = find_mailbox (inv, identity, error);

      if (row == NULL)
        return FALSE;
      add_value (inv, mailbox_to_json (row, organization));
      return TRUE;
    }

  types = read_list ("RecipientTypeDetails", param (inv, "RecipientTypeDetails"), error);
  if (types == NULL)
    return FALSE;

  for (guint i = 0; i < types->len; i++)
    {
      const char *type = canonical (recipient_types, g_ptr_array_index (types, i));

      if (type == NULL)
        {
          *error = emu_error_parameter ("Cannot bind parameter 'RecipientTypeDetails'. Cannot convert value \"%s\" "
                                        "to type \"Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails\".",
                                        (const char *)g_ptr_array_index (types, i));
          return FALSE;
        }
      g_string_append_printf (where, "%s'%s'", where->len ? "," : " type IN (", type);
    }
  if (where->len > 0)
    g_string_append_c (where, ')');

  /* Keyset paging: the next page starts after the last id sent, so a
   * page costs the same at the end of 100,000 mailboxes as at the start.
   * One row more than the page tells whether another page follows. */
  limit = MIN ((gint64)inv->page_size, result_size - (gint64)inv->offset);
  if (limit <= 0)
    return TRUE;

  sql = g_strdup_printf ("SELECT " MAILBOX_COLUMNS " FROM mailboxes WHERE id > ?1%s%s ORDER BY id LIMIT ?2",
                         where->len ? " AND" : "", where->str);
  stmt = emu_state_prepare (inv->state, sql, &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, inv->after);
  sqlite3_bind_int64 (stmt, 2, limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && rows < limit)
    {
      add_value (inv, mailbox_to_json (stmt, organization));
      inv->next_after = sqlite3_column_int64 (stmt, MB_ID);
      rows++;
    }

  /* A row beyond this page: more pages, unless -ResultSize stops here. */
  if (rc == SQLITE_ROW)
    {
      if (inv->offset + rows < result_size)
        inv->more = TRUE;
      else if (!size_given)
        add_result_size_warning (inv);
    }

  return TRUE;
}

static GPtrArray *
split_stored (const char *joined)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  if (joined != NULL && *joined != '\0')
    add_split (list, joined);

  return list;
}

static char *
join_stored (GPtrArray *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (list, i));
    }

  return g_string_free (out, FALSE);
}

static gint
find_ci (GPtrArray  *list,
         const char *value)
{
  for (guint i = 0; i < list->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (list, i), value) == 0)
        return (gint)i;
    }

  return -1;
}

static EmuError *
message_bind_error (void)
{
  /* The text the seed quotes (in Japanese) when MessageBind is added. */
  return emu_error_new (400, "BadRequest", EX_RECIPIENT,
                        "The MessageBind audit operation type is deprecated. Use MailItemsAccessed instead.");
}

static EmuError *
audit_value_error (const char *parameter,
                   const char *value)
{
  return emu_error_parameter ("Cannot process argument transformation on parameter '%s'. Cannot convert value "
                              "\"%s\" to type \"Microsoft.Exchange.Data.MultiValuedProperty`1"
                              "[Microsoft.Exchange.Data.Directory.MailboxAuditOperations]\". "
                              "Error: \"Requested value '%s' was not found.\"",
                              parameter, value, value);
}

/* Values to add or to set: each must be valid for this logon type. */
static gboolean
check_actions (guint       type,
               GPtrArray  *values,
               gboolean    allow_none,
               EmuError  **error)
{
  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      const char *name;

      if (g_ascii_strcasecmp (value, "MessageBind") == 0)
        {
          *error = message_bind_error ();
          return FALSE;
        }

      if (allow_none && g_ascii_strcasecmp (value, "None") == 0 && values->len == 1)
        continue;

      name = canonical (logon_types[type].allowed, value);
      if (name == NULL)
        {
          *error = audit_value_error (logon_types[type].parameter, value);
          return FALSE;
        }

      g_free (values->pdata[i]);
      values->pdata[i] = g_strdup (name);
    }

  return TRUE;
}

/* Values to remove: any action name, MessageBind included (taking it out
 * is what an admin should do). */
static gboolean
check_removals (guint       type,
                GPtrArray  *values,
                EmuError  **error)
{
  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      const char *name = NULL;

      for (guint t = 0; t < G_N_ELEMENTS (logon_types) && name == NULL; t++)
        name = canonical (logon_types[t].allowed, value);
      if (name == NULL && g_ascii_strcasecmp (value, "MessageBind") == 0)
        name = "MessageBind";
      if (name == NULL)
        {
          *error = audit_value_error (logon_types[type].parameter, value);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
apply_audit_parameter (EmuInvocation  *inv,
                       guint           type,
                       GPtrArray      *list,
                       EmuError      **error)
{
  JsonNode *node = param (inv, logon_types[type].parameter);

  if (is_hashtable (node))
    {
      JsonObject *table = json_node_get_object (node);
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;
      g_autoptr(GPtrArray) add = NULL;
      g_autoptr(GPtrArray) remove = NULL;

      json_object_iter_init_ordered (&iter, table);
      while (json_object_iter_next_ordered (&iter, &key, &value))
        {
          if (strchr (key, '@') != NULL)
            continue;
          if (g_ascii_strcasecmp (key, "Add") == 0)
            add = read_list (logon_types[type].parameter, value, error);
          else if (g_ascii_strcasecmp (key, "Remove") == 0)
            remove = read_list (logon_types[type].parameter, value, error);
          else
            {
              *error = emu_error_parameter ("Cannot process argument transformation on parameter '%s'. "
                                            "The hashtable key '%s' is not valid; use Add or Remove.",
                                            logon_types[type].parameter, key);
              return FALSE;
            }
          if (*error != NULL)
            return FALSE;
        }

      if ((add != NULL && !check_actions (type, add, FALSE, error)) ||
          (remove != NULL && !check_removals (type, remove, error)))
        return FALSE;

      for (guint i = 0; add != NULL && i < add->len; i++)
        {
          if (find_ci (list, g_ptr_array_index (add, i)) < 0)
            g_ptr_array_add (list, g_strdup (g_ptr_array_index (add, i)));
        }
      for (guint i = 0; remove != NULL && i < remove->len; i++)
        {
          gint at = find_ci (list, g_ptr_array_index (remove, i));

          if (at >= 0)
            g_ptr_array_remove_index (list, at);
        }
      return TRUE;
    }

  {
    g_autoptr(GPtrArray) values = read_list (logon_types[type].parameter, node, error);

    if (values == NULL || !check_actions (type, values, TRUE, error))
      return FALSE;

    g_ptr_array_set_size (list, 0);
    for (guint i = 0; i < values->len; i++)
      {
        if (g_ascii_strcasecmp (g_ptr_array_index (values, i), "None") != 0 &&
            find_ci (list, g_ptr_array_index (values, i)) < 0)
          g_ptr_array_add (list, g_strdup (g_ptr_array_index (values, i)));
      }
  }

  return TRUE;
}

static gboolean
set_mailbox (EmuInvocation  *inv,
             EmuError      **error)
{
  g_autofree char *identity = NULL;
  g_autoptr(sqlite3_stmt) row = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) default_set = NULL;
  g_autoptr(GPtrArray) requested_set = NULL;
  GPtrArray *lists[G_N_ELEMENTS (logon_types)] = { NULL };
  char *joined[G_N_ELEMENTS (logon_types) + 1] = { NULL };
  gboolean enabled = FALSE, enabled_given = FALSE, force = FALSE, force_given = FALSE;
  gboolean confirm = FALSE, confirm_given = FALSE;
  g_autofree char *age_text = NULL;
  gint64 age = -1;
  gboolean changed = FALSE;
  gboolean ok = FALSE;

  if (!get_string (inv, "Identity", &identity, error) ||
      !get_bool (inv, "AuditEnabled", &enabled, &enabled_given, error) ||
      !get_bool (inv, "Force", &force, &force_given, error) ||
      !get_bool (inv, "Confirm", &confirm, &confirm_given, error) ||
      !get_string (inv, "AuditLogAgeLimit", &age_text, error))
    return FALSE;

  if (identity == NULL || *identity == '\0')
    {
      *error = emu_error_parameter ("Cannot bind argument to parameter 'Identity' because it is null.");
      return FALSE;
    }

  if (age_text != NULL && !emu_time_span_parse (age_text, &age))
    {
      *error = emu_error_parameter ("Cannot process argument transformation on parameter 'AuditLogAgeLimit'. "
                                    "Cannot convert value \"%s\" to type \"Microsoft.Exchange.Data.EnhancedTimeSpan\".",
                                    age_text);
      return FALSE;
    }

  row = find_mailbox (inv, identity, error);
  if (row == NULL)
    return FALSE;

  default_set = split_stored (column_text (row, MB_DEFAULT_SET));
  for (guint t = 0; t < G_N_ELEMENTS (logon_types); t++)
    lists[t] = split_stored (column_text (row, MB_ADMIN + t));

  /* -DefaultAuditSet reverts the named logon types to the
   * Microsoft-managed list (Set-Mailbox, -DefaultAuditSet). */
  if (param (inv, "DefaultAuditSet") != NULL)
    {
      static const char *const names[] = { "Admin", "Delegate", "Owner", NULL };

      requested_set = read_list ("DefaultAuditSet", param (inv, "DefaultAuditSet"), error);
      if (requested_set == NULL)
        goto out;

      for (guint i = 0; i < requested_set->len; i++)
        {
          const char *name = canonical (names, g_ptr_array_index (requested_set, i));

          if (name == NULL)
            {
              *error = emu_error_parameter ("Cannot process argument transformation on parameter 'DefaultAuditSet'. "
                                            "Cannot convert value \"%s\" to type "
                                            "\"Microsoft.Exchange.Data.Directory.MailboxAuditLogonTypes\".",
                                            (const char *)g_ptr_array_index (requested_set, i));
              goto out;
            }

          for (guint t = 0; t < G_N_ELEMENTS (logon_types); t++)
            {
              if (!g_str_equal (logon_types[t].logon_type, name))
                continue;
              g_ptr_array_set_size (lists[t], 0);
              add_split (lists[t], logon_types[t].defaults);
            }
          if (find_ci (default_set, name) < 0)
            g_ptr_array_add (default_set, g_strdup (name));
        }
    }

  /* A list set explicitly is no longer Microsoft-managed: its logon type
   * leaves DefaultAuditSet and gets no new default actions. */
  for (guint t = 0; t < G_N_ELEMENTS (logon_types); t++)
    {
      gint at;

      if (param (inv, logon_types[t].parameter) == NULL)
        continue;
      if (!apply_audit_parameter (inv, t, lists[t], error))
        goto out;
      at = find_ci (default_set, logon_types[t].logon_type);
      if (at >= 0)
        g_ptr_array_remove_index (default_set, at);
    }

  /* Keep DefaultAuditSet in Admin, Delegate, Owner order. */
  {
    g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_free);

    for (guint t = 0; t < G_N_ELEMENTS (logon_types); t++)
      {
        if (find_ci (default_set, logon_types[t].logon_type) >= 0)
          g_ptr_array_add (ordered, g_strdup (logon_types[t].logon_type));
      }
    joined[3] = join_stored (ordered);
  }

  for (guint t = 0; t < G_N_ELEMENTS (logon_types); t++)
    {
      joined[t] = join_stored (lists[t]);
      changed |= !g_str_equal (joined[t], column_text (row, MB_ADMIN + t));
    }
  changed |= !g_str_equal (joined[3], column_text (row, MB_DEFAULT_SET));
  changed |= enabled_given && enabled != sqlite3_column_int (row, MB_AUDIT_ENABLED);
  changed |= age >= 0 && age != sqlite3_column_int64 (row, MB_AGE);

  if (!changed)
    {
      g_ptr_array_add (inv->warnings,
                       g_strdup_printf ("The command completed successfully but no settings of '%s' have been modified.",
                                        column_text (row, MB_NAME)));
      ok = TRUE;
      goto out;
    }

  update = emu_state_prepare (inv->state,
                              "UPDATE mailboxes SET audit_admin = ?1, audit_delegate = ?2, audit_owner = ?3, "
                              "default_audit_set = ?4, audit_enabled = coalesce(?5, audit_enabled), "
                              "audit_log_age_limit = coalesce(?6, audit_log_age_limit), when_changed = ?7 "
                              "WHERE id = ?8",
                              &local_error);
  if (update == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      goto out;
    }

  for (guint i = 0; i < 4; i++)
    sqlite3_bind_text (update, 1 + i, joined[i], -1, SQLITE_STATIC);
  if (enabled_given)
    sqlite3_bind_int (update, 5, enabled);
  if (age >= 0)
    sqlite3_bind_int64 (update, 6, age);
  sqlite3_bind_int64 (update, 7, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (update, 8, sqlite3_column_int64 (row, MB_ID));

  if (sqlite3_step (update) != SQLITE_DONE)
    {
      emu_state_fail (inv->state, &local_error);
      *error = emu_error_from_gerror (local_error);
      goto out;
    }

  inv->applied = TRUE;
  ok = TRUE;

out:
  for (guint t = 0; t < G_N_ELEMENTS (logon_types); t++)
    g_clear_pointer (&lists[t], g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (joined); i++)
    g_clear_pointer (&joined[i], g_free);

  return ok;
}

/* Inbound connectors ------------------------------------------------------- */

/* A dotted-decimal IPv4 address, strictly: four numbers 0–255. */
static gboolean
parse_ipv4 (const char *text,
            guint32    *address)
{
  guint32 value = 0;
  const char *p = text;

  for (guint part = 0; part < 4; part++)
    {
      guint octet = 0;
      guint digits = 0;

      while (g_ascii_isdigit (*p) && digits < 3)
        {
          octet = octet * 10 + (guint)(*p++ - '0');
          digits++;
        }
      if (digits == 0 || octet > 255 || g_ascii_isdigit (*p))
        return FALSE;
      value = (value << 8) | octet;
      if (part < 3 && *p++ != '.')
        return FALSE;
    }

  if (*p != '\0')
    return FALSE;

  *address = value;
  return TRUE;
}

static gboolean
is_ipv6 (const char *text)
{
  g_autoptr(GInetAddress) address = NULL;

  if (strchr (text, ':') == NULL)
    return FALSE;

  address = g_inet_address_new_from_string (text);
  return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
}

static gboolean
parse_prefix (const char *text,
              guint       max,
              guint      *prefix)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;

  *prefix = (guint)value;
  return TRUE;
}

/* New-InboundConnector, -SenderIPAddresses: IPv4 addresses and CIDR
 * ranges /24 through /32; IPv6 not supported. */
static gboolean
check_sender_ip (const char  *value,
                 EmuError   **error)
{
  g_autofree char *copy = g_strdup (value);
  char *slash = strchr (copy, '/');
  guint32 address;
  guint prefix = 32;

  if (slash != NULL)
    *slash = '\0';

  if (is_ipv6 (copy))
    {
      *error = emu_error_validation ("IPv6 addresses aren't supported in SenderIPAddresses: '%s'.", value);
      return FALSE;
    }

  if (strchr (copy, '-') != NULL)
    {
      *error = emu_error_validation ("'%s' is an IP address range; SenderIPAddresses accepts single IPv4 "
                                     "addresses and CIDR ranges.", value);
      return FALSE;
    }

  if (!parse_ipv4 (copy, &address) || (slash != NULL && !parse_prefix (slash + 1, 32, &prefix)))
    {
      *error = emu_error_validation ("'%s' isn't a valid IPv4 address or CIDR range.", value);
      return FALSE;
    }

  if (prefix < 24)
    {
      *error = emu_error_validation ("The subnet mask of '%s' isn't valid. Valid subnet mask values are /24 "
                                     "through /32.", value);
      return FALSE;
    }

  return TRUE;
}

/* -EFSkipIPs: single addresses, ranges a-b and CIDR ranges, IPv4 or IPv6. */
static gboolean
check_skip_ip (const char  *value,
               EmuError   **error)
{
  g_autofree char *copy = g_strdup (value);
  char *dash = strchr (copy, '-');
  char *slash = strchr (copy, '/');

  if (dash != NULL)
    {
      g_autoptr(GInetAddress) first = NULL;
      g_autoptr(GInetAddress) last = NULL;

      *dash = '\0';
      first = g_inet_address_new_from_string (copy);
      last = g_inet_address_new_from_string (dash + 1);
      if (first == NULL || last == NULL ||
          g_inet_address_get_family (first) != g_inet_address_get_family (last) ||
          memcmp (g_inet_address_to_bytes (first), g_inet_address_to_bytes (last),
                  g_inet_address_get_native_size (first)) > 0)
        {
          *error = emu_error_validation ("'%s' isn't a valid IP address range.", value);
          return FALSE;
        }
      return TRUE;
    }

  if (slash != NULL)
    {
      g_autoptr(GInetAddress) address = NULL;
      guint prefix;

      *slash = '\0';
      address = g_inet_address_new_from_string (copy);
      if (address == NULL ||
          !parse_prefix (slash + 1, g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? 128 : 32, &prefix))
        {
          *error = emu_error_validation ("'%s' isn't a valid CIDR IP address range.", value);
          return FALSE;
        }
      return TRUE;
    }

  {
    g_autoptr(GInetAddress) address = g_inet_address_new_from_string (copy);

    if (address == NULL)
      {
        *error = emu_error_validation ("'%s' isn't a valid IP address.", value);
        return FALSE;
      }
  }

  return TRUE;
}

/* An SMTP domain, or a wildcard for a domain and its subdomains
 * (*.contoso.com); a wildcard inside (domain.*.contoso.com) is not valid. */
static gboolean
is_domain (const char *value,
           gboolean    allow_star)
{
  const char *p = value;
  guint label = 0;

  if (allow_star && g_str_equal (value, "*"))
    return TRUE;
  if (allow_star && g_str_has_prefix (value, "*."))
    p += 2;
  if (*p == '\0' || strlen (value) > 255)
    return FALSE;

  for (; *p; p++)
    {
      if (*p == '.')
        {
          if (label == 0)
            return FALSE;
          label = 0;
        }
      else if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        {
          if (++label > 63)
            return FALSE;
        }
      else
        return FALSE;
    }

  return label > 0;
}

/* SenderDomains come back as address spaces: smtp:contoso.com;1. */
static char *
address_space (const char *domain)
{
  if (g_str_has_prefix (domain, "smtp:"))
    return g_strdup (domain);

  return g_strdup_printf ("smtp:%s;1", domain);
}

static const char *
address_space_domain (const char *value,
                      char      **owned)
{
  const char *semicolon;

  if (!g_str_has_prefix (value, "smtp:"))
    return value;

  semicolon = strchr (value, ';');
  *owned = semicolon ? g_strndup (value + 5, semicolon - value - 5) : g_strdup (value + 5);
  return *owned;
}

static const ParameterSpec new_connector_parameters[] = {
  { "Name", TRUE }, { "SenderDomains", TRUE }, { "AssociatedAcceptedDomains", FALSE },
  { "ClientHostNames", FALSE }, { "CloudServicesMailEnabled", FALSE }, { "Comment", FALSE },
  { "Confirm", FALSE }, { "ConnectorSource", FALSE }, { "ConnectorType", FALSE }, { "EFSkipIPs", FALSE },
  { "EFSkipLastIP", FALSE }, { "EFSkipMailGateway", FALSE }, { "EFTestMode", FALSE }, { "EFUsers", FALSE },
  { "Enabled", FALSE }, { "RequireTls", FALSE }, { "RestrictDomainsToCertificate", FALSE },
  { "RestrictDomainsToIPAddresses", FALSE }, { "ScanAndDropRecipients", FALSE },
  { "SenderIPAddresses", FALSE }, { "TlsSenderCertificateName", FALSE },
  { "TreatMessagesAsInternal", FALSE }, { "TrustedOrganizations", FALSE }, { "WhatIf", FALSE },
  { NULL, FALSE },
};

static const ParameterSpec set_connector_parameters[] = {
  { "Identity", TRUE }, { "Name", FALSE }, { "SenderDomains", FALSE }, { "AssociatedAcceptedDomains", FALSE },
  { "ClientHostNames", FALSE }, { "CloudServicesMailEnabled", FALSE }, { "Comment", FALSE },
  { "Confirm", FALSE }, { "ConnectorSource", FALSE }, { "ConnectorType", FALSE }, { "EFSkipIPs", FALSE },
  { "EFSkipLastIP", FALSE }, { "EFSkipMailGateway", FALSE }, { "EFTestMode", FALSE }, { "EFUsers", FALSE },
  { "Enabled", FALSE }, { "RequireTls", FALSE }, { "RestrictDomainsToCertificate", FALSE },
  { "RestrictDomainsToIPAddresses", FALSE }, { "ScanAndDropRecipients", FALSE },
  { "SenderIPAddresses", FALSE }, { "TlsSenderCertificateName", FALSE },
  { "TreatMessagesAsInternal", FALSE }, { "TrustedOrganizations", FALSE }, { "WhatIf", FALSE },
  { NULL, FALSE },
};

static const char *const connector_bools[] = {
  "CloudServicesMailEnabled", "EFSkipLastIP", "EFTestMode", "Enabled", "RequireTls",
  "RestrictDomainsToCertificate", "RestrictDomainsToIPAddresses", "TreatMessagesAsInternal", NULL,
};

static const char *const connector_lists[] = {
  "SenderDomains", "AssociatedAcceptedDomains", "ClientHostNames", "EFSkipIPs", "EFSkipMailGateway",
  "EFUsers", "ScanAndDropRecipients", "SenderIPAddresses", "TrustedOrganizations", NULL,
};

/* What a new connector holds before its parameters are applied
 * (New-InboundConnector: the documented defaults). */
static JsonObject *
connector_defaults (void)
{
  JsonObject *props = json_object_new ();

  json_object_set_string_member (props, "ConnectorType", "Partner");
  json_object_set_string_member (props, "ConnectorSource", "Default");
  json_object_set_null_member (props, "Comment");
  json_object_set_null_member (props, "TlsSenderCertificateName");
  for (guint i = 0; connector_bools[i] != NULL; i++)
    json_object_set_boolean_member (props, connector_bools[i], FALSE);
  json_object_set_boolean_member (props, "Enabled", TRUE);
  json_object_set_boolean_member (props, "RequireTls", TRUE);
  for (guint i = 0; connector_lists[i] != NULL; i++)
    json_object_set_array_member (props, connector_lists[i], json_array_new ());

  return props;
}

static GPtrArray *
props_list (JsonObject *props,
            const char *name)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = json_object_get_array_member (props, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (list, g_strdup (json_array_get_string_element (array, i)));

  return list;
}

static void
props_set_list (JsonObject *props,
                const char *name,
                GPtrArray  *items)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < items->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (items, i));

  json_object_set_array_member (props, name, array);
}

static gboolean
check_list_items (const char  *name,
                  GPtrArray   *items,
                  EmuError   **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      g_autofree char *owned = NULL;

      if (g_str_equal (name, "SenderIPAddresses"))
        {
          if (!check_sender_ip (item, error))
            return FALSE;
        }
      else if (g_str_equal (name, "EFSkipIPs"))
        {
          if (!check_skip_ip (item, error))
            return FALSE;
        }
      else if (g_str_equal (name, "SenderDomains"))
        {
          if (!is_domain (address_space_domain (item, &owned), TRUE))
            {
              *error = emu_error_validation ("'%s' isn't a valid SMTP domain. A wildcard is allowed only at the "
                                             "start, for a domain and its subdomains (*.contoso.com).", item);
              return FALSE;
            }
          {
            char *space = address_space (owned ? owned : item);

            g_free (items->pdata[i]);
            items->pdata[i] = space;
          }
        }
      else if (g_str_equal (name, "AssociatedAcceptedDomains") && !is_domain (item, FALSE))
        {
          *error = emu_error_validation ("'%s' isn't a valid SMTP domain.", item);
          return FALSE;
        }
      else if (g_str_equal (name, "EFUsers") &&
               (strchr (item, '@') == NULL || !is_domain (strrchr (item, '@') + 1, FALSE)))
        {
          *error = emu_error_validation ("'%s' isn't a valid SMTP address.", item);
          return FALSE;
        }
    }

  return TRUE;
}

/* Applies the cmdlet's parameters to @props, checking each. */
static gboolean
apply_connector_parameters (EmuInvocation  *inv,
                            JsonObject     *props,
                            EmuError      **error)
{
  static const char *const types[] = { "Partner", "OnPremises", NULL };
  static const char *const sources[] = { "Default", "HybridWizard", "Migrated", NULL };

  for (guint i = 0; connector_bools[i] != NULL; i++)
    {
      gboolean value, given;

      if (!get_bool (inv, connector_bools[i], &value, &given, error))
        return FALSE;
      if (given)
        json_object_set_boolean_member (props, connector_bools[i], value);
    }

  for (guint i = 0; connector_lists[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      JsonNode *node = param (inv, connector_lists[i]);

      if (node == NULL)
        continue;
      items = read_list (connector_lists[i], node, error);
      if (items == NULL || !check_list_items (connector_lists[i], items, error))
        return FALSE;
      props_set_list (props, connector_lists[i], items);
    }

  {
    g_autofree char *type = NULL;
    g_autofree char *source = NULL;
    g_autofree char *comment = NULL;
    g_autofree char *certificate = NULL;

    if (!get_string (inv, "ConnectorType", &type, error) ||
        !get_string (inv, "ConnectorSource", &source, error) ||
        !get_string (inv, "Comment", &comment, error) ||
        !get_string (inv, "TlsSenderCertificateName", &certificate, error))
      return FALSE;

    if (type != NULL)
      {
        if (canonical (types, type) == NULL)
          {
            *error = emu_error_parameter ("Cannot bind parameter 'ConnectorType'. Cannot convert value \"%s\" to type "
                                          "\"Microsoft.Exchange.Data.TenantConnectorType\". Error: \"Unable to match "
                                          "the identifier name %s to a valid enumerator name. Specify one of the "
                                          "following enumerator names and try again: Partner, OnPremises\"",
                                          type, type);
            return FALSE;
          }
        json_object_set_string_member (props, "ConnectorType", canonical (types, type));
      }

    if (source != NULL)
      {
        if (canonical (sources, source) == NULL)
          {
            *error = emu_error_parameter ("Cannot bind parameter 'ConnectorSource'. Cannot convert value \"%s\" to "
                                          "type \"Microsoft.Exchange.Data.TenantConnectorSource\".", source);
            return FALSE;
          }
        json_object_set_string_member (props, "ConnectorSource", canonical (sources, source));
      }

    if (param (inv, "Comment") != NULL)
      {
        if (comment != NULL)
          json_object_set_string_member (props, "Comment", comment);
        else
          json_object_set_null_member (props, "Comment");
      }

    if (param (inv, "TlsSenderCertificateName") != NULL)
      {
        if (certificate != NULL && !is_domain (certificate, TRUE))
          {
            *error = emu_error_validation ("'%s' isn't a valid certificate name. Use an SMTP domain; a wildcard is "
                                           "allowed only at the start (*.contoso.com).", certificate);
            return FALSE;
          }
        if (certificate != NULL)
          json_object_set_string_member (props, "TlsSenderCertificateName", certificate);
        else
          json_object_set_null_member (props, "TlsSenderCertificateName");
      }
  }

  return TRUE;
}

/* Rules across parameters (New-InboundConnector reference). */
static gboolean
check_connector (JsonObject  *props,
                 EmuError   **error)
{
  g_autoptr(GPtrArray) ips = props_list (props, "SenderIPAddresses");
  g_autoptr(GPtrArray) domains = props_list (props, "SenderDomains");

  if (domains->len == 0)
    {
      *error = emu_error_validation ("SenderDomains can't be empty.");
      return FALSE;
    }

  if (json_object_get_boolean_member (props, "RestrictDomainsToIPAddresses") && ips->len == 0)
    {
      *error = emu_error_validation ("SenderIPAddresses must be specified when RestrictDomainsToIPAddresses is $true.");
      return FALSE;
    }

  if (json_object_get_boolean_member (props, "RestrictDomainsToCertificate") &&
      JSON_NODE_HOLDS_NULL (json_object_get_member (props, "TlsSenderCertificateName")))
    {
      *error = emu_error_validation ("TlsSenderCertificateName must be specified when RestrictDomainsToCertificate "
                                     "is $true.");
      return FALSE;
    }

  if (json_object_get_boolean_member (props, "TreatMessagesAsInternal") &&
      (json_object_get_boolean_member (props, "CloudServicesMailEnabled") ||
       !g_str_equal (json_object_get_string_member (props, "ConnectorType"), "OnPremises")))
    {
      *error = emu_error_validation ("TreatMessagesAsInternal can be $true only on an OnPremises connector whose "
                                     "CloudServicesMailEnabled is $false.");
      return FALSE;
    }

  return TRUE;
}

static JsonObject *
connector_to_json (sqlite3_stmt *stmt)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = json_object_new ();
  JsonObject *props;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_set_string_member (object, "Name", column_text (stmt, 2));
  json_object_set_string_member (object, "Identity", column_text (stmt, 2));
  json_object_set_string_member (object, "Id", column_text (stmt, 2));
  json_object_set_string_member (object, "Guid", column_text (stmt, 1));

  if (json_parser_load_from_data (parser, column_text (stmt, 3), -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      props = json_node_get_object (json_parser_get_root (parser));
      json_object_iter_init_ordered (&iter, props);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              g_autofree char *annotation = g_strconcat (name, "@odata.type", NULL);

              json_object_set_string_member (object, annotation, "#Collection(String)");
            }
          json_object_set_member (object, name, json_node_copy (value));
        }
    }

  set_time (object, "WhenCreated", sqlite3_column_int64 (stmt, 4));
  set_time (object, "WhenChanged", sqlite3_column_int64 (stmt, 5));

  return object;
}

#define CONNECTOR_COLUMNS "id, guid, name, props, when_created, when_changed"

static sqlite3_stmt *
find_connector (EmuInvocation  *inv,
                const char     *identity,
                EmuError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *lower = g_ascii_strdown (identity, -1);

  stmt = emu_state_prepare (inv->state,
                            "SELECT " CONNECTOR_COLUMNS " FROM connectors WHERE name = ?1 OR guid = ?2",
                            &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, identity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lower, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      *error = emu_error_not_found (identity);
      return NULL;
    }

  return g_steal_pointer (&stmt);
}

static gboolean
get_connector (EmuInvocation  *inv,
               EmuError      **error)
{
  g_autofree char *identity = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 result_size;
  gboolean size_given;
  gint64 n = 0;

  if (!get_string (inv, "Identity", &identity, error) ||
      !get_result_size (inv, &result_size, &size_given, error))
    return FALSE;

  if (identity != NULL)
    {
      stmt = find_connector (inv, identity, error);
      if (stmt == NULL)
        return FALSE;
      add_value (inv, connector_to_json (stmt));
      return TRUE;
    }

  stmt = emu_state_prepare (inv->state, "SELECT " CONNECTOR_COLUMNS " FROM connectors ORDER BY id", &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW && n++ < result_size)
    add_value (inv, connector_to_json (stmt));

  return TRUE;
}

static gboolean
write_connector (EmuInvocation  *inv,
                 gint64          id,
                 const char     *name,
                 JsonObject     *props,
                 EmuError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *guid = NULL;

  json_node_set_object (node, props);
  text = json_to_string (node, FALSE);

  if (id > 0)
    stmt = emu_state_prepare (inv->state,
                              "UPDATE connectors SET name = ?1, props = ?2, when_changed = ?3 WHERE id = ?4",
                              &local_error);
  else
    stmt = emu_state_prepare (inv->state,
                              "INSERT INTO connectors (name, props, when_created, when_changed, guid) "
                              "VALUES (?1, ?2, ?3, ?3, ?4)",
                              &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 4, id);
  else
    {
      guid = g_uuid_string_random ();
      sqlite3_bind_text (stmt, 4, guid, -1, SQLITE_STATIC);
    }

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (emu_state_db (inv->state)) == SQLITE_CONSTRAINT_UNIQUE)
        *error = emu_error_new (400, "BadRequest", EX_EXISTS,
                                "An inbound connector named '%s' already exists.", name);
      else
        {
          emu_state_fail (inv->state, &local_error);
          *error = emu_error_from_gerror (local_error);
        }
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_name (const char  *name,
            EmuError   **error)
{
  if (name == NULL || *name == '\0' || g_utf8_strlen (name, -1) > 64)
    {
      *error = emu_error_validation ("The Name must be between 1 and 64 characters.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_what_if (EmuInvocation *inv)
{
  JsonNode *node = param (inv, "WhatIf");

  return node_is (node, G_TYPE_BOOLEAN) && json_node_get_boolean (node);
}

static gboolean
new_connector (EmuInvocation  *inv,
               EmuError      **error)
{
  g_autoptr(JsonObject) props = connector_defaults ();
  g_autofree char *name = NULL;
  g_autoptr(sqlite3_stmt) created = NULL;

  if (!get_string (inv, "Name", &name, error) || !check_name (name, error) ||
      !apply_connector_parameters (inv, props, error) || !check_connector (props, error))
    return FALSE;

  if (is_what_if (inv))
    return TRUE;

  if (!write_connector (inv, 0, name, props, error))
    return FALSE;

  inv->applied = TRUE;
  created = find_connector (inv, name, error);
  if (created == NULL)
    return FALSE;
  add_value (inv, connector_to_json (created));
  return TRUE;
}

static gboolean
set_connector (EmuInvocation  *inv,
               EmuError      **error)
{
  g_autofree char *identity = NULL;
  g_autofree char *name = NULL;
  g_autoptr(sqlite3_stmt) row = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *props;

  if (!get_string (inv, "Identity", &identity, error) || !get_string (inv, "Name", &name, error))
    return FALSE;

  if (identity == NULL || *identity == '\0')
    {
      *error = emu_error_parameter ("Cannot bind argument to parameter 'Identity' because it is null.");
      return FALSE;
    }

  row = find_connector (inv, identity, error);
  if (row == NULL)
    return FALSE;

  if (name != NULL && !check_name (name, error))
    return FALSE;

  if (!json_parser_load_from_data (parser, column_text (row, 3), -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *error = emu_error_new (500, "InternalServerError", "System.InvalidOperationException",
                              "The connector's stored settings are damaged.");
      return FALSE;
    }

  /* Text, not nodes: a copied node shares its object with the original. */
  before = json_to_string (json_parser_get_root (parser), FALSE);
  props = json_node_get_object (json_parser_get_root (parser));
  if (!apply_connector_parameters (inv, props, error) || !check_connector (props, error))
    return FALSE;
  after = json_to_string (json_parser_get_root (parser), FALSE);

  if (g_str_equal (before, after) && (name == NULL || g_str_equal (name, column_text (row, 2))))
    {
      g_ptr_array_add (inv->warnings,
                       g_strdup_printf ("The command completed successfully but no settings of '%s' have been modified.",
                                        column_text (row, 2)));
      return TRUE;
    }

  if (is_what_if (inv))
    return TRUE;

  if (!write_connector (inv, sqlite3_column_int64 (row, 0), name ? name : column_text (row, 2), props, error))
    return FALSE;

  inv->applied = TRUE;
  return TRUE;
}

static gboolean
remove_connector (EmuInvocation  *inv,
                  EmuError      **error)
{
  g_autofree char *identity = NULL;
  g_autoptr(sqlite3_stmt) row = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!get_string (inv, "Identity", &identity, error))
    return FALSE;

  if (identity == NULL || *identity == '\0')
    {
      *error = emu_error_parameter ("Cannot bind argument to parameter 'Identity' because it is null.");
      return FALSE;
    }

  row = find_connector (inv, identity, error);
  if (row == NULL)
    return FALSE;

  if (is_what_if (inv))
    return TRUE;

  stmt = emu_state_prepare (inv->state, "DELETE FROM connectors WHERE id = ?1", &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, sqlite3_column_int64 (row, 0));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      emu_state_fail (inv->state, &local_error);
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  inv->applied = TRUE;
  return TRUE;
}

/* Recoverable items ---------------------------------------------------------- */

static gboolean
caller_has_role (EmuInvocation *inv,
                 const char    *role)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Only a Regular assignment grants a role; a Delegating one only lets
   * its holders assign it to others. */
  stmt = emu_state_prepare (inv->state,
                            "SELECT effective_users, assignee FROM role_assignments "
                            "WHERE role = ?1 AND delegation = 'Regular' AND when_created <= ?2",
                            NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_STATIC);
  /* A new assignment applies only after a while, as on the real service. */
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC - inv->role_delay);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) users = split_stored (column_text (stmt, 0));

      if (find_ci (users, inv->caller) >= 0 || g_ascii_strcasecmp (column_text (stmt, 1), inv->caller) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
require_import_export (EmuInvocation  *inv,
                       EmuError      **error)
{
  if (caller_has_role (inv, "Mailbox Import Export"))
    return TRUE;

  /* Get- and Restore-RecoverableItems are only in the Mailbox Import
   * Export role, assigned to nobody by default (Get-RecoverableItems). */
  *error = emu_error_new (403, "Forbidden", EX_ACCESS,
                          "The user \"%s\" isn't assigned to any management roles that include the cmdlet "
                          "\"%s\". Assign the Mailbox Import Export role to run it.",
                          inv->caller, inv->cmdlet);
  return FALSE;
}

/* The dates -FilterStartTime and -FilterEndTime take: ISO 8601, or the
 * en-US short forms M/d/yyyy [h:mm[:ss] [AM|PM]] of the reference's
 * examples. Times without a zone are UTC. */
static gboolean
parse_date (const char *text,
            gint64     *unix_time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) iso = g_date_time_new_from_iso8601 (text, utc);
  guint month = 0, day = 0, year = 0, hour = 0, minute = 0, second = 0;
  char meridiem[3] = { 0 };
  int n;
  g_autoptr(GDateTime) parsed = NULL;

  if (iso != NULL)
    {
      *unix_time = g_date_time_to_unix (iso);
      return TRUE;
    }

  n = sscanf (text, "%2u/%2u/%4u %2u:%2u:%2u %2s", &month, &day, &year, &hour, &minute, &second, meridiem);
  if (n < 5)
    {
      second = 0;
      meridiem[0] = '\0';
      n = sscanf (text, "%2u/%2u/%4u %2u:%2u %2s", &month, &day, &year, &hour, &minute, meridiem);
    }
  if (n < 3 || year < 1900)
    return FALSE;

  if (g_ascii_strcasecmp (meridiem, "PM") == 0 && hour < 12)
    hour += 12;
  else if (g_ascii_strcasecmp (meridiem, "AM") == 0 && hour == 12)
    hour = 0;

  parsed = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (parsed == NULL)
    return FALSE;

  *unix_time = g_date_time_to_unix (parsed);
  return TRUE;
}

gboolean
emu_parse_date (const char *text,
                gint64     *unix_time)
{
  return parse_date (text, unix_time);
}

static const char *const source_folders[] = {
  "DeletedItems", "RecoverableItems", "PurgedItems", "DiscoveryHoldsItems", NULL,
};

typedef struct
{
  GArray    *mailboxes;
  char      *source_folder;
  char      *item_type;
  char      *subject;
  char      *entry_id;
  char      *folder_id;
  char      *target;
  gint64     start;
  gint64     end;
  gint64     result_size;
  gint64     skip;
  gboolean   no_output;
} ItemQuery;

static void
item_query_clear (ItemQuery *query)
{
  g_clear_pointer (&query->mailboxes, g_array_unref);
  g_clear_pointer (&query->source_folder, g_free);
  g_clear_pointer (&query->item_type, g_free);
  g_clear_pointer (&query->subject, g_free);
  g_clear_pointer (&query->entry_id, g_free);
  g_clear_pointer (&query->folder_id, g_free);
  g_clear_pointer (&query->target, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItemQuery, item_query_clear)

static gboolean
read_item_query (EmuInvocation  *inv,
                 ItemQuery      *query,
                 EmuError      **error)
{
  g_autoptr(GPtrArray) identities = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  gboolean size_given;
  JsonNode *parallel = param (inv, "MaxParallelSize");
  JsonNode *skip = param (inv, "SkipCount");
  gboolean no_output_given;

  identities = read_list ("Identity", param (inv, "Identity"), error);
  if (identities == NULL)
    return FALSE;
  if (identities->len == 0)
    {
      *error = emu_error_parameter ("Cannot bind argument to parameter 'Identity' because it is null.");
      return FALSE;
    }

  if (!get_string (inv, "SourceFolder", &query->source_folder, error) ||
      !get_string (inv, "FilterItemType", &query->item_type, error) ||
      !get_string (inv, "SubjectContains", &query->subject, error) ||
      !get_string (inv, "EntryID", &query->entry_id, error) ||
      !get_string (inv, "LastParentFolderID", &query->folder_id, error) ||
      !get_string (inv, "RestoreTargetFolder", &query->target, error) ||
      !get_string (inv, "FilterStartTime", &start, error) ||
      !get_string (inv, "FilterEndTime", &end, error) ||
      !get_result_size (inv, &query->result_size, &size_given, error) ||
      !get_bool (inv, "NoOutput", &query->no_output, &no_output_given, error))
    return FALSE;

  if (query->source_folder != NULL)
    {
      const char *name = canonical (source_folders, query->source_folder);

      if (name == NULL)
        {
          *error = emu_error_parameter ("Cannot process argument transformation on parameter 'SourceFolder'. "
                                        "Cannot convert value \"%s\" to type "
                                        "\"Microsoft.Exchange.Management.RecoverableItems.RecoverableItemsFolderType\". "
                                        "Error: \"Unable to match the identifier name %s to a valid enumerator name. "
                                        "Specify one of the following enumerator names and try again: DeletedItems, "
                                        "RecoverableItems, PurgedItems, DiscoveryHoldsItems\"",
                                        query->source_folder, query->source_folder);
          return FALSE;
        }
      g_free (query->source_folder);
      query->source_folder = g_strdup (name);
    }

  query->start = G_MININT64;
  query->end = G_MAXINT64;
  if (start != NULL && !parse_date (start, &query->start))
    {
      *error = emu_error_parameter ("Cannot process argument transformation on parameter 'FilterStartTime'. "
                                    "Cannot convert value \"%s\" to type \"System.DateTime\".", start);
      return FALSE;
    }
  if (end != NULL && !parse_date (end, &query->end))
    {
      *error = emu_error_parameter ("Cannot process argument transformation on parameter 'FilterEndTime'. "
                                    "Cannot convert value \"%s\" to type \"System.DateTime\".", end);
      return FALSE;
    }

  if (parallel != NULL && !(node_is (parallel, G_TYPE_INT64) &&
                            json_node_get_int (parallel) >= 1 && json_node_get_int (parallel) <= 10))
    {
      *error = emu_error_validation ("MaxParallelSize must be an integer from 1 to 10.");
      return FALSE;
    }

  if (skip != NULL)
    {
      if (!node_is (skip, G_TYPE_INT64) || json_node_get_int (skip) < 0)
        {
          *error = conversion_error ("SkipCount", skip, "System.Int32");
          return FALSE;
        }
      query->skip = json_node_get_int (skip);
    }

  query->mailboxes = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < identities->len; i++)
    {
      g_autoptr(sqlite3_stmt) row = find_mailbox (inv, g_ptr_array_index (identities, i), error);
      gint64 id;

      if (row == NULL)
        return FALSE;
      id = sqlite3_column_int64 (row, MB_ID);
      g_array_append_val (query->mailboxes, id);
    }

  return TRUE;
}

static gboolean
item_matches (ItemQuery    *query,
              sqlite3_stmt *stmt)
{
  const char *folder = column_text (stmt, 6);
  const char *item_class = column_text (stmt, 5);
  gint64 modified = sqlite3_column_int64 (stmt, 9);

  /* Without -SourceFolder the cmdlet searches three folders; the
   * DiscoveryHolds folder only when asked for (Get-RecoverableItems). */
  if (query->source_folder != NULL ? !g_str_equal (folder, query->source_folder)
                                   : g_str_equal (folder, "DiscoveryHoldsItems"))
    return FALSE;

  if (query->item_type != NULL &&
      g_ascii_strcasecmp (item_class, query->item_type) != 0 &&
      !(g_ascii_strncasecmp (item_class, query->item_type, strlen (query->item_type)) == 0 &&
        item_class[strlen (query->item_type)] == '.'))
    return FALSE;

  if (query->subject != NULL)
    {
      g_autofree char *haystack = g_utf8_casefold (column_text (stmt, 4), -1);
      g_autofree char *needle = g_utf8_casefold (query->subject, -1);

      if (strstr (haystack, needle) == NULL)
        return FALSE;
    }

  if (query->entry_id != NULL && g_ascii_strcasecmp (query->entry_id, column_text (stmt, 3)) != 0)
    return FALSE;
  if (query->folder_id != NULL && g_ascii_strcasecmp (query->folder_id, column_text (stmt, 8)) != 0)
    return FALSE;

  return modified >= query->start && modified <= query->end;
}

#define ITEM_COLUMNS \
  "r.id, m.upn, m.name, r.entry_id, r.subject, r.item_class, r.source_folder, r.last_parent_path, " \
  "r.last_parent_folder_id, r.last_modified, r.mailbox_id"

static JsonObject *
item_to_json (sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "Identity", column_text (stmt, 2));
  json_object_set_string_member (object, "EntryID", column_text (stmt, 3));
  json_object_set_string_member (object, "Subject", column_text (stmt, 4));
  json_object_set_string_member (object, "ItemClass", column_text (stmt, 5));
  json_object_set_string_member (object, "SourceFolder", column_text (stmt, 6));
  json_object_set_string_member (object, "LastParentPath", column_text (stmt, 7));
  json_object_set_string_member (object, "LastParentFolderID", column_text (stmt, 8));
  set_time (object, "LastModifiedTime", sqlite3_column_int64 (stmt, 9));
  json_object_set_boolean_member (object, "OriginalFolderExists", TRUE);

  return object;
}

static gboolean
query_items (EmuInvocation  *inv,
             ItemQuery      *query,
             GArray         *matched_ids,
             EmuError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 skipped = 0;

  stmt = emu_state_prepare (inv->state,
                            "SELECT " ITEM_COLUMNS " FROM recoverable_items r JOIN mailboxes m ON m.id = r.mailbox_id "
                            "WHERE r.mailbox_id = ?1 ORDER BY r.last_modified DESC, r.id",
                            &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  for (guint i = 0; i < query->mailboxes->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (query->mailboxes, gint64, i));
      while (sqlite3_step (stmt) == SQLITE_ROW && (gint64)matched_ids->len < query->result_size)
        {
          gint64 id;

          if (!item_matches (query, stmt) || skipped++ < query->skip)
            continue;

          id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (matched_ids, id);
          if (inv->values != NULL && !query->no_output)
            add_value (inv, item_to_json (stmt));
        }
    }

  return TRUE;
}

static const ParameterSpec get_items_parameters[] = {
  { "Identity", TRUE }, { "EntryID", FALSE }, { "FilterEndTime", FALSE }, { "FilterItemType", FALSE },
  { "FilterStartTime", FALSE }, { "LastParentFolderID", FALSE }, { "MaxParallelSize", FALSE },
  { "PolicyTag", FALSE }, { "ResultSize", FALSE }, { "SkipCount", FALSE }, { "SourceFolder", FALSE },
  { "SubjectContains", FALSE }, { NULL, FALSE },
};

static const ParameterSpec restore_items_parameters[] = {
  { "Identity", TRUE }, { "EntryID", FALSE }, { "FilterEndTime", FALSE }, { "FilterItemType", FALSE },
  { "FilterStartTime", FALSE }, { "LastParentFolderID", FALSE }, { "MaxParallelSize", FALSE },
  { "NoOutput", FALSE }, { "PolicyTag", FALSE }, { "RestoreTargetFolder", FALSE }, { "ResultSize", FALSE },
  { "SourceFolder", FALSE }, { "SubjectContains", FALSE }, { NULL, FALSE },
};

static gboolean
get_recoverable_items (EmuInvocation  *inv,
                       EmuError      **error)
{
  g_auto(ItemQuery) query = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!require_import_export (inv, error) || !read_item_query (inv, &query, error))
    return FALSE;

  return query_items (inv, &query, ids, error);
}

/* Items go back to the folder they were deleted from, or under
 * -RestoreTargetFolder (Restore-RecoverableItems). */
static char *
restore_folder (ItemQuery  *query,
                const char *last_parent_path)
{
  g_autofree char *target = NULL;
  gsize len;

  if (query->target == NULL)
    return g_strdup (last_parent_path);

  target = g_strdup (query->target);
  len = strlen (target);
  while (len > 0 && target[len - 1] == '/')
    target[--len] = '\0';

  if (*target == '\0' || g_str_equal (target, "/"))
    return g_strdup (last_parent_path);

  return g_strdup_printf ("%s/%s", target[0] == '/' ? target + 1 : target, last_parent_path);
}

static gboolean
restore_recoverable_items (EmuInvocation  *inv,
                           EmuError      **error)
{
  g_auto(ItemQuery) query = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!require_import_export (inv, error) || !read_item_query (inv, &query, error) ||
      !query_items (inv, &query, ids, error))
    return FALSE;

  if (ids->len == 0)
    return TRUE;

  select = emu_state_prepare (inv->state,
                              "SELECT mailbox_id, entry_id, subject, item_class, last_parent_path "
                              "FROM recoverable_items WHERE id = ?1",
                              &local_error);
  insert = emu_state_prepare (inv->state,
                              "INSERT INTO restored_items (mailbox_id, entry_id, subject, item_class, folder, "
                              "restored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              &local_error);
  delete = emu_state_prepare (inv->state, "DELETE FROM recoverable_items WHERE id = ?1", &local_error);
  if (select == NULL || insert == NULL || delete == NULL ||
      !emu_state_exec (inv->state, "SAVEPOINT restore", &local_error))
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *folder = NULL;

      sqlite3_reset (select);
      sqlite3_bind_int64 (select, 1, id);
      if (sqlite3_step (select) != SQLITE_ROW)
        continue;

      folder = restore_folder (&query, column_text (select, 4));
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_text (insert, 2, column_text (select, 1), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, column_text (select, 2), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, column_text (select, 3), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 5, folder, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 6, now);
      sqlite3_reset (delete);
      sqlite3_bind_int64 (delete, 1, id);

      if (sqlite3_step (insert) != SQLITE_DONE || sqlite3_step (delete) != SQLITE_DONE)
        {
          emu_state_fail (inv->state, &local_error);
          sqlite3_exec (emu_state_db (inv->state), "ROLLBACK TO restore; RELEASE restore", NULL, NULL, NULL);
          *error = emu_error_from_gerror (local_error);
          return FALSE;
        }
    }

  if (!emu_state_exec (inv->state, "RELEASE restore", &local_error))
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  inv->applied = TRUE;
  return TRUE;
}

/* Transport config ------------------------------------------------------------ */

static gboolean
get_transport_config (EmuInvocation  *inv,
                      EmuError      **error)
{
  g_autofree char *seconds = emu_state_get_meta (inv->state, "message_expiration");
  g_autofree char *organization = emu_state_get_meta (inv->state, "organization");
  g_autofree char *expiration = NULL;
  JsonObject *object = json_object_new ();
  guint64 value = 86400;

  if (seconds != NULL)
    g_ascii_string_to_unsigned (seconds, 10, 0, G_MAXINT64, &value, NULL);
  expiration = emu_time_span_format ((gint64)value);

  /* Defaults from the Set-TransportConfig reference. */
  json_object_set_string_member (object, "Identity", organization ? organization : "");
  json_object_set_string_member (object, "MessageExpiration", expiration);
  json_object_set_string_member (object, "MaxRecipientEnvelopeLimit", "Unlimited");
  json_object_set_boolean_member (object, "SmtpClientAuthenticationDisabled", TRUE);
  json_object_set_boolean_member (object, "ExternalDsnSendHtml", TRUE);
  json_object_set_boolean_member (object, "Rfc2231EncodingEnabled", FALSE);
  json_object_set_boolean_member (object, "ConvertDisclaimerWrapperToEml", FALSE);
  add_value (inv, object);

  return TRUE;
}

static gboolean
set_transport_config (EmuInvocation  *inv,
                      EmuError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *current = emu_state_get_meta (inv->state, "message_expiration");
  g_autofree char *stored = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 seconds;

  if (!get_string (inv, "MessageExpiration", &text, error))
    return FALSE;

  if (text == NULL)
    {
      g_ptr_array_add (inv->warnings,
                       g_strdup ("The command completed successfully but no settings of 'Transport Settings' "
                                 "have been modified."));
      return TRUE;
    }

  if (!emu_time_span_parse (text, &seconds))
    {
      *error = emu_error_parameter ("Cannot process argument transformation on parameter 'MessageExpiration'. "
                                    "Cannot convert value \"%s\" to type \"Microsoft.Exchange.Data.EnhancedTimeSpan\".",
                                    text);
      return FALSE;
    }

  /* Set-TransportConfig, -MessageExpiration: 0.12:00:00 to 1.00:00:00. */
  if (seconds < 12 * 3600 || seconds > 24 * 3600)
    {
      *error = emu_error_validation ("The value of MessageExpiration must be between 12 hours (0.12:00:00) and "
                                     "24 hours (1.00:00:00). The value \"%s\" is outside that range.", text);
      return FALSE;
    }

  stored = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
  if (g_strcmp0 (stored, current) == 0)
    {
      g_ptr_array_add (inv->warnings,
                       g_strdup ("The command completed successfully but no settings of 'Transport Settings' "
                                 "have been modified."));
      return TRUE;
    }

  if (!emu_state_set_meta (inv->state, "message_expiration", stored, &local_error))
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  inv->applied = TRUE;
  return TRUE;
}

/* Accepted domains -------------------------------------------------------------- */

static gboolean
get_accepted_domain (EmuInvocation  *inv,
                     EmuError      **error)
{
  g_autofree char *identity = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!get_string (inv, "Identity", &identity, error))
    return FALSE;

  stmt = emu_state_prepare (inv->state,
                            "SELECT guid, name, domain_type, is_default, initial FROM accepted_domains "
                            "WHERE ?1 IS NULL OR name = ?1 ORDER BY id",
                            &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, identity, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "Name", column_text (stmt, 1));
      json_object_set_string_member (object, "Identity", column_text (stmt, 1));
      json_object_set_string_member (object, "DomainName", column_text (stmt, 1));
      json_object_set_string_member (object, "DomainType", column_text (stmt, 2));
      json_object_set_boolean_member (object, "Default", sqlite3_column_int (stmt, 3));
      json_object_set_boolean_member (object, "InitialDomain", sqlite3_column_int (stmt, 4));
      json_object_set_boolean_member (object, "MatchSubDomains", FALSE);
      json_object_set_boolean_member (object, "IsValid", TRUE);
      json_object_set_string_member (object, "Guid", column_text (stmt, 0));
      add_value (inv, object);
    }

  if (identity != NULL && json_array_get_length (inv->values) == 0)
    {
      *error = emu_error_not_found (identity);
      return FALSE;
    }

  return TRUE;
}

/* Role assignments ------------------------------------------------------------ */

static const char *const known_roles[] = {
  "Mailbox Import Export", "Mail Recipients", "Organization Client Access", "Transport Hygiene",
  "View-Only Configuration", "Role Management", NULL,
};

static JsonObject *
assignment_to_json (sqlite3_stmt *stmt,
                    const char   *effective_user)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "Name", column_text (stmt, 1));
  json_object_set_string_member (object, "Identity", column_text (stmt, 1));
  json_object_set_string_member (object, "Role", column_text (stmt, 2));
  json_object_set_string_member (object, "RoleAssignee", column_text (stmt, 3));
  json_object_set_string_member (object, "RoleAssigneeName", column_text (stmt, 3));
  json_object_set_string_member (object, "RoleAssigneeType", column_text (stmt, 4));
  json_object_set_string_member (object, "RoleAssignmentDelegationType", column_text (stmt, 5));
  json_object_set_string_member (object, "AssignmentMethod", "Direct");
  if (effective_user != NULL)
    json_object_set_string_member (object, "EffectiveUserName", effective_user);
  json_object_set_boolean_member (object, "Enabled", TRUE);
  json_object_set_string_member (object, "RecipientWriteScope", "Organization");
  json_object_set_string_member (object, "ConfigWriteScope", "OrganizationConfig");
  json_object_set_string_member (object, "Guid", column_text (stmt, 0));
  set_time (object, "WhenCreated", sqlite3_column_int64 (stmt, 7));

  return object;
}

static gboolean
get_role_assignment (EmuInvocation  *inv,
                     EmuError      **error)
{
  g_autofree char *role = NULL;
  g_autofree char *assignee = NULL;
  g_autofree char *identity = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean effective = FALSE, effective_given;

  if (!get_string (inv, "Role", &role, error) || !get_string (inv, "RoleAssignee", &assignee, error) ||
      !get_string (inv, "Identity", &identity, error) ||
      !get_bool (inv, "GetEffectiveUsers", &effective, &effective_given, error))
    return FALSE;

  if (role != NULL && canonical (known_roles, role) == NULL)
    {
      *error = emu_error_not_found (role);
      return FALSE;
    }

  if (identity != NULL && (role != NULL || assignee != NULL))
    {
      *error = emu_error_parameter ("Parameter set cannot be resolved using the specified named parameters.");
      return FALSE;
    }

  stmt = emu_state_prepare (inv->state,
                            "SELECT guid, name, role, assignee, assignee_type, delegation, effective_users, "
                            "when_created FROM role_assignments "
                            "WHERE (?1 IS NULL OR role = ?1) AND (?2 IS NULL OR name = ?2) ORDER BY id",
                            &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, identity, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) users = split_stored (column_text (stmt, 6));

      if (assignee != NULL && g_ascii_strcasecmp (assignee, column_text (stmt, 3)) != 0 &&
          find_ci (users, assignee) < 0)
        continue;

      /* -GetEffectiveUsers lists one row per user the assignment reaches. */
      if (effective)
        {
          for (guint i = 0; i < users->len; i++)
            add_value (inv, assignment_to_json (stmt, g_ptr_array_index (users, i)));
        }
      else
        add_value (inv, assignment_to_json (stmt, NULL));
    }

  if (identity != NULL && json_array_get_length (inv->values) == 0)
    {
      *error = emu_error_not_found (identity);
      return FALSE;
    }

  return TRUE;
}

static gboolean
new_role_assignment (EmuInvocation  *inv,
                     EmuError      **error)
{
  g_autofree char *role = NULL;
  g_autofree char *user = NULL;
  g_autofree char *group = NULL;
  g_autofree char *name = NULL;
  g_autofree char *guid = g_uuid_string_random ();
  g_autofree char *admin = emu_state_get_meta (inv->state, "admin");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) created = NULL;
  const char *assignee;
  const char *upn;
  g_autofree char *upn_owned = NULL;

  if (!get_string (inv, "Role", &role, error) || !get_string (inv, "User", &user, error) ||
      !get_string (inv, "SecurityGroup", &group, error) || !get_string (inv, "Name", &name, error))
    return FALSE;

  if (canonical (known_roles, role) == NULL)
    {
      *error = emu_error_not_found (role);
      return FALSE;
    }

  if ((user == NULL) == (group == NULL))
    {
      *error = emu_error_parameter ("Parameter set cannot be resolved using the specified named parameters.");
      return FALSE;
    }

  assignee = user ? user : group;
  if (user != NULL && g_ascii_strcasecmp (user, admin) != 0)
    {
      g_autoptr(sqlite3_stmt) row = find_mailbox (inv, user, error);

      if (row == NULL)
        return FALSE;
      upn = upn_owned = g_strdup (column_text (row, MB_UPN));
    }
  else
    upn = user ? admin : NULL;

  if (name == NULL)
    {
      g_autofree char *local = g_strdup (assignee);
      char *at = strchr (local, '@');

      if (at != NULL)
        *at = '\0';
      name = g_strdup_printf ("%s-%s", canonical (known_roles, role), local);
    }

  insert = emu_state_prepare (inv->state,
                              "INSERT INTO role_assignments (guid, name, role, assignee, assignee_type, delegation, "
                              "effective_users, when_created) VALUES (?1, ?2, ?3, ?4, ?5, 'Regular', ?6, ?7)",
                              &local_error);
  if (insert == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_text (insert, 1, guid, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, canonical (known_roles, role), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, assignee, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, user ? "User" : "SecurityGroup", -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 6, upn ? upn : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 7, g_get_real_time () / G_USEC_PER_SEC);

  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (emu_state_db (inv->state)) == SQLITE_CONSTRAINT_UNIQUE)
        *error = emu_error_new (400, "BadRequest", EX_EXISTS,
                                "The role assignment '%s' already exists.", name);
      else
        {
          emu_state_fail (inv->state, &local_error);
          *error = emu_error_from_gerror (local_error);
        }
      return FALSE;
    }

  inv->applied = TRUE;
  created = emu_state_prepare (inv->state,
                               "SELECT guid, name, role, assignee, assignee_type, delegation, effective_users, "
                               "when_created FROM role_assignments WHERE guid = ?1",
                               &local_error);
  if (created != NULL)
    {
      sqlite3_bind_text (created, 1, guid, -1, SQLITE_STATIC);
      if (sqlite3_step (created) == SQLITE_ROW)
        add_value (inv, assignment_to_json (created, NULL));
    }

  return TRUE;
}

/* Organization config and audit bypass -------------------------------------- */

/* Get-OrganizationConfig: of its many properties, the organization's name
 * and AuditDisabled, False while mailbox auditing on by default is on
 * (Microsoft Learn, "Manage mailbox auditing"). */
static gboolean
get_organization_config (EmuInvocation  *inv,
                         EmuError      **error)
{
  g_autofree char *organization = emu_state_get_meta (inv->state, "organization");
  g_autofree char *disabled = emu_state_get_meta (inv->state, "audit_disabled");
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "Identity", organization ? organization : "");
  json_object_set_string_member (object, "Name", organization ? organization : "");
  json_object_set_boolean_member (object, "AuditDisabled", g_strcmp0 (disabled, "1") == 0);
  add_value (inv, object);

  return TRUE;
}

static gboolean
set_organization_config (EmuInvocation  *inv,
                         EmuError      **error)
{
  g_autofree char *current = emu_state_get_meta (inv->state, "audit_disabled");
  g_autoptr(GError) local_error = NULL;
  gboolean disabled = FALSE;
  gboolean given;

  if (!get_bool (inv, "AuditDisabled", &disabled, &given, error))
    return FALSE;

  if (!given || (g_strcmp0 (current, "1") == 0) == disabled)
    {
      g_ptr_array_add (inv->warnings,
                       g_strdup ("The command completed successfully but no settings of 'Organization "
                                 "Configuration' have been modified."));
      return TRUE;
    }

  if (!emu_state_set_meta (inv->state, "audit_disabled", disabled ? "1" : "0", &local_error))
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  inv->applied = TRUE;
  return TRUE;
}

#define BYPASS_COLUMNS MAILBOX_COLUMNS ", (SELECT count(*) FROM audit_bypass WHERE mailbox_id = id)"
#define MB_BYPASS (MB_CHANGED + 1)

/* A MailboxAuditBypassAssociation: the account's names and
 * AuditBypassEnabled (Get-MailboxAuditBypassAssociation). */
static JsonObject *
bypass_to_json (sqlite3_stmt *stmt,
                const char   *organization)
{
  JsonObject *object = json_object_new ();
  const char *name = column_text (stmt, MB_NAME);
  g_autofree char *dn = g_strdup_printf ("CN=%s,OU=%s,OU=Microsoft Exchange Hosted Organizations,"
                                         "DC=JPNPR01A001,DC=PROD,DC=OUTLOOK,DC=COM", name, organization);

  json_object_set_string_member (object, "Name", name);
  json_object_set_string_member (object, "Identity", name);
  json_object_set_string_member (object, "Id", name);
  json_object_set_string_member (object, "DistinguishedName", dn);
  json_object_set_string_member (object, "Guid", column_text (stmt, MB_GUID));
  json_object_set_boolean_member (object, "AuditBypassEnabled", sqlite3_column_int (stmt, MB_BYPASS) > 0);
  set_time (object, "WhenCreated", sqlite3_column_int64 (stmt, MB_CREATED));
  set_time (object, "WhenChanged", sqlite3_column_int64 (stmt, MB_CHANGED));

  return object;
}

/* Every account, or the one -Identity names; keyset paging as
 * Get-Mailbox's, since the cmdlet has no filter and a tenant of 100,000
 * mailboxes answers with 100,000 associations. */
static gboolean
get_bypass_association (EmuInvocation  *inv,
                        EmuError      **error)
{
  g_autofree char *identity = NULL;
  g_autofree char *organization = emu_state_get_meta (inv->state, "organization");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 result_size;
  gint64 limit;
  gint64 rows = 0;
  gboolean size_given;
  int rc;

  if (!get_string (inv, "Identity", &identity, error) ||
      !get_result_size (inv, &result_size, &size_given, error))
    return FALSE;

  if (identity != NULL)
    {
      g_autoptr(sqlite3_stmt) row = find_mailbox (inv, identity, error);

      if (row == NULL)
        return FALSE;
      stmt = emu_state_prepare (inv->state, "SELECT " BYPASS_COLUMNS " FROM mailboxes WHERE id = ?1",
                                &local_error);
      if (stmt == NULL)
        {
          *error = emu_error_from_gerror (local_error);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, sqlite3_column_int64 (row, MB_ID));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        add_value (inv, bypass_to_json (stmt, organization));
      return TRUE;
    }

  limit = MIN ((gint64)inv->page_size, result_size - (gint64)inv->offset);
  if (limit <= 0)
    return TRUE;

  stmt = emu_state_prepare (inv->state,
                            "SELECT " BYPASS_COLUMNS " FROM mailboxes WHERE id > ?1 ORDER BY id LIMIT ?2",
                            &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, inv->after);
  sqlite3_bind_int64 (stmt, 2, limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && rows < limit)
    {
      add_value (inv, bypass_to_json (stmt, organization));
      inv->next_after = sqlite3_column_int64 (stmt, MB_ID);
      rows++;
    }

  if (rc == SQLITE_ROW)
    {
      if (inv->offset + rows < result_size)
        inv->more = TRUE;
      else if (!size_given)
        add_result_size_warning (inv);
    }

  return TRUE;
}

static gboolean
set_bypass_association (EmuInvocation  *inv,
                        EmuError      **error)
{
  g_autofree char *identity = NULL;
  g_autoptr(sqlite3_stmt) row = NULL;
  g_autoptr(sqlite3_stmt) change = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean enabled = FALSE;
  gboolean given;

  if (!get_string (inv, "Identity", &identity, error) ||
      !get_bool (inv, "AuditBypassEnabled", &enabled, &given, error))
    return FALSE;

  row = find_mailbox (inv, identity, error);
  if (row == NULL)
    return FALSE;

  change = emu_state_prepare (inv->state,
                              enabled ? "INSERT OR IGNORE INTO audit_bypass (mailbox_id) VALUES (?1)"
                                      : "DELETE FROM audit_bypass WHERE mailbox_id = ?1",
                              &local_error);
  if (change == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_int64 (change, 1, sqlite3_column_int64 (row, MB_ID));
  if (sqlite3_step (change) != SQLITE_DONE)
    {
      emu_state_fail (inv->state, &local_error);
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  if (sqlite3_changes (emu_state_db (inv->state)) == 0)
    {
      g_ptr_array_add (inv->warnings,
                       g_strdup_printf ("The command completed successfully but no settings of '%s' have "
                                        "been modified.", column_text (row, MB_NAME)));
      return TRUE;
    }

  inv->applied = TRUE;
  return TRUE;
}

/* Dispatch ---------------------------------------------------------------- */

static const ParameterSpec get_mailbox_parameters[] = {
  { "Identity", FALSE }, { "ResultSize", FALSE }, { "RecipientTypeDetails", FALSE }, { NULL, FALSE },
};

static const ParameterSpec set_mailbox_parameters[] = {
  { "Identity", TRUE }, { "AuditAdmin", FALSE }, { "AuditDelegate", FALSE }, { "AuditEnabled", FALSE },
  { "AuditLogAgeLimit", FALSE }, { "AuditOwner", FALSE }, { "Confirm", FALSE }, { "DefaultAuditSet", FALSE },
  { "Force", FALSE }, { NULL, FALSE },
};

static const ParameterSpec get_connector_parameters[] = {
  { "Identity", FALSE }, { "ResultSize", FALSE }, { NULL, FALSE },
};

static const ParameterSpec remove_connector_parameters[] = {
  { "Identity", TRUE }, { "Confirm", FALSE }, { "WhatIf", FALSE }, { NULL, FALSE },
};

static const ParameterSpec no_parameters[] = {
  { NULL, FALSE },
};

static const ParameterSpec set_transport_parameters[] = {
  { "MessageExpiration", FALSE }, { "Confirm", FALSE }, { "Force", FALSE }, { NULL, FALSE },
};

static const ParameterSpec get_domain_parameters[] = {
  { "Identity", FALSE }, { NULL, FALSE },
};

static const ParameterSpec get_role_parameters[] = {
  { "Identity", FALSE }, { "Role", FALSE }, { "RoleAssignee", FALSE }, { "GetEffectiveUsers", FALSE },
  { "Enabled", FALSE }, { "Delegating", FALSE }, { NULL, FALSE },
};

static const ParameterSpec new_role_parameters[] = {
  { "Role", TRUE }, { "Name", FALSE }, { "User", FALSE }, { "SecurityGroup", FALSE }, { "Confirm", FALSE },
  { NULL, FALSE },
};

static const ParameterSpec set_organization_parameters[] = {
  { "AuditDisabled", FALSE }, { "Confirm", FALSE }, { NULL, FALSE },
};

static const ParameterSpec get_bypass_parameters[] = {
  { "Identity", FALSE }, { "ResultSize", FALSE }, { NULL, FALSE },
};

static const ParameterSpec set_bypass_parameters[] = {
  { "Identity", TRUE }, { "AuditBypassEnabled", TRUE }, { "Confirm", FALSE }, { NULL, FALSE },
};

static const struct
{
  const char          *name;
  const ParameterSpec *parameters;
  gboolean           (*run) (EmuInvocation *inv, EmuError **error);
  gboolean             pages_itself;
} cmdlets[] = {
  { "Get-Mailbox", get_mailbox_parameters, get_mailbox, TRUE },
  { "Set-Mailbox", set_mailbox_parameters, set_mailbox, FALSE },
  { "Get-InboundConnector", get_connector_parameters, get_connector, FALSE },
  { "New-InboundConnector", new_connector_parameters, new_connector, FALSE },
  { "Set-InboundConnector", set_connector_parameters, set_connector, FALSE },
  { "Remove-InboundConnector", remove_connector_parameters, remove_connector, FALSE },
  { "Get-RecoverableItems", get_items_parameters, get_recoverable_items, FALSE },
  { "Restore-RecoverableItems", restore_items_parameters, restore_recoverable_items, FALSE },
  { "Get-TransportConfig", no_parameters, get_transport_config, FALSE },
  { "Set-TransportConfig", set_transport_parameters, set_transport_config, FALSE },
  { "Get-AcceptedDomain", get_domain_parameters, get_accepted_domain, FALSE },
  { "Get-ManagementRoleAssignment", get_role_parameters, get_role_assignment, FALSE },
  { "New-ManagementRoleAssignment", new_role_parameters, new_role_assignment, FALSE },
  { "Get-OrganizationConfig", no_parameters, get_organization_config, FALSE },
  { "Set-OrganizationConfig", set_organization_parameters, set_organization_config, FALSE },
  { "Get-MailboxAuditBypassAssociation", get_bypass_parameters, get_bypass_association, TRUE },
  { "Set-MailboxAuditBypassAssociation", set_bypass_parameters, set_bypass_association, FALSE },
  { "Get-MessageTraceV2", emu_message_trace_parameters, emu_get_message_trace, FALSE },
  { "Get-MessageTraceDetailV2", emu_message_trace_detail_parameters, emu_get_message_trace_detail, FALSE },
};

/* Slices a result the cmdlet gave whole into the page asked for. */
static void
take_page (EmuInvocation *inv,
           JsonArray     *all)
{
  guint length = json_array_get_length (all);

  for (guint i = inv->offset; i < length && i < inv->offset + inv->page_size; i++)
    json_array_add_element (inv->values, json_array_dup_element (all, i));

  inv->more = inv->offset + inv->page_size < length;
}

/**
 * emu_cmdlet_run:
 *
 * Binds the parameters and runs the cmdlet, filling @inv's page of
 * values, warnings and whether more pages follow.
 */
gboolean
emu_cmdlet_run (EmuInvocation  *inv,
                EmuError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (cmdlets); i++)
    {
      g_autoptr(JsonObject) bound = NULL;
      g_autoptr(JsonArray) all = NULL;
      JsonObject *given = inv->parameters;
      JsonArray *page = inv->values;
      gboolean ok;

      if (g_ascii_strcasecmp (cmdlets[i].name, inv->cmdlet) != 0)
        continue;

      if (!bind_parameters (inv, cmdlets[i].parameters, &bound, error))
        return FALSE;

      inv->parameters = bound;
      if (!cmdlets[i].pages_itself)
        inv->values = all = json_array_new ();

      ok = cmdlets[i].run (inv, error);

      inv->parameters = given;
      inv->values = page;
      if (ok && all != NULL)
        take_page (inv, all);

      return ok;
    }

  *error = emu_error_new (400, "BadRequest", EX_NO_COMMAND,
                          "The term '%s' is not recognized as a name of a cmdlet, function, script file, "
                          "or executable program.", inv->cmdlet);
  return FALSE;
}
