/*
 * SQLite's memory from pools of small blocks; see include/store/sqlmem.h.
 *
 * Each block has its size in the 8 bytes in front of it, as SQLite's
 * own allocator over malloc does: a small block the size of its class
 * (a multiple of GRAIN up to SQLMEM_SMALL), a large one the size asked.
 * A free small block holds the next of its class's free list.  Chunks
 * are chained from the newest, so all of them stay reachable (a leak
 * checker sees memory in use, not lost).
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/sqlmem.h"

#define GRAIN	16
#define NCLASS	(SQLMEM_SMALL / GRAIN + 1)
#define HDR	8		/* SQLite wants 8-byte alignment */
#define CHUNK	(64 * 1024)

static void		*free_list[NCLASS];
static char		*chunk, *cut, *chunk_end;
static atomic_flag	 busy = ATOMIC_FLAG_INIT;
static int		 installed;

/* A spin lock: held for a few instructions, and never contended while
 * SQLite runs on one thread; a mutex cost more than the pools. */
static void
lock(void)
{
	while (atomic_flag_test_and_set_explicit(&busy, memory_order_acquire))
		;
}

static void
unlock(void)
{
	atomic_flag_clear_explicit(&busy, memory_order_release);
}

static int
round_up(int n)
{
	if (n <= SQLMEM_SMALL)
		return (n + GRAIN - 1) & ~(GRAIN - 1);
	return (n + 7) & ~7;
}

/* A block of class size sz (under the lock): the list's first, or a
 * new one cut from the chunk. */
static void *
take(size_t sz)
{
	void *p;
	char *c;

	if ((p = free_list[sz / GRAIN]) != NULL) {
		free_list[sz / GRAIN] = *(void **)p;
		return p;
	}
	if ((size_t)(chunk_end - cut) < HDR + sz) {
		/* The rest of the old chunk (under a block) is left. */
		if ((c = malloc(CHUNK)) == NULL)
			return NULL;
		*(char **)c = chunk;
		chunk = c;
		cut = c + 16;
		chunk_end = c + CHUNK;
	}
	*(uint64_t *)cut = sz;
	p = cut + HDR;
	cut += HDR + sz;
	return p;
}

static void *
sm_malloc(int n)
{
	uint64_t *h;
	void *p;

	if (n <= 0)
		return NULL;
	if (n > SQLMEM_SMALL) {
		if ((h = malloc(HDR + (size_t)n)) == NULL)
			return NULL;
		*h = (uint64_t)n;
		return h + 1;
	}
	lock();
	p = take((size_t)round_up(n));
	unlock();
	return p;
}

static void
sm_free(void *p)
{
	uint64_t *h;

	if (p == NULL)
		return;
	h = (uint64_t *)p - 1;
	if (*h > SQLMEM_SMALL) {
		free(h);
		return;
	}
	lock();
	*(void **)p = free_list[*h / GRAIN];
	free_list[*h / GRAIN] = p;
	unlock();
}

static int
sm_size(void *p)
{
	return p == NULL ? 0 : (int)((uint64_t *)p)[-1];
}

/* n has been through round_up (SQLite's promise for xRealloc). */
static void *
sm_realloc(void *p, int n)
{
	uint64_t *h = (uint64_t *)p - 1;
	size_t old = (size_t)*h;
	void *q;

	if (n <= 0)
		return NULL;
	if ((size_t)n <= old && old <= SQLMEM_SMALL)
		return p;	/* a small block shrinks in place */
	if (old > SQLMEM_SMALL && n > SQLMEM_SMALL) {
		if ((h = realloc(h, HDR + (size_t)n)) == NULL)
			return NULL;
		*h = (uint64_t)n;
		return h + 1;
	}
	if ((q = sm_malloc(n)) == NULL)
		return NULL;
	memcpy(q, p, old < (size_t)n ? old : (size_t)n);
	sm_free(p);
	return q;
}

static int
sm_init(void *arg)
{
	(void)arg;
	return SQLITE_OK;
}

static void
sm_shutdown(void *arg)
{
	(void)arg;
}

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SANITIZED	1
#endif
#endif

void
sqlmem_install(void)
{
	static sqlite3_mem_methods m = { sm_malloc, sm_free, sm_realloc,
	    sm_size, round_up, sm_init, sm_shutdown, NULL };

#ifndef SANITIZED
	if (!installed && sqlite3_config(SQLITE_CONFIG_MALLOC, &m) ==
	    SQLITE_OK)
		installed = 1;
#else
	(void)m;
#endif
}

int
sqlmem_installed(void)
{
	return installed;
}
