# Key Account Toolkit for LibreOffice Calc
#   make          build build/keyaccount.oxt
#   make run      install missing packages, build, open the sample in a throwaway profile
#   make check    install missing packages, build, run every test (unit + Calc end to end)
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
            python3-uno valgrind xvfb x11-apps imagemagick fonts-dejavu-core

CORE_SRCS := $(sort $(wildcard src/*.c))
CORE_HDRS := $(wildcard src/*.h)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))
UNIT_PLAIN := $(patsubst tests/unit/%.c,$(BUILD)/unit-plain/%,$(UNIT_SRCS))

.PHONY: all deps unit valgrind check run bench install clean format
all: oxt

deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

# ---- core unit tests: sanitizer build, and a plain build for valgrind ----
$(BUILD)/unit/%: tests/unit/%.c $(CORE_SRCS) $(CORE_HDRS) tests/unit/ka_test.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) $(XML_CFLAGS) -Isrc -Itests/unit -o $@ $< $(CORE_SRCS) -lcmocka $(XML_LIBS) -lm

$(BUILD)/unit-plain/%: tests/unit/%.c $(CORE_SRCS) $(CORE_HDRS) tests/unit/ka_test.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(XML_CFLAGS) -Isrc -Itests/unit -o $@ $< $(CORE_SRCS) -lcmocka $(XML_LIBS) -lm

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; KA_TEST_DATA=tests/data $$t; done

valgrind: $(UNIT_PLAIN)
	@set -e; for t in $(UNIT_PLAIN); do echo "== valgrind $$t"; \
	  KA_TEST_DATA=tests/data valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect $$t; done

format:
	clang-format -i src/*.c src/*.h addin/*.c addin/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf $(BUILD)
