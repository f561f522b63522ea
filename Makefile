# htx — make demo | make test | make bench
SWIFT ?= swift
SYSTEM_PACKAGES := libsqlite3-dev fonts-liberation2
# Tools the tests use to check rendered documents (tests that need one skip without it).
TEST_PACKAGES := qpdf poppler-utils pandoc libreoffice-writer-nogui chromium chromium-driver python3-icu
DEMO_DIR := Exports/demo

.PHONY: all deps test-tools bench-tools build demo test bench load fuzz clean lint install install-files manuals

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

# The tools make bench compares htx with (PyPI), installed when missing; without one its comparison is skipped.
BENCH_PYTHON_PACKAGES := sqlite-utils typst weasyprint datasette ortools pyvroom
bench-tools: test-tools
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; } || echo "Could not install wrk (the web benchmark will be skipped)"
	@for p in $(BENCH_PYTHON_PACKAGES); do \
	  python3 -m pip show $$p >/dev/null 2>&1 || python3 -m pip install -q $$p >/dev/null 2>&1 || echo "Could not install $$p (its comparison will be skipped)"; \
	done

# Release build, then the benchmarks; figures go to stdout and Exports/bench/.
bench: deps bench-tools
	$(SWIFT) build -c release --product htx
	$(SWIFT) build -c release --product htx-bench
	.build/release/htx-bench --htx .build/release/htx --out Exports/bench
	.build/release/htx-bench --htx .build/release/htx --out Exports/bench --mixed-load 60

# The signed-in mixed read/write load alone (wrk, 60 s): no server error, history complete, integrity ok.
load: deps bench-tools
	$(SWIFT) build -c release --product htx
	$(SWIFT) build -c release --product htx-bench
	.build/release/htx-bench --htx .build/release/htx --out Exports/bench --mixed-load 60

# libFuzzer run of every parser target for FUZZ_SECONDS each (ASan + coverage build in .build/fuzz).
# New inputs go to .build/fuzz/corpus/TARGET, crashes to .build/fuzz/crashes/; keep a crash as a regression
# test by copying it into Tests/HTXFuzzingTests/Corpus/TARGET/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := csv xlsx sheet taxcode phone search profile itinerary
FUZZ_DIR := .build/fuzz
# Leaks are checked after every input (libFuzzer -detect_leaks); the at-exit check is off because caches that
# live as long as the process (GRDB's statement cache) are not leaks. Known leaks in dependencies are listed here:
FUZZ_SUPPRESSIONS := Tests/HTXFuzzingTests/lsan-suppressions.txt
fuzz: deps
	$(SWIFT) build --product htx-fuzz --scratch-path $(FUZZ_DIR) -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DHTX_FUZZ
	@status=0; mkdir -p $(FUZZ_DIR)/crashes; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	  HTX_FUZZ_TARGET=$$t SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=leak_check_at_exit=0 LSAN_OPTIONS=suppressions=$(FUZZ_SUPPRESSIONS) \
	    $(FUZZ_DIR)/debug/htx-fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=65536 -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/crashes/$$t- \
	    $(FUZZ_DIR)/corpus/$$t Tests/HTXFuzzingTests/Corpus/$$t > $(FUZZ_DIR)/$$t.log 2>&1 \
	    || { status=1; echo "$$t: FAILED, see $(FUZZ_DIR)/$$t.log and $(FUZZ_DIR)/crashes/"; }; \
	  printf '%-10s %s executions, %s inputs in corpus, peak %s MB\n' $$t \
	    "$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/$$t.log | tail -1)" \
	    "$$(ls $(FUZZ_DIR)/corpus/$$t | wc -l)" "$$(sed -n 's/^stat::peak_rss_mb: *//p' $(FUZZ_DIR)/$$t.log | tail -1)"; \
	done; exit $$status

clean:
	rm -rf .build Exports/demo Exports/bench

# make install [PREFIX=/usr/local] (SPEC §13): a release htx with the Swift runtime linked in, its seeds in
# PREFIX/share/htx/Seeds (where the installed htx looks, beside itself), the man pages generated from the command
# definitions (one per subcommand), and bash/zsh/fish completions.
PREFIX ?= /usr/local
DESTDIR ?=
MANUALS_DIR ?= .build/manuals
install: deps
	$(SWIFT) build -c release --static-swift-stdlib --product htx
	$(MAKE) manuals HTX_BINARY=.build/release/htx
	$(MAKE) install-files HTX_BINARY=.build/release/htx MANUALS=$(MANUALS_DIR) STRIP=yes

# The man pages, one per command, from the command definitions (`htx --experimental-dump-help`) by
# Tools/manpages.py. swift-argument-parser's own generate-manual plugin is not used: it drops every non-ASCII
# character, so the Vietnamese help would read "Danh mc HTX in hnh".
manuals:
	python3 Tools/manpages.py "$(HTX_BINARY)" "$(MANUALS_DIR)"

# Copies an htx already built (HTX_BINARY), the seeds, the completions and, when MANUALS names their folder, the man
# pages into PREFIX; the install test calls it with the debug build.
HTX_BINARY ?= .build/release/htx
MANUALS ?=
# STRIP=yes drops the symbols from the installed binary (about 180 MB to a quarter of it).
STRIP ?=
install-files:
	@root="$(DESTDIR)$(PREFIX)"; set -e; \
	install -d "$$root/bin" "$$root/share/htx/Seeds/web/templates" "$$root/share/htx/Seeds/web/static" \
	  "$$root/share/man/man1" "$$root/share/bash-completion/completions" "$$root/share/zsh/site-functions" \
	  "$$root/share/fish/vendor_completions.d"; \
	install -m 0755 "$(HTX_BINARY)" "$$root/bin/htx"; \
	if [ -n "$(STRIP)" ]; then strip "$$root/bin/htx"; fi; \
	(cd Seeds && find . -type f -print0 | xargs -0 -I{} install -D -m 0644 {} "$$root/share/htx/Seeds/{}"); \
	if [ -n "$(MANUALS)" ]; then install -m 0644 "$(MANUALS)"/*.1 "$$root/share/man/man1/"; fi; \
	"$$root/bin/htx" --generate-completion-script bash > "$$root/share/bash-completion/completions/htx"; \
	"$$root/bin/htx" --generate-completion-script zsh > "$$root/share/zsh/site-functions/_htx"; \
	"$$root/bin/htx" --generate-completion-script fish > "$$root/share/fish/vendor_completions.d/htx.fish"; \
	echo "Installed htx in $$root/bin, seeds in $$root/share/htx/Seeds"

# House style: swift-format's lint, strict (120 columns, no force unwraps or force tries in Sources, documentation
# comments, ordered imports; Tests/.swift-format allows force unwraps in tests), and no line over 120 characters
# anywhere (the formatter cannot break a long string literal; awk here counts bytes, so Python counts characters).
lint:
	$(SWIFT) format lint --strict --configuration .swift-format --recursive Package.swift Sources
	$(SWIFT) format lint --strict --configuration Tests/.swift-format --recursive Tests
	@python3 -c 'import pathlib, sys; long = [f"{p}:{n}: {len(l)} columns" for p in sorted(pathlib.Path(".").glob("[ST]*/**/*.swift")) for n, l in enumerate(p.read_text(encoding="utf-8").split("\n"), 1) if len(l) > 120]; print("\n".join(long[:20])); sys.exit(1 if long else 0)'
