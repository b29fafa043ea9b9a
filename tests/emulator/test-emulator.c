/* test-emulator.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kanri-emulator.h"

/* Conformance of the emulator, spoken to with plain libsoup: the shapes,
 * paging, validation and errors of the service, the OAuth endpoints and
 * the faults. */

typedef struct
{
  KanriEmulator *emulator;
  SoupSession   *session;
  char          *url;
  /* The X-AnchorMailbox sent, or NULL for none. */
  char          *anchor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emulator = kanri_emulator_new_demo (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_start (f->emulator, 0, &error));
  g_assert_no_error (error);
  f->url = kanri_emulator_dup_invoke_url (f->emulator);
  f->anchor = g_strconcat ("UPN:", kanri_emulator_get_admin_upn (f->emulator), NULL);
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->anchor, g_free);
  g_assert_finalize_object (f->emulator);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* The emulator answers on this thread's main context: iterate it while
 * waiting. */
static GBytes *
send (SoupSession  *session,
      SoupMessage  *message,
      GError      **error)
{
  GAsyncResult *result = NULL;
  GBytes *bytes;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  bytes = soup_session_send_and_read_finish (session, result, error);
  g_object_unref (result);
  return bytes;
}

typedef struct
{
  guint        status;
  JsonNode    *root;
  SoupMessage *message;
  GError      *error;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->root, json_node_unref);
  g_clear_object (&reply->message);
  g_clear_error (&reply->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
post_full (Fixture    *f,
           const char *url,
           const char *token,
           const char *body,
           const char *prefer,
           Reply      *reply)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) request_body = g_bytes_new_static (body, strlen (body));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *authorization = token ? g_strdup_printf ("Bearer %s", token) : NULL;

  reply->message = soup_message_new (SOUP_METHOD_POST, url);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (reply->message), "Authorization", authorization);
  if (prefer != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (reply->message), "Prefer", prefer);
  if (f->anchor != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (reply->message), "X-AnchorMailbox", f->anchor);
  soup_message_set_request_body_from_bytes (reply->message, "application/json", request_body);

  bytes = send (f->session, reply->message, &reply->error);
  if (bytes == NULL)
    return;

  reply->status = soup_message_get_status (reply->message);
  if (g_bytes_get_size (bytes) > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    reply->root = json_node_copy (json_parser_get_root (parser));
}

static char *
body_for (const char *cmdlet,
          const char *parameters)
{
  return g_strdup_printf ("{\"CmdletInput\":{\"CmdletName\":\"%s\",\"Parameters\":%s}}", cmdlet, parameters);
}

static void
invoke (Fixture    *f,
        const char *cmdlet,
        const char *parameters,
        Reply      *reply)
{
  g_autofree char *body = body_for (cmdlet, parameters);

  post_full (f, f->url, kanri_emulator_get_access_token (f->emulator), body, NULL, reply);
  g_assert_no_error (reply->error);
}

static JsonArray *
values_of (Reply *reply)
{
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->root);
  return json_object_get_array_member (json_node_get_object (reply->root), "value");
}

static JsonObject *
only_value (Reply *reply)
{
  JsonArray *values = values_of (reply);

  g_assert_cmpuint (json_array_get_length (values), ==, 1);
  return json_array_get_object_element (values, 0);
}

static const char *
error_detail (Reply *reply)
{
  JsonObject *error;
  JsonArray *details;

  g_assert_nonnull (reply->root);
  error = json_object_get_object_member (json_node_get_object (reply->root), "error");
  details = json_object_get_array_member (error, "details");
  return json_object_get_string_member (json_array_get_object_element (details, 0), "message");
}

static gboolean
list_has (JsonObject *object,
          const char *member,
          const char *value)
{
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (g_str_equal (json_array_get_string_element (array, i), value))
        return TRUE;
    }

  return FALSE;
}

static guint
list_length (JsonObject *object,
             const char *member)
{
  return json_array_get_length (json_object_get_array_member (object, member));
}

static void
test_loopback (Fixture       *f,
               gconstpointer  data)
{
  g_assert_true (g_str_has_prefix (kanri_emulator_get_base_url (f->emulator), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (f->url, "/InvokeCommand"));
  g_assert_nonnull (strstr (f->url, kanri_emulator_get_tenant_id (f->emulator)));
}

static void
test_shapes (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Reply) mailbox = { 0 };
  g_auto(Reply) connectors = { 0 };
  g_auto(Reply) domains = { 0 };
  g_auto(Reply) transport = { 0 };
  JsonObject *root;
  JsonObject *object;
  JsonArray *values;

  invoke (f, "Get-Mailbox", "{\"Identity\":\"taro.yamada@contoso.co.jp\"}", &mailbox);
  root = json_node_get_object (mailbox.root);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "@odata.context"),
                                   "$metadata#Collection(Exchange.GenericHashTable)"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "@adminapi.warnings")));
  g_assert_false (json_object_has_member (root, "@odata.nextLink"));
  object = only_value (&mailbox);
  g_assert_cmpstr (json_object_get_string_member (object, "DisplayName"), ==, "山田 太郎");
  g_assert_cmpstr (json_object_get_string_member (object, "AuditLogAgeLimit"), ==, "90.00:00:00");
  g_assert_cmpstr (json_object_get_string_member (object, "AuditAdmin@odata.type"), ==, "#Collection(String)");
  g_assert_true (list_has (object, "AuditOwner", "MailItemsAccessed"));
  g_assert_true (list_has (object, "DefaultAuditSet", "Owner"));
  g_assert_true (json_object_get_boolean_member (object, "AuditEnabled"));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (object, "ExternalDirectoryObjectId")));

  invoke (f, "Get-InboundConnector", "{}", &connectors);
  values = values_of (&connectors);
  g_assert_cmpuint (json_array_get_length (values), ==, 2);
  object = json_array_get_object_element (values, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "Name"), ==, "Fabrikam Mail Gateway");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "SenderDomains"), 0),
                   ==, "smtp:*;1");
  g_assert_true (list_has (object, "SenderIPAddresses", "198.51.100.0/24"));
  g_assert_false (json_object_get_boolean_member (object, "EFSkipLastIP"));
  g_assert_cmpuint (list_length (object, "EFSkipIPs"), ==, 0);
  g_assert_true (json_object_get_boolean_member (object, "RestrictDomainsToIPAddresses"));

  invoke (f, "Get-AcceptedDomain", "{}", &domains);
  values = values_of (&domains);
  g_assert_cmpuint (json_array_get_length (values), ==, 3);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (values, 0), "Default"));

  invoke (f, "Get-TransportConfig", "{}", &transport);
  g_assert_cmpstr (json_object_get_string_member (only_value (&transport), "MessageExpiration"), ==, "1.00:00:00");
}

static void
test_demo_seed (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Reply) mailboxes = { 0 };
  g_auto(Reply) items = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) folders = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *zone = kanri_emulator_dup_dns_zone (f->emulator);
  guint message_bind = 0, missing_mia = 0, customised = 0, comma = 0;
  JsonArray *values;

  invoke (f, "Get-Mailbox", "{\"ResultSize\":\"Unlimited\"}", &mailboxes);
  values = values_of (&mailboxes);
  g_assert_cmpuint (json_array_get_length (values), ==, 50);

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonObject *mailbox = json_array_get_object_element (values, i);

      message_bind += list_has (mailbox, "AuditAdmin", "MessageBind") || list_has (mailbox, "AuditOwner", "MessageBind");
      missing_mia += !list_has (mailbox, "AuditOwner", "MailItemsAccessed");
      customised += list_length (mailbox, "DefaultAuditSet") < 3;
      comma += strchr (json_object_get_string_member (mailbox, "DisplayName"), ',') != NULL;
    }

  g_assert_cmpuint (message_bind, >=, 2);
  g_assert_cmpuint (missing_mia, >=, 3);
  g_assert_cmpuint (customised, >=, 10);
  g_assert_cmpuint (comma, ==, 1);

  /* Every folder type, in the last 30 days. */
  g_assert_true (kanri_emulator_set_role_assigned (f->emulator, TRUE, &error));
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      g_auto(Reply) reply = { 0 };
      g_autofree char *parameters = NULL;

      for (guint j = 0; j < 2; j++)
        {
          JsonArray *found;

          reply_clear (&reply);
          parameters = g_strdup_printf ("{\"Identity\":\"%s\"%s}",
                                        json_object_get_string_member (json_array_get_object_element (values, i),
                                                                       "UserPrincipalName"),
                                        j ? ",\"SourceFolder\":\"DiscoveryHoldsItems\"" : "");
          invoke (f, "Get-RecoverableItems", parameters, &reply);
          g_clear_pointer (&parameters, g_free);
          found = values_of (&reply);
          g_assert_cmpuint (json_array_get_length (found), >=, j ? 0 : 3);

          for (guint k = 0; k < json_array_get_length (found); k++)
            {
              JsonObject *item = json_array_get_object_element (found, k);
              g_autoptr(GDateTime) modified = g_date_time_new_from_iso8601 (
                json_object_get_string_member (item, "LastModifiedTime"), NULL);

              g_hash_table_add (folders, (gpointer)g_intern_string (json_object_get_string_member (item, "SourceFolder")));
              g_assert_cmpint (g_date_time_difference (now, modified), <=, 30 * G_TIME_SPAN_DAY);
              g_assert_cmpint (g_date_time_difference (now, modified), >=, 0);
            }
        }
    }
  g_assert_cmpuint (g_hash_table_size (folders), ==, 4);

  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"taro.yamada@contoso.co.jp\"}", &items);
  g_assert_cmpuint (json_array_get_length (values_of (&items)), >=, 3);

  /* MX of the accepted domains points at the gateway. */
  g_assert_nonnull (zone);
  g_assert_nonnull (strstr (zone, "mailgate.fabrikam.net"));
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *body = body_for ("Get-Mailbox", "{\"ResultSize\":\"Unlimited\"}");
  g_autofree char *other = body_for ("Get-Mailbox", "{\"ResultSize\":\"Unlimited\",\"RecipientTypeDetails\":\"UserMailbox\"}");
  g_autofree char *link = g_strdup (f->url);
  const guint expected_pages[] = { 1000, 1000, 550 };
  guint pages = 0;

  g_assert_true (kanri_emulator_generate_mailboxes (f->emulator, 2500, &error));
  g_assert_no_error (error);

  while (link != NULL)
    {
      g_auto(Reply) reply = { 0 };
      JsonObject *root;
      JsonArray *values;

      post_full (f, link, kanri_emulator_get_access_token (f->emulator), body, "odata.maxpagesize=1000", &reply);
      g_assert_no_error (reply.error);
      values = values_of (&reply);
      g_assert_cmpuint (pages, <, G_N_ELEMENTS (expected_pages));
      g_assert_cmpuint (json_array_get_length (values), ==, expected_pages[pages]);
      pages++;

      for (guint i = 0; i < json_array_get_length (values); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (
                                                json_array_get_object_element (values, i), "Guid"))));

      root = json_node_get_object (reply.root);
      g_clear_pointer (&link, g_free);
      if (json_object_has_member (root, "@odata.nextLink"))
        {
          link = g_strdup (json_object_get_string_member (root, "@odata.nextLink"));
          g_assert_true (g_str_has_prefix (link, kanri_emulator_get_base_url (f->emulator)));

          /* The next link belongs to this request only. */
          {
            g_auto(Reply) wrong = { 0 };

            post_full (f, link, kanri_emulator_get_access_token (f->emulator), other, NULL, &wrong);
            g_assert_cmpuint (wrong.status, ==, 400);
          }
        }
    }

  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2550);

  /* Smaller pages on request; 1,000 at most. */
  {
    g_auto(Reply) small = { 0 };
    g_auto(Reply) large = { 0 };

    post_full (f, f->url, kanri_emulator_get_access_token (f->emulator), body, "odata.maxpagesize=7", &small);
    g_assert_cmpuint (json_array_get_length (values_of (&small)), ==, 7);
    post_full (f, f->url, kanri_emulator_get_access_token (f->emulator), body, "odata.maxpagesize=5000", &large);
    g_assert_cmpuint (json_array_get_length (values_of (&large)), ==, 1000);
  }

  /* Without -ResultSize: the first 1,000 and a warning. */
  {
    g_auto(Reply) first = { 0 };
    JsonObject *root;

    invoke (f, "Get-Mailbox", "{}", &first);
    root = json_node_get_object (first.root);
    g_assert_false (json_object_has_member (root, "@odata.nextLink"));
    g_assert_cmpuint (json_array_get_length (values_of (&first)), ==, 1000);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "@adminapi.warnings")), ==, 1);
  }
}

static const struct
{
  const char *cmdlet;
  const char *parameters;
  guint       status;
  const char *exception;
  const char *text;
} bad_requests[] = {
  { "Get-Mailbox", "{\"Identity\":\"nobody@contoso.com\"}", 404, "ManagementObjectNotFoundException",
    "object 'nobody@contoso.com' couldn't be found" },
  { "Get-Mailbox", "{\"Filter\":\"x\"}", 400, "ParameterBindingException", "parameter name 'Filter'" },
  { "Get-Mailbox", "{\"ResultSize\":\"lots\"}", 400, "ParameterBindingException", "ResultSize" },
  { "Get-Mailbox", "{\"RecipientTypeDetails\":\"Robot\"}", 400, "ParameterBindingException", "Robot" },
  { "Get-Mailbox", "{\"identity\":\"a\",\"Identity\":\"b\"}", 400, "ParameterBindingException", "more than once" },
  { "Get-Moon", "{}", 400, "CommandNotFoundException", "'Get-Moon' is not recognized" },
  { "Set-Mailbox", "{\"AuditEnabled\":true}", 400, "ParameterBindingException", "missing mandatory parameters: Identity" },
  { "Set-Mailbox", "{\"Identity\":\"taro.yamada\",\"AuditOwner\":[\"MessageBind\"]}", 400, "RecipientTaskException",
    "The MessageBind audit operation type is deprecated. Use MailItemsAccessed instead." },
  { "Set-Mailbox",
    "{\"Identity\":\"taro.yamada\",\"AuditAdmin\":{\"@odata.type\":\"#Exchange.GenericHashTable\",\"Add\":[\"MessageBind\"]}}",
    400, "RecipientTaskException", "deprecated" },
  { "Set-Mailbox",
    "{\"Identity\":\"taro.yamada\",\"AuditAdmin\":{\"@odata.type\":\"#Exchange.GenericHashTable\",\"Add\":[\"SearchQueryInitiated\"]}}",
    400, "ParameterBindingException", "SearchQueryInitiated" },
  { "Set-Mailbox", "{\"Identity\":\"taro.yamada\",\"AuditDelegate\":[\"Send\"]}", 400, "ParameterBindingException",
    "'Send' was not found" },
  { "Set-Mailbox", "{\"Identity\":\"taro.yamada\",\"AuditOwner\":{\"Replace\":[\"Send\"]}}", 400,
    "ParameterBindingException", "Replace" },
  { "Set-Mailbox", "{\"Identity\":\"taro.yamada\",\"AuditOwner\":[\"None\",\"Send\"]}", 400,
    "ParameterBindingException", "None" },
  { "Set-Mailbox", "{\"Identity\":\"taro.yamada\",\"DefaultAuditSet\":[\"Everyone\"]}", 400,
    "ParameterBindingException", "Everyone" },
  { "Set-Mailbox", "{\"Identity\":\"taro.yamada\",\"AuditLogAgeLimit\":\"forever\"}", 400,
    "ParameterBindingException", "AuditLogAgeLimit" },
  { "Set-Mailbox", "{\"Identity\":\"taro.yamada\",\"AuditEnabled\":\"yes\"}", 400, "ParameterBindingException",
    "System.Boolean" },
  { "Set-Mailbox", "{\"Identity\":\"contoso\"}", 404, "ManagementObjectNotFoundException", "contoso" },
  { "New-InboundConnector", "{\"Name\":\"v6\",\"SenderDomains\":[\"*\"],\"SenderIPAddresses\":[\"2001:db8::1\"]}",
    400, "DataValidationException", "IPv6 addresses aren't supported" },
  { "New-InboundConnector", "{\"Name\":\"wide\",\"SenderDomains\":[\"*\"],\"SenderIPAddresses\":[\"203.0.112.0/23\"]}",
    400, "DataValidationException", "/24 through /32" },
  { "New-InboundConnector", "{\"Name\":\"range\",\"SenderDomains\":[\"*\"],\"SenderIPAddresses\":[\"192.0.2.1-192.0.2.9\"]}",
    400, "DataValidationException", "range" },
  { "New-InboundConnector", "{\"Name\":\"junk\",\"SenderDomains\":[\"*\"],\"SenderIPAddresses\":[\"192.0.2.256\"]}",
    400, "DataValidationException", "isn't a valid IPv4" },
  { "New-InboundConnector", "{\"Name\":\"wild\",\"SenderDomains\":[\"domain.*.contoso.com\"]}",
    400, "DataValidationException", "wildcard" },
  { "New-InboundConnector", "{\"Name\":\"x\"}", 400, "ParameterBindingException", "SenderDomains" },
  { "New-InboundConnector", "{\"Name\":\"Fabrikam Mail Gateway\",\"SenderDomains\":[\"*\"]}", 400,
    "ADObjectAlreadyExistsException", "already exists" },
  { "New-InboundConnector", "{\"Name\":\"t\",\"SenderDomains\":[\"*\"],\"ConnectorType\":\"Friend\"}", 400,
    "ParameterBindingException", "Partner, OnPremises" },
  { "New-InboundConnector", "{\"Name\":\"t\",\"SenderDomains\":[\"*\"],\"RestrictDomainsToIPAddresses\":true}", 400,
    "DataValidationException", "SenderIPAddresses must be specified" },
  { "New-InboundConnector", "{\"Name\":\"t\",\"SenderDomains\":[\"*\"],\"TreatMessagesAsInternal\":true}", 400,
    "DataValidationException", "OnPremises" },
  { "New-InboundConnector", "{\"Name\":\"t\",\"SenderDomains\":[\"*\"],\"EFSkipIPs\":[\"10.0.0.9-10.0.0.1\"]}", 400,
    "DataValidationException", "range" },
  { "New-InboundConnector", "{\"Name\":\"t\",\"SenderDomains\":[\"*\"],\"EFUsers\":[\"not-an-address\"]}", 400,
    "DataValidationException", "SMTP address" },
  { "Set-InboundConnector", "{\"Identity\":\"Nope\",\"Enabled\":false}", 404, "ManagementObjectNotFoundException", "Nope" },
  { "Remove-InboundConnector", "{\"Identity\":\"Nope\"}", 404, "ManagementObjectNotFoundException", "Nope" },
  { "Get-InboundConnector", "{\"Identity\":\"Nope\"}", 404, "ManagementObjectNotFoundException", "Nope" },
  { "Get-RecoverableItems", "{\"Identity\":\"taro.yamada\"}", 403, "CmdletAccessDeniedException",
    "Mailbox Import Export" },
  { "Restore-RecoverableItems", "{\"Identity\":\"taro.yamada\"}", 403, "CmdletAccessDeniedException",
    "Mailbox Import Export" },
  { "Set-TransportConfig", "{\"MessageExpiration\":\"0.11:59:59\"}", 400, "DataValidationException",
    "between 12 hours (0.12:00:00) and 24 hours (1.00:00:00)" },
  { "Set-TransportConfig", "{\"MessageExpiration\":\"1.00:00:01\"}", 400, "DataValidationException", "24 hours" },
  { "Set-TransportConfig", "{\"MessageExpiration\":\"2\"}", 400, "DataValidationException", "24 hours" },
  { "Set-TransportConfig", "{\"MaxSendSize\":\"1MB\"}", 400, "ParameterBindingException", "MaxSendSize" },
  { "Get-ManagementRoleAssignment", "{\"Role\":\"Superuser\"}", 404, "ManagementObjectNotFoundException", "Superuser" },
  { "New-ManagementRoleAssignment", "{\"Role\":\"Mailbox Import Export\",\"User\":\"ghost@contoso.com\"}", 404,
    "ManagementObjectNotFoundException", "ghost" },
};

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_requests); i++)
    {
      g_auto(Reply) reply = { 0 };
      const char *detail;
      g_auto(GStrv) fields = NULL;
      JsonObject *inner;

      g_test_message ("%s %s", bad_requests[i].cmdlet, bad_requests[i].parameters);
      invoke (f, bad_requests[i].cmdlet, bad_requests[i].parameters, &reply);
      g_assert_cmpuint (reply.status, ==, bad_requests[i].status);

      /* "Ex…|Exception.Type|message" and the same in innererror. */
      detail = error_detail (&reply);
      fields = g_strsplit (detail, "|", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_true (g_str_has_prefix (fields[0], "Ex"));
      g_assert_true (g_str_has_suffix (fields[1], bad_requests[i].exception));
      g_assert_nonnull (strstr (fields[2], bad_requests[i].text));

      inner = json_object_get_object_member (
        json_object_get_object_member (json_object_get_object_member (json_node_get_object (reply.root), "error"),
                                       "innererror"),
        "internalexception");
      g_assert_cmpstr (json_object_get_string_member (inner, "message"), ==, fields[2]);
    }

  /* Nothing was applied by any of them. */
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, NULL), ==, 0);
}

static JsonObject *
get_mailbox (Fixture    *f,
             const char *identity,
             Reply      *reply)
{
  g_autofree char *parameters = g_strdup_printf ("{\"Identity\":\"%s\"}", identity);

  invoke (f, "Get-Mailbox", parameters, reply);
  return only_value (reply);
}

static void
test_set_mailbox (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  JsonObject *mailbox;
  guint owner_before;

  /* Adding to a list takes the logon type out of DefaultAuditSet. */
  invoke (f, "Set-Mailbox",
          "{\"Identity\":\"hanako.sato@contoso.co.jp\",\"AuditOwner\":{\"@odata.type\":\"#Exchange.GenericHashTable\","
          "\"Add\":[\"SearchQueryInitiated\",\"mailitemsaccessed\"]}}",
          &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 0);
  reply_clear (&reply);

  mailbox = get_mailbox (f, "hanako.sato", &reply);
  g_assert_true (list_has (mailbox, "AuditOwner", "SearchQueryInitiated"));
  g_assert_true (list_has (mailbox, "DefaultAuditSet", "Admin"));
  g_assert_true (list_has (mailbox, "DefaultAuditSet", "Delegate"));
  g_assert_false (list_has (mailbox, "DefaultAuditSet", "Owner"));
  owner_before = list_length (mailbox, "AuditOwner");
  g_assert_cmpuint (owner_before, ==, 11);
  reply_clear (&reply);

  /* Remove, and a string list "a,b" read as two values. */
  invoke (f, "Set-Mailbox",
          "{\"Identity\":\"hanako.sato\",\"AuditOwner\":{\"Remove\":\"SearchQueryInitiated,Update\"},"
          "\"AuditLogAgeLimit\":\"180.00:00:00\",\"AuditEnabled\":false}",
          &reply);
  reply_clear (&reply);
  mailbox = get_mailbox (f, "hanako.sato", &reply);
  g_assert_cmpuint (list_length (mailbox, "AuditOwner"), ==, owner_before - 2);
  g_assert_cmpstr (json_object_get_string_member (mailbox, "AuditLogAgeLimit"), ==, "180.00:00:00");
  g_assert_false (json_object_get_boolean_member (mailbox, "AuditEnabled"));
  reply_clear (&reply);

  /* -DefaultAuditSet reverts the named types to Microsoft's list. */
  invoke (f, "Set-Mailbox", "{\"Identity\":\"hanako.sato\",\"DefaultAuditSet\":[\"Admin\",\"Delegate\",\"Owner\"]}",
          &reply);
  reply_clear (&reply);
  mailbox = get_mailbox (f, "hanako.sato", &reply);
  g_assert_cmpuint (list_length (mailbox, "DefaultAuditSet"), ==, 3);
  g_assert_cmpuint (list_length (mailbox, "AuditOwner"), ==, 10);
  g_assert_false (list_has (mailbox, "AuditOwner", "SearchQueryInitiated"));
  reply_clear (&reply);

  /* Replacing with None empties a list. */
  invoke (f, "Set-Mailbox", "{\"Identity\":\"hanako.sato\",\"AuditDelegate\":\"None\"}", &reply);
  reply_clear (&reply);
  mailbox = get_mailbox (f, "hanako.sato", &reply);
  g_assert_cmpuint (list_length (mailbox, "AuditDelegate"), ==, 0);
  g_assert_false (list_has (mailbox, "DefaultAuditSet", "Delegate"));
  reply_clear (&reply);

  /* MessageBind can be removed. */
  mailbox = get_mailbox (f, "sho.watanabe", &reply);
  g_assert_true (list_has (mailbox, "AuditOwner", "MessageBind"));
  reply_clear (&reply);
  invoke (f, "Set-Mailbox", "{\"Identity\":\"sho.watanabe\",\"AuditOwner\":{\"Remove\":[\"MessageBind\"]}}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);
  mailbox = get_mailbox (f, "sho.watanabe", &reply);
  g_assert_false (list_has (mailbox, "AuditOwner", "MessageBind"));
  reply_clear (&reply);

  /* Nothing to change: a warning, and nothing applied. */
  kanri_emulator_clear_requests (f->emulator);
  invoke (f, "Set-Mailbox", "{\"Identity\":\"hanako.sato\",\"AuditDelegate\":\"None\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (json_array_get_string_element (
                              json_object_get_array_member (json_node_get_object (reply.root), "@adminapi.warnings"), 0),
                            "no settings of 'hanako.sato' have been modified"));
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-Mailbox"), ==, 0);

  /* The request log says what was applied. */
  {
    GPtrArray *requests = kanri_emulator_get_requests (f->emulator);
    KanriEmulatorRequest *last = g_ptr_array_index (requests, requests->len - 1);

    g_assert_cmpstr (last->cmdlet, ==, "Set-Mailbox");
    g_assert_cmpuint (last->status, ==, 200);
    g_assert_false (last->applied);
    g_assert_nonnull (strstr (last->parameters, "hanako.sato"));
  }
}

static void
test_connectors (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  JsonObject *connector;

  invoke (f, "New-InboundConnector",
          "{\"Name\":\"Gateway\",\"ConnectorType\":\"partner\",\"SenderDomains\":[\"*.contoso.com\"],"
          "\"RestrictDomainsToIPAddresses\":true,\"SenderIPAddresses\":[\"203.0.113.10\",\"198.51.100.0/24\"],"
          "\"RequireTls\":true,\"Confirm\":false}",
          &reply);
  connector = only_value (&reply);
  g_assert_cmpstr (json_object_get_string_member (connector, "ConnectorType"), ==, "Partner");
  g_assert_true (list_has (connector, "SenderDomains", "smtp:*.contoso.com;1"));
  g_assert_true (json_object_get_boolean_member (connector, "Enabled"));
  reply_clear (&reply);

  /* Enhanced filtering. */
  invoke (f, "Set-InboundConnector",
          "{\"Identity\":\"gateway\",\"EFSkipLastIP\":false,\"EFSkipIPs\":[\"203.0.113.0/24\",\"2001:db8::/32\","
          "\"192.0.2.1-192.0.2.10\"],\"EFUsers\":[\"a@contoso.com\"]}",
          &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);
  invoke (f, "Get-InboundConnector", "{\"Identity\":\"Gateway\"}", &reply);
  connector = only_value (&reply);
  g_assert_cmpuint (list_length (connector, "EFSkipIPs"), ==, 3);
  g_assert_true (list_has (connector, "EFUsers", "a@contoso.com"));
  reply_clear (&reply);

  invoke (f, "Set-InboundConnector", "{\"Identity\":\"Gateway\",\"EFSkipLastIP\":true,\"EFSkipIPs\":null,"
          "\"EFUsers\":null,\"Name\":\"Edge gateway\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);
  invoke (f, "Get-InboundConnector", "{\"Identity\":\"Edge gateway\"}", &reply);
  connector = only_value (&reply);
  g_assert_true (json_object_get_boolean_member (connector, "EFSkipLastIP"));
  g_assert_cmpuint (list_length (connector, "EFUsers"), ==, 0);
  reply_clear (&reply);

  /* A rule checked on the result: no IPs left while restricted to them. */
  invoke (f, "Set-InboundConnector", "{\"Identity\":\"Edge gateway\",\"SenderIPAddresses\":[]}", &reply);
  g_assert_cmpuint (reply.status, ==, 400);
  reply_clear (&reply);

  /* WhatIf changes nothing. */
  invoke (f, "Remove-InboundConnector", "{\"Identity\":\"Edge gateway\",\"WhatIf\":true}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);
  invoke (f, "Get-InboundConnector", "{}", &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 3);
  reply_clear (&reply);

  invoke (f, "Remove-InboundConnector", "{\"Identity\":\"Edge gateway\",\"Confirm\":false}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);
  invoke (f, "Get-InboundConnector", "{}", &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 2);

  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "New-InboundConnector"), ==, 1);
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-InboundConnector"), ==, 2);
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Remove-InboundConnector"), ==, 1);
}

static void
test_recoverable_items (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Reply) reply = { 0 };
  g_autofree char *entry = NULL;
  g_autofree char *folder_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *parameters = NULL;
  JsonArray *items;
  guint before, held;

  g_assert_true (kanri_emulator_set_role_assigned (f->emulator, TRUE, &error));
  g_assert_true (kanri_emulator_get_role_assigned (f->emulator));

  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"ichiro.suzuki@contoso.co.jp\",\"ResultSize\":\"Unlimited\"}", &reply);
  items = values_of (&reply);
  before = json_array_get_length (items);
  g_assert_cmpuint (before, >=, 3);
  for (guint i = 0; i < before; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i), "SourceFolder"),
                     !=, "DiscoveryHoldsItems");
  entry = g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0), "EntryID"));
  path = g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0), "LastParentPath"));
  reply_clear (&reply);

  /* DiscoveryHolds only when asked for; ichiro.suzuki is on hold. */
  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"ichiro.suzuki\",\"SourceFolder\":\"discoveryholdsitems\"}", &reply);
  items = values_of (&reply);
  held = json_array_get_length (items);
  g_assert_cmpuint (held, >=, 1);
  folder_id = g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0), "LastParentFolderID"));
  reply_clear (&reply);

  /* The seed's spelling is not a folder type. */
  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"ichiro.suzuki\",\"SourceFolder\":\"Purgeditem\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 400);
  reply_clear (&reply);

  /* A date range that cannot contain anything. */
  invoke (f, "Get-RecoverableItems",
          "{\"Identity\":\"ichiro.suzuki\",\"FilterStartTime\":\"01/01/2000\",\"FilterEndTime\":\"01/02/2000 11:59:59 PM\"}",
          &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 0);
  reply_clear (&reply);

  /* Restore one item: it goes back to its folder, once. */
  parameters = g_strdup_printf ("{\"Identity\":\"ichiro.suzuki\",\"EntryID\":\"%s\"}", entry);
  invoke (f, "Restore-RecoverableItems", parameters, &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 1);
  reply_clear (&reply);
  g_assert_cmpuint (kanri_emulator_count_restored (f->emulator, "ichiro.suzuki@contoso.co.jp", path), ==, 1);

  invoke (f, "Restore-RecoverableItems", parameters, &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 0);
  reply_clear (&reply);
  g_clear_pointer (&parameters, g_free);

  /* Everything of one original folder from DiscoveryHolds, into a target. */
  parameters = g_strdup_printf ("{\"Identity\":\"ichiro.suzuki\",\"SourceFolder\":\"DiscoveryHoldsItems\","
                                "\"LastParentFolderID\":\"%s\",\"RestoreTargetFolder\":\"/Restored/\",\"NoOutput\":true}",
                                folder_id);
  invoke (f, "Restore-RecoverableItems", parameters, &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 0);
  reply_clear (&reply);
  g_assert_cmpuint (kanri_emulator_count_restored (f->emulator, "ichiro.suzuki@contoso.co.jp", NULL), >=, 2);

  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"ichiro.suzuki\",\"ResultSize\":\"Unlimited\"}", &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, before - 1);
  reply_clear (&reply);

  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Restore-RecoverableItems"), ==, 2);

  /* Revoked: refused again. */
  g_assert_true (kanri_emulator_set_role_assigned (f->emulator, FALSE, &error));
  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"ichiro.suzuki\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 403);
}

static void
test_transport_config (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const good[] = { "0.12:00:00", "12:00:00", "18:30", "1.00:00:00" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_auto(Reply) reply = { 0 };
      g_autofree char *parameters = g_strdup_printf ("{\"MessageExpiration\":\"%s\"}", good[i]);

      invoke (f, "Set-TransportConfig", parameters, &reply);
      g_assert_cmpuint (reply.status, ==, 200);
    }

  {
    g_auto(Reply) reply = { 0 };

    invoke (f, "Get-TransportConfig", "{}", &reply);
    g_assert_cmpstr (json_object_get_string_member (only_value (&reply), "MessageExpiration"), ==, "1.00:00:00");
  }

  /* 12:00:00 and 0.12:00:00 are the same value: one change. */
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-TransportConfig"), ==, 3);
}

static gboolean
organization_audit_disabled (Fixture *f)
{
  g_auto(Reply) reply = { 0 };

  invoke (f, "Get-OrganizationConfig", "{}", &reply);
  return json_object_get_boolean_member (only_value (&reply), "AuditDisabled");
}

static void
test_organization_config (Fixture       *f,
                          gconstpointer  data)
{
  /* The demo tenant audits by default, as every organization since 2019. */
  g_assert_false (organization_audit_disabled (f));

  {
    g_auto(Reply) reply = { 0 };

    invoke (f, "Set-OrganizationConfig", "{\"AuditDisabled\":true,\"Confirm\":false}", &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }
  g_assert_true (organization_audit_disabled (f));

  {
    g_auto(Reply) reply = { 0 };

    /* Already so: a warning, no change. */
    invoke (f, "Set-OrganizationConfig", "{\"AuditDisabled\":true}", &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }
  {
    g_auto(Reply) reply = { 0 };

    invoke (f, "Set-OrganizationConfig", "{\"AuditDisabled\":\"no\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
  }
  {
    g_auto(Reply) reply = { 0 };

    invoke (f, "Set-OrganizationConfig", "{\"AuditDisabled\":false}", &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }

  g_assert_false (organization_audit_disabled (f));
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-OrganizationConfig"), ==, 2);
}

/* The names of the accounts whose bypass is on, among all associations. */
static char *
bypassed_names (Fixture *f)
{
  g_auto(Reply) reply = { 0 };
  g_autoptr(GString) names = g_string_new (NULL);
  JsonArray *values;

  invoke (f, "Get-MailboxAuditBypassAssociation", "{\"ResultSize\":\"Unlimited\"}", &reply);
  values = values_of (&reply);
  g_assert_cmpuint (json_array_get_length (values), >, 1);
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonObject *association = json_array_get_object_element (values, i);

      g_assert_true (json_object_has_member (association, "AuditBypassEnabled"));
      if (!json_object_get_boolean_member (association, "AuditBypassEnabled"))
        continue;
      if (names->len > 0)
        g_string_append_c (names, ',');
      g_string_append (names, json_object_get_string_member (association, "Name"));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_audit_bypass (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = bypassed_names (f);
  g_autofree char *after = NULL;

  /* One demo account bypasses auditing. */
  g_assert_cmpstr (before, ==, "leeg");

  {
    g_auto(Reply) reply = { 0 };
    JsonObject *association;

    invoke (f, "Get-MailboxAuditBypassAssociation", "{\"Identity\":\"leeg@contoso.com\"}", &reply);
    association = only_value (&reply);
    g_assert_true (json_object_get_boolean_member (association, "AuditBypassEnabled"));
    g_assert_cmpstr (json_object_get_string_member (association, "Identity"), ==, "leeg");
  }
  {
    g_auto(Reply) reply = { 0 };

    invoke (f, "Set-MailboxAuditBypassAssociation", "{\"Identity\":\"leeg\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
    g_assert_nonnull (strstr (error_detail (&reply), "AuditBypassEnabled"));
  }
  {
    g_auto(Reply) reply = { 0 };

    invoke (f, "Set-MailboxAuditBypassAssociation", "{\"Identity\":\"nobody\",\"AuditBypassEnabled\":false}",
            &reply);
    g_assert_cmpuint (reply.status, ==, 404);
  }
  {
    g_auto(Reply) reply = { 0 };

    invoke (f, "Set-MailboxAuditBypassAssociation",
            "{\"Identity\":\"leeg\",\"AuditBypassEnabled\":false,\"Confirm\":false}", &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }
  {
    g_auto(Reply) reply = { 0 };

    /* Already off: a warning, no change. */
    invoke (f, "Set-MailboxAuditBypassAssociation", "{\"Identity\":\"leeg\",\"AuditBypassEnabled\":false}",
            &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }

  after = bypassed_names (f);
  g_assert_cmpstr (after, ==, "");
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-MailboxAuditBypassAssociation"), ==, 1);
}

/* The seed switch that turns mailbox auditing on by default off. */
static void
test_seed_audit_disabled (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "seed.json", NULL);
  g_autoptr(GError) error = NULL;
  Fixture f = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path,
                                      "{\"Tenant\":{\"Id\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\","
                                      "\"Organization\":\"o.onmicrosoft.com\",\"Admin\":\"a@o.onmicrosoft.com\"},"
                                      "\"OrganizationConfig\":{\"AuditDisabled\":true}}",
                                      -1, NULL));

  f.emulator = kanri_emulator_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_seed (f.emulator, path, &error));
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_start (f.emulator, 0, &error));
  g_assert_no_error (error);
  f.url = kanri_emulator_dup_invoke_url (f.emulator);
  f.anchor = g_strconcat ("UPN:", kanri_emulator_get_admin_upn (f.emulator), NULL);
  f.session = soup_session_new ();

  g_assert_true (organization_audit_disabled (&f));

  fixture_tear_down (&f, NULL);
}

static void
test_role_assignments (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  JsonArray *values;
  JsonObject *row;

  /* By default only Organization Management's delegating assignment. */
  invoke (f, "Get-ManagementRoleAssignment", "{\"Role\":\"Mailbox Import Export\",\"GetEffectiveUsers\":true}", &reply);
  values = values_of (&reply);
  g_assert_cmpuint (json_array_get_length (values), ==, 1);
  row = json_array_get_object_element (values, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "RoleAssignmentDelegationType"), ==, "DelegatingOrgWide");
  g_assert_cmpstr (json_object_get_string_member (row, "EffectiveUserName"), ==, kanri_emulator_get_admin_upn (f->emulator));
  g_assert_false (kanri_emulator_get_role_assigned (f->emulator));
  reply_clear (&reply);

  invoke (f, "New-ManagementRoleAssignment", "{\"Role\":\"Mailbox Import Export\",\"User\":\"admin@contoso.onmicrosoft.com\"}",
          &reply);
  row = only_value (&reply);
  g_assert_cmpstr (json_object_get_string_member (row, "Name"), ==, "Mailbox Import Export-admin");
  g_assert_cmpstr (json_object_get_string_member (row, "RoleAssignmentDelegationType"), ==, "Regular");
  reply_clear (&reply);
  g_assert_true (kanri_emulator_get_role_assigned (f->emulator));

  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"hanako.sato\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);

  invoke (f, "New-ManagementRoleAssignment", "{\"Role\":\"Mailbox Import Export\",\"User\":\"admin@contoso.onmicrosoft.com\"}",
          &reply);
  g_assert_cmpuint (reply.status, ==, 400);
  reply_clear (&reply);

  invoke (f, "Get-ManagementRoleAssignment", "{\"Role\":\"Mailbox Import Export\"}", &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 2);
}

static void
test_role_delay (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  /* As on the real service, a new assignment is listed at once and
   * grants the role only a while later. */
  g_assert_true (kanri_emulator_add_fault (f->emulator, "role-delay,seconds=3600", &error));
  g_assert_no_error (error);
  invoke (f, "New-ManagementRoleAssignment", "{\"Role\":\"Mailbox Import Export\",\"User\":\"admin@contoso.onmicrosoft.com\"}",
          &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);
  invoke (f, "Get-ManagementRoleAssignment", "{\"Role\":\"Mailbox Import Export\",\"GetEffectiveUsers\":true}", &reply);
  g_assert_cmpuint (json_array_get_length (values_of (&reply)), ==, 2);
  reply_clear (&reply);
  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"hanako.sato\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 403);
  reply_clear (&reply);

  /* The delay is a state, not an answer: nothing else is refused. */
  invoke (f, "Get-TransportConfig", "{}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);

  /* Once applied, the role works. */
  kanri_emulator_clear_faults (f->emulator);
  invoke (f, "Get-RecoverableItems", "{\"Identity\":\"hanako.sato\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);

  /* Its option is checked. */
  g_assert_false (kanri_emulator_add_fault (f->emulator, "role-delay,seconds=soon", &error));
  g_assert_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_FAULT);
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *body = body_for ("Get-TransportConfig", "{}");
  g_autofree char *old = g_strdup (kanri_emulator_get_access_token (f->emulator));
  g_autofree char *wrong_tenant = NULL;
  g_auto(Reply) none = { 0 };
  g_auto(Reply) bad = { 0 };
  g_auto(Reply) revoked = { 0 };
  g_auto(Reply) fresh = { 0 };
  g_auto(Reply) elsewhere = { 0 };
  g_auto(Reply) by_domain = { 0 };
  g_autofree char *domain_url = NULL;

  post_full (f, f->url, NULL, body, NULL, &none);
  g_assert_cmpuint (none.status, ==, 401);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (none.message), "WWW-Authenticate"),
                   ==, "Bearer");

  post_full (f, f->url, "not-a-token", body, NULL, &bad);
  g_assert_cmpuint (bad.status, ==, 401);

  kanri_emulator_revoke_access_tokens (f->emulator);
  post_full (f, f->url, old, body, NULL, &revoked);
  g_assert_cmpuint (revoked.status, ==, 401);
  post_full (f, f->url, kanri_emulator_get_access_token (f->emulator), body, NULL, &fresh);
  g_assert_cmpuint (fresh.status, ==, 200);

  wrong_tenant = g_strdup_printf ("%s/adminapi/beta/%s/InvokeCommand", kanri_emulator_get_base_url (f->emulator),
                                  "00000000-0000-0000-0000-000000000000");
  post_full (f, wrong_tenant, kanri_emulator_get_access_token (f->emulator), body, NULL, &elsewhere);
  g_assert_cmpuint (elsewhere.status, ==, 404);

  domain_url = g_strdup_printf ("%s/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand",
                                kanri_emulator_get_base_url (f->emulator));
  post_full (f, domain_url, kanri_emulator_get_access_token (f->emulator), body, NULL, &by_domain);
  g_assert_cmpuint (by_domain.status, ==, 200);
}

/* The routing header: required, of the service's two forms, and naming
 * this tenant; otherwise a 400 in the service's error shape, the cmdlet not
 * run. */
static void
assert_routing_error (Fixture    *f,
                      const char *anchor,
                      const char *quoted)
{
  g_autofree char *body = body_for ("Set-TransportConfig", "{\"MessageExpiration\":\"0.12:00:00\"}");
  g_auto(Reply) reply = { 0 };
  JsonObject *error;
  JsonObject *detail;
  g_autofree char *expected = g_strdup_printf ("The x-anchor mailbox '%s' does not match the target of the request.",
                                               quoted);

  g_test_message ("anchor %s", anchor ? anchor : "(none)");
  g_free (f->anchor);
  f->anchor = g_strdup (anchor);
  post_full (f, f->url, kanri_emulator_get_access_token (f->emulator), body, NULL, &reply);

  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_nonnull (reply.root);
  error = json_object_get_object_member (json_node_get_object (reply.root), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "ErrorIncorrectRoutingHint");
  detail = json_array_get_object_element (json_object_get_array_member (error, "details"), 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (detail, "message"), expected));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (error, "innererror"),
                                                                                  "internalexception"),
                                                  "message"), ==, expected);
}

static void
assert_routed (Fixture    *f,
               const char *anchor)
{
  g_autofree char *body = body_for ("Get-TransportConfig", "{}");
  g_auto(Reply) reply = { 0 };

  g_test_message ("anchor %s", anchor);
  g_free (f->anchor);
  f->anchor = g_strdup (anchor);
  post_full (f, f->url, kanri_emulator_get_access_token (f->emulator), body, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
}

static void
test_anchor_mailbox (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const malformed[] = {
    "", "admin@contoso.com", "UPN:", "UPN:admin", "UPN:@contoso.com", "UPN:admin@", "UPN:a@b@contoso.com",
    "UPN:admin @contoso.com", "UPN:admin@fabrikam.example", "SMTP:admin@contoso.com",
    "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}",
    "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@00000000-0000-0000-0000-000000000000",
    "APP:SystemMailbox{00000000-97f1-4cb9-8ff7-d53741dc928c}@contoso.com",
  };
  g_autofree char *admin = g_strconcat ("upn:", kanri_emulator_get_admin_upn (f->emulator), NULL);
  g_autofree char *app = g_strdup_printf ("APP:SystemMailbox{BB558C35-97F1-4CB9-8FF7-D53741DC928C}@%s",
                                          kanri_emulator_get_tenant_id (f->emulator));
  GPtrArray *requests;

  assert_routing_error (f, NULL, "");
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    assert_routing_error (f, malformed[i], malformed[i]);

  /* Refused before the cmdlet ran, and logged as refused. */
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-TransportConfig"), ==, 0);
  requests = kanri_emulator_get_requests (f->emulator);
  g_assert_cmpuint (requests->len, ==, G_N_ELEMENTS (malformed) + 1);
  for (guint i = 0; i < requests->len; i++)
    g_assert_cmpuint (((KanriEmulatorRequest *)g_ptr_array_index (requests, i))->status, ==, 400);

  /* The admin (prefixes in any case), any user of an accepted domain, the
   * tenant's system mailbox. */
  assert_routed (f, admin);
  assert_routed (f, "UPN:hanako@contoso.co.jp");
  assert_routed (f, app);
}

static void
post_form (Fixture    *f,
           const char *path,
           char       *form,
           Reply      *reply)
{
  g_autofree char *url = g_strconcat (kanri_emulator_get_base_url (f->emulator), path, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  reply->message = soup_message_new_from_encoded_form (SOUP_METHOD_POST, url, form);
  bytes = send (f->session, reply->message, &reply->error);
  g_assert_no_error (reply->error);
  reply->status = soup_message_get_status (reply->message);
  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    reply->root = json_node_copy (json_parser_get_root (parser));
}

static char *
start_device_code (Fixture *f)
{
  g_auto(Reply) reply = { 0 };
  JsonObject *object;

  post_form (f, "/organizations/oauth2/v2.0/devicecode",
             soup_form_encode ("client_id", "fb78d390-0c51-40cd-8e17-fdbfab77341b",
                               "scope", "https://outlook.office365.com/.default offline_access", NULL),
             &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  object = json_node_get_object (reply.root);
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "user_code")), ==, 9);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "verification_uri"), "/devicelogin"));
  g_assert_cmpint (json_object_get_int_member (object, "expires_in"), ==, 900);
  g_assert_cmpint (json_object_get_int_member (object, "interval"), ==, 5);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "message"),
                            json_object_get_string_member (object, "user_code")));
  g_assert_cmpstr (kanri_emulator_get_pending_user_code (f->emulator), ==,
                   json_object_get_string_member (object, "user_code"));

  return g_strdup (json_object_get_string_member (object, "device_code"));
}

static const char *
poll_code (Fixture    *f,
           const char *device_code,
           Reply      *reply)
{
  reply_clear (reply);
  post_form (f, "/organizations/oauth2/v2.0/token",
             soup_form_encode ("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                               "client_id", "fb78d390-0c51-40cd-8e17-fdbfab77341b",
                               "device_code", device_code, NULL),
             reply);

  if (reply->status == 200)
    return "ok";

  g_assert_cmpuint (reply->status, ==, 400);
  return json_object_get_string_member (json_node_get_object (reply->root), "error");
}

static char *
claim (const char *token,
       const char *name)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr(GString) payload = g_string_new (parts[1]);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree guchar *decoded = NULL;
  gsize len;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_strdelimit (payload->str, "-", '+');
  g_strdelimit (payload->str, "_", '/');
  while (payload->len % 4)
    g_string_append_c (payload, '=');
  decoded = g_base64_decode (payload->str, &len);
  g_assert_true (json_parser_load_from_data (parser, (const char *)decoded, len, NULL));

  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), name));
}

static void
test_oauth (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *code = start_device_code (f);
  g_autofree char *declined = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *tid = NULL;
  g_autofree char *upn = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *access = NULL;
  g_auto(Reply) reply = { 0 };

  g_assert_cmpstr (poll_code (f, code, &reply), ==, "authorization_pending");
  kanri_emulator_set_slow_down (f->emulator, 1);
  g_assert_cmpstr (poll_code (f, code, &reply), ==, "slow_down");
  g_assert_cmpstr (poll_code (f, code, &reply), ==, "authorization_pending");
  g_assert_cmpstr (poll_code (f, "emu-dc.unknown", &reply), ==, "bad_verification_code");

  g_assert_true (kanri_emulator_approve_device_code (f->emulator, NULL));
  g_assert_cmpstr (poll_code (f, code, &reply), ==, "ok");
  access = g_strdup (json_object_get_string_member (json_node_get_object (reply.root), "access_token"));
  refresh = g_strdup (json_object_get_string_member (json_node_get_object (reply.root), "refresh_token"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply.root), "expires_in"), ==, 3600);
  tid = claim (access, "tid");
  upn = claim (access, "upn");
  g_assert_cmpstr (tid, ==, kanri_emulator_get_tenant_id (f->emulator));
  g_assert_cmpstr (upn, ==, kanri_emulator_get_admin_upn (f->emulator));

  /* A code is good for one sign-in. */
  g_assert_cmpstr (poll_code (f, code, &reply), ==, "bad_verification_code");

  /* The issued token works with InvokeCommand. */
  {
    g_auto(Reply) invoked = { 0 };
    g_autofree char *body = body_for ("Get-TransportConfig", "{}");

    post_full (f, f->url, access, body, NULL, &invoked);
    g_assert_cmpuint (invoked.status, ==, 200);
  }

  declined = start_device_code (f);
  g_assert_true (kanri_emulator_decline_device_code (f->emulator, NULL));
  g_assert_cmpstr (poll_code (f, declined, &reply), ==, "authorization_declined");

  expired = start_device_code (f);
  g_assert_true (kanri_emulator_expire_device_code (f->emulator, NULL));
  g_assert_cmpstr (poll_code (f, expired, &reply), ==, "expired_token");
  g_assert_false (kanri_emulator_expire_device_code (f->emulator, NULL));

  /* Refresh. */
  reply_clear (&reply);
  post_form (f, "/organizations/oauth2/v2.0/token",
             soup_form_encode ("grant_type", "refresh_token", "client_id", "x", "refresh_token", refresh, NULL),
             &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply.root), "access_token"), !=, access);
  reply_clear (&reply);

  post_form (f, "/organizations/oauth2/v2.0/token",
             soup_form_encode ("grant_type", "refresh_token", "client_id", "x", "refresh_token", "stolen", NULL),
             &reply);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply.root), "error"), ==, "invalid_grant");
  reply_clear (&reply);

  post_form (f, "/organizations/oauth2/v2.0/token", soup_form_encode ("grant_type", "password", NULL), &reply);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply.root), "error"), ==,
                   "unsupported_grant_type");
  reply_clear (&reply);

  post_form (f, "/organizations/oauth2/v2.0/devicecode", soup_form_encode ("scope", "x/.default", NULL), &reply);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply.root), "error"), ==, "invalid_request");
}

static void
test_devicelogin_page (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *code = start_device_code (f);
  g_autofree char *user_code = g_strdup (kanri_emulator_get_pending_user_code (f->emulator));
  g_auto(Reply) reply = { 0 };

  post_form (f, "/devicelogin", soup_form_encode ("code", user_code, "action", "approve", NULL), &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_null (kanri_emulator_get_pending_user_code (f->emulator));
  g_assert_cmpstr (poll_code (f, code, &reply), ==, "ok");
}

static void
test_auto_approve (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_auto(Reply) reply = { 0 };

  kanri_emulator_set_auto_approve (f->emulator, TRUE);
  code = start_device_code (f);
  g_assert_cmpstr (poll_code (f, code, &reply), ==, "authorization_pending");
  g_assert_cmpstr (poll_code (f, code, &reply), ==, "ok");
}

static void
add_fault (Fixture    *f,
           const char *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_emulator_add_fault (f->emulator, spec, &error));
  g_assert_no_error (error);
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *body = body_for ("Set-TransportConfig", "{\"MessageExpiration\":\"0.20:00:00\"}");
  g_autofree char *get = body_for ("Get-TransportConfig", "{}");
  const char *token = kanri_emulator_get_access_token (f->emulator);

  {
    g_auto(Reply) reply = { 0 };

    add_fault (f, "429,retry-after=7,count=1");
    post_full (f, f->url, token, body, NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 429);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (reply.message), "Retry-After"),
                     ==, "7");
    reply_clear (&reply);
    post_full (f, f->url, token, get, NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }

  {
    static const struct { const char *spec; guint status; } statuses[] = {
      { "503,count=1", 503 }, { "504,count=1", 504 }, { "401,count=1", 401 },
      { "transient,type=ServerInMMException,count=1", 500 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      {
        g_auto(Reply) reply = { 0 };

        add_fault (f, statuses[i].spec);
        post_full (f, f->url, token, body, NULL, &reply);
        g_assert_cmpuint (reply.status, ==, statuses[i].status);
      }

    kanri_emulator_clear_faults (f->emulator);
  }

  /* None of those applied the change. */
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, NULL), ==, 0);

  {
    g_auto(Reply) reply = { 0 };

    add_fault (f, "transient,count=1");
    post_full (f, f->url, token, get, NULL, &reply);
    g_assert_nonnull (strstr (error_detail (&reply), "|DCOverloadedException|"));
  }

  /* 403: the cmdlet refused as one in none of the admin's roles, and only
   * that cmdlet. */
  {
    g_autofree char *bypass = body_for ("Get-MailboxAuditBypassAssociation", "{}");
    g_auto(Reply) reply = { 0 };

    add_fault (f, "403,cmdlet=Get-MailboxAuditBypassAssociation");
    post_full (f, f->url, token, bypass, NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 403);
    g_assert_nonnull (strstr (error_detail (&reply), "CmdletAccessDeniedException"));
    g_assert_nonnull (strstr (error_detail (&reply), "\"Get-MailboxAuditBypassAssociation\""));
    reply_clear (&reply);
    post_full (f, f->url, token, get, NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    reply_clear (&reply);
    post_full (f, f->url, token, bypass, NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 403);
    kanri_emulator_clear_faults (f->emulator);
  }

  /* drop: no reply, not applied; drop-after: no reply, applied. */
  {
    g_auto(Reply) reply = { 0 };

    add_fault (f, "drop,count=1");
    post_full (f, f->url, token, body, NULL, &reply);
    g_assert_nonnull (reply.error);
    g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, NULL), ==, 0);
    reply_clear (&reply);

    add_fault (f, "drop-after,count=1");
    post_full (f, f->url, token, body, NULL, &reply);
    g_assert_nonnull (reply.error);
    g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-TransportConfig"), ==, 1);
  }

  {
    g_auto(Reply) reply = { 0 };

    /* The reply stops halfway through its Content-Length, and the
     * connection closes: libsoup may report it or hand over the half. */
    add_fault (f, "truncate,count=1");
    post_full (f, f->url, token, get, NULL, &reply);
    if (reply.error == NULL)
      g_assert_null (reply.root);
    reply_clear (&reply);

    add_fault (f, "malformed,count=1");
    post_full (f, f->url, token, get, NULL, &reply);
    g_assert_no_error (reply.error);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_null (reply.root);
  }

  /* slow */
  {
    g_auto(Reply) reply = { 0 };
    gint64 start = g_get_monotonic_time ();

    add_fault (f, "slow,ms=300,count=1");
    post_full (f, f->url, token, get, NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * G_TIME_SPAN_MILLISECOND);
  }

  /* nth and cmdlet: only the 2nd Get-AcceptedDomain. */
  {
    g_autofree char *domains = body_for ("Get-AcceptedDomain", "{}");
    guint statuses[3];

    add_fault (f, "503,nth=2,cmdlet=Get-AcceptedDomain");
    for (guint i = 0; i < 3; i++)
      {
        g_auto(Reply) other = { 0 };
        g_auto(Reply) reply = { 0 };

        post_full (f, f->url, token, get, NULL, &other);
        g_assert_cmpuint (other.status, ==, 200);
        post_full (f, f->url, token, domains, NULL, &reply);
        statuses[i] = reply.status;
      }
    g_assert_cmpuint (statuses[0], ==, 200);
    g_assert_cmpuint (statuses[1], ==, 503);
    g_assert_cmpuint (statuses[2], ==, 200);
    kanri_emulator_clear_faults (f->emulator);
  }

  /* gzip-lie: an error body marked gzip that is plain JSON. */
  {
    g_autoptr(SoupMessage) message = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *missing = body_for ("Get-Mailbox", "{\"Identity\":\"nobody\"}");
    g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
    g_autoptr(GBytes) request_body = g_bytes_new_static (missing, strlen (missing));

    add_fault (f, "gzip-lie,count=1");
    soup_session_remove_feature_by_type (f->session, SOUP_TYPE_CONTENT_DECODER);
    message = soup_message_new (SOUP_METHOD_POST, f->url);
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-AnchorMailbox", f->anchor);
    soup_message_set_request_body_from_bytes (message, "application/json", request_body);
    bytes = send (f->session, message, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, 404);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (message), "Content-Encoding"),
                     ==, "gzip");
    g_assert_cmpint (((const char *)g_bytes_get_data (bytes, NULL))[0], ==, '{');
  }
}

static void
test_rate_fault (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *get = body_for ("Get-TransportConfig", "{}");
  guint ok = 0, throttled = 0;
  gint64 start;

  add_fault (f, "rate,per-second=3");

  /* Stay inside one second of the clock. */
  while (g_get_real_time () % G_USEC_PER_SEC > 300000)
    g_usleep (10000);
  start = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < 5; i++)
    {
      g_auto(Reply) reply = { 0 };
      SoupMessageHeaders *headers;

      post_full (f, f->url, kanri_emulator_get_access_token (f->emulator), get, NULL, &reply);
      headers = soup_message_get_response_headers (reply.message);
      g_assert_cmpstr (soup_message_headers_get_one (headers, "Rate-Limit-Limit"), ==, "3");
      if (reply.status == 200)
        ok++;
      else
        {
          g_assert_cmpuint (reply.status, ==, 429);
          g_assert_cmpstr (soup_message_headers_get_one (headers, "Retry-After"), ==, "1");
          g_assert_cmpstr (soup_message_headers_get_one (headers, "Rate-Limit-Remaining"), ==, "0");
          throttled++;
        }
    }

  if (g_get_real_time () / G_USEC_PER_SEC == start)
    {
      g_assert_cmpuint (ok, ==, 3);
      g_assert_cmpuint (throttled, ==, 2);
    }
  else
    g_test_incomplete ("the second changed during the test");
}

static void
test_bad_faults (void)
{
  static const char *const specs[] = {
    "", "boom", "429,retry-after=x", "slow,per-second=3", "rate", "rate,per-second=0", "503,nth=0", "drop,count",
    "transient,type=", "503,when=now", "redirect,status=200", "redirect,status=304", "308,location=",
    "429,location=https://elsewhere.example/",
  };
  g_autoptr(KanriEmulator) emulator = kanri_emulator_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kanri_emulator_add_fault (emulator, specs[i], &error));
      g_assert_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_FAULT);
    }
}

/* A tenant file left 0644 (an older Kanri, a copy by hand) is made
 * private when it is opened. */
static void
test_state_tightened (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "loose", "demo-tenant.db", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  {
    g_autoptr(KanriEmulator) emulator = kanri_emulator_new_demo (path, &error);

    g_assert_no_error (error);
  }

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  {
    g_autoptr(KanriEmulator) emulator = kanri_emulator_new_demo (path, &error);

    g_assert_no_error (error);
    g_assert_true (kanri_emulator_is_seeded (emulator));
  }

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_persistence (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tenant.db", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  {
    g_autoptr(KanriEmulator) emulator = kanri_emulator_new_demo (path, &error);

    g_assert_no_error (error);
    g_assert_true (kanri_emulator_set_role_assigned (emulator, TRUE, &error));
  }

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  {
    g_autoptr(KanriEmulator) emulator = kanri_emulator_new_demo (path, &error);

    g_assert_no_error (error);
    g_assert_true (kanri_emulator_get_role_assigned (emulator));

    /* Seeding again resets. */
    g_assert_true (kanri_emulator_seed (emulator, NULL, &error));
    g_assert_false (kanri_emulator_get_role_assigned (emulator));
  }
}

static void
test_bad_seeds (void)
{
  static const char *const seeds[] = {
    "[]", "{}", "{\"Tenant\":{\"Id\":\"nope\",\"Organization\":\"o\",\"Admin\":\"a@o\"}}",
    "{\"Tenant\":{\"Id\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\",\"Organization\":\"o\",\"Admin\":\"a@o\"},"
    "\"Mailboxes\":[{\"DisplayName\":\"x\"}]}",
    "{\"Tenant\":{\"Id\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\",\"Organization\":\"o\",\"Admin\":\"a@o\"},"
    "\"InboundConnectors\":[{\"Name\":\"x\",\"SenderDomains\":[\"*\"],\"SenderIPAddresses\":[\"::1\"]}]}",
    "{\"Tenant\":{\"Id\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\",\"Organization\":\"o\",\"Admin\":\"a@o\"},"
    "\"TransportConfig\":{\"MessageExpiration\":\"soon\"}}",
    "{\"Tenant\":{\"Id\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\",\"Organization\":\"o\",\"Admin\":\"a@o\"},"
    "\"Mailboxes\":[{\"DisplayName\":\"x\",\"UserPrincipalName\":\"x@o\",\"RecoverableItems\":[{\"Subject\":\"s\","
    "\"SourceFolder\":\"Attic\",\"LastParentPath\":\"Inbox\"}]}]}",
    "not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "seed.json", NULL);
      g_autoptr(KanriEmulator) emulator = kanri_emulator_new (NULL, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, seeds[i], -1, NULL));
      g_assert_false (kanri_emulator_seed (emulator, path, &error));
      g_assert_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED);
      g_assert_false (kanri_emulator_is_seeded (emulator));
    }
}

/* Message trace ------------------------------------------------------------ */

#define PLAIN_INBOUND_ID "<OS0P286MB0001ABCD1234@OS0P286MB0001.JPNP286.PROD.OUTLOOK.COM>"

static void
test_message_trace (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Reply) trace = { 0 };
  g_auto(Reply) detail = { 0 };
  g_auto(Reply) filtered = { 0 };
  g_auto(Reply) spam = { 0 };
  g_auto(Reply) recent = { 0 };
  g_autofree char *parameters = NULL;
  JsonObject *row;
  JsonArray *events;
  const char *trace_id;

  /* The demo tenant holds the trace of tests/data/headers/plain-inbound.eml. */
  invoke (f, "Get-MessageTraceV2",
          "{\"MessageId\":\"" PLAIN_INBOUND_ID "\",\"StartDate\":\"2024-05-05T00:00:00Z\","
          "\"EndDate\":\"2024-05-10T00:00:00Z\"}", &trace);
  row = only_value (&trace);
  g_assert_cmpstr (json_object_get_string_member (row, "MessageId"), ==, PLAIN_INBOUND_ID);
  g_assert_cmpstr (json_object_get_string_member (row, "SenderAddress"), ==, "taro@fabrikam.example");
  g_assert_cmpstr (json_object_get_string_member (row, "RecipientAddress"), ==, "hanako@contoso.example");
  g_assert_cmpstr (json_object_get_string_member (row, "Received"), ==, "2024-05-06T09:12:01Z");
  g_assert_cmpstr (json_object_get_string_member (row, "Status"), ==, "Delivered");
  g_assert_cmpstr (json_object_get_string_member (row, "FromIP"), ==, "40.107.117.112");
  g_assert_true (json_object_get_null_member (row, "ToIP"));
  g_assert_cmpint (json_object_get_int_member (row, "Size"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "StartDate"), ==, "2024-05-05T00:00:00Z");
  trace_id = json_object_get_string_member (row, "MessageTraceId");
  g_assert_true (g_uuid_string_is_valid (trace_id));

  parameters = g_strdup_printf ("{\"MessageTraceId\":\"%s\",\"RecipientAddress\":\"hanako@contoso.example\","
                                "\"StartDate\":\"2024-05-05T00:00:00Z\",\"EndDate\":\"2024-05-10T00:00:00Z\"}",
                                trace_id);
  invoke (f, "Get-MessageTraceDetailV2", parameters, &detail);
  events = values_of (&detail);
  g_assert_cmpuint (json_array_get_length (events), ==, 3);
  row = json_array_get_object_element (events, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "Event"), ==, "Receive");
  g_assert_cmpstr (json_object_get_string_member (row, "Date"), ==, "2024-05-06T09:12:01.432Z");
  g_assert_cmpstr (json_object_get_string_member (row, "MessageTraceId"), ==, trace_id);
  g_assert_true (json_object_has_member (row, "Action"));
  g_assert_true (json_object_has_member (row, "Detail"));
  g_assert_true (json_object_has_member (row, "Data"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 2), "Event"), ==,
                   "Deliver");

  /* -Event takes the event's word in capitals. */
  g_free (parameters);
  parameters = g_strdup_printf ("{\"MessageTraceId\":\"%s\",\"RecipientAddress\":\"hanako@contoso.example\","
                                "\"StartDate\":\"2024-05-05T00:00:00Z\",\"EndDate\":\"2024-05-10T00:00:00Z\","
                                "\"Event\":[\"DELIVER\"]}", trace_id);
  invoke (f, "Get-MessageTraceDetailV2", parameters, &filtered);
  g_assert_cmpstr (json_object_get_string_member (only_value (&filtered), "Event"), ==, "Deliver");

  /* The spam one and the failed one, by status. */
  invoke (f, "Get-MessageTraceV2",
          "{\"Status\":[\"FilteredAsSpam\",\"failed\"],\"StartDate\":\"2024-05-05T00:00:00Z\","
          "\"EndDate\":\"2024-05-15T00:00:00Z\"}", &spam);
  events = values_of (&spam);
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  /* Newest first. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "Status"), ==,
                   "FilteredAsSpam");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "Status"), ==,
                   "Failed");

  /* Without dates, the last 48 hours of the trace clock (2024-05-17):
   * none of the samples. */
  invoke (f, "Get-MessageTraceV2", "{}", &recent);
  g_assert_cmpuint (json_array_get_length (values_of (&recent)), ==, 0);
}

static const struct
{
  const char *cmdlet;
  const char *parameters;
  const char *text;
} trace_refusals[] = {
  { "Get-MessageTraceV2", "{\"StartDate\":\"2024-05-01T00:00:00Z\",\"EndDate\":\"2024-05-11T00:00:01Z\"}",
    "can't be more than 10 days" },
  { "Get-MessageTraceV2", "{\"StartDate\":\"2024-02-01T00:00:00Z\",\"EndDate\":\"2024-02-05T00:00:00Z\"}",
    "can't be older than 90 days" },
  { "Get-MessageTraceV2", "{\"StartDate\":\"2024-05-10T00:00:00Z\",\"EndDate\":\"2024-05-09T00:00:00Z\"}",
    "can't be later than the EndDate" },
  { "Get-MessageTraceV2", "{\"StartDate\":\"yesterday\"}", "to type \"System.DateTime\"" },
  { "Get-MessageTraceV2", "{\"ResultSize\":5001}", "between 1 and 5000" },
  { "Get-MessageTraceV2", "{\"ResultSize\":0}", "between 1 and 5000" },
  { "Get-MessageTraceV2", "{\"Status\":\"None\"}", "Invalid delivery status \"None\"" },
  { "Get-MessageTraceV2", "{\"MessageTraceId\":\"not-a-guid\"}", "to type \"System.Guid\"" },
  { "Get-MessageTraceV2", "{\"SubjectFilterType\":\"Equals\",\"Subject\":\"x\"}", "does not belong to the set" },
  { "Get-MessageTraceV2", "{\"Page\":2}", "A parameter cannot be found that matches parameter name 'Page'" },
  { "Get-MessageTraceDetailV2", "{\"RecipientAddress\":\"a@contoso.example\"}",
    "missing mandatory parameters: MessageTraceId" },
  { "Get-MessageTraceDetailV2",
    "{\"MessageTraceId\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\",\"RecipientAddress\":\"a@contoso.example\","
    "\"StartDate\":\"2024-04-01T00:00:00Z\",\"EndDate\":\"2024-04-20T00:00:00Z\"}",
    "can't be more than 10 days" },
};

static void
test_message_trace_limits (Fixture       *f,
                           gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (trace_refusals); i++)
    {
      g_auto(Reply) reply = { 0 };

      g_test_message ("%s %s", trace_refusals[i].cmdlet, trace_refusals[i].parameters);
      invoke (f, trace_refusals[i].cmdlet, trace_refusals[i].parameters, &reply);
      g_assert_cmpuint (reply.status, ==, 400);
      g_assert_nonnull (strstr (error_detail (&reply), trace_refusals[i].text));
    }
}

/* 1,500 recipients of one message: 1,000 rows per query by default, the
 * rest with -StartingRecipientAddress and -EndDate from the last row, with
 * no row twice. */
static void
test_message_trace_paging (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_auto(Reply) first = { 0 };
  g_auto(Reply) second = { 0 };
  gint64 base_ms = (gint64)1715500000 * 1000;
  JsonArray *rows;
  JsonObject *last;

  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *recipient = g_strdup_printf ("user%04u@contoso.example", i);

      /* Ten recipients per second: paging must cut inside one instant. */
      g_assert_true (kanri_emulator_deliver (f->emulator, "<all-hands@contoso.example>", "ceo@contoso.example",
                                             recipient, "All hands", "Delivered", base_ms + (i / 10) * 1000,
                                             &error));
      g_assert_no_error (error);
    }

  invoke (f, "Get-MessageTraceV2",
          "{\"MessageId\":\"<all-hands@contoso.example>\",\"StartDate\":\"2024-05-10T00:00:00Z\","
          "\"EndDate\":\"2024-05-15T00:00:00Z\"}", &first);
  rows = values_of (&first);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1000);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_hash_table_add (seen, g_strdup (json_object_get_string_member (json_array_get_object_element (rows, i),
                                                                     "RecipientAddress")));

  last = json_array_get_object_element (rows, 999);
  next = g_strdup_printf ("{\"MessageId\":\"<all-hands@contoso.example>\",\"StartDate\":\"2024-05-10T00:00:00Z\","
                          "\"EndDate\":\"%s\",\"StartingRecipientAddress\":\"%s\"}",
                          json_object_get_string_member (last, "Received"),
                          json_object_get_string_member (last, "RecipientAddress"));
  invoke (f, "Get-MessageTraceV2", next, &second);
  rows = values_of (&second);
  g_assert_cmpuint (json_array_get_length (rows), ==, 500);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      const char *recipient = json_object_get_string_member (json_array_get_object_element (rows, i),
                                                             "RecipientAddress");

      g_assert_false (g_hash_table_contains (seen, recipient));
      g_hash_table_add (seen, g_strdup (recipient));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 1500);
}

/* What the emulator delivers gets the events its outcome implies, on the
 * trace clock it is set to. */
static void
test_message_trace_deliver (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *parameters = NULL;
  g_auto(Reply) trace = { 0 };
  g_auto(Reply) detail = { 0 };
  g_auto(Reply) old = { 0 };
  JsonArray *events;
  const char *trace_id;

  g_assert_true (kanri_emulator_set_trace_clock (f->emulator, 0, &error));
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_deliver (f->emulator, "<fresh@contoso.example>", "a@contoso.example",
                                         "b@fabrikam.example", "Hello", "Failed",
                                         (g_date_time_to_unix (now) - 3600) * 1000, &error));
  g_assert_no_error (error);
  g_assert_false (kanri_emulator_deliver (f->emulator, "<x@contoso.example>", "a@contoso.example",
                                          "b@fabrikam.example", "Hello", "Bounced", 0, &error));
  g_assert_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED);

  /* On real time, the samples of May 2024 are past the 90 days. */
  invoke (f, "Get-MessageTraceV2", "{\"StartDate\":\"2024-05-05T00:00:00Z\",\"EndDate\":\"2024-05-10T00:00:00Z\"}",
          &old);
  g_assert_cmpuint (old.status, ==, 400);

  invoke (f, "Get-MessageTraceV2", "{\"SenderAddress\":\"A@contoso.example\"}", &trace);
  trace_id = json_object_get_string_member (only_value (&trace), "MessageTraceId");

  parameters = g_strdup_printf ("{\"MessageTraceId\":\"%s\",\"RecipientAddress\":\"b@fabrikam.example\"}", trace_id);
  invoke (f, "Get-MessageTraceDetailV2", parameters, &detail);
  events = values_of (&detail);
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "Event"), ==,
                   "Receive");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "Event"), ==,
                   "Fail");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/emulator/loopback", test_loopback);
  ADD ("/emulator/shapes", test_shapes);
  ADD ("/emulator/demo-seed", test_demo_seed);
  ADD ("/emulator/paging", test_paging);
  ADD ("/emulator/errors", test_errors);
  ADD ("/emulator/set-mailbox", test_set_mailbox);
  ADD ("/emulator/connectors", test_connectors);
  ADD ("/emulator/recoverable-items", test_recoverable_items);
  ADD ("/emulator/transport-config", test_transport_config);
  ADD ("/emulator/role-assignments", test_role_assignments);
  ADD ("/emulator/organization-config", test_organization_config);
  ADD ("/emulator/audit-bypass", test_audit_bypass);
  ADD ("/emulator/message-trace", test_message_trace);
  ADD ("/emulator/message-trace-limits", test_message_trace_limits);
  ADD ("/emulator/message-trace-paging", test_message_trace_paging);
  ADD ("/emulator/message-trace-deliver", test_message_trace_deliver);

  ADD ("/emulator/role-delay", test_role_delay);
  ADD ("/emulator/auth", test_auth);
  ADD ("/emulator/anchor-mailbox", test_anchor_mailbox);
  ADD ("/emulator/oauth", test_oauth);
  ADD ("/emulator/devicelogin-page", test_devicelogin_page);
  ADD ("/emulator/auto-approve", test_auto_approve);
  ADD ("/emulator/faults", test_faults);
  ADD ("/emulator/rate-fault", test_rate_fault);
#undef ADD
  g_test_add_func ("/emulator/bad-faults", test_bad_faults);
  g_test_add_func ("/emulator/persistence", test_persistence);
  g_test_add_func ("/emulator/state-tightened", test_state_tightened);
  g_test_add_func ("/emulator/bad-seeds", test_bad_seeds);
  g_test_add_func ("/emulator/seed-audit-disabled", test_seed_audit_disabled);

  return g_test_run ();
}
