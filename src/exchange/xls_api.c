/*
 * Loading FreeXL on first use; see include/exchange/xls_api.h.
 */
#include <stddef.h>

#include "base/dlib.h"

#define XLS_API_NO_CALLS
#include "exchange/xls_api.h"

struct xls_api xls_api;

static const struct dlib_so sonames[] = {
	{ "libfreexl.so.1", "libfreexl1" },
};

static const struct dlib_sym syms[] = {
#define XLS_API_ENTRY(so, f)	{ #f, offsetof(struct xls_api, f), so },
	XLS_API_FUNCS(XLS_API_ENTRY)
#undef XLS_API_ENTRY
};

static struct dlib lib = {
	sonames, sizeof(sonames) / sizeof(sonames[0]),
	syms, sizeof(syms) / sizeof(syms[0]), &xls_api, 0
};

int
xls_api_load(struct so_err *err)
{
	return dlib_load(&lib, err);
}
