/*
 * The deal stages an administrator sets (deal_stages): their order, names,
 * win probability (0 to 100 %) and which closed stage is a win and which
 * a loss; retiring a stage keeps it for the deals already in it and their
 * history but offers it to no deal entering it (the form's pick-list,
 * the pipeline's moves, a new deal's default stage).
 *
 * The rules: codes a-z, 0-9 and _ (up to 40); names 1 to 100 bytes of
 * text; probability 0 to 100; at least one open, one won and one lost
 * stage stay in use (not retired), or the pipeline could not start a deal
 * or close it.  Every change is an administrator's, in one transaction
 * with its audit row (entity "deal_stages", as event types and results).
 */
#ifndef STORE_STAGES_H
#define STORE_STAGES_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

struct stage_row {
	int64_t	 id;
	char	*code, *name;
	int	 sort;
	int	 closed, won, retired;	/* lost: closed && !won */
	int	 probability;		/* 0 to 100 */
};

/* What a closed stage is: stages_add's outcome. */
enum stage_outcome {
	STAGE_OPEN,
	STAGE_WON,
	STAGE_LOST,
};

/* Every stage, retired ones too, in their order (sort, id). */
int	stages_list(struct db *db, struct stage_row **out, size_t *n,
	    struct so_err *err);
void	stages_free(struct stage_row *v, size_t n);
/* The stage of code in v, or NULL. */
const struct stage_row *stages_find(const struct stage_row *v, size_t n,
	    const char *code);
/* The stage's kind as a word for a list: "open", "won", "lost" (not
 * translated: config stages list prints it for a script). */
const char *stage_kind_word(const struct stage_row *s);

/*
 * A new stage: an open one goes after the last open stage (before the
 * closed ones, so it is on the way to won), a closed one at the end.
 * probability -1: 100 for a won stage, 0 otherwise.  SO_EINVAL naming
 * the field for a bad code, name or probability, or a code in use.
 */
int	stages_add(struct db *db, const char *code, const char *name,
	    int probability, enum stage_outcome outcome, struct so_err *err);
int	stages_rename(struct db *db, const char *code, const char *name,
	    struct so_err *err);
/* Moves the stage to position (1: first) among all stages; the others
 * keep their order.  A position past the end is the end. */
int	stages_move(struct db *db, const char *code, int position,
	    struct so_err *err);
/* Retires (retired 1) or brings back (0) a stage. */
int	stages_retire(struct db *db, const char *code, int retired,
	    struct so_err *err);
/* Sets the win probability: 0 to 100, SO_EINVAL naming probability
 * else. */
int	stages_probability(struct db *db, const char *code, int probability,
	    struct so_err *err);

#endif
