/* test-layout-widgets.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kanri-powershell-label.h"
#include "kanri-split-layout.h"
#include "kanri-test-gui.h"
#include "kanri-test-measure.h"
#include "kanri-wrap-box.h"

/* Kanri's own containers measure as GTK's rules ask, and the check that
 * test-layout runs on every page finds a widget that does not. */

#define LONG_TEXT "Enhanced filtering makes Exchange Online judge the original sender's IP " \
                  "address, not the relay's, so that SPF, DKIM and DMARC are evaluated on the " \
                  "server that really sent the message. Without it, a gateway in front of " \
                  "Exchange Online makes every message look as if the gateway had sent it."

/* A widget that asks for more height at an unlimited width than for -1:
 * what GTK 4.8's GtkBox does with children whose baselines differ. */
#define TEST_TYPE_BAD_MEASURE (test_bad_measure_get_type ())
G_DECLARE_FINAL_TYPE (TestBadMeasure, test_bad_measure, TEST, BAD_MEASURE, GtkWidget)
struct _TestBadMeasure { GtkWidget parent_instance; };
G_DEFINE_FINAL_TYPE (TestBadMeasure, test_bad_measure, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
test_bad_measure_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
test_bad_measure_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 ? 35 : 34;
}

static void
test_bad_measure_class_init (TestBadMeasureClass *klass)
{
  GTK_WIDGET_CLASS (klass)->get_request_mode = test_bad_measure_get_request_mode;
  GTK_WIDGET_CLASS (klass)->measure = test_bad_measure_measure;
}

static void
test_bad_measure_init (TestBadMeasure *self)
{
}

static GtkWidget *
fixed_size (int width,
            int height)
{
  GtkWidget *widget = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_size_request (widget, width, height);
  return widget;
}

static GtkWidget *
wrapping_label (void)
{
  GtkWidget *label = gtk_label_new (LONG_TEXT);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static int
minimum_height (GtkWidget *widget,
                int        width)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
  return minimum;
}

static int
minimum_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static int
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static GtkWindow *
window_with (GtkWidget *child,
             int        width)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_child (window, child);
  gtk_window_set_default_size (window, width, 400);
  gtk_window_present (window);
  kanri_test_iterate (100);
  g_assert_true (kanri_test_wait_frames (GTK_WIDGET (window), 2));
  return window;
}

static void
test_check_finds_bad_measure (void)
{
  GtkWidget *column = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *bad = g_object_new (TEST_TYPE_BAD_MEASURE, NULL);
  g_autofree char *problem = NULL;
  g_autofree char *fine = NULL;

  gtk_box_append (GTK_BOX (column), wrapping_label ());
  gtk_box_append (GTK_BOX (column), bad);

  /* In a vertical box, its heights matter: the check names it, and not the
   * box that only inherits the fault. (Laid out in a window, it would make
   * GTK itself complain.) */
  problem = kanri_test_find_bad_measure (column);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "TestBadMeasure: minimum height 34, but 35 for a width of 1048576"));
  g_assert_null (strstr (problem, "GtkLabel"));
  g_assert_null (strstr (problem, "GtkBox.vertical:"));

  /* Without it, the same column passes. */
  gtk_widget_set_visible (bad, FALSE);
  fine = kanri_test_find_bad_measure (column);
  g_assert_null (fine);

  g_object_unref (column);
}

static void
test_check_finds_underallocation (void)
{
  GtkWidget *fixed = gtk_fixed_new ();
  GtkWidget *child = fixed_size (200, 50);
  GtkWindow *window;
  g_autofree char *problem = NULL;

  gtk_fixed_put (GTK_FIXED (fixed), child, 0, 0);
  window = window_with (fixed, 300);
  g_assert_null (kanri_test_find_bad_measure (GTK_WIDGET (window)));

  /* A size request that its parent does not honour: cut on screen. */
  gtk_widget_set_size_request (child, 200, 80);
  problem = kanri_test_find_bad_measure (GTK_WIDGET (window));
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "given 200 × 50 (margins included), but needs 200 × 80"));

  gtk_window_destroy (window);
}

static void
test_split_layout_height_for_width (void)
{
  GtkWidget *split = kanri_split_layout_new ();
  GtkWidget *sidebar = fixed_size (200, 10);
  GtkWidget *content = wrapping_label ();
  int sidebar_width = natural_width (sidebar);
  g_autofree char *problem = NULL;
  GtkWindow *window;

  kanri_split_layout_set_sidebar (KANRI_SPLIT_LAYOUT (split), sidebar);
  kanri_split_layout_set_content (KANRI_SPLIT_LAYOUT (split), content);
  g_object_ref_sink (split);

  g_assert_cmpint (gtk_widget_get_request_mode (split), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);

  /* Side by side, the page wraps in what the sidebar leaves it. */
  g_assert_cmpint (minimum_height (split, 900), ==, minimum_height (content, 900 - sidebar_width));
  g_assert_cmpint (minimum_height (split, 900), >, minimum_height (content, -1));
  /* Collapsed (below 700 px), it has the whole width. */
  g_assert_cmpint (minimum_height (split, 500), ==, minimum_height (content, 500));
  /* The sidebar, shown over the page, counts too. */
  gtk_widget_set_size_request (sidebar, 200, 1000);
  g_assert_cmpint (minimum_height (split, 900), ==, 1000);
  gtk_widget_set_size_request (sidebar, 200, 10);

  /* Widths: either fits alone (collapsed); naturally both side by side. */
  g_assert_cmpint (minimum_width (split), ==, MAX (minimum_width (sidebar), minimum_width (content)));
  g_assert_cmpint (natural_width (split), ==, natural_width (sidebar) + natural_width (content));

  /* Allocated as it was measured, and by GTK's rules. */
  window = window_with (split, 900);
  problem = kanri_test_find_bad_measure (GTK_WIDGET (window));
  g_assert_null (problem);
  g_assert_cmpint (gtk_widget_get_width (content), ==, gtk_widget_get_width (split) - sidebar_width);
  g_assert_cmpint (gtk_widget_get_height (content), >=,
                   minimum_height (content, gtk_widget_get_width (content)));

  gtk_window_destroy (window);
  g_object_unref (split);
}

static KanriWrapBox *
wrap_box_of_three (GtkWidget **children)
{
  KanriWrapBox *box = KANRI_WRAP_BOX (kanri_wrap_box_new ());

  kanri_wrap_box_set_spacing (box, 10);
  kanri_wrap_box_set_row_spacing (box, 4);
  for (guint i = 0; i < 3; i++)
    {
      children[i] = fixed_size (100, 30 + 10 * i);
      kanri_wrap_box_append (box, children[i]);
    }

  return box;
}

static void
test_wrap_box_measure (void)
{
  GtkWidget *children[3];
  KanriWrapBox *box = g_object_ref_sink (wrap_box_of_three (children));
  GtkWidget *widget = GTK_WIDGET (box);

  /* The widest child at least; naturally one line. */
  g_assert_cmpint (minimum_width (widget), ==, 100);
  g_assert_cmpint (natural_width (widget), ==, 320);

  /* Lines for a width: as many children as fit on each, each line as tall
   * as its tallest. */
  g_assert_cmpint (minimum_height (widget, 320), ==, 50);
  g_assert_cmpint (minimum_height (widget, 1000), ==, 50);
  g_assert_cmpint (minimum_height (widget, 319), ==, 40 + 4 + 50);
  g_assert_cmpint (minimum_height (widget, 210), ==, 40 + 4 + 50);
  g_assert_cmpint (minimum_height (widget, 209), ==, 30 + 4 + 40 + 4 + 50);
  g_assert_cmpint (minimum_height (widget, 100), ==, 30 + 4 + 40 + 4 + 50);
  /* For -1, the height of its natural width, which no width exceeds from
   * above: GTK's rule. */
  g_assert_cmpint (minimum_height (widget, -1), ==, 50);

  /* Hidden children take no room. */
  gtk_widget_set_visible (children[1], FALSE);
  g_assert_cmpint (natural_width (widget), ==, 210);
  g_assert_cmpint (minimum_height (widget, 209), ==, 30 + 4 + 50);

  g_object_unref (box);
}

static void
test_wrap_box_allocates (void)
{
  GtkWidget *children[3];
  KanriWrapBox *box = wrap_box_of_three (children);
  GtkWindow *window;
  graphene_rect_t bounds;

  gtk_widget_set_hexpand (children[0], TRUE);
  gtk_widget_set_valign (GTK_WIDGET (box), GTK_ALIGN_START);
  window = window_with (GTK_WIDGET (box), 250);
  g_assert_null (kanri_test_find_bad_measure (GTK_WIDGET (window)));

  /* 250 px: two on the first line, the one that expands taking what the
   * line leaves; the third alone on the second. */
  g_assert_true (gtk_widget_compute_bounds (children[0], GTK_WIDGET (box), &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, 0);
  g_assert_cmpfloat (bounds.origin.y, ==, 0);
  g_assert_cmpfloat (bounds.size.width, ==, gtk_widget_get_width (GTK_WIDGET (box)) - 10 - 100);
  g_assert_true (gtk_widget_compute_bounds (children[1], GTK_WIDGET (box), &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, gtk_widget_get_width (GTK_WIDGET (box)) - 100);
  g_assert_cmpfloat (bounds.size.width, ==, 100);
  g_assert_true (gtk_widget_compute_bounds (children[2], GTK_WIDGET (box), &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, 0);
  g_assert_cmpfloat (bounds.origin.y, ==, 40 + 4);
  g_assert_cmpfloat (bounds.size.height, ==, 50);

  /* Right to left, each line starts at the right. */
  gtk_widget_set_direction (GTK_WIDGET (box), GTK_TEXT_DIR_RTL);
  for (guint i = 0; i < 3; i++)
    gtk_widget_set_direction (children[i], GTK_TEXT_DIR_RTL);
  kanri_test_iterate (50);
  g_assert_true (kanri_test_wait_frames (GTK_WIDGET (window), 2));
  g_assert_true (gtk_widget_compute_bounds (children[2], GTK_WIDGET (box), &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, gtk_widget_get_width (GTK_WIDGET (box)) - 100);
  g_assert_true (gtk_widget_compute_bounds (children[1], GTK_WIDGET (box), &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, 0);

  gtk_window_destroy (window);
}

#define POWERSHELL "New-InboundConnector -Name \"Partner Gateway\" -ConnectorType Partner " \
                   "-SenderDomains * -RestrictDomainsToIPAddresses $true " \
                   "-SenderIPAddresses 203.0.113.10-203.0.113.11,198.51.100.0/24 -RequireTls $true"
#define POWERSHELL_PIPELINE "Get-Mailbox -ResultSize Unlimited | Set-Mailbox -AuditEnabled $true"

/* Whether, at @width, each line of the label after the first starts a word
 * (after a space); where it does not, the two characters around the break. */
static gboolean
breaks_between_words (GtkWidget *label,
                      int        width,
                      char      *where)
{
  g_autoptr(PangoLayout) layout = pango_layout_copy (gtk_label_get_layout (GTK_LABEL (label)));
  const char *text = pango_layout_get_text (layout);

  pango_layout_set_width (layout, width * PANGO_SCALE);
  for (GSList *l = pango_layout_get_lines_readonly (layout)->next; l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;

      if (text[line->start_index - 1] != ' ')
        {
          where[0] = text[line->start_index - 1];
          where[1] = text[line->start_index];
          where[2] = '\0';
          return FALSE;
        }
    }

  return TRUE;
}

/* From as narrow as the PowerShell label goes (its longest word) to a wide
 * page, it never starts a line inside a word: never "New-" then
 * "InboundConnector", never a lone "-" at a line's end. Returns whether a
 * plain label with the same text does, at one of these widths. */
static gboolean
plain_breaks_inside_words (const char *powershell)
{
  GtkWidget *label = g_object_ref_sink (kanri_powershell_label_new (powershell));
  GtkWidget *plain = g_object_ref_sink (gtk_label_new (powershell));
  gboolean plain_broke_a_word = FALSE;
  int minimum = 0;

  gtk_label_set_wrap (GTK_LABEL (plain), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (plain), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (plain, "monospace");

  /* The text is the command as it runs: nothing added for the wrapping. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, powershell);

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  for (int width = minimum; width <= 700; width += 3)
    {
      char where[3];

      if (!breaks_between_words (label, width, where))
        g_error ("At %d px, a line starts inside a word: …%c|%c…", width, where[0], where[1]);
      if (!breaks_between_words (plain, width, where))
        plain_broke_a_word = TRUE;
    }

  g_object_unref (plain);
  g_object_unref (label);

  return plain_broke_a_word;
}

static void
test_powershell_wraps_between_words (void)
{
  gboolean plain_broke_a_word = FALSE;

  plain_broke_a_word |= plain_breaks_inside_words (POWERSHELL);
  plain_broke_a_word |= plain_breaks_inside_words (POWERSHELL_PIPELINE);

  /* Without it, Pango breaks inside a word at some of these widths: after
   * the hyphen of a cmdlet in the middle of a line, and (Pango 1.50, Debian
   * 12) after the one a parameter starts with, which the line breaking
   * rules of Unicode 15.1 (Pango 1.56, Debian 13) keep with its name. */
  g_assert_true (plain_broke_a_word);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

  g_test_add_func ("/layout-widgets/check/bad-measure", test_check_finds_bad_measure);
  g_test_add_func ("/layout-widgets/check/underallocation", test_check_finds_underallocation);
  g_test_add_func ("/layout-widgets/split-layout/height-for-width", test_split_layout_height_for_width);
  g_test_add_func ("/layout-widgets/wrap-box/measure", test_wrap_box_measure);
  g_test_add_func ("/layout-widgets/wrap-box/allocates", test_wrap_box_allocates);
  g_test_add_func ("/layout-widgets/powershell/wraps-between-words", test_powershell_wraps_between_words);

  return g_test_run ();
}
