/* kanri-ip-classifier.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-ip-classifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "kanri-core-resources.h"
#include "kanri-ip-classifier.h"

/* The bundled snapshot, compiled into the library so that core works
 * uninstalled (tests, kanri-cli from the build tree). */
#define EMBEDDED_SNAPSHOT "/io/github/kanri/Kanri/core/eop-ranges.json"

/* A snapshot larger than this is not a list of ranges. */
#define MAX_SNAPSHOT_SIZE (1024 * 1024)

/* Where a class starts: the addresses from @start up to the next bound's
 * start are all of @klass. */
typedef struct
{
  guint8       start[16];
  KanriIpClass klass;
} Bound;

struct _KanriIpClassifier
{
  GObject  parent_instance;

  GArray  *eop_ranges;
  char    *date;
  char    *source;

  /* Of Bound, sorted, the first at the family's lowest address: IPv4 and
   * IPv6. */
  GArray  *bounds[2];
};

G_DEFINE_FINAL_TYPE (KanriIpClassifier, kanri_ip_classifier, G_TYPE_OBJECT)

G_DEFINE_QUARK (kanri-ip-classifier-error-quark, kanri_ip_classifier_error)

typedef struct
{
  const char   *text;
  KanriIpClass  klass;
} SpecialRange;

/* Special-purpose blocks, in the order they are checked. Sources: RFC 6890
 * (the special-purpose registries), RFC 1918 (private), RFC 6598 (shared
 * address space), RFC 3927 and RFC 4291 §2.5.6 (link-local), RFC 4193
 * (unique local), RFC 5737, RFC 3849 and RFC 9637 (documentation). The
 * limited broadcast address comes first: Exchange Online writes it as the CIP
 * of client-submitted mail (Microsoft Learn "Anti-spam message headers"). */
static const SpecialRange special_ranges[] = {
  { "255.255.255.255/32", KANRI_IP_CLASS_CLIENT_SUBMITTED },
  { "127.0.0.0/8", KANRI_IP_CLASS_LOOPBACK },
  { "::1/128", KANRI_IP_CLASS_LOOPBACK },
  { "10.0.0.0/8", KANRI_IP_CLASS_PRIVATE },
  { "172.16.0.0/12", KANRI_IP_CLASS_PRIVATE },
  { "192.168.0.0/16", KANRI_IP_CLASS_PRIVATE },
  { "100.64.0.0/10", KANRI_IP_CLASS_CGNAT },
  { "169.254.0.0/16", KANRI_IP_CLASS_LINK_LOCAL },
  { "fe80::/10", KANRI_IP_CLASS_LINK_LOCAL },
  { "fc00::/7", KANRI_IP_CLASS_UNIQUE_LOCAL },
  { "192.0.2.0/24", KANRI_IP_CLASS_DOCUMENTATION },
  { "198.51.100.0/24", KANRI_IP_CLASS_DOCUMENTATION },
  { "203.0.113.0/24", KANRI_IP_CLASS_DOCUMENTATION },
  { "2001:db8::/32", KANRI_IP_CLASS_DOCUMENTATION },
  { "3fff::/20", KANRI_IP_CLASS_DOCUMENTATION },
  { "0.0.0.0/8", KANRI_IP_CLASS_RESERVED },
  { "192.0.0.0/24", KANRI_IP_CLASS_RESERVED },
  { "198.18.0.0/15", KANRI_IP_CLASS_RESERVED },
  { "224.0.0.0/4", KANRI_IP_CLASS_RESERVED },
  { "240.0.0.0/4", KANRI_IP_CLASS_RESERVED },
  { "::/128", KANRI_IP_CLASS_RESERVED },
  { "100::/64", KANRI_IP_CLASS_RESERVED },
  { "ff00::/8", KANRI_IP_CLASS_RESERVED },
  /* Exchange Online's relay pool: forwarded and relayed mail. Not the
   * high-risk delivery pool, whose addresses are not published, and not in
   * the SPF record (Microsoft Learn "High-risk delivery pool for outbound
   * messages"; PRODUCT.md corrects the admin's notes on this). */
  { "40.95.0.0/16", KANRI_IP_CLASS_RELAY_POOL },
};

/* Microsoft's own ranges, checked after the Exchange Online Protection
 * outbound ones (the snapshot's or the live lookup's), which are more
 * precise: an address in both is EOP outbound.
 *
 * Microsoft 365 (Exchange Online): the IPv4 and IPv6 ranges of the Exchange
 * Online endpoint sets 1, 2, 9 and 10 of Microsoft Learn "Microsoft 365 URLs
 * and IP address ranges" (worldwide), version 2023073100 of 2023-07-31, as
 * the page's source holds it (MicrosoftDocs/microsoft-365-docs,
 * microsoft-365/includes/office-365-worldwide-endpoints.md). They include
 * all of 2a01:111:f403::/48, of which spf.protection.outlook.com lists only
 * parts, and 52.100.0.0/14, which it no longer lists whole.
 *
 * Then the 2603:1096, 2603:10a6 and 2603:10d6 ranges that endpoint set 1
 * listed in 2018 (copies of the web service's answer of then,
 * https://endpoints.office.com/endpoints/worldwide): the current list has
 * dropped them, but Exchange Online's own servers still send from them, as
 * the *.prod.outlook.com hops of message headers show (e.g.
 * SI2PR06MB5140.apcprd06.prod.outlook.com, 2603:1096:4:1af::9).
 *
 * Microsoft: the rest of 2603:1000::/24, the IPv6 block ARIN registers to
 * Microsoft (AS8075). Exchange Online's servers and Azure's, customers'
 * virtual machines included, are numbered from it, so it is not proof of
 * Microsoft 365. */
static const SpecialRange microsoft_ranges[] = {
  { "13.107.6.152/31", KANRI_IP_CLASS_MICROSOFT_365 },
  { "13.107.18.10/31", KANRI_IP_CLASS_MICROSOFT_365 },
  { "13.107.128.0/22", KANRI_IP_CLASS_MICROSOFT_365 },
  { "23.103.160.0/20", KANRI_IP_CLASS_MICROSOFT_365 },
  { "40.92.0.0/15", KANRI_IP_CLASS_MICROSOFT_365 },
  { "40.96.0.0/13", KANRI_IP_CLASS_MICROSOFT_365 },
  { "40.104.0.0/15", KANRI_IP_CLASS_MICROSOFT_365 },
  { "40.107.0.0/16", KANRI_IP_CLASS_MICROSOFT_365 },
  { "52.96.0.0/14", KANRI_IP_CLASS_MICROSOFT_365 },
  { "52.100.0.0/14", KANRI_IP_CLASS_MICROSOFT_365 },
  { "52.238.78.88/32", KANRI_IP_CLASS_MICROSOFT_365 },
  { "104.47.0.0/17", KANRI_IP_CLASS_MICROSOFT_365 },
  { "131.253.33.215/32", KANRI_IP_CLASS_MICROSOFT_365 },
  { "132.245.0.0/16", KANRI_IP_CLASS_MICROSOFT_365 },
  { "150.171.32.0/22", KANRI_IP_CLASS_MICROSOFT_365 },
  { "204.79.197.215/32", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1006::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1016::/36", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1026::/36", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1036::/36", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1046::/36", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1056::/36", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:4::152/128", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:4::153/128", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:c::10/128", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:c::11/128", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:d::10/128", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:d::11/128", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:8f0::/46", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:900::/46", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:a92::152/128", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2620:1ec:a92::153/128", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2a01:111:f400::/48", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2a01:111:f403::/48", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1096::/38", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1096:400::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1096:600::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1096:a00::/39", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1096:c00::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:10a6:200::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:10a6:400::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:10a6:600::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:10a6:800::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:10d6:200::/40", KANRI_IP_CLASS_MICROSOFT_365 },
  { "2603:1000::/24", KANRI_IP_CLASS_MICROSOFT },
};

static KanriIpRange special_parsed[G_N_ELEMENTS (special_ranges)];
static KanriIpRange microsoft_parsed[G_N_ELEMENTS (microsoft_ranges)];

static void
parse_ranges (const SpecialRange *ranges,
              KanriIpRange       *parsed,
              gsize               n_ranges)
{
  for (gsize i = 0; i < n_ranges; i++)
    {
      gboolean ok = kanri_ip_range_parse (ranges[i].text, &parsed[i], NULL);

      g_assert (ok);
    }
}

static void
ensure_special_ranges (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      parse_ranges (special_ranges, special_parsed, G_N_ELEMENTS (special_ranges));
      parse_ranges (microsoft_ranges, microsoft_parsed, G_N_ELEMENTS (microsoft_ranges));
      g_once_init_leave (&initialized, 1);
    }
}

static void
kanri_ip_classifier_finalize (GObject *object)
{
  KanriIpClassifier *self = (KanriIpClassifier *)object;

  g_clear_pointer (&self->eop_ranges, g_array_unref);
  g_clear_pointer (&self->bounds[0], g_array_unref);
  g_clear_pointer (&self->bounds[1], g_array_unref);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (kanri_ip_classifier_parent_class)->finalize (object);
}

static void
kanri_ip_classifier_class_init (KanriIpClassifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_ip_classifier_finalize;
}

static void
kanri_ip_classifier_init (KanriIpClassifier *self)
{
  self->eop_ranges = g_array_new (FALSE, FALSE, sizeof (KanriIpRange));
}

/* kanri_ip_range_contains() for an address already unmapped, whose bytes
 * are @length long: every address of every analysis is run past a hundred
 * ranges, most of them of the other family, which this skips without a
 * call. */
static gboolean
range_contains (const KanriIpRange *range,
                const KanriIp      *ip,
                gsize               length)
{
  return range->first.family == ip->family &&
         memcmp (range->first.bytes, ip->bytes, length) <= 0 &&
         memcmp (ip->bytes, range->last.bytes, length) <= 0;
}

/* The first class whose blocks contain @ip, an address already unmapped,
 * range by range: what the bounds are built from. */
static KanriIpClass
classify_by_ranges (KanriIpClassifier *self,
                    const KanriIp     *ip)
{
  gsize length = ip->family == KANRI_IP_FAMILY_V4 ? 4 : 16;

  for (guint i = 0; i < G_N_ELEMENTS (special_parsed); i++)
    {
      if (range_contains (&special_parsed[i], ip, length))
        return special_ranges[i].klass;
    }

  for (guint i = 0; i < self->eop_ranges->len; i++)
    {
      if (range_contains (&g_array_index (self->eop_ranges, KanriIpRange, i), ip, length))
        return KANRI_IP_CLASS_EOP_OUTBOUND;
    }

  for (guint i = 0; i < G_N_ELEMENTS (microsoft_parsed); i++)
    {
      if (range_contains (&microsoft_parsed[i], ip, length))
        return microsoft_ranges[i].klass;
    }

  return KANRI_IP_CLASS_PUBLIC;
}

static int
family_index (guint8 family)
{
  return family == KANRI_IP_FAMILY_V4 ? 0 : 1;
}

/* The first address of @range, and the one after its last unless that is
 * the family's highest, into @starts. */
static void
add_range_starts (GArray             *starts,
                  const KanriIpRange *range,
                  guint8              family)
{
  gsize length = family == KANRI_IP_FAMILY_V4 ? 4 : 16;
  KanriIp after = range->last;
  int i;

  if (range->first.family != family)
    return;

  g_array_append_val (starts, range->first);
  for (i = (int)length - 1; i >= 0 && after.bytes[i] == 0xff; i--)
    after.bytes[i] = 0;
  if (i >= 0)
    {
      after.bytes[i]++;
      g_array_append_val (starts, after);
    }
}

static int
compare_v4 (gconstpointer a,
            gconstpointer b)
{
  return memcmp (((const KanriIp *)a)->bytes, ((const KanriIp *)b)->bytes, 4);
}

static int
compare_v6 (gconstpointer a,
            gconstpointer b)
{
  return memcmp (((const KanriIp *)a)->bytes, ((const KanriIp *)b)->bytes, 16);
}

/* Every range's start and end cut the family's addresses into pieces in
 * which every range either holds every address or none: each piece has one
 * class, the one its first address gets range by range. Neighbours of the
 * same class merge. */
static GArray *
build_bounds (KanriIpClassifier *self,
              guint8             family)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, TRUE, sizeof (KanriIp));
  GArray *bounds = g_array_new (FALSE, TRUE, sizeof (Bound));
  gsize length = family == KANRI_IP_FAMILY_V4 ? 4 : 16;
  KanriIp lowest = { family, { 0 } };

  g_array_append_val (starts, lowest);
  for (guint i = 0; i < G_N_ELEMENTS (special_parsed); i++)
    add_range_starts (starts, &special_parsed[i], family);
  for (guint i = 0; i < self->eop_ranges->len; i++)
    add_range_starts (starts, &g_array_index (self->eop_ranges, KanriIpRange, i), family);
  for (guint i = 0; i < G_N_ELEMENTS (microsoft_parsed); i++)
    add_range_starts (starts, &microsoft_parsed[i], family);
  g_array_sort (starts, family == KANRI_IP_FAMILY_V4 ? compare_v4 : compare_v6);

  for (guint i = 0; i < starts->len; i++)
    {
      const KanriIp *start = &g_array_index (starts, KanriIp, i);
      Bound bound = { { 0 }, classify_by_ranges (self, start) };

      if (bounds->len > 0 && (g_array_index (bounds, Bound, bounds->len - 1).klass == bound.klass ||
                              memcmp (g_array_index (bounds, Bound, bounds->len - 1).start, start->bytes, length) == 0))
        continue;
      memcpy (bound.start, start->bytes, length);
      g_array_append_val (bounds, bound);
    }

  return bounds;
}

/* Once the ranges are all read. */
static void
build_tables (KanriIpClassifier *self)
{
  ensure_special_ranges ();
  self->bounds[0] = build_bounds (self, KANRI_IP_FAMILY_V4);
  self->bounds[1] = build_bounds (self, KANRI_IP_FAMILY_V6);
}

static gboolean
read_range_list (JsonObject         *root,
                 const char         *member,
                 KanriIpFamily       family,
                 KanriIpClassifier  *self,
                 GError            **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                   _("The range snapshot’s “%s” member is not a list"), member);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      KanriIpRange range;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                       _("Entry %u of the range snapshot’s “%s” list is not a string"),
                       i + 1, member);
          return FALSE;
        }

      if (!kanri_ip_range_parse (json_node_get_string (item), &range, &local_error))
        {
          g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                       _("Entry %u of the range snapshot’s “%s” list: %s"),
                       i + 1, member, local_error->message);
          return FALSE;
        }

      if (range.first.family != family)
        {
          g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                       _("Entry %u of the range snapshot’s “%s” list is of the wrong IP version"),
                       i + 1, member);
          return FALSE;
        }

      g_array_append_val (self->eop_ranges, range);
    }

  return TRUE;
}

static const char *
get_string_member (JsonObject *root,
                   const char *member)
{
  JsonNode *node = json_object_get_member (root, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * kanri_ip_classifier_new_from_data:
 * @json: a snapshot: {"date":"YYYY-MM-DD","source":"…","ipv4":[…],"ipv6":[…]}
 * @length: the length of @json, or -1 if NUL-terminated
 *
 * Returns: (transfer full): a classifier using the snapshot's Exchange Online
 *   Protection ranges, or %NULL with @error set
 */
KanriIpClassifier *
kanri_ip_classifier_new_from_data (const char  *json,
                                   gssize       length,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(KanriIpClassifier) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root_node;
  JsonObject *root;
  const char *date;
  int year, month, day;
  char tail;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = strlen (json);

  if (length > MAX_SNAPSHOT_SIZE)
    {
      g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                   _("The range snapshot is larger than %d KB; it cannot be a list of ranges"),
                   MAX_SNAPSHOT_SIZE / 1024);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                   _("The range snapshot is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                   _("The range snapshot is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  /* A snapshot without its date could not say how old its ranges are. */
  date = get_string_member (root, "date");
  if (date == NULL || strlen (date) != 10 ||
      sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                   _("The range snapshot has no valid “date” (YYYY-MM-DD)"));
      return NULL;
    }

  self = g_object_new (KANRI_TYPE_IP_CLASSIFIER, NULL);
  self->date = g_strdup (date);
  self->source = g_strdup (get_string_member (root, "source"));

  if (!read_range_list (root, "ipv4", KANRI_IP_FAMILY_V4, self, error) ||
      !read_range_list (root, "ipv6", KANRI_IP_FAMILY_V6, self, error))
    return NULL;

  if (self->eop_ranges->len == 0)
    {
      g_set_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID,
                   _("The range snapshot lists no ranges"));
      return NULL;
    }

  build_tables (self);
  return g_steal_pointer (&self);
}

/**
 * kanri_ip_classifier_new_from_file:
 *
 * Returns: (transfer full): a classifier using the snapshot in @path, or
 *   %NULL with @error set
 */
KanriIpClassifier *
kanri_ip_classifier_new_from_file (const char  *path,
                                   GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  KanriIpClassifier *self;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;

  self = kanri_ip_classifier_new_from_data (g_mapped_file_get_contents (file),
                                            g_mapped_file_get_length (file),
                                            &local_error);
  if (self == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display, local_error->message);
    }

  return self;
}

/**
 * kanri_ip_classifier_new_from_ranges:
 * @ranges: (array length=n_ranges): Exchange Online Protection outbound ranges,
 *   for example from a live lookup of spf.protection.outlook.com
 * @date: when they were read, YYYY-MM-DD
 * @source: (nullable): where they come from
 *
 * Returns: (transfer full): a classifier using @ranges
 */
KanriIpClassifier *
kanri_ip_classifier_new_from_ranges (const KanriIpRange *ranges,
                                     gsize               n_ranges,
                                     const char         *date,
                                     const char         *source)
{
  KanriIpClassifier *self;

  g_return_val_if_fail (ranges != NULL || n_ranges == 0, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  self = g_object_new (KANRI_TYPE_IP_CLASSIFIER, NULL);
  g_array_append_vals (self->eop_ranges, ranges, n_ranges);
  self->date = g_strdup (date);
  self->source = g_strdup (source);
  build_tables (self);

  return self;
}

/**
 * kanri_ip_classifier_get_default:
 *
 * Returns: (transfer none): the classifier of the bundled, dated snapshot
 */
KanriIpClassifier *
kanri_ip_classifier_get_default (void)
{
  static KanriIpClassifier *instance;

  if (g_once_init_enter (&instance))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      KanriIpClassifier *classifier = NULL;

      /* A static library drops unreferenced constructors, so the resource is
       * registered here, where it is first needed. */
      kanri_core_register_resource ();
      bytes = g_resource_lookup_data (kanri_core_get_resource (), EMBEDDED_SNAPSHOT,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        classifier = kanri_ip_classifier_new_from_data (g_bytes_get_data (bytes, NULL),
                                                        g_bytes_get_size (bytes),
                                                        &error);

      /* Only a broken build gets here; the core tests load the same data. */
      if (classifier == NULL)
        g_error ("The bundled Exchange Online Protection snapshot is unusable: %s", error->message);

      g_once_init_leave (&instance, classifier);
    }

  return instance;
}

/**
 * kanri_ip_classifier_classify:
 *
 * Returns: the first class whose blocks contain @ip, in the order of
 *   #KanriIpClass; IPv4-mapped IPv6 addresses are classified as IPv4
 */
KanriIpClass
kanri_ip_classifier_classify (KanriIpClassifier *self,
                              const KanriIp     *ip)
{
  KanriIp unmapped;
  const GArray *bounds;
  gsize length;
  guint low = 0;
  guint high;

  g_return_val_if_fail (KANRI_IS_IP_CLASSIFIER (self), KANRI_IP_CLASS_PUBLIC);
  g_return_val_if_fail (ip != NULL, KANRI_IP_CLASS_PUBLIC);

  if (kanri_ip_unmap (ip, &unmapped))
    ip = &unmapped;
  /* No range holds an address of no family. */
  if (ip->family != KANRI_IP_FAMILY_V4 && ip->family != KANRI_IP_FAMILY_V6)
    return KANRI_IP_CLASS_PUBLIC;
  length = ip->family == KANRI_IP_FAMILY_V4 ? 4 : 16;

  /* Every address of every analysis comes here: a binary search over the
   * pieces of the address space, not a walk past a hundred ranges. The
   * last bound at or below @ip has its class. */
  bounds = self->bounds[family_index (ip->family)];
  high = bounds->len;
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (memcmp (g_array_index (bounds, Bound, middle).start, ip->bytes, length) <= 0)
        low = middle;
      else
        high = middle;
    }

  return g_array_index (bounds, Bound, low).klass;
}

/**
 * kanri_ip_classifier_get_date:
 *
 * Returns: the day the Exchange Online Protection ranges were read (YYYY-MM-DD)
 */
const char *
kanri_ip_classifier_get_date (KanriIpClassifier *self)
{
  g_return_val_if_fail (KANRI_IS_IP_CLASSIFIER (self), NULL);

  return self->date;
}

/**
 * kanri_ip_classifier_get_source:
 *
 * Returns: (nullable): where the ranges come from
 */
const char *
kanri_ip_classifier_get_source (KanriIpClassifier *self)
{
  g_return_val_if_fail (KANRI_IS_IP_CLASSIFIER (self), NULL);

  return self->source;
}

/**
 * kanri_ip_classifier_get_eop_ranges:
 * @n_ranges: (out): how many
 *
 * Returns: (array length=n_ranges) (transfer none): the Exchange Online
 *   Protection outbound ranges, IPv4 first
 */
const KanriIpRange *
kanri_ip_classifier_get_eop_ranges (KanriIpClassifier *self,
                                    gsize             *n_ranges)
{
  g_return_val_if_fail (KANRI_IS_IP_CLASSIFIER (self), NULL);
  g_return_val_if_fail (n_ranges != NULL, NULL);

  *n_ranges = self->eop_ranges->len;
  return (const KanriIpRange *)(gpointer)self->eop_ranges->data;
}

/**
 * kanri_ip_classifier_get_relay_pool:
 *
 * Returns: (transfer none): 40.95.0.0/16, Exchange Online's relay pool
 */
const KanriIpRange *
kanri_ip_classifier_get_relay_pool (void)
{
  ensure_special_ranges ();

  return &special_parsed[G_N_ELEMENTS (special_parsed) - 1];
}

typedef struct
{
  const char *id;
  const char *label;
  const char *description;
} ClassText;

static const ClassText class_texts[] = {
  [KANRI_IP_CLASS_PUBLIC] = {
    "public",
    N_("Public"),
    N_("A public internet address."),
  },
  [KANRI_IP_CLASS_CLIENT_SUBMITTED] = {
    "client-submitted",
    N_("Client-submitted"),
    N_("Exchange Online writes 255.255.255.255 as the connecting IP of mail that a client such as Outlook or a phone submitted for sending; no other server connected."),
  },
  [KANRI_IP_CLASS_LOOPBACK] = {
    "loopback",
    N_("Loopback"),
    N_("The server handed the message to itself (127.0.0.0/8 or ::1), typically to a content filter running on the same machine."),
  },
  [KANRI_IP_CLASS_PRIVATE] = {
    "private",
    N_("Private (RFC 1918)"),
    N_("A private address (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) inside an organization’s network; it cannot be reached from the internet."),
  },
  [KANRI_IP_CLASS_CGNAT] = {
    "cgnat",
    N_("Shared address space (CGNAT)"),
    N_("Shared address space 100.64.0.0/10 (RFC 6598), used by internet providers behind carrier-grade NAT."),
  },
  [KANRI_IP_CLASS_LINK_LOCAL] = {
    "link-local",
    N_("Link-local"),
    N_("A link-local address (169.254.0.0/16 or fe80::/10), valid on one network segment only."),
  },
  [KANRI_IP_CLASS_UNIQUE_LOCAL] = {
    "unique-local",
    N_("Unique local (IPv6)"),
    N_("An IPv6 unique local address (fc00::/7, RFC 4193), the IPv6 counterpart of private addresses."),
  },
  [KANRI_IP_CLASS_DOCUMENTATION] = {
    "documentation",
    N_("Documentation"),
    N_("An address reserved for examples and documentation (RFC 5737, RFC 3849, RFC 9637); real mail never comes from it."),
  },
  [KANRI_IP_CLASS_RESERVED] = {
    "reserved",
    N_("Reserved"),
    N_("A special-purpose address (RFC 6890) that does not send mail on the internet."),
  },
  [KANRI_IP_CLASS_RELAY_POOL] = {
    "relay-pool",
    N_("Exchange Online relay pool"),
    N_("Exchange Online’s relay pool (40.95.0.0/16), used for mail that Exchange Online forwards or relays. It is not part of the Exchange Online Protection SPF record."),
  },
  [KANRI_IP_CLASS_EOP_OUTBOUND] = {
    "eop-outbound",
    N_("Exchange Online Protection outbound"),
    N_("An outbound address of Exchange Online Protection (listed in spf.protection.outlook.com): the message left a Microsoft 365 organization through it."),
  },
  [KANRI_IP_CLASS_MICROSOFT_365] = {
    "microsoft-365",
    N_("Microsoft 365 (Exchange Online)"),
    N_("An address Microsoft lists for Exchange Online (Microsoft Learn “Microsoft 365 URLs and IP address ranges”): one of Exchange Online’s own servers, such as the hops inside Microsoft 365 in a message header."),
  },
  [KANRI_IP_CLASS_MICROSOFT] = {
    "microsoft",
    N_("Microsoft (Microsoft 365 or Azure)"),
    N_("An address of Microsoft’s IPv6 block 2603:1000::/24 that Microsoft does not list for Exchange Online. Microsoft 365’s internal servers and Azure, customers’ virtual machines included, are numbered from it: it shows a Microsoft datacenter, not that the message came from Microsoft 365."),
  },
};

/**
 * kanri_ip_class_to_string:
 *
 * Returns: the stable, untranslated id of @klass ("eop-outbound", …)
 */
const char *
kanri_ip_class_to_string (KanriIpClass klass)
{
  g_return_val_if_fail (klass <= KANRI_IP_CLASS_MICROSOFT, NULL);

  return class_texts[klass].id;
}

/**
 * kanri_ip_class_from_string:
 * @id: an id kanri_ip_class_to_string() gave, as the local model keeps it
 * @klass: (out): the class
 *
 * Returns: whether @id names a class
 */
gboolean
kanri_ip_class_from_string (const char   *id,
                            KanriIpClass *klass)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (class_texts); i++)
    {
      if (g_strcmp0 (class_texts[i].id, id) == 0)
        {
          *klass = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
kanri_ip_class_get_label (KanriIpClass klass)
{
  g_return_val_if_fail (klass <= KANRI_IP_CLASS_MICROSOFT, NULL);

  return _(class_texts[klass].label);
}

const char *
kanri_ip_class_get_description (KanriIpClass klass)
{
  g_return_val_if_fail (klass <= KANRI_IP_CLASS_MICROSOFT, NULL);

  return _(class_texts[klass].description);
}

/**
 * kanri_ip_class_is_internal:
 *
 * Returns: %TRUE for addresses that only exist inside one network (private,
 *   loopback, link-local, shared, unique local, reserved). Documentation
 *   addresses stand for public ones in examples and count as public here.
 */
gboolean
kanri_ip_class_is_internal (KanriIpClass klass)
{
  switch (klass)
    {
    case KANRI_IP_CLASS_LOOPBACK:
    case KANRI_IP_CLASS_PRIVATE:
    case KANRI_IP_CLASS_CGNAT:
    case KANRI_IP_CLASS_LINK_LOCAL:
    case KANRI_IP_CLASS_UNIQUE_LOCAL:
    case KANRI_IP_CLASS_RESERVED:
      return TRUE;

    case KANRI_IP_CLASS_PUBLIC:
    case KANRI_IP_CLASS_CLIENT_SUBMITTED:
    case KANRI_IP_CLASS_DOCUMENTATION:
    case KANRI_IP_CLASS_RELAY_POOL:
    case KANRI_IP_CLASS_EOP_OUTBOUND:
    case KANRI_IP_CLASS_MICROSOFT_365:
    case KANRI_IP_CLASS_MICROSOFT:
    default:
      return FALSE;
    }
}
