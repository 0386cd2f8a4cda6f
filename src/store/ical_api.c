/*
 * Loading libical on first use; see include/store/ical_api.h.
 */
#include <stddef.h>

#include "base/dlib.h"

#define ICAL_API_NO_CALLS
#include "store/ical_api.h"

struct ical_api ical_api;

static const struct dlib_so sonames[] = {
	{ "libical.so.3", "libical3" },
};

static const struct dlib_sym syms[] = {
#define ICAL_API_ENTRY(so, f)	{ #f, offsetof(struct ical_api, f), so },
	ICAL_API_FUNCS(ICAL_API_ENTRY)
#undef ICAL_API_ENTRY
};

static struct dlib lib = {
	sonames, sizeof(sonames) / sizeof(sonames[0]),
	syms, sizeof(syms) / sizeof(syms[0]), &ical_api, 0
};

int
ical_api_load(struct so_err *err)
{
	return dlib_load(&lib, err);
}
