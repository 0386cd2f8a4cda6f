/*
 * UTF-8 text handling that does not depend on the process locale: decoding,
 * display width, Unicode case folding for the scripts our users write in
 * (Latin, Latin-1 supplement and Latin Extended-A, Greek, Cyrillic
 * including Ё/ё and the Ukrainian/Belarusian letters), and making data safe
 * to show on a terminal.  SQLite's lower() and LIKE fold ASCII only, which
 * is useless for "ромашка" vs "РОМАШКА"; this module is what the quick
 * filter, the sort order helpers and later the search use instead.
 *
 * Invalid bytes never crash anything: a byte that does not start a valid
 * sequence decodes as U+FFFD and advances one byte.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one code point from s (at most n bytes).  Returns the number of
 * bytes consumed (1..4; 1 for an invalid byte, with *cp = 0xFFFD), or 0
 * when n == 0.
 */
size_t	 utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns bytes written (1..4). */
size_t	 utf8_encode(uint32_t cp, char *out);
/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
int	 utf8_valid(const char *s, size_t n);
/* Number of code points in s. */
size_t	 utf8_len(const char *s);
/* Byte offset of the code point before / after byte offset off in s. */
size_t	 utf8_prev(const char *s, size_t off);
size_t	 utf8_next(const char *s, size_t off);

/*
 * Terminal columns taken by cp: 0 for combining marks, 2 for East Asian
 * wide and fullwidth characters (CJK, Hangul, fullwidth forms, most emoji),
 * 1 otherwise.  Control characters count as the width of their visible
 * form (see utf8_sanitize): 2 for C0/DEL ("^A"), 4 for C1 ("\x85" -> "<85>").
 * Own table, so the result does not depend on setlocale().
 */
int	 utf8_cpwidth(uint32_t cp);
/* Display width of the whole string, and of its first n bytes. */
int	 utf8_width(const char *s);
int	 utf8_width_n(const char *s, size_t n);

/* Simple case folding of one code point (to lower case), with ё (and
 * Ё) as е: most people type е for ё, and a search or a filter for
 * "федоров" must find Фёдоров. */
uint32_t utf8_fold_cp(uint32_t cp);
/* A copy of s with ё, Ё written е, Е and nothing else changed (the
 * search index's form, sql/010_yo.sql). */
char	*utf8_yo_to_ye(const char *s);
/* A newly allocated case-folded copy of s (invalid bytes become U+FFFD). */
char	*utf8_fold(const char *s);
/*
 * Case-insensitive substring search: returns 1 when needle occurs in hay
 * after folding both, 0 otherwise.  An empty needle matches everything.
 */
int	 utf8_contains_fold(const char *hay, const char *needle);

/* The folded code points of s (caller frees), *n of them. */
uint32_t *utf8_fold_cps(const char *s, size_t *n);
/* True when hay[0..hlen) contains the already folded needle. */
int	 utf8_match_folded(const char *hay, size_t hlen,
	    const uint32_t *needle, size_t n);

/*
 * What may not reach a terminal as it is.  A control: C0 (U+0000..
 * U+001F), DEL and C1 (U+0080..U+009F; a terminal takes U+009B as CSI
 * and U+009D as OSC, as it takes ESC [ and ESC ]).  A bidi control: the
 * embeddings and overrides U+202A..U+202E and the isolates U+2066..
 * U+2069, which reorder what follows them on the line, so a name could
 * show other text than it holds.
 */
int	 utf8_is_control(uint32_t cp);
int	 utf8_is_bidi_control(uint32_t cp);
/*
 * The byte offset of the first control (utf8_is_control) in s that is
 * not one of the C0 characters in allowed ("\t\n"; NULL: none), its
 * code point in *cp; -1 when there is none.  What the store and the
 * importers refuse in a value.
 */
long	 utf8_control_at(const char *s, const char *allowed, uint32_t *cp);
/* The same in the n bytes of s. */
long	 utf8_control_in(const char *s, size_t n, const char *allowed,
	    uint32_t *cp);
/*
 * The common case of both checks above, and of utf8_len, in one pass:
 * 1 when s[0..n) is printable ASCII, C0 characters of allowed and
 * well-formed two- and three-byte characters from U+00A0 up (Cyrillic
 * text, typography), with the number of characters in *chars when chars
 * is not NULL; 0 when it is anything else, which the checks above then
 * judge (0 does not mean invalid).  An import checks every line and
 * every field of 100 000 records; three decoding passes over each were
 * a tenth of its time.
 */
int	 utf8_plain(const char *s, size_t n, const char *allowed,
	    size_t *chars);

/*
 * The one sanitizer for text that reaches a terminal.  A newly
 * allocated copy of s in visible form: C0 controls and DEL become "^X"
 * (caret notation; "^J" for newline, "^I" for tab, "^[" for ESC), C1
 * controls "<9B>" style hex, bidi controls "<202E>", invalid bytes
 * U+FFFD.  Everything else is copied.  For one line: a message, a cell.
 */
char	*utf8_sanitize(const char *s);
/*
 * The same for running text (a command's output to a terminal),
 * appended to out: newlines, tabs and a CR right before a newline stay
 * as they are (CSV's CRLF), everything else as utf8_sanitize shows it.
 * Works on pieces of a stream: returns how many of the n bytes of s it
 * took; unless last, a sequence or a CR cut by the end of the piece is
 * left for the caller to hand over again with what follows.
 */
struct strbuf;
size_t	 utf8_sanitize_text(struct strbuf *out, const char *s, size_t n,
	    int last);

/*
 * Byte length of the longest prefix of s that fits in cols columns
 * (never splitting a code point); *width receives its width if not NULL.
 */
size_t	 utf8_fit(const char *s, int cols, int *width);
/*
 * The same for text that is to end with a mark when cut ("…", one
 * column): the whole of s when it fits in cols, else the longest prefix
 * that leaves one column for the mark, without the blanks it would end
 * with (the mark goes after the text).  The caller knows it was cut by
 * s[result] != '\0'.  *width (if not NULL) is the prefix's width.
 */
size_t	 utf8_cut(const char *s, int cols, int *width);
/*
 * Word wrap: the first line of s in cols columns.  Returns its byte
 * length, trailing blanks left out; *next is where the following line
 * starts (past the blanks or the newline the line ended at; strlen(s)
 * at the end).  A line breaks at a newline, after a blank, after a
 * hyphen inside a word, or beside a wide (CJK) character; only a word
 * wider than cols is split, at the width.  Always makes progress: a
 * first character wider than cols is a line of its own.
 */
size_t	 utf8_wrap(const char *s, int cols, size_t *next);

#endif
