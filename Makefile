# metaclust — plain GNU make.
#
#   make            build ./metaclust (needs the Debian -dev packages; see `make deps`)
#   make demo       install missing packages, build, run the showcase into plots/
#   make test       install missing packages, build, run every test
#   make check      the whole test suite again under ASan + UBSan (objects in build/san)
#   make valgrind   the end-to-end tests under valgrind memcheck
#   make fuzz       build the libFuzzer harnesses (clang); make fuzz-run FUZZ_SECONDS=60
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean | format | format-check | deps | test-deps

PKG_CONFIG ?= pkg-config
PKGS       := igraph cairo pangocairo zlib jansson gsl libzip libxml-2.0 glib-2.0 xlsxwriter \
              libcmark-gfm libpng
PREFIX     ?= /usr/local
DESTDIR    ?=
SHARED     ?= ../shared
SEED       ?= 0

# Debian packages: what the build needs, and what the tests need on top.
DEB_BUILD := libigraph-dev libcsv-dev libcairo2-dev libpango1.0-dev libjansson-dev \
             zlib1g-dev libcmocka-dev pkg-config fonts-dejavu-core gcc make \
             libgsl-dev libzip-dev libxml2-dev libglib2.0-dev libxlsxwriter-dev libcmark-gfm-dev \
             libcmark-gfm-extensions-dev libpng-dev
DEB_TEST  := poppler-utils libxml2-utils valgrind clang libclang-rt-14-dev python3-openpyxl

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
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/nuts2_table.o $(BUILD)/country_names.o
LIB_OBJ  += $(BUILD)/explore_assets.o
LIB_OBJ  += $(BUILD)/borders_table.o
CLI_OBJ  := $(CLI_SRC:src/%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libmetaclust.a
BIN      := $(if $(filter 1,$(SAN)),$(BUILD)/metaclust,metaclust)

TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all test check valgrind demo install uninstall clean deps test-deps format \
        format-check unit cli _test _demo bench fuzz fuzz-run browser-test
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

# datasets/country-names.tsv: the country names a country column accepts
$(BUILD)/country_names.c: datasets/country-names.tsv src/country_names.awk
	@mkdir -p $(@D)
	$(Q)awk -f src/country_names.awk datasets/country-names.tsv >$@.tmp && mv $@.tmp $@

$(BUILD)/country_names.o: $(BUILD)/country_names.c
	$(QUIET_CC)$(CC) $(MC_CFLAGS) $(CFLAGS) -c -o $@ $<

# web/: the explorer's page, its glue and the vendored sigma.js/graphology, inlined by explore
EXPLORE_WEB := web/explorer.html web/explorer.css web/explorer.js web/vendor/graphology.umd.min.js \
               web/vendor/sigma.min.js web/vendor/LICENSE.graphology.txt web/vendor/LICENSE.sigma.txt
$(BUILD)/explore_assets.c: $(EXPLORE_WEB) src/explore_assets.awk
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -f src/explore_assets.awk $(EXPLORE_WEB) >$@.tmp && mv $@.tmp $@

$(BUILD)/explore_assets.o: $(BUILD)/explore_assets.c
	$(QUIET_CC)$(CC) $(MC_CFLAGS) $(CFLAGS) -c -o $@ $<

# datasets/borders-50m.tsv: the Natural Earth borders of the geo base map
$(BUILD)/borders_table.c: datasets/borders-50m.tsv src/borders_table.awk
	@mkdir -p $(@D)
	$(Q)awk -f src/borders_table.awk datasets/borders-50m.tsv >$@.tmp && mv $@.tmp $@

$(BUILD)/borders_table.o: $(BUILD)/borders_table.c
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

# the end-to-end scripts run in CLI_JOBS processes at once (tests/run-cli.sh MC_JOBS)
CLI_JOBS ?= 2

cli: $(BIN)
	@MC_JOBS=$(CLI_JOBS) MC_SHARED=$(SHARED) METACLUST=$(CURDIR)/$(BIN) sh tests/run-cli.sh

check: deps test-deps
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $(MAKE) --no-print-directory SAN=1 _test

valgrind: deps test-deps
	@$(MAKE) --no-print-directory $(BIN)
	@MC_JOBS=$(CLI_JOBS) MC_SHARED=$(SHARED) MC_VALGRIND=1 METACLUST=$(CURDIR)/$(BIN) sh tests/run-cli.sh

# ---- fuzzing -------------------------------------------------------------
# libFuzzer harnesses (fuzz/*.c) built with clang, ASan and UBSan, against
# the library and command objects compiled with coverage instrumentation.
# `make fuzz-run FUZZ_SECONDS=60` runs each harness in turn on its seed corpus
# (fuzz/corpus/NAME), keeps what it finds in fuzz/work/NAME, and prints the
# executions and coverage reached; a crash fails the target and leaves the
# input in fuzz/work/NAME-crash-*.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ARGS    ?=
FUZZ_BUILD   := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 $(FUZZ_SAN) -Iinclude -Isrc -MMD -MP \
               $(PKG_CFLAGS)
FUZZ_NAMES   := $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_NAMES:%=fuzz/bin/%)
FUZZ_LIB_OBJ := $(LIB_SRC:src/%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/nuts2_table.o \
                $(FUZZ_BUILD)/country_names.o $(FUZZ_BUILD)/explore_assets.o \
                $(FUZZ_BUILD)/borders_table.o
FUZZ_CLI_OBJ := $(filter-out $(FUZZ_BUILD)/main.o,$(CLI_SRC:src/%.c=$(FUZZ_BUILD)/%.o))

fuzz: test-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)

# main.c is linked too, for its command table; libFuzzer brings its own main()
$(FUZZ_BUILD)/main.o: FUZZ_EXTRA := -Dmain=metaclust_main
$(FUZZ_BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_EXTRA) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/nuts2_table.o: $(BUILD)/nuts2_table.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/country_names.o: $(BUILD)/country_names.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/explore_assets.o: $(BUILD)/explore_assets.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/borders_table.o: $(BUILD)/borders_table.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%.o: fuzz/fuzz_%.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

fuzz/bin/fuzz_load: $(FUZZ_BUILD)/fuzz_load.o $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

fuzz/bin/fuzz_cli: $(FUZZ_BUILD)/fuzz_cli.o $(FUZZ_CLI_OBJ) $(FUZZ_BUILD)/main.o $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

fuzz-run: fuzz
	@set -e; for h in $(FUZZ_NAMES); do \
	    mkdir -p fuzz/work/$$h; \
	    dict=""; [ -f fuzz/$$h.dict ] && dict="-dict=$(CURDIR)/fuzz/$$h.dict"; \
	    echo "== $$h: $(FUZZ_SECONDS) s"; \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    nice -n 19 fuzz/bin/$$h -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=20 \
	        -rss_limit_mb=2048 -close_fd_mask=1 -print_final_stats=1 $$dict \
	        -artifact_prefix=$(CURDIR)/fuzz/work/$$h- $(FUZZ_ARGS) \
	        $(CURDIR)/fuzz/work/$$h $(CURDIR)/fuzz/corpus/$$h \
	        >fuzz/work/$$h.log 2>&1 || { tail -60 fuzz/work/$$h.log; exit 1; }; \
	    grep -E '^#[0-9]+' fuzz/work/$$h.log | tail -1; \
	    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' fuzz/work/$$h.log; \
	done

# ---- demo ----------------------------------------------------------------
demo: deps
	@$(MAKE) --no-print-directory _demo

# The showcase: the whole pipeline over every sector of the bundled landscape
# and of the real seed partnerships, with figures, proposals and reports.
_demo: $(BIN)
	./$(BIN) batch datasets/central-europe -o plots/demo --formats png,svg,pdf --title "central-europe: meta-cluster proposals"
	./$(BIN) batch datasets/seed-projects -o plots/seed-projects --sectors none --title "The seed projects: ClusterCOOP, CENTRAMO, Clusters-CORD"
	@echo "demo: open plots/demo/index.html (report: plots/demo/report.md)"

# Headless Chromium opens the demo's index.html from disk: every image must
# load and the page must not be blank (installs chromium when missing).
browser-test: deps
	@sh .ci/apt-install chromium
	@$(MAKE) --no-print-directory $(BIN)
	@METACLUST=$(CURDIR)/$(BIN) sh tests/browser/run.sh

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
	clang-format -i src/*.c include/metaclust/*.h tests/*.c tests/*.h fuzz/*.c

format-check:
	clang-format --dry-run -Werror src/*.c include/metaclust/*.h tests/*.c tests/*.h fuzz/*.c

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_NAMES:%=$(FUZZ_BUILD)/%.d)
# test binaries are compiled with -MMD too: a changed tests/graphs.h rebuilds its users
-include $(TEST_BIN:=.d)
