/* kanri-zone-resolver.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-zone-resolver"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kanri-json-nul.h"
#include "kanri-zone-resolver.h"

/* An in-memory DNS for tests and reproducible checks, loaded from the zone
 * format of PRODUCT.md "Command line companion", which is the shape of the
 * RFC 7208 test suite's `zonedata`:
 *
 *   {"example.com": [{"TXT": "v=spf1 a -all"}, {"A": "192.0.2.1"},
 *                    {"MX": [10, "mx.example.com"]}],
 *    "slow.example.com": ["TIMEOUT"]}
 *
 * It follows the suite's driver conventions (testspf.py in python3-spf):
 * names are case-insensitive; a TXT or SPF value may be a list of strings,
 * joined without separator; an SPF-type record also answers TXT queries when
 * the name has no TXT entry at all; "NONE" as a TXT or SPF value is no
 * record but still counts as a TXT entry; "TIMEOUT" makes every query for a
 * type the name has no record of time out; CNAME aliases are followed. A
 * name that is absent is NXDOMAIN, a type it lacks is an empty answer.
 *
 * A TXT or SPF value keeps the NUL octets ("\u0000") it holds, which
 * json-glib alone would cut off (see kanri-json-nul.c): a record such as
 * "v=spf1 a:foo.example.com\u0000" must reach SPF whole to be refused. A
 * name cannot hold one, as no query could be made of it. */

/* Longer alias chains are treated as loops (RFC 1034 §3.6.2). */
#define MAX_CNAME_CHAIN 8

typedef struct
{
  GPtrArray *records;
  gboolean   timeout;
} ZoneName;

/* What loading one zone needs to know: where to put the names, and what
 * stands for NUL in the strings json-glib gives. */
typedef struct
{
  KanriZoneResolver *self;
  char               stand_in[KANRI_JSON_NUL_STAND_IN_SIZE];
} Load;

struct _KanriZoneResolver
{
  GObject     parent_instance;

  GHashTable *names;
};

static void resolver_iface_init (KanriResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriZoneResolver, kanri_zone_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KANRI_TYPE_RESOLVER, resolver_iface_init))

static void
zone_name_free (gpointer data)
{
  ZoneName *zone_name = data;

  g_ptr_array_unref (zone_name->records);
  g_free (zone_name);
}

static void
kanri_zone_resolver_finalize (GObject *object)
{
  KanriZoneResolver *self = (KanriZoneResolver *)object;

  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (kanri_zone_resolver_parent_class)->finalize (object);
}

static void
kanri_zone_resolver_class_init (KanriZoneResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_zone_resolver_finalize;
}

static void
kanri_zone_resolver_init (KanriZoneResolver *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, zone_name_free);
}

static char *
key_for (const char *name)
{
  gsize length = strlen (name);
  char *key;

  if (length > 0 && name[length - 1] == '.')
    length--;
  key = g_ascii_strdown (name, length);
  return key;
}

static GPtrArray *
kanri_zone_resolver_lookup (KanriResolver  *resolver,
                            const char     *name,
                            KanriDnsType    type,
                            GCancellable   *cancellable,
                            GError        **error)
{
  KanriZoneResolver *self = KANRI_ZONE_RESOLVER (resolver);
  g_autofree char *key = key_for (name);

  for (guint depth = 0; depth <= MAX_CNAME_CHAIN; depth++)
    {
      ZoneName *zone_name = g_hash_table_lookup (self->names, key);
      g_autoptr(GPtrArray) answer = NULL;
      const KanriDnsRecord *alias = NULL;

      if (zone_name == NULL)
        {
          g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NXDOMAIN,
                       _("%s does not exist (NXDOMAIN)"), name);
          return NULL;
        }

      for (guint i = 0; i < zone_name->records->len; i++)
        {
          const KanriDnsRecord *record = g_ptr_array_index (zone_name->records, i);

          if (record->type == type)
            {
              if (answer == NULL)
                answer = g_ptr_array_new_with_free_func ((GDestroyNotify) kanri_dns_record_unref);
              g_ptr_array_add (answer, kanri_dns_record_ref ((KanriDnsRecord *) record));
            }
          else if (record->type == KANRI_DNS_TYPE_CNAME && alias == NULL)
            {
              alias = record;
            }
        }

      if (answer != NULL)
        return g_steal_pointer (&answer);

      if (alias == NULL)
        {
          if (zone_name->timeout)
            g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_TIMEOUT,
                         _("The %s query for %s timed out"), kanri_dns_type_to_string (type), name);
          else
            g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NO_RECORDS,
                         _("%s has no %s record"), name, kanri_dns_type_to_string (type));
          return NULL;
        }

      g_free (key);
      key = key_for (alias->text);
    }

  g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_FAILED,
               _("The CNAME aliases of %s form a loop or a chain longer than %d"),
               name, MAX_CNAME_CHAIN);
  return NULL;
}

static gboolean
kanri_zone_resolver_lookups_block (KanriResolver *resolver)
{
  /* Answers come from memory: nothing ever waits. */
  return FALSE;
}

static void
resolver_iface_init (KanriResolverInterface *iface)
{
  iface->lookup = kanri_zone_resolver_lookup;
  iface->lookups_block = kanri_zone_resolver_lookups_block;
}

static gboolean
zone_error (GError     **error,
            const char  *name,
            guint        index,
            const char  *reason)
{
  /* Positions are 1-based as people count records in the file. */
  g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE,
               _("Zone entry “%s”, record %u: %s"), name, index + 1, reason);
  return FALSE;
}

/* The name as people read it, with "\u0000" where it holds a NUL. */
static char *
shown_name (const Load *load,
            const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (!kanri_json_nul_holds (load->stand_in, name))
    return g_strdup (name);
  parts = g_strsplit (name, load->stand_in, -1);
  return g_strjoinv ("\\u0000", parts);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static GString *
join_strings (const Load  *load,
              JsonNode    *value,
              const char  *name,
              guint        index,
              GError     **error)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  JsonArray *strings = NULL;
  guint n_strings = 1;

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      strings = json_node_get_array (value);
      n_strings = json_array_get_length (strings);
    }
  else if (!is_string (value))
    {
      zone_error (error, name, index,
                  _("a TXT or SPF value must be a string or a list of strings"));
      return NULL;
    }

  for (guint i = 0; i < n_strings; i++)
    {
      JsonNode *piece = strings != NULL ? json_array_get_element (strings, i) : value;
      g_autofree char *text = NULL;
      gsize length;

      if (!is_string (piece))
        {
          zone_error (error, name, index,
                      _("a TXT or SPF value must be a string or a list of strings"));
          return NULL;
        }
      text = kanri_json_nul_restore (load->stand_in, json_node_get_string (piece), &length);
      g_string_append_len (joined, text, length);
    }

  return g_steal_pointer (&joined);
}

/* A host name of an MX, PTR or CNAME value, normalized. */
static char *
host_name (const Load  *load,
           JsonNode    *value,
           const char  *name,
           guint        index,
           GError     **error)
{
  const char *text = json_node_get_string (value);

  if (kanri_json_nul_holds (load->stand_in, text))
    {
      zone_error (error, name, index, _("a host name cannot hold a NUL (\\u0000)"));
      return NULL;
    }
  return kanri_dns_name_normalize (text);
}

static KanriDnsRecord *
parse_address (KanriDnsType   type,
               JsonNode      *value,
               const char    *name,
               guint          index,
               GError       **error)
{
  GSocketFamily family = type == KANRI_DNS_TYPE_A ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6;
  g_autoptr(GInetAddress) address = NULL;
  KanriDnsRecord *record;
  const char *text = NULL;

  if (is_string (value))
    text = json_node_get_string (value);
  if (text != NULL)
    address = g_inet_address_new_from_string (text);

  if (address == NULL || g_inet_address_get_family (address) != family)
    {
      g_autofree char *reason =
        g_strdup_printf (type == KANRI_DNS_TYPE_A
                         ? _("the A value “%s” is not an IPv4 address")
                         : _("the AAAA value “%s” is not an IPv6 address"),
                         text != NULL ? text : "");
      zone_error (error, name, index, reason);
      return NULL;
    }

  record = kanri_dns_record_new (type, NULL);
  record->text = g_inet_address_to_string (address);
  record->length = strlen (record->text);
  memcpy (record->address, g_inet_address_to_bytes (address),
          g_inet_address_get_native_size (address));
  return record;
}

static KanriDnsRecord *
parse_mx (const Load  *load,
          JsonNode    *value,
          const char  *name,
          guint        index,
          GError     **error)
{
  g_autofree char *host = NULL;
  JsonArray *pair;
  JsonNode *preference;
  JsonNode *exchange;
  KanriDnsRecord *record;
  gint64 number;

  if (!JSON_NODE_HOLDS_ARRAY (value) || json_array_get_length (json_node_get_array (value)) != 2)
    goto bad;

  pair = json_node_get_array (value);
  preference = json_array_get_element (pair, 0);
  exchange = json_array_get_element (pair, 1);
  if (!JSON_NODE_HOLDS_VALUE (preference) || json_node_get_value_type (preference) != G_TYPE_INT64 ||
      !is_string (exchange))
    goto bad;

  number = json_node_get_int (preference);
  if (number < 0 || number > G_MAXUINT16)
    goto bad;

  host = host_name (load, exchange, name, index, error);
  if (host == NULL)
    return NULL;
  record = kanri_dns_record_new (KANRI_DNS_TYPE_MX, host);
  record->preference = number;
  return record;

bad:
  zone_error (error, name, index,
              _("an MX value must be a list of a preference (0 to 65535) and a host name"));
  return NULL;
}

static KanriDnsType
type_from_string (const char *type)
{
  static const KanriDnsType types[] = {
    KANRI_DNS_TYPE_A, KANRI_DNS_TYPE_AAAA, KANRI_DNS_TYPE_MX, KANRI_DNS_TYPE_PTR,
    KANRI_DNS_TYPE_CNAME, KANRI_DNS_TYPE_TXT, KANRI_DNS_TYPE_SPF,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_str_equal (type, kanri_dns_type_to_string (types[i])))
        return types[i];
    }

  return 0;
}

/* Adds the record one entry describes; "NONE" adds nothing. */
static gboolean
parse_entry (const Load  *load,
             ZoneName    *zone_name,
             JsonNode    *entry,
             const char  *name,
             guint        index,
             gboolean    *has_txt,
             GError     **error)
{
  KanriDnsRecord *record = NULL;
  JsonObjectIter iter;
  JsonNode *value;
  const char *type_name;
  KanriDnsType type;

  if (is_string (entry) && g_str_equal (json_node_get_string (entry), "TIMEOUT"))
    {
      zone_name->timeout = TRUE;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (entry) || json_object_get_size (json_node_get_object (entry)) != 1)
    return zone_error (error, name, index,
                       _("expected \"TIMEOUT\" or an object with one member such as {\"A\": \"192.0.2.1\"}"));

  json_object_iter_init (&iter, json_node_get_object (entry));
  json_object_iter_next (&iter, &type_name, &value);
  type = type_from_string (type_name);

  switch (type)
    {
    case KANRI_DNS_TYPE_A:
    case KANRI_DNS_TYPE_AAAA:
      record = parse_address (type, value, name, index, error);
      break;

    case KANRI_DNS_TYPE_MX:
      record = parse_mx (load, value, name, index, error);
      break;

    case KANRI_DNS_TYPE_PTR:
    case KANRI_DNS_TYPE_CNAME:
      {
        g_autofree char *host = NULL;

        if (!is_string (value))
          return zone_error (error, name, index, _("a PTR or CNAME value must be a host name"));
        host = host_name (load, value, name, index, error);
        if (host == NULL)
          return FALSE;
        record = kanri_dns_record_new (type, host);
      }
      break;

    case KANRI_DNS_TYPE_TXT:
    case KANRI_DNS_TYPE_SPF:
      {
        g_autoptr(GString) text = join_strings (load, value, name, index, error);

        if (text == NULL)
          return FALSE;
        if (type == KANRI_DNS_TYPE_TXT)
          *has_txt = TRUE;
        if (g_str_equal (text->str, "NONE") && text->len == strlen ("NONE"))
          return TRUE;
        record = kanri_dns_record_new_len (type, text->str, text->len);
      }
      break;

    default:
      {
        g_autofree char *reason =
          g_strdup_printf (_("unknown record type “%s” (expected A, AAAA, MX, PTR, CNAME, TXT or SPF)"),
                           type_name);
        return zone_error (error, name, index, reason);
      }
    }

  if (record == NULL)
    return FALSE;

  g_ptr_array_add (zone_name->records, record);
  return TRUE;
}

static gboolean
load_name (const Load  *load,
           const char  *masked_name,
           JsonNode    *entries,
           GError     **error)
{
  g_autofree char *name = shown_name (load, masked_name);
  g_autofree char *key = NULL;
  ZoneName *zone_name;
  JsonArray *array;
  gboolean has_txt = FALSE;
  guint n_records;

  if (kanri_json_nul_holds (load->stand_in, masked_name))
    {
      g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE,
                   _("Zone entry “%s”: a name cannot hold a NUL (\\u0000)"), name);
      return FALSE;
    }

  if (!kanri_dns_name_is_valid (name))
    {
      g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE,
                   _("Zone entry “%s”: not a valid DNS name (labels of 1 to 63 characters, "
                     "253 characters in all)"), name);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (entries))
    {
      g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE,
                   _("Zone entry “%s”: expected a list of records"), name);
      return FALSE;
    }

  key = key_for (name);
  zone_name = g_hash_table_lookup (load->self->names, key);
  if (zone_name == NULL)
    {
      zone_name = g_new0 (ZoneName, 1);
      zone_name->records = g_ptr_array_new_with_free_func ((GDestroyNotify) kanri_dns_record_unref);
      g_hash_table_insert (load->self->names, g_steal_pointer (&key), zone_name);
    }

  array = json_node_get_array (entries);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!parse_entry (load, zone_name, json_array_get_element (array, i), name, i, &has_txt,
                        error))
        return FALSE;
    }

  if (has_txt)
    return TRUE;

  /* The suite's convention: SPF-type records double as TXT records. */
  n_records = zone_name->records->len;
  for (guint i = 0; i < n_records; i++)
    {
      const KanriDnsRecord *record = g_ptr_array_index (zone_name->records, i);

      if (record->type == KANRI_DNS_TYPE_SPF)
        g_ptr_array_add (zone_name->records,
                         kanri_dns_record_new_len (KANRI_DNS_TYPE_TXT, record->text, record->length));
    }

  return TRUE;
}

/**
 * kanri_zone_resolver_new_from_data:
 * @data: the zone as JSON text
 * @length: the length of @data, or -1 if it is nul-terminated
 * @error: return location for a %KANRI_RESOLVER_ERROR_BAD_ZONE error
 *
 * Returns: (transfer full) (nullable): the resolver, or %NULL with @error set
 */
KanriZoneResolver *
kanri_zone_resolver_new_from_data (const char  *data,
                                   gssize       length,
                                   GError     **error)
{
  g_autoptr(KanriZoneResolver) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *masked = NULL;
  Load load = { NULL };
  JsonObjectIter iter;
  const char *name;
  JsonNode *root;
  JsonNode *entries;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (length > KANRI_ZONE_MAX_SIZE)
    {
      g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE,
                   _("The zone is larger than %d MiB"), KANRI_ZONE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!kanri_json_nul_mask (data, length, &masked, load.stand_in, &local_error))
    {
      g_set_error_literal (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE,
                           local_error->message);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, masked != NULL ? masked : data, length, &local_error))
    {
      const char *message = local_error->message;

      /* json-glib's message gives the line and column after "<data>:". */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE,
                   _("The zone is not valid JSON, at line:column %s"), message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE,
                           _("The zone must be a JSON object mapping names to lists of records"));
      return NULL;
    }

  self = g_object_new (KANRI_TYPE_ZONE_RESOLVER, NULL);
  load.self = self;
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &entries))
    {
      if (!load_name (&load, name, entries, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * kanri_zone_resolver_new_from_file:
 * @path: a zone file
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the resolver, or %NULL with @error set
 */
KanriZoneResolver *
kanri_zone_resolver_new_from_file (const char  *path,
                                   GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  KanriZoneResolver *self;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;

  self = kanri_zone_resolver_new_from_data (g_mapped_file_get_contents (file) != NULL
                                            ? g_mapped_file_get_contents (file) : "",
                                            g_mapped_file_get_length (file), &local_error);
  if (self == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display, local_error->message);
    }

  return self;
}

/**
 * kanri_zone_resolver_get_n_names:
 * @self: a #KanriZoneResolver
 *
 * Returns: how many names the zone holds
 */
guint
kanri_zone_resolver_get_n_names (KanriZoneResolver *self)
{
  g_return_val_if_fail (KANRI_IS_ZONE_RESOLVER (self), 0);

  return g_hash_table_size (self->names);
}
