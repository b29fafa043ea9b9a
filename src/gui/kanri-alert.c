/* kanri-alert.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-alert"

#include "config.h"

#include "kanri-alert.h"

/* libadwaita 1.5 replaced AdwMessageDialog (a window) by AdwAlertDialog (an
 * AdwDialog shown over its parent window). Their response API is the same;
 * only where they belong differs, so callers name the parent widget at
 * kanri_alert_present(). */
#if ADW_CHECK_VERSION (1, 5, 0)
# define KANRI_ALERT(w) ADW_ALERT_DIALOG (w)
# define KANRI_ALERT_CALL(name, ...) adw_alert_dialog_##name (__VA_ARGS__)
#else
# define KANRI_ALERT(w) ADW_MESSAGE_DIALOG (w)
# define KANRI_ALERT_CALL(name, ...) adw_message_dialog_##name (__VA_ARGS__)
#endif

/**
 * kanri_alert_new:
 * @heading: the question
 * @body: (nullable): what it means
 *
 * Returns: (transfer floating): a new alert, not yet shown
 */
GtkWidget *
kanri_alert_new (const char *heading,
                 const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return GTK_WIDGET (adw_alert_dialog_new (heading, body));
#else
  return adw_message_dialog_new (NULL, heading, body);
#endif
}

gboolean
kanri_alert_is_alert (gpointer widget)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return ADW_IS_ALERT_DIALOG (widget);
#else
  return ADW_IS_MESSAGE_DIALOG (widget);
#endif
}

/**
 * kanri_alert_add_responses:
 * @first_id: the first response id, then its label, then more pairs
 *
 * Adds responses in pairs of id and label, ending with %NULL.
 */
void
kanri_alert_add_responses (GtkWidget  *alert,
                           const char *first_id,
                           ...)
{
  va_list args;

  g_return_if_fail (kanri_alert_is_alert (alert));

  va_start (args, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    {
      const char *label = va_arg (args, const char *);

      KANRI_ALERT_CALL (add_response, KANRI_ALERT (alert), id, label);
    }
  va_end (args);
}

void
kanri_alert_set_response_appearance (GtkWidget             *alert,
                                     const char            *response,
                                     AdwResponseAppearance  appearance)
{
  g_return_if_fail (kanri_alert_is_alert (alert));

  KANRI_ALERT_CALL (set_response_appearance, KANRI_ALERT (alert), response, appearance);
}

void
kanri_alert_set_default_response (GtkWidget  *alert,
                                  const char *response)
{
  g_return_if_fail (kanri_alert_is_alert (alert));

  KANRI_ALERT_CALL (set_default_response, KANRI_ALERT (alert), response);
}

void
kanri_alert_set_close_response (GtkWidget  *alert,
                                const char *response)
{
  g_return_if_fail (kanri_alert_is_alert (alert));

  KANRI_ALERT_CALL (set_close_response, KANRI_ALERT (alert), response);
}

void
kanri_alert_set_extra_child (GtkWidget *alert,
                             GtkWidget *child)
{
  g_return_if_fail (kanri_alert_is_alert (alert));

  KANRI_ALERT_CALL (set_extra_child, KANRI_ALERT (alert), child);
}

const char *
kanri_alert_get_heading (GtkWidget *alert)
{
  g_return_val_if_fail (kanri_alert_is_alert (alert), NULL);

  return KANRI_ALERT_CALL (get_heading, KANRI_ALERT (alert));
}

const char *
kanri_alert_get_body (GtkWidget *alert)
{
  g_return_val_if_fail (kanri_alert_is_alert (alert), NULL);

  return KANRI_ALERT_CALL (get_body, KANRI_ALERT (alert));
}

/**
 * kanri_alert_present:
 * @parent: (nullable): a widget in the window the question is about
 *
 * Shows @alert over the window of @parent.
 */
void
kanri_alert_present (GtkWidget *alert,
                     GtkWidget *parent)
{
  g_return_if_fail (kanri_alert_is_alert (alert));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (alert), parent);
#else
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (alert), GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_present (GTK_WINDOW (alert));
#endif
}

#if ADW_CHECK_VERSION (1, 5, 0)
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;

      found = find_button (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}
#endif

/**
 * kanri_alert_respond:
 * @response: a response id of @alert
 *
 * Answers @alert as a click on that response's button would, which closes
 * it (the tests' way to answer).
 */
void
kanri_alert_respond (GtkWidget  *alert,
                     const char *response)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  GtkWidget *button;

  g_return_if_fail (kanri_alert_is_alert (alert));

  /* AdwAlertDialog answers only from its buttons: closing it in code would
   * answer with the close response. */
  button = find_button (alert, adw_alert_dialog_get_response_label (ADW_ALERT_DIALOG (alert), response));
  g_return_if_fail (button != NULL);
  g_signal_emit_by_name (button, "clicked");
#else
  g_return_if_fail (kanri_alert_is_alert (alert));

  g_object_ref (alert);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (alert), response);
  gtk_window_destroy (GTK_WINDOW (alert));
  g_object_unref (alert);
#endif
}
