/*
 * Printing through CUPS's lpr (print.h).
 *
 * lpr is run through proc_run (base/proc.h), never through a shell, so
 * a printer name or a title cannot become a command, and without the
 * group of a setgid salesorg.  It reads /dev/null and its output and
 * errors are kept: the TUI's screen stays clean and lpr's own words
 * ("lpr: The printer or class does not exist.") end up in the error the
 * user sees; "lpr is not installed" is told apart from "lpr failed".
 * lpr gets PRINT_TIMEOUT seconds (a CUPS server that does not answer)
 * before it is stopped, so printing never hangs the program.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/proc.h"
#include "base/utf8.h"
#include "base/util.h"
#include "doc/print.h"

#define OUT_MAX		2048	/* of lpr's output kept for the message */

/* lpr's output as one line: blanks trimmed, lines joined by "; ",
 * control characters made visible (caller frees). */
static char *
one_line(const char *s)
{
	struct strbuf b = { 0 };
	const char *e;
	char *safe;

	for (; *s != '\0'; s = *e ? e + 1 : e) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if ((e = strchr(s, '\n')) == NULL)
			e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r'))
			e--;
		if (e > s) {
			if (b.len > 0)
				sb_add(&b, "; ");
			sb_addn(&b, s, (size_t)(e - s));
		}
		while (*e == ' ' || *e == '\t' || *e == '\r')
			e++;
	}
	safe = utf8_sanitize(sb_str(&b));
	sb_free(&b);
	return safe;
}

/* After lpr has run: the error, if any, in err. */
static int
verdict(const char *dest, struct proc_result *r, struct so_err *err)
{
	char *msg;
	int code;

	if (r->exec_errno == ENOENT)
		return so_err_set(err, SO_ERR, _("lpr not found: install "
		    "CUPS's lpr (Debian package cups-bsd)"));
	if (r->exec_errno != 0)
		return so_err_set(err, SO_ERR, _("printing to %s: cannot run "
		    "lpr: %s"), dest, strerror(r->exec_errno));
	if (r->timed_out)
		return so_err_set(err, SO_ERR, _("printing to %s: lpr did not "
		    "finish within %d seconds; is the CUPS server running?"),
		    dest, PRINT_TIMEOUT);
	if (r->status == 0)
		return SO_OK;
	msg = one_line(sb_str(&r->out));
	if (*msg != '\0')
		code = so_err_set(err, SO_ERR, _("printing to %s: %s"), dest,
		    msg);
	else if (r->signal)
		code = so_err_set(err, SO_ERR, _("printing to %s: lpr was "
		    "killed by signal %d"), dest, r->signal);
	else
		code = so_err_set(err, SO_ERR, _("printing to %s: lpr exited "
		    "with status %d"), dest, r->status);
	free(msg);
	return code;
}

/* lpr with /dev/null in, its output kept for the message, and
 * PRINT_TIMEOUT seconds to finish. */
static int
run_lpr(char **argv, const char *dest, struct so_err *err)
{
	struct proc p = { .argv = argv, .search = 1, .out_max = OUT_MAX,
	    .timeout_ms = PRINT_TIMEOUT * 1000L };
	struct proc_result r;
	int code;

	if (proc_run(&p, &r) != 0)
		return so_err_set(err, SO_ERR, _("printing to %s: cannot start "
		    "lpr: %s"), dest, strerror(errno));
	code = verdict(dest, &r, err);
	sb_free(&r.out);
	return code;
}

char *
print_destination(const char *printer)
{
	static const char key[] = "system default destination: ";
	char *argv[] = { "lpstat", "-d", NULL };
	struct proc p = { .argv = argv, .search = 1, .out_max = OUT_MAX,
	    .timeout_ms = 5000, .c_locale = 1 };	/* its words are read */
	struct proc_result r;
	const char *s;
	char *name, *out = NULL;

	if (printer != NULL && *printer != '\0')
		return utf8_sanitize(printer);
	if (proc_run(&p, &r) != 0)
		return xstrdup(_("the default printer"));
	if (r.status == 0 && (s = strstr(sb_str(&r.out), key)) != NULL) {
		s += sizeof(key) - 1;
		name = xstrndup(s, strcspn(s, "\r\n"));
		if (*name != '\0') {
			char *clean = utf8_sanitize(name);

			/* TRANSLATORS: a printer's name. */
			out = xasprintf(_("%s (the default)"), clean);
			free(clean);
		}
		free(name);
	}
	sb_free(&r.out);
	return out ? out : xstrdup(_("the default printer"));
}

int
print_file(const char *path, const char *printer, int copies,
    const char *title, struct so_err *err)
{
	char ncopies[16], *argv[10], *file, *dest, *safe_title = NULL;
	int n = 0, code;

	if (path == NULL || *path == '\0')
		return so_err_set(err, SO_EINVAL, _("printing: no file to "
		    "print"));
	if (copies < 1 || copies > 999)
		return so_err_field(err, SO_EINVAL, "copies", _("copies must "
		    "be 1 to 999, not %d"), copies);
	if (printer != NULL && *printer == '\0')
		printer = NULL;
	dest = printer ? utf8_sanitize(printer) :
	    xstrdup(_("the default printer"));
	/* a file named "-x" must not read as an option */
	file = path[0] == '-' ? xasprintf("./%s", path) : xstrdup(path);
	snprintf(ncopies, sizeof(ncopies), "%d", copies);
	argv[n++] = "lpr";
	if (printer != NULL) {
		argv[n++] = "-P";
		argv[n++] = (char *)printer;
	}
	if (copies > 1) {
		argv[n++] = "-#";
		argv[n++] = ncopies;
	}
	if (title != NULL && *title != '\0') {
		safe_title = utf8_sanitize(title);
		argv[n++] = "-T";
		argv[n++] = safe_title;
	}
	argv[n++] = file;
	argv[n] = NULL;
	code = run_lpr(argv, dest, err);
	free(safe_title);
	free(file);
	free(dest);
	return code;
}
