# Key Account Toolkit for LibreOffice Calc
#   make          build build/keyaccount.oxt
#   make run      install missing packages, build, open the sample in a throwaway profile
#   make check    install missing packages, build, run every test (unit + Calc end to end,
#                 on Debian 12's LibreOffice and on the newer one of bookworm-backports)
#   make fuzz     run every libFuzzer harness for a few minutes (FUZZ_SECONDS each)
#   make sample   rebuild the workbooks of examples/ (tools/make_sample.py)
#   make bench    print the performance table
#   make install  install the .oxt into your own LibreOffice profile (unopkg)

CC       ?= gcc
BUILD    := build
SDK      := /usr/lib/libreoffice/sdk
PROGRAM  := /usr/lib/libreoffice/program
PYTHON   := /usr/bin/python3
XML_CFLAGS := -I/usr/include/libxml2
XML_LIBS   := -lxml2

WARN     := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L
CFLAGS   ?= -O2 -g
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Debian packages the build and the tests need (checked by `make deps`).
DEB_PKGS := gcc make zip unzip libxml2-dev libcmocka-dev libreoffice-calc libreoffice-dev \
            python3-uno python3-numpy python3-scipy valgrind xvfb x11-apps imagemagick fonts-dejavu-core \
            clang libclang-rt-14-dev gettext poppler-utils \
            libreoffice-l10n-lv libreoffice-l10n-uk libreoffice-l10n-sl libreoffice-l10n-ro

# Generated core sources: the dossier schema (src/ka_dossier.rng) embedded as a C string,
# and the translations of po/LINGUAS compiled into tables (tools/po_tool.py, see po/README.md).
TRANSLATIONS := $(BUILD)/gen/ka_translations.c
PO_FILES  := po/LINGUAS $(wildcard po/*.po)
CORE_GEN  := $(if $(wildcard src/ka_dossier.rng),$(BUILD)/gen/ka_dossier_rng.c) $(TRANSLATIONS)
CORE_SRCS := $(sort $(wildcard src/*.c)) $(CORE_GEN)
CORE_HDRS := $(wildcard src/*.h)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))
UNIT_PLAIN := $(patsubst tests/unit/%.c,$(BUILD)/unit-plain/%,$(UNIT_SRCS))

.PHONY: all oxt deps unit valgrind check-po check-languages e2e e2e-newer newer-office check check-asan check-generated generated run sample bench bench-newer screenshot screenshot-reviews install clean format \
        fuzz fuzz-check
all: oxt

deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(BUILD)/gen/ka_dossier_rng.c: src/ka_dossier.rng tools/embed.py
	@mkdir -p $(dir $@)
	$(PYTHON) tools/embed.py $< ka_dossier_rng > $@

$(TRANSLATIONS): $(PO_FILES) tools/po_tool.py
	@mkdir -p $(dir $@)
	$(PYTHON) tools/po_tool.py c > $@.tmp && mv $@.tmp $@

# ---- core unit tests: sanitizer build, and a plain build for valgrind ----
$(BUILD)/unit/%: tests/unit/%.c $(CORE_SRCS) $(CORE_HDRS) tests/unit/ka_test.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) $(XML_CFLAGS) -Isrc -Itests/unit -o $@ $< $(CORE_SRCS) -lcmocka $(XML_LIBS) -lm

$(BUILD)/unit-plain/%: tests/unit/%.c $(CORE_SRCS) $(CORE_HDRS) tests/unit/ka_test.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(XML_CFLAGS) -Isrc -Itests/unit -o $@ $< $(CORE_SRCS) -lcmocka $(XML_LIBS) -lm

# ---- glue unit tests: pure helpers of addin/ without an office ----
# tests/unit/test_glue_*.c link the addin sources listed here and the core;
# sal strings and cppu sequences and anys work without a running office.
# A glue test needing another addin file adds it to GLUE_SRCS.
GLUE_SRCS   := addin/ka_uno.c addin/ka_args.c addin/ka_request.c addin/ka_store.c
GLUE_CFLAGS := -isystem $(SDK)/include -Iaddin
GLUE_LIBS   := -L$(SDK)/lib -Wl,-rpath,$(PROGRAM) -luno_cppu -luno_sal
GLUE_DEPS   := $(GLUE_SRCS) $(wildcard addin/*.h) $(CORE_SRCS) $(CORE_HDRS) tests/unit/ka_test.h

$(BUILD)/unit/test_glue_%: tests/unit/test_glue_%.c $(GLUE_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) $(GLUE_CFLAGS) $(XML_CFLAGS) -Isrc -Itests/unit -o $@ $< \
	  $(GLUE_SRCS) $(CORE_SRCS) -lcmocka $(XML_LIBS) -lm $(GLUE_LIBS)

$(BUILD)/unit-plain/test_glue_%: tests/unit/test_glue_%.c $(GLUE_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(GLUE_CFLAGS) $(XML_CFLAGS) -Isrc -Itests/unit -o $@ $< \
	  $(GLUE_SRCS) $(CORE_SRCS) -lcmocka $(XML_LIBS) -lm $(GLUE_LIBS)

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; KA_TEST_DATA=tests/data $$t; done

valgrind: $(UNIT_PLAIN)
	@set -e; for t in $(UNIT_PLAIN); do echo "== valgrind $$t"; \
	  KA_TEST_DATA=tests/data valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect $$t; done

format:
	clang-format -i src/*.c src/*.h addin/*.c addin/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h

# ---- libFuzzer harnesses of the core (tests/fuzz/, seed corpora in tests/fuzz/corpus/) ----
# tests/fuzz/make_corpus.py writes the seed corpora and the dossier's dictionary.
# `make fuzz` runs each harness for FUZZ_SECONDS from its seed corpus, new
# inputs kept in build/fuzz/corpus/<harness>, crashes (the input that broke the
# contract) in build/fuzz/findings/<harness>/.  `make fuzz-check` (part of
# `make check`) replays the seed corpus and fuzzes FUZZ_CHECK_SECONDS more per
# harness, so that a regression fails the gate.
FUZZ_CC     ?= clang
FUZZ_SAN    := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRCS   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES  := $(patsubst tests/fuzz/%.c,%,$(FUZZ_SRCS))
FUZZ_BINS   := $(addprefix $(BUILD)/fuzz/bin/,$(FUZZ_NAMES))
FUZZ_SECONDS ?= 180
FUZZ_CHECK_SECONDS ?= 10
FUZZ_OPTS   := -rss_limit_mb=1024 -timeout=10 -max_len=4096

$(BUILD)/fuzz/bin/%: tests/fuzz/%.c tests/fuzz/ka_fuzz.h $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(WARN) -O1 -g $(FUZZ_SAN) $(XML_CFLAGS) -Isrc -Itests/fuzz -o $@ $< $(CORE_SRCS) $(XML_LIBS) -lm

fuzz: $(FUZZ_BINS)
	@failed=; for h in $(FUZZ_NAMES); do \
	  mkdir -p $(BUILD)/fuzz/corpus/$$h $(BUILD)/fuzz/findings/$$h; \
	  dict=; if [ -f tests/fuzz/$$h.dict ]; then dict=-dict=tests/fuzz/$$h.dict; fi; \
	  echo "== $$h for $(FUZZ_SECONDS) s"; \
	  $(BUILD)/fuzz/bin/$$h $(FUZZ_OPTS) $$dict -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)/fuzz/findings/$$h/ $(BUILD)/fuzz/corpus/$$h tests/fuzz/corpus/$$h \
	    || failed="$$failed $$h"; \
	done; \
	if [ -n "$$failed" ]; then echo "make fuzz: findings in $(BUILD)/fuzz/findings/ from:$$failed"; exit 1; fi

fuzz-check: $(FUZZ_BINS)
	@set -e; for h in $(FUZZ_NAMES); do \
	  rm -rf $(BUILD)/fuzz/check/$$h && mkdir -p $(BUILD)/fuzz/check/$$h $(BUILD)/fuzz/findings/$$h; \
	  dict=; if [ -f tests/fuzz/$$h.dict ]; then dict=-dict=tests/fuzz/$$h.dict; fi; \
	  echo "== $$h: seed corpus, then $(FUZZ_CHECK_SECONDS) s of fuzzing"; \
	  if ! $(BUILD)/fuzz/bin/$$h $(FUZZ_OPTS) $$dict -max_total_time=$(FUZZ_CHECK_SECONDS) \
	      -artifact_prefix=$(BUILD)/fuzz/findings/$$h/ $(BUILD)/fuzz/check/$$h tests/fuzz/corpus/$$h \
	      > $(BUILD)/fuzz/check/$$h.log 2>&1; then cat $(BUILD)/fuzz/check/$$h.log; exit 1; fi; \
	  grep -E 'INITED|^Done' $(BUILD)/fuzz/check/$$h.log; \
	done
	@echo "fuzz-check: no harness found a broken contract"

clean:
	rm -rf $(BUILD)

# ---- the extension ----
VERSION   := 0.1.0
ADDIN_SRCS := $(sort $(wildcard addin/*.c))
ADDIN_HDRS := $(wildcard addin/*.h)
UNO_CFLAGS := -isystem $(SDK)/include
UNO_LIBS   := -L$(SDK)/lib -luno_cppu -luno_sal
UNOIDL     := $(SDK)/bin/unoidl-write
OXT_FILES  := $(strip $(filter-out registration/Sidebar.xcu registration/OptionsDialog.xcu registration/Addons.xcu,$(wildcard registration/*.xcu)) \
                     $(wildcard registration/*.xcs) $(wildcard registration/*.xdl) $(wildcard registration/icons))
LANGS      := $(shell sed 's/\#.*//' po/LINGUAS)

oxt: $(BUILD)/keyaccount.oxt

# The generator needs only the tables: no parser, no schema, no libxml2.
GEN_SRCS := tools/ka_gen.c src/ka_functions.c src/ka_dossier_fields.c src/ka_messages.c src/ka_i18n.c \
            $(TRANSLATIONS)
$(BUILD)/tools/ka_gen: $(GEN_SRCS) src/ka_functions.h src/ka_dossier_fields.h src/ka_dossier.h src/ka_dossier_private.h \
                      src/ka_form_names.h src/ka_messages.h src/ka_i18n.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -Isrc -o $@ $(GEN_SRCS)

# The IDL and the function reference are generated from the table and kept in
# the repository; `make generated` refreshes them, `make check` compares.
generated: $(BUILD)/tools/ka_gen
	$(BUILD)/tools/ka_gen check
	$(BUILD)/tools/ka_gen idl > idl/XKeyAccount.idl
	$(BUILD)/tools/ka_gen docs > docs/functions.md
	$(BUILD)/tools/ka_gen xdl > registration/DossierPanel.xdl
	$(BUILD)/tools/ka_gen pot > po/keyaccount.pot
	$(BUILD)/tools/ka_gen options > registration/OptionsPage.xdl
	$(PYTHON) tools/splice.py README.md docs/functions.md
	$(PYTHON) tools/arch_diagram.py > docs/architecture.svg

check-generated: $(BUILD)/tools/ka_gen
	@$(BUILD)/tools/ka_gen check || { echo "a Function Wizard text is too long (src/ka_functions.h, KA_WIZARD_SUMMARY_MAX)"; exit 1; }
	@$(BUILD)/tools/ka_gen idl | diff -u idl/XKeyAccount.idl - || { echo "idl/XKeyAccount.idl is stale: run make generated"; exit 1; }
	@$(BUILD)/tools/ka_gen docs | diff -u docs/functions.md - || { echo "docs/functions.md is stale: run make generated"; exit 1; }
	@$(BUILD)/tools/ka_gen xdl | diff -u registration/DossierPanel.xdl - || { echo "registration/DossierPanel.xdl is stale: run make generated"; exit 1; }
	@$(BUILD)/tools/ka_gen pot | diff -u po/keyaccount.pot - || { echo "po/keyaccount.pot is stale: run make generated"; exit 1; }
	@$(BUILD)/tools/ka_gen options | diff -u registration/OptionsPage.xdl - || { echo "registration/OptionsPage.xdl is stale: run make generated"; exit 1; }
	@$(PYTHON) tools/splice.py README.md docs/functions.md --check
	@$(PYTHON) tools/arch_diagram.py --check
	@echo "generated files match the function table"

# The translations: every text of po/keyaccount.pot translated in every
# language of po/LINGUAS, nothing fuzzy or stale, placeholders kept
# (msgfmt --check-format).  check-languages: po/LINGUAS is the five
# languages issue 10 asks for.
check-po:
	@$(PYTHON) tools/po_tool.py lint

check-languages:
	@$(PYTHON) tools/po_tool.py languages

$(BUILD)/oxt/keyaccount.rdb: idl/XKeyAccount.idl
	@mkdir -p $(dir $@)
	$(UNOIDL) $(PROGRAM)/types.rdb $(PROGRAM)/types/offapi.rdb $< $@

# Function ids, argument positions by name and the handler table of the
# add-in, generated from the function table (not kept in the repository).
DISPATCH_H := $(BUILD)/gen/ka_dispatch.h
$(DISPATCH_H): $(BUILD)/tools/ka_gen
	@mkdir -p $(dir $@)
	$(BUILD)/tools/ka_gen dispatch > $@.tmp && mv $@.tmp $@

$(BUILD)/oxt/keyaccount.so: $(ADDIN_SRCS) $(ADDIN_HDRS) $(CORE_SRCS) $(CORE_HDRS) $(DISPATCH_H)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(CFLAGS) -fPIC -shared -fvisibility=hidden $(UNO_CFLAGS) $(XML_CFLAGS) \
	  -Isrc -Iaddin -I$(BUILD)/gen -o $@ $(ADDIN_SRCS) $(CORE_SRCS) -Wl,--no-undefined $(UNO_LIBS) $(XML_LIBS) -lm -lpthread

$(BUILD)/keyaccount.oxt: $(BUILD)/oxt/keyaccount.so $(BUILD)/oxt/keyaccount.rdb registration/description.xml \
                         registration/keyaccount.components registration/META-INF/manifest.xml $(OXT_FILES) LICENSE \
                         registration/Sidebar.xcu registration/OptionsDialog.xcu registration/Addons.xcu po/keyaccount.pot $(PO_FILES) tools/po_tool.py $(BUILD)/tools/ka_gen
	@mkdir -p $(BUILD)/oxt/META-INF $(BUILD)/oxt/description
	rm -rf $(BUILD)/oxt/description
	$(PYTHON) tools/po_tool.py oxt $(BUILD)/oxt
	sed -i 's/@VERSION@/$(VERSION)/' $(BUILD)/oxt/description.xml
	cp registration/keyaccount.components $(BUILD)/oxt/
	cp registration/META-INF/manifest.xml $(BUILD)/oxt/META-INF/
	cp LICENSE $(BUILD)/oxt/
	$(if $(OXT_FILES),cp -r $(OXT_FILES) $(BUILD)/oxt/)
	for l in $(LANGS); do $(BUILD)/tools/ka_gen xdl $$l > $(BUILD)/oxt/DossierPanel-$$l.xdl; done
	rm -f $@ && cd $(BUILD)/oxt && zip -q -r ../keyaccount.oxt .
	@echo "built $@"

# ---- end-to-end tests in a real headless LibreOffice ----
$(BUILD)/functions.json: $(BUILD)/tools/ka_gen
	$(BUILD)/tools/ka_gen json > $@

e2e: $(BUILD)/keyaccount.oxt $(BUILD)/functions.json
	KA_E2E_SUMMARY=$(BUILD)/e2e.summary $(PYTHON) tests/e2e/run.py $(E2E)

# The newer LibreOffice of the machine's Debian backports suite, unpacked
# under build/lo-backports by bench/newer_office.sh: nothing is installed, the
# system's office stays.  The script runs every time: when the unpacked office
# is still the one the mirror offers it only refreshes apt's lists (seconds).
NEWER := $(abspath $(BUILD))/lo-backports
newer-office:
	bench/newer_office.sh $(NEWER)

# The same end-to-end suite against the newer office, with profiles of its own.
e2e-newer: $(BUILD)/keyaccount.oxt $(BUILD)/functions.json newer-office
	. $(NEWER)/env && KA_TEST_PROFILE=$(NEWER)/test-profile KA_E2E_SUMMARY=$(BUILD)/e2e-newer.summary \
		$(PYTHON) tests/e2e/run.py $(E2E)

check: deps
	rm -f $(BUILD)/e2e.summary $(BUILD)/e2e-newer.summary
	$(MAKE) check-generated check-po check-languages unit valgrind fuzz-check e2e e2e-newer check-asan
	@cat $(BUILD)/e2e.summary $(BUILD)/e2e-newer.summary
	@echo "make check: all tests passed"

# ---- the sample workbook, the benchmark, installation ----
SAMPLE := examples/keyaccount-sample.ods

run: deps
	$(MAKE) oxt
	$(PYTHON) tools/run_sample.py $(SAMPLE)

# Rebuilds both workbooks of examples/ (docs/sample.md); commit them after.
sample: $(BUILD)/keyaccount.oxt
	$(PYTHON) tools/make_sample.py

# The C core alone, timed by the bench's core, summary, spend and clv sections.
BENCH_CORE_SRCS := bench/bench_bgnbd.c src/ka_bgnbd.c src/ka_clv.c src/ka_hyp2f1.c src/ka_optim.c src/ka_special.c \
	src/ka_spend.c src/ka_summary.c
$(BUILD)/bench_bgnbd: $(BENCH_CORE_SRCS) $(wildcard src/*.h)
	@mkdir -p $(BUILD)
	$(CC) $(CSTD) $(WARN) -O2 -Isrc -o $@ $(BENCH_CORE_SRCS) -lm

bench: $(BUILD)/keyaccount.oxt $(BUILD)/bench_bgnbd
	$(PYTHON) bench/run_bench.py

# The same benchmark (without the dossier part) against the newer LibreOffice.
bench-newer: $(BUILD)/keyaccount.oxt $(BUILD)/bench_bgnbd newer-office
	. $(NEWER)/env && KA_BENCH_PROFILE=$(NEWER)/bench-profile KA_BENCH_OUT=$(BUILD)/bench-newer.txt \
		$(PYTHON) bench/run_bench.py abcfill abcarray groups xyz bgnbd summary churn spend pnbd clv core periods rfm migration

# Refreshes the README's picture of the sidebar (Calc under Xvfb); with
# LANG_UI=lv in that interface language, docs/sidebar-lv.png.
LANG_UI ?=
SHOT_NAME := sidebar$(if $(LANG_UI),-$(LANG_UI)).png
screenshot: $(BUILD)/keyaccount.oxt $(BUILD)/functions.json
	KA_SCREENSHOT_LANG=$(LANG_UI) $(PYTHON) tests/e2e/run.py test_screenshot.py
	cp $(BUILD)/$(SHOT_NAME) docs/$(SHOT_NAME)

# Refreshes the README's pictures of the sample's review sheets (Calc under
# Xvfb, tests/e2e/test_screenshot.py ReviewScreenshots: the charts are drawn).
screenshot-reviews: $(BUILD)/keyaccount.oxt $(BUILD)/functions.json
	$(PYTHON) tests/e2e/run.py test_screenshot.ReviewScreenshots
	cp $(BUILD)/sales-review.png $(BUILD)/churn-review.png docs/

install: $(BUILD)/keyaccount.oxt
	unopkg add --force --suppress-license $(BUILD)/keyaccount.oxt
	@echo "installed into your LibreOffice profile; restart LibreOffice"

# ---- the add-in itself under AddressSanitizer/UBSan, inside a real office ----
# The .so is built with sanitizers and soffice gets the runtime preloaded.
# Tests that save files are left out: saving makes LibreOffice start gpg,
# which hangs with the sanitizer runtime preloaded.
ASAN_RT := $(shell gcc -print-file-name=libasan.so)
ASAN_E2E := test_segmentation.py test_churn.py test_examples.py test_addin.FunctionWizard \
            test_dossier.Dossier.test_edit_save_and_use_in_formulas \
            test_dossier.Dossier.test_cursor_filter_and_delete test_dossier.HostileWorkbooks \
            test_dossier.ChangedElsewhere

$(BUILD)/asan/keyaccount.oxt: $(BUILD)/keyaccount.oxt $(ADDIN_SRCS) $(CORE_SRCS) $(DISPATCH_H)
	rm -rf $(BUILD)/asan/oxt && mkdir -p $(BUILD)/asan && cp -r $(BUILD)/oxt $(BUILD)/asan/oxt
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) -fPIC -shared -fvisibility=hidden $(UNO_CFLAGS) $(XML_CFLAGS) \
	  -Isrc -Iaddin -I$(BUILD)/gen -o $(BUILD)/asan/oxt/keyaccount.so $(ADDIN_SRCS) $(CORE_SRCS) $(UNO_LIBS) $(XML_LIBS) -lm -lpthread
	rm -f $@ && cd $(BUILD)/asan/oxt && zip -q -r ../keyaccount.oxt .

check-asan: $(BUILD)/asan/keyaccount.oxt $(BUILD)/functions.json
	rm -f $(BUILD)/asan/report.*
	KA_TEST_OXT=$(BUILD)/asan/keyaccount.oxt KA_TEST_PROFILE=$(BUILD)/asan-profile \
	KA_SOFFICE_PRELOAD=$(ASAN_RT) \
	ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:log_path=$(CURDIR)/$(BUILD)/asan/report \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(CURDIR)/$(BUILD)/asan/report \
	$(PYTHON) tests/e2e/run.py $(ASAN_E2E)
	@if ls $(BUILD)/asan/report.* >/dev/null 2>&1; then cat $(BUILD)/asan/report.*; exit 1; fi
	@echo "check-asan: no sanitizer report"
