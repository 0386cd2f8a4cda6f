/*
 * The group privilege of a setgid salesorg.
 *
 * In guarded shared mode (salesorg init --shared, make install-shared)
 * the binary is setgid to a group that owns the database directory and
 * that ordinary users are not members of: the saved set-group-ID is the
 * only key to the file.  The process uses it for the database and for
 * nothing else.  Whenever it touches a file the user named (an export,
 * a backup, an import, a template, a temporary file for lpr) it runs
 * between priv_user_begin and priv_user_end, with the effective group
 * back to the user's own: the file belongs to the user and the user's
 * group, and a path into the guarded directory is refused by the
 * kernel exactly as it would be from the user's shell.  Programs it runs
 * (lpr, sendmail, $EDITOR) give the group up for good (proc.h).
 *
 * Without setgid (a developer's build, plain shared mode, the tests)
 * every function here is a no-op apart from the bookkeeping.
 */
#ifndef PRIV_H
#define PRIV_H

#include <stdio.h>
#include <sys/types.h>

/*
 * First thing in main: notes whether we run with a group (or user)
 * that is not the caller's, and if so removes the unsafe environment
 * variables (priv_env_clean), makes the process non-dumpable with no
 * core files, and narrows the umask to keep others out of files created
 * in the shared directory.
 */
void	 priv_init(void);
/* 1 when priv_init found a setgid/setuid or AT_SECURE process. */
int	 priv_privileged(void);

/*
 * Gives the group (and user) privilege up for good: real, effective and
 * saved IDs all the caller's.  0, or -1 when the kernel did not (the
 * caller must then not go on).
 */
int	 priv_drop(void);
/*
 * A file the privilege may open: in a privileged process, one owned by
 * root and the database group (what init --shared makes); any file in
 * an ordinary one.  A database file the user made (or could replace)
 * is opened only after priv_drop: its schema and contents are the
 * user's to craft.
 */
int	 priv_trusted_file(uid_t owner, gid_t group);

/*
 * Between these two the process has the caller's own effective group
 * (and user) and umask.  Calls nest; only the outermost pair switches.
 */
void	 priv_user_begin(void);
void	 priv_user_end(void);

/* fopen(3) and open(2) of a file the user named, as the user. */
FILE	*priv_fopen(const char *path, const char *mode);
int	 priv_open(const char *path, int flags, mode_t mode);

/*
 * Removes from the environment every variable that could make this
 * process, SQLite, ncurses, iconv or the PDF libraries load code or
 * read or write a file of the user's choosing with the group privilege.
 * priv_init calls it in a privileged process; public for the tests.
 * Returns the number of variables removed.
 */
int	 priv_env_clean(void);
/* 1 when the variable name (without "=value") is one priv_env_clean
 * removes. */
int	 priv_env_unsafe(const char *name);

#endif
