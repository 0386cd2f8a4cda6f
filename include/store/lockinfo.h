/*
 * Who is writing: the process that holds the write lock of a database
 * in WAL mode, for the message a person sees when a write has waited
 * too long ("bob (pid 4242, salesorg) has been writing for 31 s").
 *
 * In WAL mode SQLite's writer holds a POSIX write lock on byte 120 of
 * the -shm file (WAL_WRITE_LOCK).  We never open that file to ask
 * (F_GETLK) because closing any descriptor of a file drops every POSIX
 * lock the process holds on it, SQLite's own included; the kernel's
 * table in /proc/locks tells the same without touching the file.
 * Linux only; elsewhere, and when the holder cannot be seen (another
 * PID namespace, /proc mounted hidepid), the answer is "unknown".
 */
#ifndef STORE_LOCKINFO_H
#define STORE_LOCKINFO_H

#include <sys/types.h>

/* Byte of the -shm file SQLite's WAL writer locks (WALINDEX_LOCK_OFFSET
 * plus WAL_WRITE_LOCK, 0). */
#define LOCKINFO_WAL_WRITE_BYTE	120

struct lock_holder {
	pid_t	 pid;
	char	 login[64];	/* owner of /proc/PID, or "uid N" */
	char	 comm[64];	/* /proc/PID/comm in visible form
				   (utf8_sanitize), or "" */
};

/*
 * Fills h with the holder of dbpath's WAL write lock and returns 1, or
 * returns 0 when nobody holds it or the holder cannot be told.
 */
int	 lockinfo_writer(const char *dbpath, struct lock_holder *h);
/* The same, reading the lock table from locks (tests pass a copy). */
int	 lockinfo_writer_in(const char *locks, const char *dbpath,
	    struct lock_holder *h);

#endif
