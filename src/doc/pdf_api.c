/*
 * Loading Cairo and Pango for the PDF writer (pdf_api.h): dlopen of the
 * sonames Debian ships, then every function looked up by name.  It all
 * happens once, on the first PDF, in the process that prints; a
 * salesorg without those libraries still does everything else and says
 * what to install when asked for a PDF.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "base/i18n.h"

#define PDF_API_NO_CALLS
#include "pdf_api.h"

struct pdf_api pdf_api;

/* Dependencies first, so that each one's symbols are there for the next. */
static const char *const libraries[] = {
	"libgobject-2.0.so.0",
	"libcairo.so.2",
	"libpango-1.0.so.0",
	"libpangocairo-1.0.so.0",
};

static const struct {
	const char	*name;
	size_t		 offset;
} functions[] = {
#define PDF_API_ENTRY(f)	{ #f, offsetof(struct pdf_api, f) },
	PDF_API_FUNCS(PDF_API_ENTRY)
#undef PDF_API_ENTRY
};

int
pdf_api_load(struct so_err *err)
{
	static int loaded;
	void *h, *sym;
	size_t i;

	if (loaded)
		return SO_OK;
	for (i = 0; i < sizeof(libraries) / sizeof(libraries[0]); i++)
		if ((h = dlopen(libraries[i], RTLD_NOW | RTLD_GLOBAL)) == NULL)
			return so_err_set(err, SO_ERR, _("PDF needs Cairo and "
			    "Pango: %s (install the Debian package "
			    "libpangocairo-1.0-0)"), dlerror());
	for (i = 0; i < sizeof(functions) / sizeof(functions[0]); i++) {
		if ((sym = dlsym(RTLD_DEFAULT, functions[i].name)) == NULL)
			return so_err_set(err, SO_ERR, _("PDF: the Cairo and "
			    "Pango libraries have no %s"), functions[i].name);
		/* POSIX: a data pointer from dlsym converts to a function
		 * pointer; copy the bytes so that C11 says so too. */
		memcpy((char *)&pdf_api + functions[i].offset, &sym,
		    sizeof(sym));
	}
	loaded = 1;
	return SO_OK;
}
