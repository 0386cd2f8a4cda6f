# salesorg — plain Makefile.  `make` builds ./salesorg; `make check` runs
# every test; `make check SANITIZE=1` does the same under ASan + UBSan.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=

PKGS    = ncursesw sqlite3 libpcre2-8
# Headers at build time, the libraries opened on first use (include/
# base/dlib.h says why): libical by the first recurrence rule or
# calendar, libzip and expat by an .xlsx, FreeXL by an .xls, Cairo and
# Pango by a PDF (src/doc/pdf_api.h).
DL_PKGS = libical libzip expat freexl pangocairo cairo-pdf
CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(DL_PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

ifeq ($(SANITIZE),1)
BUILD   = build/san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
else
BUILD   = build/rel
SANFLAGS =
endif

ALL_CFLAGS = -std=c11 -Wall -Wextra -D_DEFAULT_SOURCE \
	     -Iinclude -I$(BUILD) $(PKG_CFLAGS) \
	     $(SANFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lcsv -lm -ldl

SRC      := $(wildcard src/*.c src/*/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/migrations.o \
	    $(BUILD)/labels_ru.o
MAIN_OBJ := $(BUILD)/src/main.o
TEST_SRC := $(wildcard tests/unit/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)
SQL      := $(sort $(wildcard sql/[0-9]*.sql))

BIN      = $(BUILD)/salesorg
TESTBIN  = $(BUILD)/unit-tests
# The translations (base/i18n.h): po/LANG.po compiled into the tree the
# binary finds with SALESORG_LOCALEDIR=$(CURDIR)/$(BUILD)/locale.
LANGS    = ru
MO       = $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/salesorg.mo)
XGETTEXT = xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS \
	   --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2 \
	   --keyword=NC_:1c,2 \
	   --package-name=salesorg --sort-by-file

.PHONY: all run check unit cli-tests interop-tests tui-tests check-clock \
	check-layers check-dates check-po pot install install-shared \
	install-locale uninstall clean bench bench-detail FORCE

all: salesorg $(MO)

# Copied then renamed, so a salesorg still running keeps its old file.
salesorg: $(BIN)
ifneq ($(SANITIZE),1)
	cp $(BIN) salesorg.tmp && mv -f salesorg.tmp salesorg
endif

$(BIN): $(MAIN_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(TESTBIN): $(TEST_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)
# The unit tests of the translations read the catalogues built here.
$(TEST_OBJ): ALL_CFLAGS += -DBUILD_LOCALEDIR='"$(CURDIR)/$(BUILD)/locale"'

# The load test's writer (tests/load/writer.c): the store without main.
LOADBIN  = $(BUILD)/load-writer
$(LOADBIN): $(BUILD)/tests/load/writer.o $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The migrations are compiled into the binary so that it alone can create
# or upgrade a database.
$(BUILD)/migrations.c: $(SQL) sql/embed.awk
	@mkdir -p $(BUILD)
	awk -f sql/embed.awk $(SQL) > $@

$(BUILD)/migrations.o: $(BUILD)/migrations.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The descriptors' Russian labels, read from po/ru.po into a table, so
# that Russian column headings are read and written whatever the locale
# (include/store/labels.h).
$(BUILD)/labels_ru.c: po/ru.po po/labels.awk
	@mkdir -p $(BUILD)
	awk -f po/labels.awk po/ru.po > $@

$(BUILD)/labels_ru.o: $(BUILD)/labels_ru.c include/store/labels.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# A demo database beside the sources, created once, then the TUI on it.
# In the language of the locale, from the catalogues built here.
run: salesorg $(MO)
	@test -f demo.db || SALESORG_LOCALEDIR=$(CURDIR)/$(BUILD)/locale \
	    $(BIN) --db demo.db demo
	SALESORG_LOCALEDIR=$(CURDIR)/$(BUILD)/locale $(BIN) --db demo.db

check: check-clock check-layers check-po unit cli-tests interop-tests \
	tui-tests

# ---- translations ----

# Where the installed binary finds its catalogues: a header rewritten
# only when LOCALEDIR changes, so that make install PREFIX=... rebuilds
# what reads it.
build/%/localedir.h: FORCE
	@mkdir -p $(dir $@)
	@echo '#define LOCALEDIR "$(LOCALEDIR)"' >$@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp
$(BUILD)/src/base/i18n.o: $(BUILD)/localedir.h
build/fuzz/src/base/i18n.o: build/fuzz/localedir.h

$(BUILD)/locale/%/LC_MESSAGES/salesorg.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The catalogue's template, from the marked strings of the sources.
pot: po/salesorg.pot
po/salesorg.pot: $(SRC) $(wildcard include/*/*.h)
	$(XGETTEXT) -o $@ $(sort $(SRC) $(wildcard include/*/*.h))

# Every catalogue complete: no untranslated or fuzzy entry, formats that
# agree (msgfmt --check), and every string marked in the sources now in
# it (tests/po.sh extracts them afresh, so a new string fails the check).
check-po: $(MO)
	XGETTEXT="$(XGETTEXT)" LANGS="$(LANGS)" BUILD=$(BUILD) sh tests/po.sh

# One place reads the wall clock (src/base/datetime.c's dt_now).
check-clock:
	sh tests/clock.sh

# Includes go down the layers and modules form no cycle (tests/
# layers.sh says which layers and how); its self-test first, so a
# checker that can no longer fail does not pass for a clean tree.
check-layers:
	sh tests/layers.sh --self-test
	sh tests/layers.sh

# The unit, CLI and interop suites on other days and in other zones (tests/
# dates.sh): DATES="saturday berlin-spring-night" picks points of the
# matrix, all of them by default.
DATES ?=
check-dates: $(TESTBIN) $(BIN) build/rel/salesorg
	UNIT=$(CURDIR)/$(TESTBIN) SALESORG=$(CURDIR)/$(BIN) \
	    SALESORG_REL=$(CURDIR)/build/rel/salesorg \
	    sh tests/dates.sh $(DATES)

unit: $(TESTBIN) $(MO)
	$(TESTBIN)

cli-tests: $(BIN) build/rel/salesorg $(MO)
	SALESORG=$(CURDIR)/$(BIN) SALESORG_REL=$(CURDIR)/build/rel/salesorg \
	    sh tests/run-scripts.sh cli tests/cli

# With the real programs from Debian: calcurse, khal, abook, khard, CUPS.
interop-tests: $(BIN) $(MO)
	SALESORG=$(CURDIR)/$(BIN) sh tests/run-scripts.sh interop tests/interop

# Memory is measured on the optimised build even in a sanitizer run
# (ASan's shadow memory would swamp the figure).
tui-tests: $(BIN) build/rel/salesorg $(LOADBIN) $(MO)
	SALESORG=$(CURDIR)/$(BIN) SALESORG_REL=$(CURDIR)/build/rel/salesorg \
	    LOAD_WRITER=$(CURDIR)/$(LOADBIN) sh tests/run-scripts.sh tui tests/tui

ifeq ($(SANITIZE),1)
build/rel/salesorg: FORCE
	$(MAKE) SANITIZE= build/rel/salesorg
endif
FORCE:

# The benchmarks time the optimised build, whatever SANITIZE says.
# BENCH_SCALE=small is the one-minute run CI makes so the harness cannot
# rot; bench-detail adds the older, narrower scripts.  BENCH_SCALES="0.1
# 1 3" runs it at each scale and prints how each row grows (bench/run).
BENCH_SCALE ?= default
bench:
	$(MAKE) SANITIZE= salesorg build/rel/so-gen build/rel/so-alt
	BENCH_SCALE=$(BENCH_SCALE) SALESORG=$(CURDIR)/build/rel/salesorg \
	    SO_GEN=$(CURDIR)/build/rel/so-gen \
	    SO_ALT=$(CURDIR)/build/rel/so-alt sh bench/run

bench-detail:
	$(MAKE) SANITIZE= salesorg
	sh bench/list.sh
	sh bench/ical.sh
	sh bench/search.sh
	sh bench/filter.sh

build/rel/so-gen: bench/gen.c
	@mkdir -p build/rel
	$(CC) -std=c11 -Wall -Wextra -O2 $(shell pkg-config --cflags sqlite3) \
	    -o $@ bench/gen.c $(shell pkg-config --libs sqlite3)

# Two commands timed against each other without the harness's own forks
# (bench/alt.c).
build/rel/so-alt: bench/alt.c
	@mkdir -p build/rel
	$(CC) -std=c11 -Wall -Wextra -O2 -o $@ bench/alt.c

install: salesorg $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/salesorg
	install -m 644 man/salesorg.1 $(DESTDIR)$(MANDIR)/man1/salesorg.1
	$(MAKE) install-locale

# Guarded shared mode (salesorg(1), SHARED DATABASE): the binary setgid
# to GROUP, a group made for it that ordinary users must NOT be members
# of (a member could read the database with cp or sqlite3).  Then, as
# root: salesorg init --shared GROUP --admin LOGIN /srv/salesorg/team.db
# INSTALL_BIN installs another build (the tests install the one they
# test); by default the optimised one, built if need be.
GROUP       ?= salesorg
INSTALL_BIN ?= $(BIN)
install-shared: $(INSTALL_BIN)
	getent group $(GROUP) >/dev/null || groupadd --system $(GROUP)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -o root -g $(GROUP) -m 2755 $(INSTALL_BIN) \
	    $(DESTDIR)$(BINDIR)/salesorg
	install -m 644 man/salesorg.1 $(DESTDIR)$(MANDIR)/man1/salesorg.1
	$(MAKE) install-locale

# The catalogues in the standard locale directory, and the manual in
# each language it is written in (man/LANG/man1).
install-locale: $(MO)
	for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/salesorg.mo \
		    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/salesorg.mo || exit 1; \
		if [ -f man/$$l/man1/salesorg.1 ]; then \
			install -d $(DESTDIR)$(MANDIR)/$$l/man1 && \
			install -m 644 man/$$l/man1/salesorg.1 \
			    $(DESTDIR)$(MANDIR)/$$l/man1/salesorg.1 || exit 1; \
		fi; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/salesorg $(DESTDIR)$(MANDIR)/man1/salesorg.1
	for l in $(LANGS); do \
		rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/salesorg.mo \
		    $(DESTDIR)$(MANDIR)/$$l/man1/salesorg.1; done

clean:
	rm -rf build salesorg

# ---- libFuzzer targets (tests/fuzz/README) ----
# A world of its own: clang whatever CC says, every object built again
# with the fuzzer's coverage and ASan + UBSan into build/fuzz, each
# target tests/fuzz/fuzz_NAME.c linked with the library (not main.c),
# the unit tests' fixture and tests/fuzz/fuzz.c.  `make fuzz` runs each
# FUZZ_SECONDS on a copy of its corpus; `make fuzz-regress` runs each
# once over its committed corpus (what CI does).  Either fails on any
# crash, leak, UBSan report or timeout.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD    = build/fuzz
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
		-fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -Wall -Wextra -D_DEFAULT_SOURCE -Iinclude \
		-Itests/unit -I$(FUZZ_BUILD) $(PKG_CFLAGS) $(FUZZ_SAN) \
		-fsanitize=fuzzer-no-link -O1 -g -MMD -MP
FUZZ_NAMES   := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,\
		$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS     = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_OBJ      = $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/migrations.o \
		$(FUZZ_BUILD)/labels_ru.o \
		$(FUZZ_BUILD)/tests/unit/fixture.o $(FUZZ_BUILD)/tests/fuzz/fuzz.o

.PHONY: fuzz fuzz-build fuzz-regress

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	sh tests/fuzz/run.sh run $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-regress: fuzz-build
	sh tests/fuzz/run.sh regress $(FUZZ_BUILD) 0 $(FUZZ_NAMES)

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LIBS)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/migrations.c: $(SQL) sql/embed.awk
	@mkdir -p $(FUZZ_BUILD)
	awk -f sql/embed.awk $(SQL) > $@

$(FUZZ_BUILD)/migrations.o: $(FUZZ_BUILD)/migrations.c
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/labels_ru.c: po/ru.po po/labels.awk
	@mkdir -p $(FUZZ_BUILD)
	awk -f po/labels.awk po/ru.po > $@

$(FUZZ_BUILD)/labels_ru.o: $(FUZZ_BUILD)/labels_ru.c include/store/labels.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

# Not deleted as intermediates: a rebuild after one edit stays one file.
.SECONDARY: $(FUZZ_OBJ) $(FUZZ_NAMES:%=$(FUZZ_BUILD)/tests/fuzz/fuzz_%.o)

-include $(wildcard $(BUILD)/src/*.d $(BUILD)/src/*/*.d $(BUILD)/tests/unit/*.d $(BUILD)/tests/load/*.d)
-include $(wildcard $(FUZZ_BUILD)/src/*.d $(FUZZ_BUILD)/src/*/*.d $(FUZZ_BUILD)/tests/*/*.d)
