/* kanri-connector.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-connector"

#include "config.h"

#include "kanri-connector.h"
#include "kanri-ip.h"

/* An inbound connector of the local model, as read at one moment. */
struct _KanriConnector
{
  GObject  parent_instance;

  char    *guid;
  char    *name;
  char    *connector_type;
  char    *sender_ip_addresses;
  char    *certificate_name;
  char    *sender_domains;
  char    *ef_skip_ips;
  char    *ef_users;
  char    *comment;
  guint    enabled : 1;
  guint    require_tls : 1;
  guint    restrict_to_ip_addresses : 1;
  guint    restrict_to_certificate : 1;
  guint    ef_skip_last_ip : 1;
};

G_DEFINE_FINAL_TYPE (KanriConnector, kanri_connector, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_CONNECTOR_TYPE,
  PROP_ENABLED,
  PROP_SENDER_IP_ADDRESSES,
  PROP_REQUIRE_TLS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_connector_finalize (GObject *object)
{
  KanriConnector *self = (KanriConnector *)object;

  g_free (self->guid);
  g_free (self->name);
  g_free (self->connector_type);
  g_free (self->sender_ip_addresses);
  g_free (self->certificate_name);
  g_free (self->sender_domains);
  g_free (self->ef_skip_ips);
  g_free (self->ef_users);
  g_free (self->comment);

  G_OBJECT_CLASS (kanri_connector_parent_class)->finalize (object);
}

static void
kanri_connector_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KanriConnector *self = KANRI_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CONNECTOR_TYPE:
      g_value_set_string (value, self->connector_type);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_SENDER_IP_ADDRESSES:
      g_value_set_string (value, self->sender_ip_addresses);
      break;
    case PROP_REQUIRE_TLS:
      g_value_set_boolean (value, self->require_tls);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_connector_class_init (KanriConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kanri_connector_finalize;
  object_class->get_property = kanri_connector_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CONNECTOR_TYPE] = g_param_spec_string ("connector-type", NULL, NULL, NULL, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, flags);
  properties[PROP_SENDER_IP_ADDRESSES] = g_param_spec_string ("sender-ip-addresses", NULL, NULL,
                                                              NULL, flags);
  properties[PROP_REQUIRE_TLS] = g_param_spec_boolean ("require-tls", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_connector_init (KanriConnector *self)
{
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

/**
 * kanri_connector_new_from_row:
 * @stmt: a row of KANRI_CONNECTOR_COLUMNS
 */
KanriConnector *
kanri_connector_new_from_row (sqlite3_stmt *stmt)
{
  KanriConnector *self = g_object_new (KANRI_TYPE_CONNECTOR, NULL);

  self->guid = dup_column (stmt, 0);
  self->name = dup_column (stmt, 1);
  self->connector_type = dup_column (stmt, 2);
  self->enabled = sqlite3_column_int (stmt, 3) != 0;
  self->sender_ip_addresses = dup_column (stmt, 4);
  self->certificate_name = dup_column (stmt, 5);
  self->require_tls = sqlite3_column_int (stmt, 6) != 0;
  self->restrict_to_ip_addresses = sqlite3_column_int (stmt, 7) != 0;
  self->restrict_to_certificate = sqlite3_column_int (stmt, 8) != 0;
  self->sender_domains = dup_column (stmt, 9);
  self->ef_skip_last_ip = sqlite3_column_int (stmt, 10) != 0;
  self->ef_skip_ips = dup_column (stmt, 11);
  self->ef_users = dup_column (stmt, 12);
  self->comment = dup_column (stmt, 13);

  return self;
}

const char *
kanri_connector_get_guid (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->guid;
}

const char *
kanri_connector_get_name (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->name;
}

const char *
kanri_connector_get_connector_type (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->connector_type;
}

gboolean
kanri_connector_get_enabled (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), FALSE);
  return self->enabled;
}

/**
 * kanri_connector_get_sender_ip_addresses:
 *
 * Returns: the sender IP addresses, comma-separated
 */
const char *
kanri_connector_get_sender_ip_addresses (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->sender_ip_addresses;
}

/**
 * kanri_connector_covers_ip:
 * @ip: an IPv4 or IPv6 address
 *
 * Returns: whether @ip is one of the connector's SenderIPAddresses (an
 *   address or within a range): mail from it can arrive through it
 */
gboolean
kanri_connector_covers_ip (KanriConnector *self,
                           const char     *ip)
{
  g_auto(GStrv) entries = NULL;
  KanriIp address;

  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), FALSE);

  if (ip == NULL || self->sender_ip_addresses == NULL || !kanri_ip_parse (ip, &address, NULL))
    return FALSE;

  entries = g_strsplit (self->sender_ip_addresses, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      KanriIpRange range;

      if (kanri_ip_range_parse (g_strstrip (entries[i]), &range, NULL) &&
          kanri_ip_range_contains (&range, &address))
        return TRUE;
    }

  return FALSE;
}

const char *
kanri_connector_get_certificate_name (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->certificate_name;
}

gboolean
kanri_connector_get_require_tls (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), FALSE);
  return self->require_tls;
}

gboolean
kanri_connector_get_restrict_to_ip_addresses (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), FALSE);
  return self->restrict_to_ip_addresses;
}

gboolean
kanri_connector_get_restrict_to_certificate (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), FALSE);
  return self->restrict_to_certificate;
}

const char *
kanri_connector_get_sender_domains (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->sender_domains;
}

/**
 * kanri_connector_get_enhanced_filtering:
 *
 * Which of the Defender portal's three "Skip IP addresses" choices the
 * connector's EFSkipLastIP and EFSkipIPs amount to.
 */
KanriEnhancedFiltering
kanri_connector_get_enhanced_filtering (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), KANRI_ENHANCED_FILTERING_OFF);

  if (self->ef_skip_last_ip)
    return KANRI_ENHANCED_FILTERING_SKIP_LAST_IP;
  if (*self->ef_skip_ips != '\0')
    return KANRI_ENHANCED_FILTERING_SKIP_IPS;
  return KANRI_ENHANCED_FILTERING_OFF;
}

const char *
kanri_connector_get_ef_skip_ips (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->ef_skip_ips;
}

/**
 * kanri_connector_get_ef_users:
 *
 * Returns: the recipients enhanced filtering applies to, comma-separated;
 *   empty for the whole organization
 */
const char *
kanri_connector_get_ef_users (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->ef_users;
}

const char *
kanri_connector_get_comment (KanriConnector *self)
{
  g_return_val_if_fail (KANRI_IS_CONNECTOR (self), NULL);
  return self->comment;
}
