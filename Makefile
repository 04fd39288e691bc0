# Everything installs into .venv on first use; a fresh clone needs only python3 (3.11+) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test bench check routes dist dev clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/vn play scripts

# for writers: the game reloads scripts/ whenever a file there is saved
dev: $(STAMP)
	$(BIN)/vn play scripts --dev

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -q

# the executable's figures need a fresh build
bench: $(STAMP) dist
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m bench

check: $(STAMP)
	$(BIN)/vn check scripts

routes: $(STAMP)
	$(BIN)/vn routes scripts

# one-folder executable in dist/dead-mans-click/
dist: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	dist/dead-mans-click/dead-mans-click --selftest

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
