# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
CMAKE_GEN  := -G Ninja

.PHONY: all bootstrap configure build run test test-unit test-asan check-layering bench clean web

all: build

bootstrap:
	@scripts/bootstrap

configure: bootstrap
	@cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Until the dashboard exists, the main job is the demonstration run.
run: build web
	$(BUILD)/bin/speciosa demo --plot $(BUILD)/demo.png

test: build web test-asan check-layering
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: bootstrap
	@cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DSPECIOSA_SANITIZE=ON \
	  -DSPECIOSA_BUILD_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target unit_tests
	ctest --test-dir $(ASAN_BUILD) -L unit --output-on-failure -j $(JOBS)

# The dashboard (web/dist, served by `speciosa serve`). `npm ci` only when the lock file is newer
# than the installed tree; no browser is ever downloaded (the tests use Debian's chromium).
web: bootstrap
	@cd web && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi && npm run build --silent

check-layering:
	@scripts/check-layering

bench: build
	$(BUILD)/bin/speciosa_bench --benchmark_min_time=0.2

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
