# The two commands of the README's quick start, and their parts.
BUILD_DIR ?= build
JOBS ?= 2

.PHONY: demo test build deps test-deps clean

demo: deps build
	@scripts/demo.sh

test: test-deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DDOCGEN_REQUIRE_TESTS=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) -- --no-print-directory
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --no-tests=error

deps:
	@scripts/deps.sh build

test-deps:
	@scripts/deps.sh test

build:
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) -- --no-print-directory

clean:
	rm -rf $(BUILD_DIR) out
