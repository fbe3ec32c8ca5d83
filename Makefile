# metaclust — plain GNU make.
#
#   make            build ./metaclust (needs the Debian -dev packages; see `make deps`)
#   make demo       install missing packages, build, run the showcase into plots/
#   make test       install missing packages, build, run every test
#   make check      the whole test suite again under ASan + UBSan (objects in build/san)
#   make valgrind   the end-to-end tests under valgrind memcheck
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean | format | format-check | deps | test-deps

PKG_CONFIG ?= pkg-config
PKGS       := igraph cairo pangocairo zlib jansson
PREFIX     ?= /usr/local
DESTDIR    ?=
SHARED     ?= ../shared
SEED       ?= 0

# Debian packages: what the build needs, and what the tests need on top.
DEB_BUILD := libigraph-dev libcsv-dev libcairo2-dev libpango1.0-dev libjansson-dev \
             zlib1g-dev libcmocka-dev pkg-config fonts-dejavu-core gcc make
DEB_TEST  := poppler-utils libxml2-utils valgrind clang libclang-rt-14-dev

# Quiet build lines ("CC src/x.c"); `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
QUIET_CC =
QUIET_LINK =
QUIET_AR =
else
Q := @
QUIET_CC = @echo "  CC      $<";
QUIET_LINK = @echo "  LINK    $@";
QUIET_AR = @echo "  AR      $@";
endif

BUILD := build
ifeq ($(SAN),1)
BUILD    := build/san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
WERROR   := -Werror
endif

OPT  ?= -O2 -g
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
        -Wno-format-nonliteral
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv -lm
# The project's flags stay apart from the user's CFLAGS, so `make CFLAGS=-O0`
# cannot drop -Iinclude or the pkg-config flags.
MC_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(WERROR) $(SANFLAGS) \
            -Iinclude -MMD -MP $(PKG_CFLAGS)
MC_LDFLAGS = $(SANFLAGS)

CLI_SRC  := src/main.c $(wildcard src/cmd_*.c)
LIB_SRC  := $(filter-out $(CLI_SRC),$(wildcard src/*.c))
# $(BUILD)/nuts2_table.o: the built-in NUTS-2 regions of `generate`, see below
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/nuts2_table.o
CLI_OBJ  := $(CLI_SRC:src/%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libmetaclust.a
BIN      := $(if $(filter 1,$(SAN)),$(BUILD)/metaclust,metaclust)

TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all test check valgrind demo install uninstall clean deps test-deps format \
        format-check unit cli _test _demo bench fuzz browser-test
.DEFAULT_GOAL := all

all: $(BIN)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(CC) $(MC_CFLAGS) $(CFLAGS) -c -o $@ $<

# datasets/nuts2.csv compiled into the library, so that `metaclust generate`
# needs no data file at run time (from a clean clone and after `make install`).
$(BUILD)/nuts2_table.c: datasets/nuts2.csv src/nuts2_table.awk
	@mkdir -p $(@D)
	$(Q)awk -f src/nuts2_table.awk datasets/nuts2.csv >$@.tmp && mv $@.tmp $@

$(BUILD)/nuts2_table.o: $(BUILD)/nuts2_table.c
	$(QUIET_CC)$(CC) $(MC_CFLAGS) $(CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(QUIET_AR)$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(QUIET_LINK)$(CC) $(MC_LDFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS)

$(BUILD)/tests/%: tests/%.c tests/testutil.h $(LIB)
	@mkdir -p $(@D)
	$(QUIET_LINK)$(CC) $(MC_CFLAGS) $(CFLAGS) -Itests -o $@ $< $(LIB) $(PKG_LIBS) -lcmocka $(MC_LDFLAGS) $(LDFLAGS)

# ---- tests ---------------------------------------------------------------
# `test` and `demo` first make sure the Debian packages are there, then run a
# fresh make so that the pkg-config flags are read after the installation.
test: deps test-deps
	@$(MAKE) --no-print-directory _test

_test: $(BIN) $(TEST_BIN)
	@$(MAKE) --no-print-directory unit cli

unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do \
	    echo "== $$t"; MC_SHARED=$(SHARED) MC_TOP=$(CURDIR) $$t; done

cli: $(BIN)
	@MC_SHARED=$(SHARED) METACLUST=$(CURDIR)/$(BIN) sh tests/run-cli.sh

check: deps test-deps
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $(MAKE) --no-print-directory SAN=1 _test

valgrind: deps test-deps
	@$(MAKE) --no-print-directory $(BIN)
	@MC_SHARED=$(SHARED) MC_VALGRIND=1 METACLUST=$(CURDIR)/$(BIN) sh tests/run-cli.sh

# ---- demo ----------------------------------------------------------------
demo: deps
	@$(MAKE) --no-print-directory _demo

_demo: $(BIN)
	./$(BIN) info datasets/central-europe
	@echo "demo: see plots/"

# ---- dependencies --------------------------------------------------------
# A fast no-op when everything is installed; otherwise apt-get (sudo when not root).
deps:
	@sh .ci/apt-install $(DEB_BUILD)

test-deps:
	@sh .ci/apt-install $(DEB_TEST)

# ---- install -------------------------------------------------------------
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/metaclust
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/metaclust
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libmetaclust.a
	install -m 644 include/metaclust/*.h $(DESTDIR)$(PREFIX)/include/metaclust/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/metaclust $(DESTDIR)$(PREFIX)/lib/libmetaclust.a
	rm -rf $(DESTDIR)$(PREFIX)/include/metaclust

clean:
	rm -rf build metaclust tests/out fuzz/bin

format:
	clang-format -i src/*.c include/metaclust/*.h tests/*.c tests/*.h

format-check:
	clang-format --dry-run -Werror src/*.c include/metaclust/*.h tests/*.c tests/*.h

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
