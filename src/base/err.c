/* Error reporting helpers; see include/base/err.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"

static void
vset(struct so_err *e, int code, const char *field, const char *fmt,
    va_list ap)
{
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
}

int
so_err_set(struct so_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	va_start(ap, fmt);
	vset(e, code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int
so_err_field(struct so_err *e, int code, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	va_start(ap, fmt);
	vset(e, code, field, fmt, ap);
	va_end(ap);
	return code;
}

void
so_err_clear(struct so_err *e)
{
	if (e == NULL)
		return;
	e->code = SO_OK;
	e->field[0] = '\0';
	e->msg[0] = '\0';
}

int
so_err_exit_status(int code)
{
	switch (code) {
	case SO_OK:
		return 0;
	case SO_EBUSY:
		return 3;
	default:
		return 1;
	}
}
