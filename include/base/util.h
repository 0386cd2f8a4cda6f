/*
 * Small helpers used everywhere: allocation that aborts on exhaustion
 * (an organizer cannot do anything useful without memory, and checking
 * every strdup would bury the logic), and a growable string buffer.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Milliseconds of the monotonic clock: for "at most every N ms". */
long	 mono_ms(void);

void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *fmt, va_list ap)
	    __attribute__((format(printf, 1, 0)));

/*
 * All of fp into a malloc'ed, NUL-terminated *buf (*len bytes without
 * the NUL), at most max bytes: for a pipe, FIFO or terminal, read whole
 * before a write transaction begins so that the transaction never waits
 * on someone else's input.  0 ok; 1 longer than max (nothing kept); -1 a
 * read error (errno set, nothing kept).
 */
int	 read_whole(FILE *fp, size_t max, char **buf, size_t *len);

struct strbuf {
	char	*s;		/* always NUL-terminated once anything is added */
	size_t	 len, cap;
};

void	 sb_add(struct strbuf *b, const char *s);
void	 sb_addn(struct strbuf *b, const char *s, size_t n);
void	 sb_addc(struct strbuf *b, char c);
void	 sb_printf(struct strbuf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sb_reset(struct strbuf *b);		/* empty, keep memory */
char	*sb_steal(struct strbuf *b);		/* caller frees; b emptied */
void	 sb_free(struct strbuf *b);
const char *sb_str(const struct strbuf *b);	/* "" when empty */

#endif
