# The two commands of the README's quick start, and their parts.
BUILD_DIR ?= build
SANITIZE_DIR ?= build-sanitize
FUZZ_DIR ?= build-fuzz
JOBS ?= 2
FUZZ_SECONDS ?= 60

.PHONY: demo test build deps test-deps sanitize sanitize-build fuzz clean

demo: deps build
	@scripts/demo.sh

# Every test in the ordinary build, then the unit tests and the fuzz corpora
# again under AddressSanitizer and UndefinedBehaviorSanitizer.
test: test-deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DDOCGEN_REQUIRE_TESTS=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) -- --no-print-directory
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --no-tests=error
	@$(MAKE) --no-print-directory sanitize

# clang with AddressSanitizer and UndefinedBehaviorSanitizer. The tests that
# render the example region's whole cycle run in the ordinary build only (under
# the sanitizers they take minutes); the cluster-results fuzz corpus takes the
# same paths through the analysis and the three monitoring documents here.
sanitize-build: test-deps
	@cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DDOCGEN_SANITIZE=ON -DDOCGEN_REQUIRE_TESTS=ON >/dev/null
	@cmake --build $(SANITIZE_DIR) -j $(JOBS) -- --no-print-directory

sanitize: sanitize-build
	cd $(SANITIZE_DIR) && ctest --output-on-failure -j $(JOBS) --no-tests=error \
	  -E '^(ExampleRegion|Cycle|References)\.'

# Each fuzz harness for FUZZ_SECONDS (docs/architecture.md, "Fuzzing"), built
# as libFuzzer targets with the sanitizers in $(FUZZ_DIR).
fuzz: test-deps
	@cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DDOCGEN_SANITIZE=ON -DDOCGEN_FUZZ=ON -DDOCGEN_REQUIRE_TESTS=ON >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS) -- --no-print-directory
	@scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

deps:
	@scripts/deps.sh build

test-deps:
	@scripts/deps.sh test

build:
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) -- --no-print-directory

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR) out
