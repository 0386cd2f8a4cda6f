/*
 * Libraries opened on first use; see include/base/dlib.h.
 *
 * The sonames are the ones Debian ships (the ABI the headers were
 * compiled against), opened RTLD_GLOBAL so that a library opened later
 * finds its dependencies, and each function is looked up in its own
 * library (and what that one depends on).  A library missing, or one
 * too old to have a function, is an error naming it and the package to
 * install.  Nothing is ever closed: the libraries keep global state
 * (libical's time zones) that lives until exit, as it did when they
 * were linked.
 */
#include <dlfcn.h>
#include <string.h>

#include "base/dlib.h"
#include "base/i18n.h"

int
dlib_load(struct dlib *d, struct so_err *err)
{
	const struct dlib_so *so;
	void *h[DLIB_MAX], *sym;
	size_t i;

	if (d->loaded)
		return SO_OK;
	for (i = 0; i < d->nsonames && i < DLIB_MAX; i++)
		if ((h[i] = dlopen(d->sonames[i].soname,
		    RTLD_NOW | RTLD_GLOBAL)) == NULL)
			return so_err_set(err, SO_ERR, _("cannot load %s: %s "
			    "(install the Debian package %s)"),
			    d->sonames[i].soname, dlerror(),
			    d->sonames[i].package);
	for (i = 0; i < d->nsyms; i++) {
		so = &d->sonames[d->syms[i].so];
		if ((sym = dlsym(h[d->syms[i].so], d->syms[i].name)) == NULL)
			return so_err_set(err, SO_ERR, _("%s has no function "
			    "%s (install a newer Debian package %s)"),
			    so->soname, d->syms[i].name, so->package);
		/* POSIX: a data pointer from dlsym converts to a function
		 * pointer; copy the bytes so that C11 says so too. */
		memcpy((char *)d->table + d->syms[i].offset, &sym,
		    sizeof(sym));
	}
	d->loaded = 1;
	return SO_OK;
}
