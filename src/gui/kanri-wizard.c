/* kanri-wizard.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-alert.h"
#include "kanri-list-editor.h"
#include "kanri-spinner.h"
#include "kanri-wizard.h"

/* A guided change in steps, the way Kanri's wizards work (GUI.md: a stack
 * of AdwPreferencesPage with Back and Next, not GtkAssistant): Next is
 * sensitive only when the step is valid; Enter is Next; Escape cancels,
 * asking first when something was typed; the last step commits, and a
 * failure keeps everything as it was, with the service's error on top.
 * The review shows the change's PowerShell, which Copy puts on the
 * clipboard.
 *
 * Subclasses give their steps in their template as
 * <child type="step"><object class="AdwPreferencesPage"> with a title. */
typedef struct
{
  GtkStack       *stack;
  AdwWindowTitle *window_title;
  GtkWidget      *error_bar;
  GtkLabel       *error_label;
  GtkButton      *back_button;
  GtkButton      *next_button;
  KanriSpinner   *spinner;
  AdwStatusPage  *done_page;
  GtkButton      *follow_up_button;

  GPtrArray      *steps;
  guint           step;
  char           *commit_label;
  char           *powershell;
  GCancellable   *cancellable;
  char           *done_title;
  char           *done_description;
  guint           busy : 1;
  guint           done : 1;
  guint           discard_confirmed : 1;
} KanriWizardPrivate;

static void kanri_wizard_buildable_init (GtkBuildableIface *iface);

enum {
  FOLLOW_UP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_CODE (KanriWizard, kanri_wizard, ADW_TYPE_WINDOW,
                         G_ADD_PRIVATE (KanriWizard)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, kanri_wizard_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

static gboolean
step_is_valid (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
  KanriWizardClass *klass = KANRI_WIZARD_GET_CLASS (self);

  if (priv->done)
    return TRUE;
  if (priv->busy || priv->steps->len == 0)
    return FALSE;
  if (klass->step_is_valid == NULL)
    return TRUE;

  return klass->step_is_valid (self, priv->step);
}

static gboolean
is_last_step (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  return priv->steps->len > 0 && priv->step == priv->steps->len - 1;
}

static void
update_title (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
  g_autofree char *subtitle = NULL;

  if (priv->done)
    subtitle = g_strdup (_("Done"));
  else if (priv->steps->len > 1)
    /* Translators: the wizard's progress, e.g. "Step 2 of 5: Name" */
    subtitle = g_strdup_printf (_("Step %u of %u: %s"), priv->step + 1, priv->steps->len,
                                adw_preferences_page_get_title (priv->steps->pdata[priv->step]));

  adw_window_title_set_subtitle (priv->window_title, subtitle);
}

/**
 * kanri_wizard_update:
 *
 * Checks the step again: subclasses call it when their input changes.
 */
void
kanri_wizard_update (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
  const char *label;

  g_return_if_fail (KANRI_IS_WIZARD (self));

  if (priv->done)
    label = _("_Close");
  else if (is_last_step (self) && priv->commit_label != NULL)
    label = priv->commit_label;
  else
    label = _("_Next");

  gtk_button_set_label (priv->next_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", step_is_valid (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back",
                                 !priv->busy && !priv->done && priv->step > 0);
  gtk_widget_set_visible (GTK_WIDGET (priv->back_button), !priv->done);
  gtk_widget_set_visible (GTK_WIDGET (priv->spinner), priv->busy);
  kanri_spinner_set_spinning (priv->spinner, priv->busy);
  update_title (self);
}

/* Puts the focus where typing starts; on a step with nothing to type,
 * on Next, so that Enter goes on rather than pressing another button. */
static void
focus_step (KanriWizard *self,
            GtkWidget   *page)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
  GtkWidget *focus;

  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, page) ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (priv->next_button));
}

static void
show_step (KanriWizard *self,
           guint        step)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
  KanriWizardClass *klass = KANRI_WIZARD_GET_CLASS (self);
  GtkWidget *page = priv->steps->pdata[step];

  priv->step = step;
  if (klass->step_shown != NULL)
    klass->step_shown (self, step);

  gtk_stack_set_visible_child (priv->stack, page);
  kanri_wizard_update (self);

  /* Before the window shows, map() does it. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_step (self, page);
}

guint
kanri_wizard_get_n_steps (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_val_if_fail (KANRI_IS_WIZARD (self), 0);

  return priv->steps->len;
}

guint
kanri_wizard_get_step (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_val_if_fail (KANRI_IS_WIZARD (self), 0);

  return priv->step;
}

/**
 * kanri_wizard_set_step:
 *
 * Shows @step directly, as when a wizard starts on a later step because
 * its first choice was made elsewhere.
 */
void
kanri_wizard_set_step (KanriWizard *self,
                       guint        step)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));
  g_return_if_fail (step < priv->steps->len);
  g_return_if_fail (!priv->done);

  show_step (self, step);
}

gboolean
kanri_wizard_get_done (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_val_if_fail (KANRI_IS_WIZARD (self), FALSE);

  return priv->done;
}

/**
 * kanri_wizard_set_commit_label:
 * @label: the Next button's label on the last step ("_Create Connector")
 */
void
kanri_wizard_set_commit_label (KanriWizard *self,
                               const char  *label)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));

  g_free (priv->commit_label);
  priv->commit_label = g_strdup (label);
  kanri_wizard_update (self);
}

gboolean
kanri_wizard_can_go_next (KanriWizard *self)
{
  g_return_val_if_fail (KANRI_IS_WIZARD (self), FALSE);

  return step_is_valid (self);
}

/**
 * kanri_wizard_go_next:
 *
 * What Next does: the next step, the commit on the last one, closing once
 * done. Nothing when the step is not valid.
 */
void
kanri_wizard_go_next (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));

  if (!step_is_valid (self))
    return;

  if (priv->done)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (is_last_step (self))
    {
      kanri_wizard_show_error (self, NULL);
      KANRI_WIZARD_GET_CLASS (self)->commit (self);
      return;
    }

  show_step (self, priv->step + 1);
}

void
kanri_wizard_go_back (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));

  if (priv->busy || priv->done || priv->step == 0)
    return;

  kanri_wizard_show_error (self, NULL);
  show_step (self, priv->step - 1);
}

/**
 * kanri_wizard_set_busy:
 *
 * While the change is on its way, nothing can be changed, and the wizard
 * cannot be closed: the outcome must be seen.
 */
void
kanri_wizard_set_busy (KanriWizard *self,
                       gboolean     busy)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));

  priv->busy = !!busy;
  gtk_widget_set_sensitive (GTK_WIDGET (priv->stack), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.cancel", !busy);
  kanri_wizard_update (self);
}

gboolean
kanri_wizard_get_busy (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_val_if_fail (KANRI_IS_WIZARD (self), FALSE);

  return priv->busy;
}

/**
 * kanri_wizard_show_error:
 * @message: (nullable): what went wrong, or %NULL to hide the last error
 */
void
kanri_wizard_show_error (KanriWizard *self,
                         const char  *message)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));

  gtk_label_set_label (priv->error_label, message ? message : "");
  gtk_widget_set_visible (priv->error_bar, message != NULL);
}

/**
 * kanri_wizard_get_error:
 *
 * Returns: (nullable): the error shown
 */
const char *
kanri_wizard_get_error (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_val_if_fail (KANRI_IS_WIZARD (self), NULL);

  if (!gtk_widget_get_visible (priv->error_bar))
    return NULL;

  return gtk_label_get_label (priv->error_label);
}

/**
 * kanri_wizard_set_follow_up:
 * @label: (nullable): the button's label, with a mnemonic; %NULL for none
 *
 * The done page offers the next step, as a button that emits
 * KanriWizard::follow-up and closes the wizard.
 */
void
kanri_wizard_set_follow_up (KanriWizard *self,
                            const char  *label)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));

  gtk_button_set_label (priv->follow_up_button, label);
  gtk_widget_set_visible (GTK_WIDGET (priv->follow_up_button), label != NULL);
}

/**
 * kanri_wizard_show_done:
 *
 * The change went through: the last page says so, and Next closes.
 */
void
kanri_wizard_show_done (KanriWizard *self,
                        const char  *title,
                        const char  *description)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));

  priv->done = TRUE;
  priv->busy = FALSE;
  adw_status_page_set_title (priv->done_page, title);
  adw_status_page_set_description (priv->done_page, description);
  gtk_stack_set_visible_child (priv->stack, GTK_WIDGET (priv->done_page));
  kanri_wizard_show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (priv->stack), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.cancel", TRUE);
  kanri_wizard_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (priv->next_button));
}

static gboolean
has_input (KanriWizard *self)
{
  KanriWizardClass *klass = KANRI_WIZARD_GET_CLASS (self);

  return klass->has_input != NULL && klass->has_input (self);
}

static gboolean
close_discarded_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (KanriWizard *self,
                     const char  *response)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  if (!g_str_equal (response, "discard"))
    return;

  /* Once the dialog, transient for this window, has closed itself. */
  priv->discard_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_discarded_cb, g_object_ref (self), g_object_unref);
}

static void
confirm_discard (KanriWizard *self)
{
  GtkWidget *dialog;

  dialog = kanri_alert_new (_("Discard What You Entered?"),
                            _("The wizard closes and nothing is changed in the tenant."));
  kanri_alert_add_responses (dialog,
                             "keep", _("_Keep Editing"),
                             "discard", _("_Discard"),
                             NULL);
  kanri_alert_set_response_appearance (dialog, "discard",
                                       ADW_RESPONSE_DESTRUCTIVE);
  kanri_alert_set_default_response (dialog, "keep");
  kanri_alert_set_close_response (dialog, "keep");

  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  kanri_alert_present (dialog, GTK_WIDGET (self));
}

static gboolean
kanri_wizard_close_request (GtkWindow *window)
{
  KanriWizard *self = KANRI_WIZARD (window);
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  if (priv->busy)
    return TRUE;

  if (!priv->done && !priv->discard_confirmed && has_input (self))
    {
      confirm_discard (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (kanri_wizard_parent_class)->close_request (window);
}

/**
 * kanri_wizard_cancel:
 *
 * What Escape does: closes, asking first if something would be lost.
 */
void
kanri_wizard_cancel (KanriWizard *self)
{
  g_return_if_fail (KANRI_IS_WIZARD (self));

  gtk_window_close (GTK_WINDOW (self));
}

/**
 * kanri_wizard_set_review_cmdlet:
 * @cmdlet: (nullable): the change the review shows, or %NULL for none
 *
 * Keeps the PowerShell of @cmdlet, exactly as the operation journal will
 * have it, for the review to show and Copy to copy.
 */
void
kanri_wizard_set_review_cmdlet (KanriWizard *self,
                                KanriCmdlet *cmdlet)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));

  g_clear_pointer (&priv->powershell, g_free);
  if (cmdlet != NULL)
    priv->powershell = kanri_cmdlet_to_powershell (cmdlet);
}

/**
 * kanri_wizard_get_powershell:
 *
 * Returns: (nullable): the PowerShell the review shows
 */
const char *
kanri_wizard_get_powershell (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_val_if_fail (KANRI_IS_WIZARD (self), NULL);

  return priv->powershell;
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(KanriWizard) self = user_data;
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  kanri_wizard_set_busy (self, FALSE);

  if (kanri_tenant_run_finish (KANRI_TENANT (object), result, &error) != 0)
    kanri_wizard_show_done (self, priv->done_title, priv->done_description);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kanri_wizard_show_error (self, error->message);
}

/**
 * kanri_wizard_run:
 * @summary: the change on the Operations page
 * @done_title: the last page's title once the change went through
 * @done_description: what the last page says then
 *
 * Makes the change through the operation journal, busy meanwhile; then
 * shows the last page, or the service's error on the step as it was.
 */
void
kanri_wizard_run (KanriWizard *self,
                  KanriTenant *tenant,
                  KanriCmdlet *cmdlet,
                  const char  *summary,
                  const char  *done_title,
                  const char  *done_description)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (KANRI_IS_WIZARD (self));
  g_return_if_fail (KANRI_IS_TENANT (tenant));
  g_return_if_fail (cmdlet != NULL);

  g_free (priv->done_title);
  priv->done_title = g_strdup (done_title);
  g_free (priv->done_description);
  priv->done_description = g_strdup (done_description);

  kanri_wizard_set_busy (self, TRUE);
  kanri_tenant_run_async (tenant, cmdlet, summary, priv->cancellable, run_cb, g_object_ref (self));
}

/* Enter goes to the next step from anywhere in the step, except where it
 * has a meaning of its own: on a button (Back, Copy, Remove…), in a text
 * field that handles it (a list's entry adds what was typed), in a text
 * view. */
static gboolean
enter_is_taken (GtkWidget *focus)
{
  if (focus == NULL)
    return FALSE;

  if (gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) != NULL ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_TEXT_VIEW) != NULL)
    return TRUE;

  return GTK_IS_TEXT (focus) &&
         gtk_widget_get_ancestor (focus, KANRI_TYPE_LIST_EDITOR) != NULL &&
         *gtk_editable_get_text (GTK_EDITABLE (focus)) != '\0';
}

static gboolean
key_pressed_cb (KanriWizard           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      kanri_wizard_cancel (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (enter_is_taken (focus))
        return FALSE;
      kanri_wizard_go_next (self);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kanri_wizard_go_next (KANRI_WIZARD (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kanri_wizard_go_back (KANRI_WIZARD (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kanri_wizard_cancel (KANRI_WIZARD (widget));
}

/* The done page's next step: the wizard closes, and whoever opened it opens
 * the next one. */
static void
follow_up_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[FOLLOW_UP], 0);
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
copy_powershell_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (KANRI_WIZARD (widget));

  if (priv->powershell != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), priv->powershell);
}

static void
add_step (KanriWizard *self,
          GtkWidget   *page)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_return_if_fail (ADW_IS_PREFERENCES_PAGE (page));

  g_ptr_array_add (priv->steps, page);
  gtk_stack_add_named (priv->stack, page, adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (page)));
  /* No kanri_wizard_update() here: the subclass's template is being
   * built, its widgets are not bound yet. It updates once they are. */
  if (priv->steps->len == 1)
    gtk_stack_set_visible_child (priv->stack, page);
}

static void
kanri_wizard_add_child (GtkBuildable *buildable,
                        GtkBuilder   *builder,
                        GObject      *child,
                        const char   *type)
{
  if (g_strcmp0 (type, "step") == 0)
    add_step (KANRI_WIZARD (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
kanri_wizard_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = kanri_wizard_add_child;
}

static void
kanri_wizard_map (GtkWidget *widget)
{
  KanriWizard *self = KANRI_WIZARD (widget);
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  GTK_WIDGET_CLASS (kanri_wizard_parent_class)->map (widget);

  if (!priv->done && priv->steps->len > 0 && gtk_root_get_focus (GTK_ROOT (self)) == NULL)
    focus_step (self, priv->steps->pdata[priv->step]);
}

static void
kanri_wizard_dispose (GObject *object)
{
  KanriWizard *self = (KanriWizard *)object;
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);

  G_OBJECT_CLASS (kanri_wizard_parent_class)->dispose (object);
}

static void
kanri_wizard_finalize (GObject *object)
{
  KanriWizard *self = (KanriWizard *)object;
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);

  g_clear_pointer (&priv->steps, g_ptr_array_unref);
  g_free (priv->commit_label);
  g_free (priv->powershell);
  g_clear_object (&priv->cancellable);
  g_free (priv->done_title);
  g_free (priv->done_description);

  G_OBJECT_CLASS (kanri_wizard_parent_class)->finalize (object);
}

static void
kanri_wizard_class_init (KanriWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kanri_wizard_dispose;
  object_class->finalize = kanri_wizard_finalize;
  widget_class->map = kanri_wizard_map;
  window_class->close_request = kanri_wizard_close_request;

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.copy-powershell", NULL, copy_powershell_action);
  gtk_widget_class_install_action (widget_class, "wizard.follow-up", NULL, follow_up_action);

  /**
   * KanriWizard::follow-up:
   *
   * The done page's follow-up button was pressed (see
   * kanri_wizard_set_follow_up()); the wizard closes after.
   */
  signals[FOLLOW_UP] =
    g_signal_new ("follow-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
create_button_bar (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 12);

  priv->back_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Back")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->back_button), "wizard.back");

  priv->spinner = KANRI_SPINNER (kanri_spinner_new ());
  gtk_widget_set_hexpand (spacer, TRUE);

  priv->next_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Next")));
  gtk_widget_set_name (GTK_WIDGET (priv->next_button), "wizard-next");
  gtk_button_set_use_underline (priv->next_button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->next_button), "wizard.next");
  gtk_widget_add_css_class (GTK_WIDGET (priv->next_button), "suggested-action");

  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (priv->back_button));
  gtk_box_append (GTK_BOX (bar), spacer);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (priv->spinner));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (priv->next_button));

  return bar;
}

static GtkWidget *
create_error_bar (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_top (icon, 12);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "error");
  priv->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (priv->error_label, TRUE);
  gtk_label_set_xalign (priv->error_label, 0);
  gtk_label_set_selectable (priv->error_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (priv->error_label), TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (priv->error_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (priv->error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (priv->error_label), 12);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (priv->error_label));

  /* Shown and hidden, not revealed: a revealer's sliding height and a
   * wrapping label disagree about their size in GTK 4.8. */
  priv->error_bar = box;
  gtk_widget_set_visible (box, FALSE);

  return box;
}

static void
kanri_wizard_init (KanriWizard *self)
{
  KanriWizardPrivate *priv = kanri_wizard_get_instance_private (self);
#if ADW_CHECK_VERSION (1, 4, 0)
  GtkWidget *content = adw_toolbar_view_new ();
#else
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
#endif
  GtkWidget *header = adw_header_bar_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  priv->steps = g_ptr_array_new ();
  priv->cancellable = g_cancellable_new ();

  priv->window_title = ADW_WINDOW_TITLE (adw_window_title_new (NULL, NULL));
  g_object_bind_property (self, "title", priv->window_title, "title", G_BINDING_SYNC_CREATE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (priv->window_title));

  priv->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (priv->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_vexpand (GTK_WIDGET (priv->stack), TRUE);

  priv->done_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (priv->done_page, "emblem-ok-symbolic");
  priv->follow_up_button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_use_underline (priv->follow_up_button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->follow_up_button), "wizard.follow-up");
  gtk_widget_set_halign (GTK_WIDGET (priv->follow_up_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (priv->follow_up_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (priv->follow_up_button), "suggested-action");
  gtk_widget_set_visible (GTK_WIDGET (priv->follow_up_button), FALSE);
  adw_status_page_set_child (priv->done_page, GTK_WIDGET (priv->follow_up_button));
  gtk_stack_add_named (priv->stack, GTK_WIDGET (priv->done_page), "done");

  /* AdwToolbarView (libadwaita 1.4) draws the bars' edges itself, as the
   * header bar and a separator do before it. */
#if ADW_CHECK_VERSION (1, 4, 0)
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (content), header);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (content), create_error_bar (self));
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (content), GTK_WIDGET (priv->stack));
  adw_toolbar_view_add_bottom_bar (ADW_TOOLBAR_VIEW (content), create_button_bar (self));
  adw_toolbar_view_set_top_bar_style (ADW_TOOLBAR_VIEW (content), ADW_TOOLBAR_RAISED);
  adw_toolbar_view_set_bottom_bar_style (ADW_TOOLBAR_VIEW (content), ADW_TOOLBAR_RAISED_BORDER);
#else
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), create_error_bar (self));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (priv->stack));
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (content), create_button_bar (self));
#endif
  adw_window_set_content (ADW_WINDOW (self), content);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_window_set_default_size (GTK_WINDOW (self), 720, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (priv->next_button));

  kanri_wizard_update (self);
}
