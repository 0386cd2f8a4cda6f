/*
 * SQLite's memory from pools of small blocks (src/store/sqlmem.c).
 *
 * Debian builds SQLite with SQLITE_OMIT_LOOKASIDE, so every node of
 * every parse -- the schema's 187 objects at each open, each statement
 * prepared -- is a malloc and a free of its own: a fifth of the
 * instructions of a command like `salesorg agenda`.  sqlmem_install
 * gives SQLite an allocator of size classes instead: a block of up to
 * SQLMEM_SMALL bytes comes from a free list of its class, or is cut
 * from a chunk, and goes back to the list when freed; a larger one
 * (the page cache's pages) is malloc's as before.  Memory of small
 * blocks is kept for reuse by its class, never returned: a process
 * holds at most its peak of small blocks of each size.
 *
 * Called by db_open before SQLite initialises; later calls, and calls
 * after another piece of code has initialised SQLite, change nothing.
 * Not installed in a sanitizer build, where malloc's own checks are
 * the point.  SQLite runs on one thread in salesorg (every connection
 * is opened NOMUTEX); the pools still take a lock, cheap when
 * uncontended, so that a second thread would not corrupt them.
 */
#ifndef STORE_SQLMEM_H
#define STORE_SQLMEM_H

#define SQLMEM_SMALL	1024	/* the largest block served by a pool */

void	 sqlmem_install(void);
int	 sqlmem_installed(void);

#endif
