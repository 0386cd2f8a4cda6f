/*
 * The FreeXL functions the .xls reader calls (exchange/xls.c), found at
 * run time (base/dlib.h says why).  Including this header turns each
 * freexl_open(...) into a call through xls_api, with FreeXL's own
 * prototypes; call xls_api_load first (the reader does, in the parent,
 * before it forks the child that reads).
 */
#ifndef EXCHANGE_XLS_API_H
#define EXCHANGE_XLS_API_H

#include <freexl.h>

#include "base/err.h"

#define XLS_API_FUNCS(X) \
	X(0, freexl_close) \
	X(0, freexl_get_cell_value) \
	X(0, freexl_get_info) \
	X(0, freexl_get_worksheet_name) \
	X(0, freexl_open) \
	X(0, freexl_select_active_worksheet) \
	X(0, freexl_worksheet_dimensions)

struct xls_api {
#define XLS_API_MEMBER(so, f)	__typeof__(f) *f;
	XLS_API_FUNCS(XLS_API_MEMBER)
#undef XLS_API_MEMBER
};

extern struct xls_api xls_api;

/* Opens FreeXL and finds every function, once; SO_ERR naming the
 * library and the Debian package when it fails. */
int	xls_api_load(struct so_err *err);

#ifndef XLS_API_NO_CALLS
#define freexl_close	(xls_api.freexl_close)
#define freexl_get_cell_value	(xls_api.freexl_get_cell_value)
#define freexl_get_info	(xls_api.freexl_get_info)
#define freexl_get_worksheet_name	(xls_api.freexl_get_worksheet_name)
#define freexl_open	(xls_api.freexl_open)
#define freexl_select_active_worksheet	(xls_api.freexl_select_active_worksheet)
#define freexl_worksheet_dimensions	(xls_api.freexl_worksheet_dimensions)
#endif

#endif
