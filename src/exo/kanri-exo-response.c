/* kanri-exo-response.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-exo-response"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-exo-error.h"
#include "kanri-exo-response.h"

/* Reading InvokeCommand replies: pages of objects and error bodies
 * (PRODUCT.md "Exchange Online access — facts we checked"). Everything
 * here takes untrusted bytes: it never crashes and never trusts a claimed
 * encoding or shape. */

/* Deeper than any reply of the service; json-glib's parser recurses once
 * per level, so unbounded nesting would exhaust the stack. */
#define MAX_JSON_DEPTH 64

/* Longer service messages are cut: they are shown in dialogs and logs. */
#define MAX_MESSAGE_LENGTH 4096

struct _KanriExoPage
{
  JsonArray  *values;
  GStrv       warnings;
  char       *next_link;
};

void
kanri_exo_page_free (KanriExoPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->values, json_array_unref);
  g_clear_pointer (&page->warnings, g_strfreev);
  g_clear_pointer (&page->next_link, g_free);
  g_free (page);
}

/**
 * kanri_exo_page_get_values:
 *
 * Returns: (transfer none): the page's objects, without their
 *   `@`-annotation members
 */
JsonArray *
kanri_exo_page_get_values (KanriExoPage *page)
{
  g_return_val_if_fail (page != NULL, NULL);

  return page->values;
}

/**
 * kanri_exo_page_get_warnings:
 *
 * Returns: (array zero-terminated=1): the `@adminapi.warnings`, possibly
 *   none
 */
const char *const *
kanri_exo_page_get_warnings (KanriExoPage *page)
{
  g_return_val_if_fail (page != NULL, NULL);

  return (const char *const *)page->warnings;
}

/**
 * kanri_exo_page_get_next_link:
 *
 * Returns: (nullable): the `@odata.nextLink`, not yet checked
 */
const char *
kanri_exo_page_get_next_link (KanriExoPage *page)
{
  g_return_val_if_fail (page != NULL, NULL);

  return page->next_link;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_propagate_error (error, kanri_exo_error_new_full (KANRI_EXO_ERROR_INVALID_RESPONSE,
                                                      0, NULL, NULL, message));
  return FALSE;
}

static gboolean
nesting_within_limit (const char *data,
                      gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static JsonNode *
parse_json (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;

  data = g_bytes_get_data (body, &len);

  if (len == 0)
    {
      invalid (error, _("The service sent an empty reply"));
      return NULL;
    }

  if (!g_utf8_validate (data, len, NULL))
    {
      invalid (error, _("The service’s reply is not valid UTF-8 text"));
      return NULL;
    }

  if (!nesting_within_limit (data, len))
    {
      g_autofree char *message = g_strdup_printf (_("The service’s reply nests deeper than %d levels"),
                                                  MAX_JSON_DEPTH);
      invalid (error, message);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_autofree char *message = g_strdup_printf (_("The service’s reply is not valid JSON: %s"),
                                                  local_error->message);
      invalid (error, message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      invalid (error, _("The service sent an empty reply"));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/* Members named like "EmailAddresses@odata.type" describe their neighbour;
 * they are not properties of the object. Removed in place: a page holds a
 * thousand objects, and a copy would cost as much as the parse. */
static void
strip_annotations (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (strchr (name, '@') != NULL)
            json_object_remove_member (object, name);
          else
            strip_annotations (json_object_get_member (object, name));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_annotations (json_array_get_element (array, i));
    }
}

static GStrv
read_warnings (JsonObject *root)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (root, "@adminapi.warnings");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * kanri_exo_page_parse:
 * @body: a successful reply, already decoded
 *
 * Reads `{"@odata.context":…,"@adminapi.warnings":[…],"value":[…],
 * "@odata.nextLink":…}`. A reply without `value` (some Set- cmdlets) is a
 * page without objects.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
KanriExoPage *
kanri_exo_page_parse (GBytes  *body,
                      GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KanriExoPage) page = NULL;
  JsonObject *object;
  JsonNode *value;
  JsonNode *link;

  g_return_val_if_fail (body != NULL, NULL);

  root = parse_json (body, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, _("The service’s reply is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  value = json_object_get_member (object, "value");
  if (value == NULL && json_object_has_member (object, "error"))
    {
      g_propagate_error (error, kanri_exo_error_from_response (200, body));
      return NULL;
    }

  if (value != NULL && !JSON_NODE_HOLDS_ARRAY (value) && !JSON_NODE_HOLDS_NULL (value))
    {
      invalid (error, _("The service’s reply has a “value” that is not a list"));
      return NULL;
    }

  link = json_object_get_member (object, "@odata.nextLink");
  if (link != NULL && !JSON_NODE_HOLDS_NULL (link) &&
      !(JSON_NODE_HOLDS_VALUE (link) && json_node_get_value_type (link) == G_TYPE_STRING))
    {
      invalid (error, _("The service’s reply has an @odata.nextLink that is not text"));
      return NULL;
    }

  page = g_new0 (KanriExoPage, 1);
  if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    {
      strip_annotations (value);
      page->values = json_array_ref (json_node_get_array (value));
    }
  else
    page->values = json_array_new ();

  page->warnings = read_warnings (object);
  if (link != NULL && JSON_NODE_HOLDS_VALUE (link))
    page->next_link = g_strdup (json_node_get_string (link));

  return g_steal_pointer (&page);
}

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
object_object (JsonObject *object,
               const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static char *
tidy_message (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;

  if (strlen (copy) > MAX_MESSAGE_LENGTH)
    {
      const char *end = copy + MAX_MESSAGE_LENGTH;

      /* Cut on a character boundary, and say so. */
      while (end > copy && ((guchar)*end & 0xC0) == 0x80)
        end--;
      return g_strdup_printf ("%.*s…", (int)(end - copy), copy);
    }

  return g_steal_pointer (&copy);
}

static const char *
status_message (guint http_status)
{
  switch (http_status)
    {
    case 401:
      return _("The service refused the sign-in token (HTTP 401)");
    case 403:
      return _("The signed-in account is not allowed to run this cmdlet (HTTP 403)");
    case 404:
      return _("The service does not know this address (HTTP 404): check the tenant");
    case 429:
      return _("The service is throttling requests (HTTP 429)");
    default:
      return NULL;
    }
}

static KanriExoError
classify (guint       http_status,
          const char *exception_type,
          gboolean    has_service_message)
{
  if (http_status == 401)
    return KANRI_EXO_ERROR_UNAUTHORIZED;
  if (http_status == 403)
    return KANRI_EXO_ERROR_ACCESS_DENIED;
  if (http_status == 429)
    return KANRI_EXO_ERROR_THROTTLED;
  if (kanri_exo_error_is_transient_type (exception_type) || http_status == 503 || http_status == 504)
    return KANRI_EXO_ERROR_UNAVAILABLE;
  if (exception_type != NULL && g_str_has_suffix (exception_type, "ManagementObjectNotFoundException"))
    return KANRI_EXO_ERROR_NOT_FOUND;
  if (has_service_message)
    return KANRI_EXO_ERROR_CMDLET;
  if (http_status >= 500)
    return KANRI_EXO_ERROR_UNAVAILABLE;

  return KANRI_EXO_ERROR_FAILED;
}

/**
 * kanri_exo_error_from_response:
 * @http_status: the reply's status
 * @body: (nullable): the reply's body, already decoded
 *
 * Reads `{"error":{"code":…,"message":…,"details":[{"message":
 * "Ex…|Exception.Type|Text"}],"innererror":{"internalexception":{…}}}}`.
 * The message shown is the third `|`-field of `details[0].message`, else
 * `innererror.internalexception.message`, else `error.message`; the
 * exception type is kept (kanri_exo_error_get_exception_type()).
 *
 * Returns: (transfer full): the error, whatever @body holds
 */
GError *
kanri_exo_error_from_response (guint   http_status,
                               GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  g_autofree char *exception_type = NULL;
  const char *service_code = NULL;
  const char *fallback;
  JsonObject *error_object = NULL;

  if (body != NULL && g_bytes_get_size (body) > 0)
    root = parse_json (body, NULL);

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    error_object = object_object (json_node_get_object (root), "error");

  if (error_object != NULL)
    {
      JsonNode *details = json_object_get_member (error_object, "details");
      JsonObject *inner = object_object (error_object, "innererror");
      JsonObject *internal = object_object (inner, "internalexception");

      service_code = object_string (error_object, "code");

      if (details != NULL && JSON_NODE_HOLDS_ARRAY (details) &&
          json_array_get_length (json_node_get_array (details)) > 0)
        {
          JsonNode *first = json_array_get_element (json_node_get_array (details), 0);
          const char *text = JSON_NODE_HOLDS_OBJECT (first)
                             ? object_string (json_node_get_object (first), "message")
                             : NULL;
          g_auto(GStrv) fields = text ? g_strsplit (text, "|", 3) : NULL;

          if (fields != NULL && g_strv_length (fields) == 3)
            {
              message = tidy_message (fields[2]);
              exception_type = tidy_message (fields[1]);
            }
        }

      if (message == NULL)
        message = tidy_message (object_string (internal, "message"));
      if (exception_type == NULL)
        exception_type = tidy_message (object_string (internal, "type"));
      if (message == NULL)
        message = tidy_message (object_string (error_object, "message"));
    }

  fallback = status_message (http_status);

  if (message == NULL)
    {
      if (fallback != NULL)
        message = g_strdup (fallback);
      else if (http_status >= 500)
        message = g_strdup_printf (_("The service is unavailable (HTTP %u)"), http_status);
      else
        message = g_strdup_printf (_("The service answered with HTTP status %u"), http_status);

      return kanri_exo_error_new_full (classify (http_status, exception_type, FALSE),
                                       http_status, exception_type, service_code, message);
    }

  return kanri_exo_error_new_full (classify (http_status, exception_type, TRUE),
                                   http_status, exception_type, service_code, message);
}

/**
 * kanri_exo_error_new_too_large:
 * @max_size: the limit that was passed, before or after gzip
 *
 * Returns: (transfer full): %KANRI_EXO_ERROR_RESPONSE_TOO_LARGE, stating
 *   the limit
 */
GError *
kanri_exo_error_new_too_large (gsize max_size)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message = g_strdup_printf (_("The service’s reply is larger than the limit of %s"), limit);

  return kanri_exo_error_new_full (KANRI_EXO_ERROR_RESPONSE_TOO_LARGE, 0, NULL, NULL, message);
}

static gboolean
looks_gzipped (GBytes *raw)
{
  gsize len;
  const guchar *data = g_bytes_get_data (raw, &len);

  return len >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

static GBytes *
gunzip (GBytes  *raw,
        gsize    max_size,
        GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_len;
  const guchar *in = g_bytes_get_data (raw, &in_len);
  gsize in_pos = 0;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      guchar buffer[16384];
      gsize read = 0, written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor),
                                    in + in_pos, in_len - in_pos,
                                    buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END,
                                    &read, &written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          invalid (error, _("The service’s reply claims to be gzip-compressed but is damaged"));
          return NULL;
        }

      in_pos += read;
      if (out->len + written > max_size)
        {
          g_propagate_error (error, kanri_exo_error_new_too_large (max_size));
          return NULL;
        }
      g_byte_array_append (out, buffer, written);

      if (result == G_CONVERTER_FINISHED)
        break;

      if (read == 0 && written == 0)
        {
          invalid (error, _("The service’s reply claims to be gzip-compressed but is damaged"));
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * kanri_exo_response_decode:
 * @raw: the body as received
 * @max_size: the largest body accepted, compressed or not
 *
 * Error replies of the service may say `Content-Encoding: gzip` over a
 * plain body, so the header decides nothing: only a body that
 * starts like gzip (RFC 1952 section 2.3.1, ID1 ID2 = 1f 8b) is
 * decompressed, and a body that does not is read as it is.
 *
 * Returns: (transfer full) (nullable): the body to parse
 */
GBytes *
kanri_exo_response_decode (GBytes      *raw,
                           gsize        max_size,
                           GError     **error)
{
  g_return_val_if_fail (raw != NULL, NULL);

  if (g_bytes_get_size (raw) > max_size)
    {
      g_propagate_error (error, kanri_exo_error_new_too_large (max_size));
      return NULL;
    }

  if (looks_gzipped (raw))
    return gunzip (raw, max_size, error);

  return g_bytes_ref (raw);
}
