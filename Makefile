# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
# ccache, when the machine has it, makes rebuilds in fresh clones cheap; it is not required.
CMAKE_GEN  := -G Ninja $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

.PHONY: all bootstrap configure build run test test-unit test-asan check-layering bench bench-compare clean web
.PHONY: fuzz-build test-fuzz fuzz test-faults hardening

all: build

bootstrap:
	@scripts/bootstrap

configure: bootstrap
	@cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: the dashboard and API on http://127.0.0.1:8400, on the default SQLite journal.
run: build web
	$(BUILD)/bin/speciosa serve --port 8400

test: build web test-asan check-layering test-fuzz
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Unit tests and the SQLite journal suite (label asan) again under AddressSanitizer + UBSan.
test-asan: bootstrap
	@cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DSPECIOSA_SANITIZE=ON \
	  -DSPECIOSA_BUILD_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target unit_tests journal_sqlite_test
	ctest --test-dir $(ASAN_BUILD) -L 'unit|asan' --output-on-failure -j $(JOBS)

# The dashboard (web/dist, served by `speciosa serve`). `npm ci` only when the lock file is newer
# than the installed tree; no browser is ever downloaded (the tests use Debian's chromium).
web: bootstrap
	@cd web && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi && npm run build --silent

check-layering:
	@scripts/check-layering

# Fuzzing (fuzz/): the parsers' libraries with libFuzzer coverage, ASan and UBSan, built with
# clang in their own directory. `test-fuzz` runs each harness briefly; `fuzz` runs it longer.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 300
fuzz-build: bootstrap
	@cmake -S . -B $(FUZZ_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DSPECIOSA_FUZZ=ON -DSPECIOSA_BUILD_TESTS=OFF -DSPECIOSA_BUILD_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers

test-fuzz: fuzz-build
	fuzz/run $(FUZZ_BUILD) 10

fuzz: fuzz-build
	fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Storage faults, data-rights deletion and SIGKILL durability on both backends.
test-faults: build
	ctest --test-dir $(BUILD) -L 'faults|journal' --output-on-failure

# The long run: every fuzzer for FUZZ_SECONDS, then the faults with 200 SIGKILL rounds per backend.
hardening: fuzz test-faults
	tests/e2e/journal_sigkill.sh $(BUILD)/bin/speciosa 200
	scripts/pg-throwaway tests/e2e/journal_sigkill.sh $(BUILD)/bin/speciosa 200

bench: build
	$(BUILD)/bin/speciosa_bench --benchmark_min_time=0.2

# speciosa vs R deSolve and SciPy on the same PK model (installs R and SciPy if missing).
bench-compare: build
	/usr/bin/python3 bench/compare/run.py --build $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
