# Diptych: `make run` starts the window on the sample pair, `make test` runs the whole suite.
# Both create .venv and install what they need on a fresh clone (system libraries too, as root on Debian).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLES := resources/samples/reference-003.txt resources/samples/review-000.txt
# Libraries Qt's xcb/offscreen plugins load that a bare Debian lacks; xvfb/xauth for screenshots.
SYSTEM_PACKAGES := libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
	libfreetype6 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libxcb-xkb1 \
	libx11-xcb1 fonts-dejavu-core xvfb xauth \
	xdg-utils libfile-mimeinfo-perl desktop-file-utils shared-mime-info

.PHONY: run test lint unit system-deps bytecode bench fuzz package smoke-bundle screenshot clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,cluster]"
	@touch $@

# The package's bytecode, written ahead: a process that may not write it (PYTHONDONTWRITEBYTECODE)
# would otherwise compile the sources again at every start (60-70 ms of every `diptych align`).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q desktop/diptych >/dev/null

system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && command -v dpkg >/dev/null; then \
		missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then echo "installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi; \
	fi

run: system-deps $(STAMP) bytecode
	$(BIN)/diptych $(SAMPLES)

lint: $(STAMP)
	$(BIN)/ruff check desktop tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

unit: system-deps $(STAMP)
	$(BIN)/python -m pytest -q

test: system-deps $(STAMP) bytecode lint
	$(BIN)/python -m pytest -q

bench: system-deps $(STAMP) bytecode
	$(BIN)/python bench/run.py

fuzz: $(STAMP)
	DIPTYCH_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q -m fuzz -p no:randomly

package: system-deps $(STAMP)
	$(BIN)/python -m pip install --quiet pyinstaller
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/diptych.spec
	du -sh dist/diptych
	$(MAKE) smoke-bundle

# The frozen bundle starts, loads the bundled sample pair, links and paints: offscreen, then on an X server.
# On Linux the bundle links in a separate process (its forkserver is the bundle's executable again).
smoke-bundle:
	QT_QPA_PLATFORM=offscreen dist/diptych/diptych --smoke-test | tee /dev/stderr | grep -q "linked in a separate process"
	xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb dist/diptych/diptych --smoke-test

screenshot: system-deps $(STAMP)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/diptych --screenshot docs/screenshot.png $(SAMPLES)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/diptych --screenshot docs/first-run.png

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
