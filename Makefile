# htx — make demo | make test | make bench
SWIFT ?= swift
SYSTEM_PACKAGES := libsqlite3-dev fonts-liberation2
# Tools the tests use to check rendered documents (tests that need one skip without it).
TEST_PACKAGES := qpdf poppler-utils pandoc
DEMO_DIR := Exports/demo

.PHONY: all deps test-tools build demo test bench clean

all: build

# Installs the system packages htx needs when they are missing: with apt as root, else says what to run.
deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null || { echo "apt-get failed; install:$$missing"; exit 1; }; \
	  else \
	    echo "Missing system packages:$$missing"; echo "Run: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

# Builds, then writes the sample catalog and what htx makes of it to Exports/demo/.
demo: build
	$(SWIFT) run htx demo --out $(DEMO_DIR)

# Installs the document-checking tools when root and missing; never fails the build over them.
test-tools:
	@missing=""; \
	for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null 2>&1 || echo "Could not install:$$missing (document checks will be skipped)"; \
	elif [ -n "$$missing" ]; then echo "Optional test tools missing:$$missing (document checks will be skipped)"; fi

# Builds and runs every test (unit, catalog, command line).
test: deps test-tools
	$(SWIFT) build --build-tests
	$(SWIFT) test

# Release build, then the benchmarks; figures go to stdout and Exports/bench/.
bench: deps
	$(SWIFT) build -c release --product htx
	$(SWIFT) build -c release --product htx-bench
	.build/release/htx-bench --htx .build/release/htx --out Exports/bench

clean:
	rm -rf .build Exports/demo Exports/bench
