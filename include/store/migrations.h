/* The schema migrations compiled into the binary from sql/NNN_*.sql. */
#ifndef STORE_MIGRATIONS_H
#define STORE_MIGRATIONS_H

struct migration {
	int		 version;	/* NNN of the file name */
	const char	*name;		/* file name, for messages */
	const char	*sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
