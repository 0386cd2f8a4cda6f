/*
 * Regular expressions for filters: PCRE2 in UTF mode with Unicode
 * properties and caseless matching, so ~^ива finds "Иванова" the way a
 * person expects.  A user-typed pattern is untrusted: every match runs
 * under match, depth and heap limits, so (a+)+$ against a long value
 * fails fast with "pattern too expensive" instead of hanging a shared
 * database; and stored text that is not valid UTF-8 (old imports) is
 * matched as repaired text rather than crashing or erroring.
 */
#ifndef STORE_REGEX_H
#define STORE_REGEX_H

#include <stddef.h>

struct sqlite3;
struct so_regex;

/* Limits every match runs under (PCRE2 units). */
#define REGEX_MATCH_LIMIT	1000000
#define REGEX_DEPTH_LIMIT	10000
#define REGEX_HEAP_LIMIT_KIB	(16 * 1024)

/*
 * Compiles pattern (JIT when the platform has it).  On a syntax error
 * returns NULL with the message in msg and the byte offset in pattern of
 * the offending character in *offset.
 */
struct so_regex *regex_compile(const char *pattern, size_t *offset,
	    char *msg, size_t msglen);
/*
 * 1 when subject[0..len) matches, 0 when not, -1 with msg filled when the
 * match was stopped by a limit ("pattern too expensive ...").
 */
int	 regex_match(struct so_regex *re, const char *subject, size_t len,
	    char *msg, size_t msglen);
void	 regex_free(struct so_regex *re);

/*
 * Defines regexp(pattern, subject) on the connection, which is what
 * SQLite's "subject REGEXP pattern" calls.  The compiled pattern is kept
 * per statement (auxiliary data of the pattern argument).  A NULL
 * subject does not match (0, not NULL, so NOT works as expected); a
 * match stopped by a limit aborts the statement with the message.
 */
int	 regex_register(struct sqlite3 *h);

#endif
