/* test-layout.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-analyzer-page.h"
#include "kanri-application.h"
#include "kanri-connectors-page.h"
#include "kanri-i18n.h"
#include "kanri-operations-page.h"
#include "kanri-wizard.h"
#include "kanri-test-gui.h"
#include "kanri-test-measure.h"
#include "kanri-window.h"

/* Every page of the real window, on the demo tenant, at a phone's width, a
 * small laptop's and a wide screen's, light and dark. meson runs this once
 * per font set and language (tests/fontconfig-set.sh; LANGUAGE), with
 * warnings fatal: a measure that breaks GTK's rules for one font's metrics
 * aborts in GTK itself, and kanri_test_find_bad_measure() finds the ones
 * that this font happens not to trip. */

static const int widths[] = { 360, 600, 800, 1100, 1400 };

static const char *const page_ids[] = { "overview", "connectors", "analyzer", "recoverable-items",
                                        "auditing", "delivery", "dns", "operations" };

static KanriApplication *the_app;

static KanriWindow *
the_window (void)
{
  return KANRI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (the_app)));
}

static gboolean
demo_synced (gpointer data)
{
  KanriTenants *tenants = kanri_window_get_tenants (the_window ());
  KanriTenant *current = tenants != NULL ? kanri_tenants_get_current (tenants) : NULL;

  return current != NULL && kanri_tenant_get_last_sync (current) != NULL &&
         !kanri_tenant_get_syncing (current);
}

static gboolean
analysis_done (gpointer data)
{
  KanriAnalysis *analysis = kanri_analyzer_page_get_current (data);

  return analysis != NULL && kanri_analysis_get_state (analysis) == KANRI_ANALYSIS_DONE;
}

static KanriAnalyzerPage *
analyzer_page (void)
{
  return KANRI_ANALYZER_PAGE (kanri_window_get_page (the_window (), "analyzer"));
}

static void
ran_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  /* A refused change is fine: the journal lists failures too. */
  kanri_tenant_run_finish (KANRI_TENANT (object), result, &error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/* A change through the journal, for the Operations page to list. */
static void
run_change (const char *powershell,
            const char *summary)
{
  KanriTenant *tenant = kanri_tenants_get_current (kanri_window_get_tenants (the_window ()));
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_parse (powershell, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  kanri_tenant_run_async (tenant, cmdlet, summary, NULL, ran_cb, &done);
  g_assert_true (kanri_test_wait_for (is_true, &done, 20000));
}

/* The window with the demo tenant synced, a report open on the Header
 * Analyzer and changes in the journal, so that the pages show what a user
 * sees, not their empty states. Once for the whole program, as the app
 * runs. */
static void
open_window_once (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (gtk_application_get_active_window (GTK_APPLICATION (the_app)) != NULL)
    return;

  g_application_activate (G_APPLICATION (the_app));
  g_assert_nonnull (the_window ());
  g_assert_true (kanri_test_wait_for (demo_synced, NULL, 30000));
  /* Every page measured from the start: the window's minimum width is
   * theirs, even before the window has built the ones not yet shown. */
  for (guint i = 0; i < G_N_ELEMENTS (page_ids); i++)
    g_assert_nonnull (kanri_window_get_page (the_window (), page_ids[i]));

  path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", "enhanced-filtering.eml", NULL);
  file = g_file_new_for_path (path);
  kanri_analyzer_page_add_file (analyzer_page (), file);
  g_assert_true (kanri_test_wait_for (analysis_done, analyzer_page (), 10000));

  run_change ("Set-TransportConfig -MessageExpiration 1.00:00:00", "Message expiration: 1 day");
  run_change ("Set-Mailbox -Identity \"no-such-mailbox@contoso.com\" -DefaultAuditSet Admin,Delegate,Owner",
              "Audit settings of no-such-mailbox@contoso.com reset to the defaults");
}

typedef struct
{
  int      width;
  gboolean dark;
} Layout;

static gboolean
window_has_width (gpointer data)
{
  const Layout *layout = data;

  /* Client-side decorations take a few pixels of the default size. */
  return ABS (gtk_widget_get_width (GTK_WIDGET (the_window ())) - layout->width) <= 20;
}

static void
test_translated (void)
{
  const char *language = g_getenv ("LANGUAGE");

  open_window_once ();

  /* A Japanese run that fell back to English would prove nothing. */
  if (g_str_has_prefix (language, "ja"))
    g_assert_cmpstr (_("Overview"), ==, "概要");
  else
    g_assert_cmpstr (_("Overview"), ==, "Overview");
}

static void
test_font_set (void)
{
  PangoContext *context;
  g_autofree char *font_name = NULL;
  g_autoptr(PangoFont) font = NULL;
  g_autoptr(PangoFontDescription) used = NULL;
  g_auto(GStrv) families = g_strsplit (g_getenv ("KANRI_TEST_FONT_FAMILIES"), ";", -1);

  open_window_once ();
  context = gtk_widget_get_pango_context (GTK_WIDGET (the_window ()));
  g_object_get (gtk_settings_get_default (), "gtk-font-name", &font_name, NULL);
  g_assert_cmpstr (font_name, ==, g_getenv ("KANRI_TEST_FONT_NAME"));

  /* The window's text is drawn with a font of the set. */
  font = pango_context_load_font (context, pango_context_get_font_description (context));
  g_assert_nonnull (font);
  used = pango_font_describe (font);
  g_assert_true (g_strv_contains ((const char *const *)families,
                                  pango_font_description_get_family (used)));
}

/* An operation selected: its PowerShell, with Copy, shows under the list at
 * every width. */
static void
select_first_operation (void)
{
  GtkWidget *page = GTK_WIDGET (kanri_window_get_page (the_window (), "operations"));
  GtkWidget *list = kanri_test_find_by_id (page, "list_view");
  GtkWidget *copy;

  g_assert_true (GTK_IS_LIST_VIEW (list));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list))), 0);
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (the_window ())));

  copy = kanri_test_find_child (page, GTK_TYPE_BUTTON, _("_Copy PowerShell"));
  g_assert_nonnull (copy);
  g_assert_true (gtk_widget_get_mapped (copy));
}

static gboolean
no_cut_text (gpointer data)
{
  g_autofree char *cut = kanri_test_find_cut_text (data);

  return cut == NULL;
}

static void
test_pages (gconstpointer data)
{
  const Layout *layout = data;
  const char *font_set = g_getenv ("KANRI_FONT_SET") != NULL ? g_getenv ("KANRI_FONT_SET") : "dejavu";
  const char *language = g_getenv ("LANGUAGE");
  KanriWindow *window;
  GtkWidget *content;
  int minimum = 0;
  gboolean reached;

  open_window_once ();
  window = the_window ();

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      layout->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                   : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), layout->width, 760);
  reached = kanri_test_wait_for (window_has_width, (gpointer)layout, 5000);

  /* The window can be that narrow: no page asks for more. (Its content:
   * the window around it adds the frame of client-side decorations.)
   * Measured at that width: from libadwaita 1.4 a breakpoint lays the
   * window out anew for it, the page list over the page. */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > layout->width)
    {
      g_autofree char *widest = kanri_test_describe_widest (content, layout->width);

      g_error ("The window cannot be %d px wide: %s", layout->width, widest);
    }
  g_assert_true (reached);

  for (guint i = 0; i < G_N_ELEMENTS (page_ids); i++)
    {
      g_autofree char *problem = NULL;
      g_autofree char *cut = NULL;
      g_autofree char *shot = NULL;

      g_assert_true (kanri_window_show_page (window, page_ids[i]));
      if (g_str_equal (page_ids[i], "operations"))
        select_first_operation ();
      kanri_test_iterate (50);
      g_assert_true (kanri_test_wait_settled (GTK_WIDGET (window)));

      problem = kanri_test_find_bad_measure (GTK_WIDGET (window));
      if (problem != NULL)
        g_error ("The %s page at %d px (%s, font set %s, %s): %s", page_ids[i], layout->width,
                 layout->dark ? "dark" : "light", font_set, language, problem);

      /* No text is drawn shortened: a table's column widens to its
       * longest text, a report wraps. */
      if (!kanri_test_wait_for (no_cut_text, window, 2000))
        {
          g_autofree char *cut_text = kanri_test_find_cut_text (GTK_WIDGET (window));

          g_error ("Text is cut on the %s page at %d px (%s, font set %s, %s): %s", page_ids[i],
                   layout->width, layout->dark ? "dark" : "light", font_set, language, cut_text);
        }

      /* No button's label is cut, at any width, in either language. */
      cut = kanri_test_find_cut_buttons (GTK_WIDGET (window));
      if (cut != NULL)
        g_error ("A button is cut on the %s page at %d px (%s, font set %s, %s): %s", page_ids[i],
                 layout->width, layout->dark ? "dark" : "light", font_set, language, cut);

      shot = g_strdup_printf ("layout-%s-%s-%s-%d-%s", font_set, language,
                              layout->dark ? "dark" : "light", layout->width, page_ids[i]);
      kanri_test_save_screenshot (GTK_WIDGET (window), shot);
    }
}

/* Every step of the connector wizards, as narrow as a phone and as wide as
 * a laptop: the same rules, and no button cut. */
static void
check_wizard (const char *action,
              GVariant   *target,
              const char *name)
{
  const char *font_set = g_getenv ("KANRI_FONT_SET") != NULL ? g_getenv ("KANRI_FONT_SET") : "dejavu";
  const char *language = g_getenv ("LANGUAGE");
  static const int wizard_widths[] = { 360, 600, 1100 };
  KanriConnectorsPage *page;
  KanriWizard *wizard;

  g_assert_true (kanri_window_show_page (the_window (), "connectors"));
  page = KANRI_CONNECTORS_PAGE (kanri_window_get_page (the_window (), "connectors"));
  gtk_widget_activate_action_variant (GTK_WIDGET (page), action, target);
  kanri_test_iterate (200);
  wizard = KANRI_WIZARD (kanri_connectors_page_get_dialog (page));
  g_assert_nonnull (wizard);

  for (guint w = 0; w < G_N_ELEMENTS (wizard_widths); w++)
    {
      gtk_window_set_default_size (GTK_WINDOW (wizard), wizard_widths[w], 640);
      for (guint step = 0; step < kanri_wizard_get_n_steps (wizard); step++)
        {
          g_autofree char *problem = NULL;
          g_autofree char *cut = NULL;
          g_autofree char *shot = NULL;

          kanri_wizard_set_step (wizard, step);
          kanri_test_iterate (50);
          g_assert_true (kanri_test_wait_settled (GTK_WIDGET (wizard)));

          problem = kanri_test_find_bad_measure (GTK_WIDGET (wizard));
          if (problem != NULL)
            g_error ("The %s wizard's step %u at %d px (font set %s, %s): %s", name, step + 1,
                     wizard_widths[w], font_set, language, problem);
          cut = kanri_test_find_cut_buttons (GTK_WIDGET (wizard));
          if (cut != NULL)
            g_error ("A button is cut in the %s wizard's step %u at %d px (font set %s, %s): %s",
                     name, step + 1, wizard_widths[w], font_set, language, cut);

          shot = g_strdup_printf ("layout-%s-%s-%s-%d-step%u", font_set, language, name,
                                  wizard_widths[w], step + 1);
          kanri_test_save_screenshot (GTK_WIDGET (wizard), shot);
        }
    }

  gtk_window_destroy (GTK_WINDOW (wizard));
  kanri_test_iterate (100);
}

static void
test_wizards (void)
{
  open_window_once ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  check_wizard ("connectors.add", NULL, "connector");
  check_wizard ("connectors.enhanced-filtering", g_variant_new_string (""), "enhanced-filtering");
}

static void
add_layout_tests (void)
{
  static Layout layouts[G_N_ELEMENTS (widths) * 2];
  guint n = 0;

  for (guint dark = 0; dark <= 1; dark++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
        {
          g_autofree char *path = g_strdup_printf ("/layout/%s/%d", dark ? "dark" : "light", widths[i]);

          layouts[n] = (Layout) { widths[i], dark };
          g_test_add_data_func (path, &layouts[n], test_pages);
          n++;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* As kanri's main() does: the language comes from LANGUAGE. */
  kanri_i18n_init ();
  kanri_test_gui_init (&argc, &argv);

  the_app = g_object_new (KANRI_TYPE_APPLICATION,
                          "application-id", APP_ID,
                          "flags", G_APPLICATION_NON_UNIQUE,
                          "resource-base-path", RESOURCE_BASE,
                          NULL);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/layout/translated", test_translated);
  g_test_add_func ("/layout/font-set", test_font_set);
  add_layout_tests ();
  g_test_add_func ("/layout/wizards", test_wizards);

  status = g_test_run ();

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_clear_object (&the_app);

  return status;
}
