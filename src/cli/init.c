/*
 * salesorg init [--shared GROUP | --plain GROUP] [--admin LOGIN] [FILE]
 *
 * Creates (or upgrades) the database file.  With --shared or --plain it
 * sets up a database a team shares on one server:
 *
 *   the directory of FILE   made if missing, group GROUP, mode 2770 (the
 *                           setgid bit: files made in it later get GROUP
 *                           too); an existing one that others may enter
 *                           is refused, for it is not the database's own
 *   FILE, FILE-wal, -shm    group GROUP, mode 0660, whatever the umask
 *
 * --shared is the guarded mode: the binary is setgid GROUP (make
 * install-shared) and the users are not members of GROUP, so they reach
 * the file only through salesorg.  Run by root, the files are given to
 * root as well: a user who owned them could read them or chmod them.
 * --plain is the same layout for an ordinary group the users belong to.
 *
 * The -wal and -shm files are made here, once, and kept for good: db_open
 * sets SQLITE_FCNTL_PERSIST_WAL on a group-writable database, so SQLite
 * never deletes them on the last close and no user creates them anew.
 * The closed directory already keeps users from opening them by path;
 * this keeps them root's (or the creator's) and the group's, never a
 * user's, who as owner could chmod them and would carry them in quota.
 *
 * An existing database is converted (group, modes, owner) rather than
 * refused.  The administrator is --admin LOGIN, else whoever runs init:
 * the first login of a new database; in an existing one, added as an
 * administrator (or made one) while nobody is logged in.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/acl.h"
#include "store/lookup.h"
#include "store/users.h"

#define DIR_MODE	02770
#define FILE_MODE	0660

struct shared {
	const char	*group;		/* NULL: an ordinary init */
	int		 guarded;	/* --shared, not --plain */
	gid_t		 gid;
	uid_t		 owner;		/* (uid_t)-1: leave as is */
	const char	*admin;		/* --admin, or NULL */
};

static int	fail(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));

/* "salesorg: init: MESSAGE" on stderr; EXIT_USER. */
static int
fail(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cli_warn("init: %s", msg);
	free(msg);
	return EXIT_USER;
}

/* path's directory ("." when it has none); the caller frees. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Makes the missing parents of dir, 0755 so the users can pass. */
static int
make_parents(const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat sb;
	int rc = 0;

	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (stat(p, &sb) != 0 && (mkdir(p, 0755) != 0 ||
		    chmod(p, 0755) != 0)) {
			rc = fail(_("%s: cannot create: %s"), p,
			    strerror(errno));
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

/*
 * Whether dir holds nothing but the database's own files: init changes
 * the group and mode of the directory, which must not open or close
 * anything else (a FILE given in a home directory, say).
 */
static int
only_ours(const char *dir, const char *base)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };
	struct dirent *de;
	size_t i, n = strlen(base);
	DIR *d;
	int ok = 1;

	if ((d = opendir(dir)) == NULL)
		return fail("%s: %s", dir, strerror(errno));
	while (ok && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		ok = 0;
		for (i = 0; i < sizeof(side) / sizeof(side[0]); i++)
			if (strncmp(de->d_name, base, n) == 0 &&
			    strcmp(de->d_name + n, side[i]) == 0)
				ok = 1;
		if (!ok)
			fail(_("%s: holds other files than the database "
			    "(%s); a shared database needs a directory of its "
			    "own (init makes one when it is missing)"), dir,
			    de->d_name);
	}
	closedir(d);
	return ok ? 0 : EXIT_USER;
}

/* The database's directory: made, or checked; then GROUP and 2770. */
static int
prepare_dir(const char *dir, const char *base, const struct shared *sh)
{
	struct stat sb;
	char mode[8];

	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT)
			return fail("%s: %s", dir, strerror(errno));
		if (make_parents(dir) != 0)
			return EXIT_USER;
		/* Closed to all until it has its group. */
		if (mkdir(dir, 0700) != 0)
			return fail(_("%s: cannot create: %s"), dir,
			    strerror(errno));
	} else if (!S_ISDIR(sb.st_mode))
		return fail(_("%s: not a directory"), dir);
	else if (sb.st_mode & 0007) {
		snprintf(mode, sizeof(mode), "%04o", (unsigned)(sb.st_mode &
		    07777));
		return fail(_("%s: others may enter this directory (mode %s); "
		    "a shared database needs a directory of its own (init "
		    "makes one when it is missing: give FILE in a new "
		    "directory)"), dir, mode);
	} else if (only_ours(dir, base) != 0)
		return EXIT_USER;
	if (chown(dir, sh->owner, sh->gid) != 0)
		return fail(_("%s: cannot give it to group %s: %s (run init "
		    "as root, or as a member of the group)"), dir, sh->group,
		    strerror(errno));
	if (chmod(dir, DIR_MODE) != 0)
		return fail(_("%s: cannot set mode 2770: %s"), dir,
		    strerror(errno));
	return 0;
}

/* One of the database's files: GROUP (and owner), 0660.  A missing
 * file is fine unless must is set. */
static int
give_file(const char *path, const struct shared *sh, int must)
{
	struct stat sb;
	int fd, rc = 0;

	/* O_NOFOLLOW and the descriptor: what we check is what we change */
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) < 0) {
		if (errno == ENOENT && !must)
			return 0;
		return fail("%s: %s", path, strerror(errno));
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		rc = fail(_("%s: not a regular file"), path);
	else if (fchown(fd, sh->owner, sh->gid) != 0)
		rc = fail(_("%s: cannot give it to group %s: %s"), path,
		    sh->group, strerror(errno));
	else if (fchmod(fd, FILE_MODE) != 0)
		rc = fail(_("%s: cannot set mode 0660: %s"), path,
		    strerror(errno));
	close(fd);
	return rc;
}

/* The database and the files SQLite keeps beside it. */
static int
give_files(const char *path, const struct shared *sh, int sidecars_must)
{
	static const char *const side[] = { "-wal", "-shm", "-journal" };
	char *p;
	size_t i;
	int rc;

	if ((rc = give_file(path, sh, 1)) != 0)
		return rc;
	for (i = 0; i < sizeof(side) / sizeof(side[0]) && rc == 0; i++) {
		p = xasprintf("%s%s", path, side[i]);
		rc = give_file(p, sh, sidecars_must && i < 2);
		free(p);
	}
	return rc;
}

/* The administrator: the first login of a new database, else added to
 * (or made administrator in) an existing one. */
static int
set_admin(struct cli *cli, struct db *db, const struct shared *sh)
{
	struct so_err err = { 0 };
	struct user_brief *u;
	size_t n, i;
	int code, found = 0;

	if (store_users_all(db, &u, &n, &err) != SO_OK)
		return cli_fail(&err);
	for (i = 0; i < n; i++)
		if (sh->admin && strcmp(u[i].login, sh->admin) == 0)
			found = 1;
	store_users_free(u, n);
	if (n == 0) {
		if (db_login(db, sh->admin ? sh->admin : cli->login, &err) !=
		    SO_OK)
			return cli_fail(&err);
		return 0;
	}
	if (sh->admin == NULL)
		return 0;	/* its users stay as they are */
	acl_system(db, 1);
	if (found)
		code = store_user_set(db, sh->admin, ROLE_ADMIN, NULL, 0, &err);
	else
		code = store_user_add(db, sh->admin, NULL, ROLE_ADMIN, &err);
	acl_system(db, 0);
	return code == SO_OK ? 0 : cli_fail(&err);
}

/* Opens path, creating and migrating it as needed; NULL after a
 * message. */
static struct db *
open_db(const char *path)
{
	struct db_opts opts = { 0 };
	struct so_err err = { 0 };
	struct db *db;

	opts.create = 1;
	if (db_open(path, &opts, &db, &err) != SO_OK) {
		cli_fail(&err);
		return NULL;
	}
	return db;
}

static void
warn_guard(const struct shared *sh)
{
	struct group *gr = getgrgid(sh->gid);

	if (!sh->guarded)
		return;
	if (getuid() != 0)
		cli_warn("%s", _("init: warning: the files belong to you, who "
		    "can read them from a shell; set guarded mode up as "
		    "root"));
	if (gr && gr->gr_mem && gr->gr_mem[0])
		cli_warn(_("init: warning: %s is a member of group %s and "
		    "can read the database directly; in guarded mode nobody "
		    "should be"), gr->gr_mem[0], sh->group);
}

static int
init_shared(struct cli *cli, struct shared *sh)
{
	struct group *gr;
	struct db *db;
	const char *base, *admin;
	char *dir;
	int rc;

	/* Users are Unix logins: an administrator who cannot log in
	 * would be no one. */
	if (sh->admin && getpwnam(sh->admin) == NULL)
		return fail(_("--admin: no Unix login \"%s\""), sh->admin);
	if ((gr = getgrnam(sh->group)) == NULL)
		return fail(_("no group \"%s\" (create it with groupadd, or "
		    "'make install-shared GROUP=%s')"), sh->group, sh->group);
	sh->gid = gr->gr_gid;
	sh->owner = sh->guarded && geteuid() == 0 ? 0 : (uid_t)-1;
	dir = dir_of(cli->dbpath);
	base = strrchr(cli->dbpath, '/');
	rc = prepare_dir(dir, base ? base + 1 : cli->dbpath, sh);
	free(dir);
	if (rc != 0)
		return rc;
	/* Created (or checked and migrated) as it is, then given to the
	 * group: from now on db_open keeps its -wal and -shm. */
	if ((db = open_db(cli->dbpath)) == NULL)
		return EXIT_USER;
	db_close(db);
	if ((rc = give_files(cli->dbpath, sh, 0)) != 0)
		return rc;
	if ((db = open_db(cli->dbpath)) == NULL)
		return EXIT_USER;
	if ((rc = set_admin(cli, db, sh)) != 0 ||
	    (rc = give_files(cli->dbpath, sh, 1)) != 0) {
		db_close(db);
		return rc;
	}
	/* TRANSLATORS: in place of the administrator's login when an
	 * existing database keeps its users as they were. */
	admin = sh->admin ? sh->admin : *db_user_login(db) ?
	    db_user_login(db) : C_("administrator", "unchanged");
	if (sh->guarded)
		printf(_("%s: guarded shared database, group %s, schema "
		    "version %d, admin %s"), db_path(db), sh->group,
		    db_schema_version(db), admin);
	else
		printf(_("%s: plain shared database, group %s, schema "
		    "version %d, admin %s"), db_path(db), sh->group,
		    db_schema_version(db), admin);
	putchar('\n');
	db_close(db);
	warn_guard(sh);
	return 0;
}

enum { OPT_SHARED = 's', OPT_PLAIN = 'p', OPT_ADMIN = 'a' };

static int
cli_init(struct cli *cli, int argc, char **argv)
{
	struct shared sh = { 0 };
	struct db *db;
	const char *file = NULL;
	int c, rc;

	while ((c = cli_getopt(&command_init, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_SHARED:
		case OPT_PLAIN:
			if (sh.group)
				return cli_usage("init");
			sh.group = optarg;
			sh.guarded = c == OPT_SHARED;
			break;
		case OPT_ADMIN:
			sh.admin = optarg;
			break;
		default:
			return cli_usage("init");
		}
	}
	if (argc - optind > 1)
		return cli_usage("init");
	if (optind < argc)
		file = argv[optind];
	/* FILE and --admin belong to a shared set-up; a plain init takes
	 * the database from --db, as every other command does. */
	if ((sh.admin || file) && sh.group == NULL)
		return cli_usage("init");
	if (file)
		cli->dbpath = file;
	if (sh.group)
		return init_shared(cli, &sh);
	if ((rc = cli_open(cli, 1, 0, &db)) != 0)
		return rc;
	/* TRANSLATORS: the last %s is the role, manager, head or admin,
	 * as user set --role takes it. */
	printf(_("%s: schema version %d, user %s (%s)"), db_path(db),
	    db_schema_version(db), db_user_login(db), db_user_role(db));
	putchar('\n');
	db_close(db);
	return 0;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_option options[] = {
	{ .name = "shared", .val = OPT_SHARED, .arg = NC_("usage", "GROUP"),
	  .help = N_("set up a team's database on a server in guarded "
	    "mode: for a setgid salesorg and a group nobody is a member of "
	    "(run as root)") },
	{ .name = "plain", .val = OPT_PLAIN, .arg = NC_("usage", "GROUP"),
	  .flags = CLI_OR,
	  .help = N_("the same layout for an ordinary group the users "
	    "belong to") },
	{ .name = "admin", .val = OPT_ADMIN, .arg = NC_("usage", "LOGIN"),
	  .help = N_("with --shared or --plain: make LOGIN the "
	    "administrator (default: whoever runs init, on a new "
	    "database)") },
	{ 0 }
};

const struct command command_init = {
	.name = "init",
	.operands = NC_("usage", "[FILE]"),
	.options = options,
	.summary = N_("create or upgrade the database, or set up a team's "
	    "shared one (FILE, with --shared or --plain; see SHARED "
	    "DATABASE in salesorg(1))"),
	.acl = {
		.manager = CLI_REACH(0, 0, 0, ACL_WRITE),
		.head = CLI_REACH(0, 0, 0, ACL_WRITE),
		.admin = CLI_REACH(0, 0, 0, ACL_WRITE),
	},
	.access = N_("whoever may write the file: a new database's first "
	    "login is its administrator; an existing one's users must be let "
	    "in as for any command, except with --shared or --plain, which "
	    "convert it and add or promote --admin without a login"),
	.run = cli_init,
};
