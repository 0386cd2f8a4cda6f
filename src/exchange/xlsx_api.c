/*
 * Loading libzip and expat on first use; see include/exchange/xlsx_api.h.
 */
#include <stddef.h>

#include "base/dlib.h"

#define XLSX_API_NO_CALLS
#include "exchange/xlsx_api.h"

struct xlsx_api xlsx_api;

static const struct dlib_so sonames[] = {
	{ "libzip.so.4", "libzip4" },
	{ "libexpat.so.1", "libexpat1" },
};

static const struct dlib_sym syms[] = {
#define XLSX_API_ENTRY(so, f)	{ #f, offsetof(struct xlsx_api, f), so },
	XLSX_API_FUNCS(XLSX_API_ENTRY)
#undef XLSX_API_ENTRY
};

static struct dlib lib = {
	sonames, sizeof(sonames) / sizeof(sonames[0]),
	syms, sizeof(syms) / sizeof(syms[0]), &xlsx_api, 0
};

int
xlsx_api_load(struct so_err *err)
{
	return dlib_load(&lib, err);
}
