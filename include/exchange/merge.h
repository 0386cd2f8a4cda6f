/*
 * Mail merge: a template (store/template.h) rendered for each contact,
 * sent through the local sendmail, and logged as an e-mail event on the
 * contact.  The message itself is built by mime.h; the loop over a
 * filtered set of contacts is the command's (src/cli/template.c).
 *
 * Values are as the organizer shows them (field_format): a choice by its
 * label, a reference by its name, money as "1234.50"; an empty field
 * renders as nothing.
 */
#ifndef MERGE_H
#define MERGE_H

#include <stddef.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entities.h"
#include "store/template.h"

struct merge;

/*
 * Compiles t for rendering: its placeholders are checked again against
 * the fields of the open database (a custom field may have been removed
 * since the template was saved), with the error template_parse gives.
 */
int	 merge_compile(const struct template *t, struct merge **out,
	    struct so_err *err);
void	 merge_free(struct merge *m);
const char *merge_name(const struct merge *m);

/*
 * Renders the subject and body for contact c (new strings the caller
 * frees).  The contact's company is read when a placeholder needs it
 * (the last one is kept, as contacts come grouped by company often).
 * The subject is one line: control characters in values become spaces.
 */
int	 merge_render(struct db *db, struct merge *m, const struct contact *c,
	    char **subject, char **body, struct so_err *err);

/*
 * The same for contact c, or (c NULL) for company own's own message:
 * {contact.*} render empty, {manager} is the company's.  With html, an
 * HTML version of the body too: the template's text read as a
 * Markdown-like subset (paragraphs split by blank lines, "- " and "1. "
 * lists, **bold**, [text](https://...) links to http, https or mailto
 * only), the values HTML-escaped as text, never markup.
 */
int	 merge_render_to(struct db *db, struct merge *m,
	    const struct contact *c, const struct company *own,
	    char **subject, char **body, char **html, struct so_err *err);

/*
 * A body that is HTML: its first character past white space is '<' and
 * it holds an <html>, <body>, <p>, <div>, <br> or <table> tag (any
 * case), or it starts with <!DOCTYPE html>.  Such a template is sent as
 * its own HTML (merge_render_to's html: the values HTML-escaped, the
 * rest as written) and a text part made from it (merge_html_text);
 * merge_render's body is that text.
 */
int	 merge_body_is_html(const char *body);
int	 merge_is_html(const struct merge *m);
/*
 * The text of HTML: tags dropped (and what <head>, <style>, <script>
 * hold), entities decoded (the common named ones, &#N; and &#xH;), white
 * space runs one space; <p>, <div>, headings, lists and tables start a
 * paragraph (a blank line), <br> and <tr> a line, <li> a "- " line, <td>
 * a tab.  A new string, ending in one newline (empty when no text).
 */
char	*merge_html_text(const char *html);

/* "First Last" (or whichever is there): the name a message goes to. */
char	*merge_contact_name(const struct contact *c);

/*
 * Runs path -t -i with msg on its standard input (fork and exec, no
 * shell; the child gives up a setgid or setuid salesorg's privileges
 * before exec) and waits.  SO_ERR unless it read the whole message and
 * exited with status 0; err says which ("exited with status 1", "cannot
 * run /usr/sbin/sendmail: No such file or directory").
 */
int	 merge_sendmail(const char *path, const char *msg, size_t len,
	    struct so_err *err);

/*
 * The e-mail event that records a sent message: type "email", done,
 * starting now, the rendered subject, the contact and its company.
 * Validated, not yet written (so a message that could not be logged is
 * refused before it is sent).  It is the program's record
 * (meta.by_program, store/record.h): a required field people add to
 * events does not stop the log.  Clear ev with store_event_clear.
 */
int	 merge_event(struct db *db, const struct merge *m,
	    const struct contact *c, const char *subject, const char *addr,
	    struct event *ev, struct so_err *err);
/* The same for contact c, or (c NULL) for company company_id. */
int	 merge_event_to(struct db *db, const struct merge *m,
	    const struct contact *c, int64_t company_id, const char *subject,
	    const char *addr, struct event *ev, struct so_err *err);

#endif
