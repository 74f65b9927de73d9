# The two commands of the README's quick start, and their parts.
BUILD_DIR ?= build
JOBS ?= 2
EXAMPLES := order-859

.PHONY: demo test build deps test-deps clean

demo: deps build
	@mkdir -p out
	@for example in $(EXAMPLES); do \
	  $(BUILD_DIR)/docgen render templates/order.xml examples/$$example/data.json \
	    -o out/$$example.pdf -o out/$$example.docx || exit 1; \
	  echo "out/$$example.pdf"; \
	  echo "out/$$example.docx"; \
	done

test: test-deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

deps:
	@scripts/deps.sh build

test-deps:
	@scripts/deps.sh test

build:
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) -- --no-print-directory

clean:
	rm -rf $(BUILD_DIR) out
