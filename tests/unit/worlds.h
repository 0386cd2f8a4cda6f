/*
 * The small databases more than one test file reads, each worked out by
 * hand: the figures the tests expect are counted from the tables below,
 * not by the code under test.  Both run at the fixture's clock, Monday
 * 2026-11-23 09:00 in Moscow (FIXTURE_NOW).
 */
#ifndef TESTS_WORLDS_H
#define TESTS_WORLDS_H

#include <stdint.h>

#include "fixture.h"
#include "report/report.h"

/* ---- the activity week: test_activity.c, test_report_activity.c ---- */

struct world_activity {
	struct db	*db;
	int64_t		 anna, boris, vera;
	int64_t		 alpha, beta, gamma, delta, kuz;
};

/*
 * The week, by hand (companies: Alpha is Boris's, Beta Anna's, Gamma
 * and Delta nobody's; Kuznetsov a contact without a company):
 *
 * anna	11-02 10:00 call Beta no_answer        before the week: Beta touched
 *	11-16 10:00 call Beta reached_dm       repeat, reached DM, productive
 *	11-16 11:00 call Alpha proposal_sent   Alpha's first: cold, proposal,
 *					       productive
 *	11-16 12:00 meeting Beta held          held, productive
 *	11-16 13:00 email Beta meeting_set     set, productive
 *	11-16 14:00 call Beta invoice, cancelled   not counted
 *	11-16 15:00 call Beta callback, trashed    not counted
 *	11-16 16:00 call Beta, planned             not counted
 *	11-17       (no event; payment 1 000.00 for Beta: Anna's)
 *	11-18 09:00 letter Beta invoice_issued invoices, productive
 *	11-18 10:00 call Gamma no_answer       Gamma's first: cold
 *	            (payment 200.00 for Gamma on Anna's deal)
 *	11-19       nothing: no row
 *	11-15 23:30 call Delta callback        before the week (Delta touched)
 *	11-22 23:30 call Delta callback        repeat (the last local day)
 *	11-23 00:00 call Delta callback        after the week
 * boris 11-17 10:00 call Alpha no_answer      repeat (Anna called first)
 *	11-17 11:00 meeting Alpha meeting_set  set, held, productive
 *	11-18       (payment 500.50 for Beta on Boris's deal: Boris's)
 *	11-20 10:00 call Kuznetsov reached_dm  his first: cold, reached DM,
 *					       productive
 * vera	nothing: a zero line
 * nobody 11-20 payment 50.00 for Gamma without a deal; 11-19 a trashed
 *	payment and 11-24 one after the week: not counted
 */
/* Opens activity.db and fills it; 0 when that failed. */
int	world_activity(struct world_activity *w);

/* ---- the reports' world: test_report_{meeting,followup,sales,audit,
 * keyclients}.c ---- */

#define HOUR	3600
#define DAY	86400
/* 2026-11-01 00:00 Moscow (UTC+3). */
#define NOV1	((int64_t)FIXTURE_NOW - 9 * HOUR - 22 * DAY)
/* Day d of November 2026 at hour h. */
#define NOV(d, h)	(NOV1 + ((d) - 1) * DAY + (h) * HOUR)

struct world_reports {
	struct db	*db;
	int64_t		 anna, boris, vera;
	int64_t		 c[8];		/* c[1]..c[7] */
	int64_t		 kappa, lambda, mu, nu;
	int64_t		 m1, m4, call1;	/* meetings of C2, C4; C1's call */
};

/*
 * The reports' world (every report's scope, period and figures are
 * counted from it):
 *
 *  anna (current user; no full name), boris (Борис), vera (Вера: nothing)
 *  C1 Альфа    anna  VIP, Казань  call 11-10 proposal_sent; no next touch
 *  C2 Бета     anna  meeting 11-05 held (M1); call planned 11-25 10:00
 *  C3 Гамма    anna  call 11-12 proposal_sent; paid 1 000 on 11-15
 *  C4 Дельта   anna  meeting 11-06 held; deal D1 won 100 000 (11-10),
 *                    D3 won 30 000 (10-15)
 *  C5 Эпсилон  boris vip; call 11-11 proposal_sent; no next touch;
 *                    deal D6 negotiation 70 000
 *  C6 Зета     anna  customer; call 11-02 no_answer; D2 lost 50 000 (11-12)
 *  C7 Omega    boris D4 lost 20 000 (11-03); paid 40 000 and 5 000 on
 *                    anna's deal D1 (11-20, 11-21), 7 000 without a deal
 *  C1 also has the open deal D5 (first contact, 10 000, anna).
 *  Kappa (anna), Lambda (anna), Mu (boris), Nu (boris): ABC payments,
 *  September Kappa 1000, Lambda 500, Mu 100 -> A, B, C; October Lambda
 *  2000, Mu 50, Nu 300 -> A, C, B.  Lambda's last call 2026-06-01, Mu's
 *  2026-11-01, Kappa and Nu none.
 */
/* Opens the database name and fills it; 0 when that failed. */
int	world_reports(struct world_reports *w, const char *name);
/* q for the period from..to of user_id (all: the department), made at
 * FIXTURE_NOW. */
void	world_query(struct report_query *q, const char *from, const char *to,
	    int64_t user_id, int all);

#endif
