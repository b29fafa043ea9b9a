/* test-exo-response.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kanri-exo-error.h"
#include "kanri-exo-response.h"

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* Some inputs are not UTF-8 on purpose; the TAP stream must stay UTF-8. */
static void
test_message_escaped (const char *text)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  g_test_message ("%s", escaped);
}

static void
test_page (void)
{
  g_autoptr(GBytes) body = bytes_of (
    "{\"@odata.context\":\"https://outlook.office365.com/adminapi/beta/t/$metadata#Mailbox\","
    "\"@adminapi.warnings\":[\"By default, only the first 1000 items are returned.\",7],"
    "\"value\":[{\"Name\":\"a\",\"AuditAdmin@odata.type\":\"#Collection(String)\",\"AuditAdmin\":[\"Send\"],"
    "\"AuditLogAgeLimit\":\"90.00:00:00\",\"Nested\":{\"X@odata.type\":\"#String\",\"X\":\"y\"}},"
    "{\"Name\":\"b\"}],"
    "\"@odata.nextLink\":\"https://outlook.office365.com/adminapi/beta/t/InvokeCommand?%24skiptoken=abc\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoPage) page = kanri_exo_page_parse (body, &error);
  JsonArray *values;
  JsonObject *first;

  g_assert_no_error (error);
  values = kanri_exo_page_get_values (page);
  g_assert_cmpuint (json_array_get_length (values), ==, 2);

  first = json_array_get_object_element (values, 0);
  g_assert_false (json_object_has_member (first, "AuditAdmin@odata.type"));
  g_assert_true (json_object_has_member (first, "AuditAdmin"));
  g_assert_cmpstr (json_object_get_string_member (first, "AuditLogAgeLimit"), ==, "90.00:00:00");
  g_assert_false (json_object_has_member (json_object_get_object_member (first, "Nested"), "X@odata.type"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "Nested"), "X"), ==, "y");

  /* Members keep the service's order. */
  {
    g_autoptr(GList) members = json_object_get_members (first);

    g_assert_cmpstr (members->data, ==, "Name");
    g_assert_cmpstr (members->next->data, ==, "AuditAdmin");
  }

  g_assert_cmpstr (kanri_exo_page_get_warnings (page)[0], ==, "By default, only the first 1000 items are returned.");
  g_assert_null (kanri_exo_page_get_warnings (page)[1]);
  g_assert_cmpstr (kanri_exo_page_get_next_link (page), ==,
                   "https://outlook.office365.com/adminapi/beta/t/InvokeCommand?%24skiptoken=abc");
}

static void
test_page_without_value (void)
{
  g_autoptr(GBytes) body = bytes_of ("{\"@odata.context\":\"x\",\"@adminapi.warnings\":[]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoPage) page = kanri_exo_page_parse (body, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (kanri_exo_page_get_values (page)), ==, 0);
  g_assert_null (kanri_exo_page_get_next_link (page));
}

static void
test_bad_pages (void)
{
  static const char *const bodies[] = {
    "", "null", "[]", "\"text\"", "{\"value\":{}}", "{\"value\":\"x\"}", "{\"value\":[],\"@odata.nextLink\":5}",
    "{\"value\":[{\"Name\":\"a\"}", "<html>503</html>", "{\"value\":[\xff]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_of (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriExoPage) page = kanri_exo_page_parse (body, &error);

      test_message_escaped (bodies[i]);
      g_assert_null (page);
      g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE);
    }
}

/* A regression for unbounded recursion in json-glib's parser. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\"value\":");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoPage) page = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, '[');
  body = g_bytes_new (text->str, text->len);

  page = kanri_exo_page_parse (body, &error);
  g_assert_null (page);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "64"));
}

static void
test_error_in_page (void)
{
  g_autoptr(GBytes) body = bytes_of ("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Nope\"}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoPage) page = kanri_exo_page_parse (body, &error);

  g_assert_null (page);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET);
  g_assert_cmpstr (error->message, ==, "Nope");
}

static const struct
{
  guint       status;
  const char *body;
  int         code;
  const char *message;
  const char *exception;
} errors[] = {
  /* The shape of PRODUCT.md, with the message in details[0]. */
  { 404,
    "{\"error\":{\"code\":\"NotFound\",\"message\":\"Error executing cmdlet\",\"details\":[{\"code\":\"Client\","
    "\"message\":\"Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation "
    "couldn't be performed because object 'x' couldn't be found on 'JPN.PROD.OUTLOOK.COM'.\"}],"
    "\"innererror\":{\"internalexception\":{\"message\":\"other\"}}}}",
    KANRI_EXO_ERROR_NOT_FOUND,
    "The operation couldn't be performed because object 'x' couldn't be found on 'JPN.PROD.OUTLOOK.COM'.",
    "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException" },
  /* A message with | in it keeps it. */
  { 400,
    "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Error executing cmdlet\",\"details\":[{\"message\":"
    "\"Ex1|Microsoft.Exchange.Management.Tasks.RecipientTaskException|a | b\"}]}}",
    KANRI_EXO_ERROR_CMDLET, "a | b", "Microsoft.Exchange.Management.Tasks.RecipientTaskException" },
  /* No usable details: the inner exception. */
  { 400,
    "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Error executing cmdlet\",\"details\":[{\"message\":\"oops\"}],"
    "\"innererror\":{\"internalexception\":{\"message\":\"Inner text\",\"type\":\"System.ArgumentException\"}}}}",
    KANRI_EXO_ERROR_CMDLET, "Inner text", "System.ArgumentException" },
  /* Only error.message. */
  { 400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Outer text\"}}",
    KANRI_EXO_ERROR_CMDLET, "Outer text", NULL },
  /* Transient exception types, whatever the status. */
  { 500,
    "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"x\",\"details\":[{\"message\":"
    "\"Ex1|Microsoft.Exchange.Data.Directory.DCOverloadedException|Busy\"}]}}",
    KANRI_EXO_ERROR_UNAVAILABLE, "Busy", "Microsoft.Exchange.Data.Directory.DCOverloadedException" },
  { 401, "", KANRI_EXO_ERROR_UNAUTHORIZED, "The service refused the sign-in token (HTTP 401)", NULL },
  { 403, "<html>Forbidden</html>", KANRI_EXO_ERROR_ACCESS_DENIED,
    "The signed-in account is not allowed to run this cmdlet (HTTP 403)", NULL },
  { 429, "{}", KANRI_EXO_ERROR_THROTTLED, "The service is throttling requests (HTTP 429)", NULL },
  { 503, "Service Unavailable", KANRI_EXO_ERROR_UNAVAILABLE, "The service is unavailable (HTTP 503)", NULL },
  { 418, "{\"error\":5}", KANRI_EXO_ERROR_FAILED, "The service answered with HTTP status 418", NULL },
  { 400, "{\"error\":{\"details\":[{\"message\":\"Ex|T|   \"}],\"message\":\"  \"}}",
    KANRI_EXO_ERROR_FAILED, "The service answered with HTTP status 400", "T" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr(GBytes) body = bytes_of (errors[i].body);
      g_autoptr(GError) error = kanri_exo_error_from_response (errors[i].status, body);

      g_test_message ("%s", errors[i].body);
      g_assert_error (error, KANRI_EXO_ERROR, errors[i].code);
      g_assert_cmpstr (error->message, ==, errors[i].message);
      g_assert_cmpstr (kanri_exo_error_get_exception_type (error), ==, errors[i].exception);
      g_assert_cmpuint (kanri_exo_error_get_http_status (error), ==, errors[i].status);
    }
}

static void
test_error_copy_keeps_details (void)
{
  g_autoptr(GBytes) body = bytes_of (errors[0].body);
  g_autoptr(GError) error = kanri_exo_error_from_response (404, body);
  g_autoptr(GError) copy = g_error_copy (error);
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_cmpstr (kanri_exo_error_get_exception_type (copy), ==, errors[0].exception);
  g_assert_cmpstr (kanri_exo_error_get_service_code (copy), ==, "NotFound");
  g_assert_null (kanri_exo_error_get_exception_type (other));
  g_assert_cmpuint (kanri_exo_error_get_http_status (other), ==, 0);
}

static void
test_long_message (void)
{
  g_autoptr(GString) text = g_string_new ("{\"error\":{\"message\":\"");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "日本");
  g_string_append (text, "\"}}");
  body = g_bytes_new (text->str, text->len);

  error = kanri_exo_error_from_response (400, body);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <=, 4096 + strlen ("…"));
  g_assert_true (g_str_has_suffix (error->message, "…"));
}

static void
test_transient_types (void)
{
  g_assert_true (kanri_exo_error_is_transient_type ("ServerInMMException"));
  g_assert_true (kanri_exo_error_is_transient_type ("Microsoft.Exchange.Data.Storage.StorageTransientException"));
  g_assert_true (kanri_exo_error_is_transient_type ("X.SuitabilityDirectoryException"));
  g_assert_true (kanri_exo_error_is_transient_type ("ADServerSettingsChangedException"));
  g_assert_false (kanri_exo_error_is_transient_type ("ManagementObjectNotFoundException"));
  g_assert_false (kanri_exo_error_is_transient_type (NULL));
}

static GBytes *
gzip (const char *text)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (stream, text, strlen (text), NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
test_decode (void)
{
  g_autoptr(GBytes) plain = bytes_of ("{\"value\":[]}");
  g_autoptr(GBytes) packed = gzip ("{\"value\":[1]}");
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  GByteArray *bytes;

  /* A plain body is read as it is, whatever Content-Encoding claimed. */
  out = kanri_exo_response_decode (plain, 1024, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (out, plain));
  g_clear_pointer (&out, g_bytes_unref);

  out = kanri_exo_response_decode (packed, 1024, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), "{\"value\":[1]}", 13);
  g_clear_pointer (&out, g_bytes_unref);

  bytes = g_byte_array_new ();
  g_byte_array_append (bytes, g_bytes_get_data (packed, NULL), 12);
  damaged = g_byte_array_free_to_bytes (bytes);
  out = kanri_exo_response_decode (damaged, 1024, &error);
  g_assert_null (out);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE);
}

static void
test_decode_limits (void)
{
  g_autofree char *big = g_strnfill (3 * 1024 * 1024, 'a');
  g_autoptr(GBytes) bomb = gzip (big);
  g_autoptr(GBytes) raw = bytes_of (big);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;

  /* Small compressed, large once decompressed. */
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  out = kanri_exo_response_decode (bomb, 1024 * 1024, &error);
  g_assert_null (out);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_RESPONSE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "1.0"));
  g_assert_nonnull (strstr (error->message, "MiB"));
  g_clear_error (&error);

  out = kanri_exo_response_decode (raw, 1024 * 1024, &error);
  g_assert_null (out);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_RESPONSE_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/exo-response/page", test_page);
  g_test_add_func ("/exo-response/page-without-value", test_page_without_value);
  g_test_add_func ("/exo-response/bad-pages", test_bad_pages);
  g_test_add_func ("/exo-response/deep-nesting", test_deep_nesting);
  g_test_add_func ("/exo-response/error-in-page", test_error_in_page);
  g_test_add_func ("/exo-response/errors", test_errors);
  g_test_add_func ("/exo-response/error-copy", test_error_copy_keeps_details);
  g_test_add_func ("/exo-response/long-message", test_long_message);
  g_test_add_func ("/exo-response/transient-types", test_transient_types);
  g_test_add_func ("/exo-response/decode", test_decode);
  g_test_add_func ("/exo-response/decode-limits", test_decode_limits);

  return g_test_run ();
}
