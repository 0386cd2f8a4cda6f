/*
 * The Cairo and Pango functions the PDF writer calls, found at run time.
 *
 * Linking Cairo and Pango into the binary made every command pay for
 * them: some thirty more shared libraries (GLib, HarfBuzz, FreeType,
 * fontconfig, pixman ...) mapped, relocated and initialised before
 * main, which doubled the start-up of `salesorg agenda` (34 to 60 ms) and
 * its memory (10 to 17 MiB) -- for the one command in a hundred that
 * writes a PDF.  So the libraries are opened with dlopen the first time
 * a PDF is made, and doc_pdf.c calls them through this table: including
 * this header turns each `cairo_create(...)` there into a call through
 * pdf_api (the #defines at the end).  The prototypes still come from
 * Cairo's and Pango's own headers, so every call is type-checked.
 */
#ifndef PDF_API_H
#define PDF_API_H

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "base/err.h"

#define PDF_API_FUNCS(X) \
	X(cairo_arc) \
	X(cairo_clip) \
	X(cairo_create) \
	X(cairo_destroy) \
	X(cairo_fill) \
	X(cairo_font_options_create) \
	X(cairo_font_options_destroy) \
	X(cairo_font_options_set_hint_metrics) \
	X(cairo_font_options_set_hint_style) \
	X(cairo_line_to) \
	X(cairo_move_to) \
	X(cairo_pdf_surface_create_for_stream) \
	X(cairo_pdf_surface_set_metadata) \
	X(cairo_rectangle) \
	X(cairo_restore) \
	X(cairo_save) \
	X(cairo_set_dash) \
	X(cairo_set_line_join) \
	X(cairo_set_line_width) \
	X(cairo_set_source_rgb) \
	X(cairo_show_page) \
	X(cairo_status) \
	X(cairo_status_to_string) \
	X(cairo_stroke) \
	X(cairo_surface_destroy) \
	X(cairo_surface_finish) \
	X(cairo_surface_status) \
	X(g_object_unref) \
	X(pango_attr_insert_hyphens_new) \
	X(pango_attr_list_insert) \
	X(pango_attr_list_new) \
	X(pango_attr_list_unref) \
	X(pango_cairo_context_set_font_options) \
	X(pango_cairo_context_set_resolution) \
	X(pango_cairo_font_map_new) \
	X(pango_cairo_show_layout) \
	X(pango_cairo_show_layout_line) \
	X(pango_cairo_update_context) \
	X(pango_font_description_free) \
	X(pango_font_description_new) \
	X(pango_font_description_set_family) \
	X(pango_font_description_set_size) \
	X(pango_font_description_set_weight) \
	X(pango_font_map_create_context) \
	X(pango_layout_get_iter) \
	X(pango_layout_get_size) \
	X(pango_layout_iter_free) \
	X(pango_layout_iter_get_baseline) \
	X(pango_layout_iter_get_line_extents) \
	X(pango_layout_iter_get_line_readonly) \
	X(pango_layout_iter_next_line) \
	X(pango_layout_new) \
	X(pango_layout_set_alignment) \
	X(pango_layout_set_attributes) \
	X(pango_layout_set_ellipsize) \
	X(pango_layout_set_font_description) \
	X(pango_layout_set_text) \
	X(pango_layout_set_width) \
	X(pango_layout_set_wrap)

struct pdf_api {
#define PDF_API_MEMBER(f)	__typeof__(f) *f;
	PDF_API_FUNCS(PDF_API_MEMBER)
#undef PDF_API_MEMBER
};

extern struct pdf_api pdf_api;

/*
 * Opens the libraries and finds every function, once; later calls are
 * free.  SO_ERR naming the library or function that is missing (and
 * the Debian package to install) when it fails.
 */
int	pdf_api_load(struct so_err *err);

#ifndef PDF_API_NO_CALLS
#define cairo_arc	(pdf_api.cairo_arc)
#define cairo_clip	(pdf_api.cairo_clip)
#define cairo_create	(pdf_api.cairo_create)
#define cairo_destroy	(pdf_api.cairo_destroy)
#define cairo_fill	(pdf_api.cairo_fill)
#define cairo_font_options_create	(pdf_api.cairo_font_options_create)
#define cairo_font_options_destroy	(pdf_api.cairo_font_options_destroy)
#define cairo_font_options_set_hint_metrics	(pdf_api.cairo_font_options_set_hint_metrics)
#define cairo_font_options_set_hint_style	(pdf_api.cairo_font_options_set_hint_style)
#define cairo_line_to	(pdf_api.cairo_line_to)
#define cairo_move_to	(pdf_api.cairo_move_to)
#define cairo_pdf_surface_create_for_stream	(pdf_api.cairo_pdf_surface_create_for_stream)
#define cairo_pdf_surface_set_metadata	(pdf_api.cairo_pdf_surface_set_metadata)
#define cairo_rectangle	(pdf_api.cairo_rectangle)
#define cairo_restore	(pdf_api.cairo_restore)
#define cairo_save	(pdf_api.cairo_save)
#define cairo_set_dash	(pdf_api.cairo_set_dash)
#define cairo_set_line_join	(pdf_api.cairo_set_line_join)
#define cairo_set_line_width	(pdf_api.cairo_set_line_width)
#define cairo_set_source_rgb	(pdf_api.cairo_set_source_rgb)
#define cairo_show_page	(pdf_api.cairo_show_page)
#define cairo_status	(pdf_api.cairo_status)
#define cairo_status_to_string	(pdf_api.cairo_status_to_string)
#define cairo_stroke	(pdf_api.cairo_stroke)
#define cairo_surface_destroy	(pdf_api.cairo_surface_destroy)
#define cairo_surface_finish	(pdf_api.cairo_surface_finish)
#define cairo_surface_status	(pdf_api.cairo_surface_status)
#define g_object_unref	(pdf_api.g_object_unref)
#define pango_attr_insert_hyphens_new	(pdf_api.pango_attr_insert_hyphens_new)
#define pango_attr_list_insert	(pdf_api.pango_attr_list_insert)
#define pango_attr_list_new	(pdf_api.pango_attr_list_new)
#define pango_attr_list_unref	(pdf_api.pango_attr_list_unref)
#define pango_cairo_context_set_font_options	(pdf_api.pango_cairo_context_set_font_options)
#define pango_cairo_context_set_resolution	(pdf_api.pango_cairo_context_set_resolution)
#define pango_cairo_font_map_new	(pdf_api.pango_cairo_font_map_new)
#define pango_cairo_show_layout	(pdf_api.pango_cairo_show_layout)
#define pango_cairo_show_layout_line	(pdf_api.pango_cairo_show_layout_line)
#define pango_cairo_update_context	(pdf_api.pango_cairo_update_context)
#define pango_font_description_free	(pdf_api.pango_font_description_free)
#define pango_font_description_new	(pdf_api.pango_font_description_new)
#define pango_font_description_set_family	(pdf_api.pango_font_description_set_family)
#define pango_font_description_set_size	(pdf_api.pango_font_description_set_size)
#define pango_font_description_set_weight	(pdf_api.pango_font_description_set_weight)
#define pango_font_map_create_context	(pdf_api.pango_font_map_create_context)
#define pango_layout_get_iter	(pdf_api.pango_layout_get_iter)
#define pango_layout_get_size	(pdf_api.pango_layout_get_size)
#define pango_layout_iter_free	(pdf_api.pango_layout_iter_free)
#define pango_layout_iter_get_baseline	(pdf_api.pango_layout_iter_get_baseline)
#define pango_layout_iter_get_line_extents	(pdf_api.pango_layout_iter_get_line_extents)
#define pango_layout_iter_get_line_readonly	(pdf_api.pango_layout_iter_get_line_readonly)
#define pango_layout_iter_next_line	(pdf_api.pango_layout_iter_next_line)
#define pango_layout_new	(pdf_api.pango_layout_new)
#define pango_layout_set_alignment	(pdf_api.pango_layout_set_alignment)
#define pango_layout_set_attributes	(pdf_api.pango_layout_set_attributes)
#define pango_layout_set_ellipsize	(pdf_api.pango_layout_set_ellipsize)
#define pango_layout_set_font_description	(pdf_api.pango_layout_set_font_description)
#define pango_layout_set_text	(pdf_api.pango_layout_set_text)
#define pango_layout_set_width	(pdf_api.pango_layout_set_width)
#define pango_layout_set_wrap	(pdf_api.pango_layout_set_wrap)
#endif

#endif
