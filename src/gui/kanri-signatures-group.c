/* kanri-signatures-group.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-signatures-group"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-signatures-group.h"

/* The Header Analyzer's "Signatures" section: what Kanri found when it
 * verified the message's DKIM signatures and ARC chain again, beside what
 * the receiving server claimed in Authentication-Results. It shows the
 * "signatures" object of the report's JSON, so a report opened again from
 * the history shows the same. */
struct _KanriSignaturesGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkLabel            *notice_label;
  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (KanriSignaturesGroup, kanri_signatures_group, ADW_TYPE_PREFERENCES_GROUP)

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : 0;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* RFC 8601 result names, as an admin reads them. */
static const char *
result_label (const char *result)
{
  if (g_strcmp0 (result, "pass") == 0)
    return C_("signature result", "Pass");
  if (g_strcmp0 (result, "fail") == 0)
    return C_("signature result", "Fail");
  if (g_strcmp0 (result, "neutral") == 0)
    return C_("signature result", "Neutral");
  if (g_strcmp0 (result, "policy") == 0)
    return C_("signature result", "Refused by Policy");
  if (g_strcmp0 (result, "temperror") == 0)
    return C_("signature result", "Temporary Error");
  if (g_strcmp0 (result, "permerror") == 0)
    return C_("signature result", "Permanent Error");
  if (g_strcmp0 (result, "none") == 0)
    return C_("signature result", "None");
  return result;
}

static const char *
result_style (const char *result)
{
  if (g_strcmp0 (result, "pass") == 0)
    return "success";
  if (g_strcmp0 (result, "fail") == 0 || g_strcmp0 (result, "permerror") == 0)
    return "error";
  return "warning";
}

/* Text from the message is shown as it is, never as markup. */
static GtkWidget *
new_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static GtkWidget *
new_result_label (const char *result)
{
  GtkWidget *label = gtk_label_new (result_label (result));

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, result_style (result));
  return label;
}

static void
add_dkim_row (KanriSignaturesGroup *self,
              JsonObject           *signature)
{
  const char *domain = member_string (signature, "domain");
  const char *selector = member_string (signature, "selector");
  const char *algorithm = member_string (signature, "algorithm");
  const char *result = member_string (signature, "result");
  const char *message = member_string (signature, "message");
  gint64 bits = member_int (signature, "key_bits");
  g_autofree char *title = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: a DKIM signature in the Signatures section: its signing
   * domain (d=) and selector (s=), e.g. "fabrikam.example, selector s1" */
  title = g_strdup_printf (_("%s, selector %s"), domain != NULL ? domain : "—",
                           selector != NULL ? selector : "—");
  if (bits > 0)
    /* Translators: a DKIM signature's algorithm and key size, e.g. "rsa-sha256, 2048-bit key" */
    facts = g_strdup_printf (_("%s, %u-bit key"), algorithm != NULL ? algorithm : "—", (guint)bits);
  else
    facts = g_strdup (algorithm != NULL ? algorithm : "—");
  subtitle = message != NULL ? g_strconcat (facts, "\n", message, NULL) : g_steal_pointer (&facts);

  row = new_row (title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_result_label (result));
  gtk_list_box_append (self->list, row);
}

static void
add_arc_row (KanriSignaturesGroup *self,
             JsonObject           *arc)
{
  JsonArray *instances = member_array (arc, "instances");
  guint n = instances != NULL ? json_array_get_length (instances) : 0;
  const char *result = member_string (arc, "result");
  const char *message = member_string (arc, "message");
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *expander;

  if (n == 0)
    {
      GtkWidget *row = new_row (_("ARC Chain"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The message carries no ARC set."));
      gtk_list_box_append (self->list, row);
      return;
    }

  count = g_strdup_printf (ngettext ("%u set", "%u sets", n), n);
  subtitle = message != NULL ? g_strconcat (count, "\n", message, NULL) : g_steal_pointer (&count);

  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("ARC Chain"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), new_result_label (result));

  for (guint i = 0; i < n; i++)
    {
      JsonObject *set = json_array_get_object_element (instances, i);
      const char *seal = member_string (set, "seal");
      const char *ams = member_string (set, "message_signature");
      g_autofree char *title = NULL;
      g_autofree char *detail = NULL;
      GtkWidget *row;

      /* Translators: one ARC set: its instance (i=), sealing domain and selector,
       * e.g. "Instance 2: contoso.example, selector arc1" */
      title = g_strdup_printf (_("Instance %u: %s, selector %s"), (guint)member_int (set, "instance"),
                               member_string (set, "domain") != NULL ? member_string (set, "domain") : "—",
                               member_string (set, "selector") != NULL ? member_string (set, "selector") : "—");
      /* Translators: the results of one ARC set's seal and message signature,
       * and the chain status the seal declared (cv=), e.g.
       * "Seal: Pass, message signature: Fail, cv=pass" */
      detail = g_strdup_printf (_("Seal: %s, message signature: %s, cv=%s"),
                                seal != NULL ? result_label (seal) : "—",
                                ams != NULL ? result_label (ams) : "—",
                                member_string (set, "cv") != NULL ? member_string (set, "cv") : "—");
      row = new_row (title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  gtk_list_box_append (self->list, expander);
}

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/**
 * kanri_signatures_group_show:
 * @signatures: (nullable): the "signatures" member of a report's JSON
 *
 * Shows the verdicts, or why there are none.
 */
void
kanri_signatures_group_show (KanriSignaturesGroup *self,
                             JsonObject           *signatures)
{
  const char *status = member_string (signatures, "status");
  JsonArray *dkim = member_array (signatures, "dkim");
  guint n = dkim != NULL ? json_array_get_length (dkim) : 0;
  gint64 unverified = member_int (signatures, "unverified");

  g_return_if_fail (KANRI_IS_SIGNATURES_GROUP (self));

  list_box_clear (self->list);
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);

  if (g_strcmp0 (status, "verified") != 0)
    {
      const char *message = member_string (signatures, "message");

      /* Reports saved before Kanri verified signatures have no such member. */
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             message != NULL ? message :
                                             _("The signatures of this message were not verified."));
      return;
    }

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _("Kanri verified each signature again on the message as received, with the signer’s public key from DNS. Authentication above shows what the receiving server claimed."));
  gtk_widget_set_visible (GTK_WIDGET (self->list), TRUE);

  for (guint i = 0; i < n; i++)
    add_dkim_row (self, json_array_get_object_element (dkim, i));

  if (n == 0)
    {
      GtkWidget *row = new_row (_("DKIM"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The message carries no DKIM signature."));
      gtk_list_box_append (self->list, row);
    }

  if (unverified > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u more signature was not verified: Kanri verifies the first ones only.",
                                                         "%u more signatures were not verified: Kanri verifies the first ones only.",
                                                         (gulong)unverified),
                                               (guint)unverified);
      GtkWidget *row = new_row (text);

      gtk_list_box_append (self->list, row);
    }

  add_arc_row (self, member_object (signatures, "arc"));
}

/**
 * kanri_signatures_group_set_notice:
 * @notice: (nullable): where the keys came from, when not from DNS
 */
void
kanri_signatures_group_set_notice (KanriSignaturesGroup *self,
                                   const char           *notice)
{
  g_return_if_fail (KANRI_IS_SIGNATURES_GROUP (self));

  gtk_label_set_label (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
}

static void
kanri_signatures_group_class_init (KanriSignaturesGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kanri/Kanri/kanri-signatures-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriSignaturesGroup, list);
  gtk_widget_class_bind_template_child (widget_class, KanriSignaturesGroup, notice_label);
}

static void
kanri_signatures_group_init (KanriSignaturesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
